//! Merge patches (RFC 7396): what an update sends, checked per provider with the same rules a
//! create is, and the patch schema that says the same.

use serde_json::Value;
use unified_core::{Code, Target, UnifiedModel};
use unified_models::providers as shipped;
use unified_models::ticketing::users::UserCreateBody;
use unified_tests::reference_validator;

unified_core::providers! {
    /// The providers of the test model.
    pub mod providers {
        acme => "Acme",
        beta => "Beta",
    }
}

/// A contact: a name Acme requires, an address both take (merged member by member), tags (a
/// list, replaced whole) and Beta's fax.
#[derive(UnifiedModel)]
struct Contact {
    /// The name.
    #[required(acme)]
    #[supported(beta)]
    #[unified(max_length = 20)]
    name: Option<String>,
    /// Where they live.
    address: Option<Address>,
    /// Labels.
    #[unified(min_items = 1)]
    tags: Option<Vec<Tag>>,
    /// Beta's fax.
    #[supported(beta)]
    fax: Option<String>,
}

/// An address: a street every provider requires, a city.
#[derive(UnifiedModel)]
struct Address {
    /// The street.
    street: String,
    /// The city.
    city: Option<String>,
}

/// A label.
#[derive(UnifiedModel)]
struct Tag {
    /// Its text.
    label: String,
    /// Its colour.
    colour: Option<String>,
}

fn codes(report: &unified_core::Report) -> Vec<(String, Code)> {
    report
        .codes()
        .map(|(pointer, code)| (pointer.to_owned(), code))
        .collect()
}

#[test]
fn an_absent_field_is_left_and_null_clears_what_the_provider_does_not_require() {
    let empty = unified_core::json!({});
    assert!(Contact::validate_patch(&empty, providers::acme).is_valid());
    assert!(!Contact::validate(&empty, providers::acme).is_valid());

    let cleared = unified_core::json!({"name": null, "fax": null});
    assert!(Contact::validate_patch(&cleared, providers::beta).is_valid());
    let report = Contact::validate_patch(&cleared, providers::acme);
    assert_eq!(
        codes(&report),
        [
            ("/name".to_owned(), Code::Cleared),
            ("/fax".to_owned(), Code::Unsupported)
        ]
    );
    assert_eq!(
        report.errors()[0].message,
        "cannot be cleared (required by Acme)"
    );
    assert_eq!(report.errors()[0].params["provider"], "Acme");
}

#[test]
fn objects_merge_member_by_member_and_lists_replace_whole() {
    // The street is required of an address, but a patch of one may leave it as it is.
    let city = unified_core::json!({"address": {"city": "Leeds"}});
    assert!(Contact::validate_patch(&city, providers::acme).is_valid());
    assert_eq!(
        codes(&Contact::validate(&city, providers::acme)),
        [
            ("/address/street".to_owned(), Code::Required),
            ("/name".to_owned(), Code::Required)
        ]
    );
    // ... and not clear it; the address itself may be cleared.
    let street = unified_core::json!({"address": {"street": null, "city": null}});
    assert_eq!(
        codes(&Contact::validate_patch(&street, providers::acme)),
        [("/address/street".to_owned(), Code::Cleared)]
    );
    assert!(
        Contact::validate_patch(&unified_core::json!({"address": null}), providers::acme)
            .is_valid()
    );
    // A list is a whole new value: each item keeps every rule, and so does the list.
    let tags = unified_core::json!({"tags": [{"colour": "red"}]});
    assert_eq!(
        codes(&Contact::validate_patch(&tags, providers::beta)),
        [("/tags/0/label".to_owned(), Code::Required)]
    );
    assert_eq!(
        codes(&Contact::validate_patch(
            &unified_core::json!({"tags": []}),
            providers::beta
        )),
        [("/tags".to_owned(), Code::MinItems)]
    );
}

#[test]
fn every_rule_holds_for_a_value_that_is_set() {
    let long =
        unified_core::json!({"name": "a name far longer than twenty", "address": {"city": 1}});
    assert_eq!(
        codes(&Contact::validate_patch(&long, providers::acme)),
        [
            ("/name".to_owned(), Code::MaxLength),
            ("/address/city".to_owned(), Code::Type)
        ]
    );
    // A required field set empty is `empty`, as on a create.
    assert_eq!(
        codes(&Contact::validate_patch(
            &unified_core::json!({"name": ""}),
            providers::acme
        )),
        [("/name".to_owned(), Code::Empty)]
    );
    // Not an object at all.
    assert_eq!(
        codes(&Contact::validate_patch(
            &unified_core::json!([]),
            providers::acme
        )),
        [("".to_owned(), Code::Type)]
    );
    assert_eq!(
        codes(&Contact::validate_patch(
            &unified_core::json!(null),
            providers::acme
        )),
        [("".to_owned(), Code::Type)]
    );
}

#[test]
fn text_and_documents_give_the_same_patch_report() {
    let text =
        br#"{"name": null, "emails": [{"is_primary": true}], "avatar": "not a uri", "x": 1}"#;
    let parsed: Value = serde_json::from_slice(text).unwrap();
    let ordered: unified_core::json::Value = serde_json::from_slice(text).unwrap();
    for view in Target::<shipped::Set>::all() {
        let from_text = UserCreateBody::validate_patch_slice(text, view);
        assert_eq!(
            from_text,
            UserCreateBody::validate_patch(&ordered, view),
            "{view:?}"
        );
        let mut sorted = from_text.errors().to_vec();
        let mut from_value = UserCreateBody::validate_patch(&parsed, view)
            .errors()
            .to_vec();
        sorted.sort_by(|a, b| a.pointer.cmp(&b.pointer));
        from_value.sort_by(|a, b| a.pointer.cmp(&b.pointer));
        assert_eq!(sorted, from_value, "{view:?}");
        assert_eq!(
            UserCreateBody::is_valid_patch_slice(text, view),
            from_text.is_valid()
        );
        assert!(!from_text.is_valid());
    }
    // Dixa requires a name: clearing it is refused, with a code of its own.
    let dixa = UserCreateBody::validate_patch_slice(text, shipped::dixa);
    assert_eq!(dixa.errors()[0].pointer, "/name");
    assert_eq!(dixa.errors()[0].code, Code::Cleared);
    assert!(UserCreateBody::is_valid_patch_slice(
        br#"{"name": null}"#,
        shipped::freshchat
    ));
    assert!(UserCreateBody::is_valid_patch_slice(
        b"{}",
        shipped::qualtrics_corexm
    ));
    assert_eq!(
        UserCreateBody::validate_patch_slice(b"{", shipped::dixa).errors()[0].code,
        Code::Json
    );
}

#[test]
fn the_patch_schema_says_what_the_patch_validator_does() {
    let cases = [
        unified_core::json!({}),
        unified_core::json!({"name": null}),
        unified_core::json!({"name": "Ada"}),
        unified_core::json!({"name": ""}),
        unified_core::json!({"fax": null}),
        unified_core::json!({"address": {"city": "Leeds"}}),
        unified_core::json!({"address": {"street": null}}),
        unified_core::json!({"address": null}),
        unified_core::json!({"tags": [{"colour": "red"}]}),
        unified_core::json!({"tags": [{"label": "a"}]}),
        unified_core::json!({"tags": []}),
        unified_core::json!({"tags": null}),
        unified_core::json!({"other": 1}),
    ];
    for view in Target::<providers::Set>::all() {
        let schema: Value =
            serde_json::from_str(&Contact::patch_schema_for(view).to_string()).unwrap();
        assert!(schema.get("required").is_none(), "{schema}");
        let reference = reference_validator(&schema);
        for case in &cases {
            let document: Value = case.to_serde_json();
            assert_eq!(
                Contact::is_valid_patch(case, view),
                reference.is_valid(&document),
                "{view:?} {case}: {}",
                Contact::validate_patch(case, view)
            );
        }
    }
}

#[test]
fn a_typed_patch_holds_what_the_provider_lets_an_update_do() {
    use unified_core::Patch;
    let text = br#"{"name": "Ada", "address": {"city": null}, "tags": [{"label": "x"}]}"#;
    let patch: ContactPatchForAcme = Contact::patch_from_slice::<providers::acme>(text).unwrap();
    // Acme requires the name: left or set, never cleared.
    let name: Option<String> = patch.name.clone();
    assert_eq!(name.as_deref(), Some("Ada"));
    // The address merges: its street (required) left, its city cleared.
    let Patch::Set(address) = &patch.address else {
        panic!("the address is set: {patch:?}");
    };
    assert_eq!(address.street, None);
    assert_eq!(address.city, Patch::Clear);
    // The tags are a whole new list, each tag as Acme's view holds it.
    let tags: &Vec<TagForAcme> = patch.tags.set().unwrap();
    assert_eq!(tags[0].label, "x");

    let beta = Contact::patch_from_slice::<providers::beta>(br#"{"fax": null}"#).unwrap();
    assert_eq!(beta.fax, Patch::Clear);
    assert_eq!(beta.name, Patch::Unchanged);
    assert_eq!(beta.address, Patch::Unchanged);

    // A refused patch makes none, and gives every error.
    let refused =
        Contact::patch_from_slice::<providers::acme>(br#"{"name": null, "fax": "1"}"#).unwrap_err();
    assert_eq!(
        codes(&refused),
        [
            ("/name".to_owned(), Code::Cleared),
            ("/fax".to_owned(), Code::Unsupported)
        ]
    );
    assert_eq!(
        Contact::patch_from_slice::<providers::acme>(b"[")
            .unwrap_err()
            .errors()[0]
            .code,
        Code::Json
    );

    // The shipped model: Dixa requires a name and takes an avatar.
    let dixa: unified_models::ticketing::users::UserCreateBodyPatchForDixa =
        UserCreateBody::patch_from_slice::<shipped::dixa>(br#"{"avatar": null, "name": "Ada"}"#)
            .unwrap();
    assert_eq!(dixa.avatar, Patch::Clear);
    assert_eq!(dixa.name.as_deref(), Some("Ada"));
    assert_eq!(dixa.emails, None);
}
