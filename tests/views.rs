//! Per-provider views: what each provider's view holds, that only validation makes one, and
//! that it carries the values of the body.

use serde_json::json;
use unified_core::conventions::{QueryConventions, conventions_from_value, view_from_value};
use unified_core::{Code, Part, Secret, UnifiedModel, ViewOf};
use unified_models::providers;
use unified_models::ticketing::users::{
    EmailType, UserCreateBody, UserCreateBodyForDixa, UserCreateBodyForQualtricsCorexm,
    UserCreateBodyForTeamworkProjectManagement, UserCreateQuery, UserCreateQueryForPivotalTracker,
};

#[test]
fn a_required_field_is_a_value_and_a_supported_one_an_option() {
    let body = json!({
        "name": "Ada Lovelace",
        "emails": [{"email": "ada@example.org", "type": "primary"}],
        "avatar": "https://example.org/ada.png",
    });
    let text = serde_json::to_vec(&body).unwrap();
    let dixa: UserCreateBodyForDixa =
        UserCreateBody::view_from_slice::<providers::dixa>(&text).unwrap();
    // Dixa requires a name and emails: plain values, read without unwrapping.
    let name: &String = &dixa.name;
    assert_eq!(name, "Ada Lovelace");
    assert_eq!(dixa.emails.len(), 1);
    assert_eq!(dixa.emails[0].email, "ada@example.org");
    assert_eq!(dixa.emails[0].r#type, EmailType::Primary);
    // Supported, so optional.
    assert_eq!(dixa.avatar.as_deref(), Some("https://example.org/ada.png"));
    assert_eq!(dixa.first_name, None);
    // From a `Value`, the same view.
    let from_value = UserCreateBody::view_from_value::<providers::dixa>(&body).unwrap();
    assert_eq!(from_value, dixa);
    // As the body of the operation, beside the conventions (`remote_data`), the same view: the
    // model does not see them, and alone it refuses them.
    let mut part = body.clone();
    part["remote_data"] = json!({"extra": 1});
    let beside = view_from_value::<_, UserCreateBody, providers::dixa>(Part::Body, &part).unwrap();
    assert_eq!(beside, dixa);
    let alone = UserCreateBody::view_from_value::<providers::dixa>(&part).unwrap_err();
    assert_eq!(alone.errors()[0].pointer, "/remote_data");
    assert_eq!(alone.errors()[0].code, Code::Unknown);
}

#[test]
fn qualtrics_gets_every_field_it_requires_as_a_value() {
    let body = json!({
        "emails": [{"email": "ada@example.org", "type": "primary"}],
        "first_name": "Ada", "last_name": "Lovelace", "languages": ["en"],
        "password": "correct horse", "user_type": "UT_1", "username": "ada",
    });
    let view: ViewOf<UserCreateBody, providers::qualtrics_corexm> =
        UserCreateBody::view_from_value::<providers::qualtrics_corexm>(&body).unwrap();
    let _: &UserCreateBodyForQualtricsCorexm = &view;
    assert_eq!(view.first_name, "Ada");
    assert_eq!(view.languages, ["en"]);
    let password: &Secret = &view.password;
    assert_eq!(password.expose(), "correct horse");
    assert!(
        !format!("{view:?}").contains("correct horse"),
        "Debug hides the password"
    );
}

#[test]
fn an_invalid_body_gives_every_error_and_no_view() {
    // Teamwork requires nothing but takes no name; Dixa requires a name and emails.
    let body = unified_core::json!({"name": "Ada", "emails": []});
    let teamwork = UserCreateBody::view_from_value::<providers::teamwork_project_management>(&body)
        .map(|_: UserCreateBodyForTeamworkProjectManagement| ())
        .unwrap_err();
    let codes: Vec<(String, Code)> = teamwork
        .codes()
        .map(|(pointer, code)| (pointer.to_owned(), code))
        .collect();
    assert_eq!(
        codes,
        [
            ("/name".to_owned(), Code::Unsupported),
            ("/emails".to_owned(), Code::Unsupported)
        ]
    );
    let text = br#"{"emails": [], "avatar": "not a uri"}"#;
    let dixa = UserCreateBody::view_from_slice::<providers::dixa>(text).unwrap_err();
    assert_eq!(
        dixa.errors(),
        UserCreateBody::validate_slice(text, providers::dixa).errors()
    );
    assert_eq!(dixa.len(), 3, "{dixa}");
    let malformed = UserCreateBody::view_from_slice::<providers::dixa>(b"{").unwrap_err();
    assert_eq!(malformed.errors()[0].code, Code::Json);
}

#[test]
fn query_views_hold_what_the_provider_requires() {
    let query = json!({
        "integrated_account_id": "62f44730-dd91-461e-bd6a-aedd9e0ad79d",
        "collections": [{"id": "99"}],
    });
    // The account id is a convention of every operation, not the model's: read beside it.
    let view: UserCreateQueryForPivotalTracker =
        view_from_value::<_, UserCreateQuery, providers::pivotal_tracker>(Part::Query, &query)
            .unwrap();
    assert_eq!(view.collections[0].id.as_deref(), Some("99"));
    let conventions: QueryConventions = conventions_from_value(Part::Query, &query).unwrap();
    assert_eq!(
        conventions.integrated_account_id,
        "62f44730-dd91-461e-bd6a-aedd9e0ad79d"
    );
    // Without the account id the conventions are refused, and the model's view is not.
    let without = json!({"collections": [{"id": "99"}]});
    let refused = conventions_from_value::<QueryConventions>(Part::Query, &without).unwrap_err();
    assert_eq!(refused.errors()[0].pointer, "/integrated_account_id");
    assert!(
        view_from_value::<_, UserCreateQuery, providers::pivotal_tracker>(Part::Query, &without)
            .is_ok()
    );
}

/// A field type written by hand, as `unified_core::field` describes: its reader, its schema, and
/// `plain_field_view!` so that views hold it.
mod hand_written {
    use serde_json::json;
    use unified_core::field::{
        Accept, Emptiness, FieldValue, Mode, Number, Reading, Recorder, Takes, read_with,
    };
    use unified_core::{Code, ProviderSet, Target, UnifiedModel};

    unified_core::providers! {
        /// The providers of this test.
        pub mod providers {
            acme => "Acme",
            globex => "Globex",
        }
    }

    /// A share from 0 to 100.
    #[derive(Clone, Debug, PartialEq)]
    pub struct Percent(f64);

    /// What a percent takes: a number in range.
    struct InRange;

    impl<S: ProviderSet> Accept<S> for InRange {
        type Value = Percent;
        const EXPECTED: &'static str = "a number";
        const TAKES: Takes = Takes::Number;

        fn number<B: Mode, R: Recorder>(
            &self,
            value: Number,
            reading: &mut Reading<'_, S, R>,
        ) -> Option<B::Out<Percent>> {
            let share = value.as_f64();
            if !(0.0..=100.0).contains(&share) {
                reading.wrong_type("a number from 0 to 100", "a number out of range");
                return Some(B::none());
            }
            Some(B::keep(|| Some(Percent(share))))
        }
    }

    impl<S: ProviderSet> FieldValue<S> for Percent {
        fn schema(_: Target<S>) -> unified_core::Schema {
            unified_core::json_schema!({"type": "number", "minimum": 0, "maximum": 100})
        }

        fn read<'de, B: Mode, D: serde::Deserializer<'de>, R: Recorder>(
            input: D,
            reading: Reading<'_, S, R>,
        ) -> Result<B::Out<Self>, D::Error> {
            read_with::<S, _, B, D, R>(input, InRange, Emptiness::NotApplicable, reading)
        }
    }

    unified_core::plain_field_view!(Percent);

    /// A discount.
    #[derive(UnifiedModel)]
    pub struct Discount {
        /// How much.
        #[required(acme)]
        #[supported(globex)]
        pub share: Option<Percent>,
    }

    fn unnamed() -> String {
        "unnamed".to_owned()
    }

    /// A label; serde skips its cache, which starts as `unnamed()`.
    #[derive(UnifiedModel, serde::Deserialize, Debug, PartialEq)]
    pub struct Label {
        /// The text.
        pub text: String,
        /// Filled in later.
        #[serde(skip, default = "unnamed")]
        pub cache: String,
    }

    #[test]
    fn a_field_serde_skips_is_built_as_serde_builds_it() {
        let text = br#"{"text": "x"}"#;
        let ours = Label::from_slice(text, Target::UNIFIED).unwrap();
        let serde: Label = serde_json::from_slice(text).unwrap();
        assert_eq!(ours, serde);
        assert_eq!(ours.cache, "unnamed");
    }

    #[test]
    fn a_hand_written_field_type_is_read_checked_and_held_by_views() {
        let acme = Discount::view_from_value::<providers::acme>(&json!({"share": 12.5})).unwrap();
        assert_eq!(acme.share, Percent(12.5));
        let globex = Discount::view_from_value::<providers::globex>(&json!({})).unwrap();
        assert_eq!(globex.share, None);
        let refused = Discount::validate_slice(br#"{"share": 120}"#, providers::acme);
        assert_eq!(refused.errors()[0].code, Code::Type);
        assert_eq!(refused.errors()[0].pointer, "/share");
        let missing = Discount::view_from_value::<providers::acme>(&json!({})).unwrap_err();
        assert_eq!(missing.errors()[0].code, Code::Required);
    }
}
