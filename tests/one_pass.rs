//! Reading JSON text and checking it in one pass gives the report that parsing it into a `Value`
//! and reading that gives, for every kind of field type a model can have: scalars, free-form
//! values, secrets, unit enums, nested models, boxes, lists (of optional items too) and maps; and
//! that building the model in that pass refuses exactly what validation refuses.

use std::collections::{BTreeMap, HashMap};

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use unified_core::{Secret, Target, UnifiedModel};

unified_core::providers! {
    /// The providers of the test models.
    pub mod providers {
        acme => "Acme",
        globex => "Globex",
    }
}

/// A kind of thing.
#[derive(UnifiedModel, Clone, Debug, PartialEq)]
enum Kind {
    Small,
    Large,
}

/// A part of a thing.
#[derive(UnifiedModel, Debug, PartialEq)]
#[unified(providers = providers)]
struct Part {
    /// Its label.
    label: String,
    /// Its weight.
    #[supported(acme)]
    weight: Option<f64>,
}

/// A thing with a field of every kind.
#[derive(UnifiedModel, Debug, PartialEq)]
#[unified(providers = providers)]
struct Thing {
    /// Its name.
    name: String,
    /// Its contact.
    #[required(acme)]
    #[supported(globex)]
    #[unified(format = "email")]
    email: Option<String>,
    /// Its state.
    #[supported(acme, globex)]
    #[unified(allowed(globex = ["on", "off"]))]
    state: Option<String>,
    /// How many.
    #[supported(acme, globex)]
    count: Option<i64>,
    /// Whether it is active.
    #[required(globex)]
    active: Option<bool>,
    /// Its kind.
    #[supported(acme, globex)]
    kind: Option<Kind>,
    /// Anything.
    #[supported(acme, globex)]
    extra: Option<Value>,
    /// A free-form object.
    #[supported(acme, globex)]
    meta: Option<Map<String, Value>>,
    /// Its secret.
    #[required(acme)]
    secret: Option<Secret>,
    /// Its main part.
    #[supported(acme, globex)]
    main: Option<Box<Part>>,
    /// Its parts.
    #[required(globex)]
    #[supported(acme)]
    parts: Option<Vec<Part>>,
    /// Notes, some blank.
    #[supported(acme, globex)]
    notes: Option<Vec<Option<String>>>,
    /// Scores by judge.
    #[supported(acme, globex)]
    scores: Option<HashMap<String, i64>>,
    /// Tags by group.
    #[supported(acme, globex)]
    tags: Option<BTreeMap<String, Vec<Kind>>>,
}

const KEYS: &[&str] = &[
    "name", "email", "state", "count", "active", "kind", "extra", "meta", "secret", "main",
    "parts", "notes", "scores", "tags", "label", "weight", "lable", "a/b~c", "",
];

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![0.5, 2.0, -1.0e20, 1.0e300]).prop_map(Value::from),
        prop::sample::select(vec![
            "",
            "on",
            "off",
            "Small",
            "Large",
            "ada@example.org",
            "not an email",
            "x\"y\\z\u{e9}",
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|entries| {
                Value::Object(
                    entries
                        .into_iter()
                        .map(|(key, value)| (key.to_owned(), value))
                        .collect(),
                )
            }),
        ]
    })
}

/// Both readings of `document` for every view; they must agree on every violation, in order,
/// and on validity.
fn assert_one_pass_agrees(document: &Value) -> Result<(), TestCaseError> {
    let text = serde_json::to_vec(document).expect("a Value serializes");
    for view in Target::<providers::Set>::all() {
        let parsed = Thing::validate(document, view);
        let read = Thing::validate_slice(&text, view);
        prop_assert_eq!(read.errors(), parsed.errors(), "{:?}: {}", view, document);
        prop_assert_eq!(Thing::is_valid_slice(&text, view), parsed.is_valid());
        // "Is it valid", which stops at the first violation (and refuses a document that is not
        // an object before reading it), says what the full report says; as a patch too.
        prop_assert_eq!(Thing::is_valid(document, view), parsed.is_valid());
        prop_assert_eq!(
            Thing::is_valid_patch(document, view),
            Thing::validate_patch(document, view).is_valid()
        );
        // Building the model in the same pass refuses with exactly the same violations (a number
        // an `i64` cannot hold is refused by validation too); from the text and from the
        // `Value` alike.
        let built = Thing::from_slice(&text, view);
        prop_assert_eq!(&built, &Thing::from_value(document, view));
        match built {
            Ok(_) => prop_assert!(parsed.is_valid()),
            Err(refused) => {
                prop_assert_eq!(refused.errors(), parsed.errors());
                prop_assert!(!refused.is_valid());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_document_gets_the_same_report_read_in_one_pass(document in any_json()) {
        assert_one_pass_agrees(&document)?;
    }

    #[test]
    fn any_bytes_get_the_same_report_read_in_one_pass(bytes in prop::collection::vec(any::<u8>(), 0..48)) {
        let parsed = Thing::validate_json(&bytes, Target::UNIFIED);
        let read = Thing::validate_slice(&bytes, Target::UNIFIED);
        prop_assert_eq!(read.errors(), parsed.errors());
    }
}

#[test]
fn every_kind_of_field_is_checked_in_one_pass() {
    let documents = [
        json!({"name": "n", "email": "ada@example.org", "secret": "s"}),
        json!({"name": "", "email": "", "secret": "", "active": null, "parts": []}),
        json!({"name": 1, "email": "nope", "state": "up", "count": 1.5, "active": "yes"}),
        json!({"name": "n", "kind": "Medium", "extra": null, "meta": [], "main": {"lable": 1}}),
        json!({"name": "n", "parts": [{"label": "l", "weight": "heavy"}, null, 3]}),
        json!({"name": "n", "notes": [null, "", 1], "scores": {"a": 1, "b": 2.5, "c": null}}),
        json!({"name": "n", "tags": {"g": ["Small", "Huge", null], "h": "Small"}}),
        json!({"name": "n", "count": 2.0, "a/b~c": true, "": {}}),
        json!(null),
        json!([{"name": "n"}]),
    ];
    let mut violations = 0;
    for document in &documents {
        assert_one_pass_agrees(document).unwrap();
        violations += Thing::validate(document, providers::globex).len();
    }
    // The documents do break rules of every kind, so agreement is not agreement on nothing.
    assert!(violations > 30, "{violations}");
}

#[test]
fn a_repeated_property_is_checked_each_time_it_appears() {
    let text = br#"{"name": 1, "name": "n", "email": "ada@example.org", "secret": "s"}"#;
    let parsed: Value = serde_json::from_slice(text).unwrap();
    assert!(Thing::validate(&parsed, providers::acme).is_valid());
    let read = Thing::validate_slice(text, providers::acme);
    let codes: Vec<_> = read
        .codes()
        .map(|(pointer, code)| (pointer.to_owned(), code))
        .collect();
    assert_eq!(codes, [("/name".to_owned(), unified_core::Code::Type)]);
}

/// Both readings of the raw bytes `text`, for the unified target and one provider: the same report,
/// and the same verdict from `is_valid_slice`.
fn assert_same_on_text(text: &[u8]) {
    for view in [Target::UNIFIED, Target::of(providers::globex)] {
        let parsed = Thing::validate_json(text, view);
        let read = Thing::validate_slice(text, view);
        assert_eq!(
            read.errors(),
            parsed.errors(),
            "{:?}: {}",
            view,
            String::from_utf8_lossy(text)
        );
        assert_eq!(Thing::is_valid_slice(text, view), parsed.is_valid());
    }
}

#[test]
fn text_the_parse_refuses_is_refused_where_the_model_does_not_look() {
    let deep = format!(
        r#"{{"name":"n","extra":{}{}}}"#,
        "[".repeat(200),
        "]".repeat(200)
    );
    let cases: [&[u8]; 10] = [
        br#"{"name":"n","extra":[1e400]}"#,
        br#"{"name":"n","extra":{"a":"\ud800"}}"#,
        b"{\"name\":\"n\",\"extra\":[\"\xff\"]}",
        deep.as_bytes(),
        br#"{"name":"n","meta":{"a":[1e400]}}"#,
        br#"{"name":"n","zz":1e400}"#,
        br#"{"name":"n","secret":"\ud800"}"#,
        br#"{"name":[1e400]}"#,
        br#"{"name":"n","zz":[1,]}"#,
        br#"{"name":"n","main":{"label":"l","x":{"y":[tru]}}}"#,
    ];
    for text in cases {
        assert_same_on_text(text);
        let parsed = Thing::validate_json(text, Target::UNIFIED);
        assert_eq!(parsed.errors()[0].code, unified_core::Code::Json);
    }
}

#[test]
fn every_byte_changed_in_valid_text_gets_the_same_report_either_way() {
    let documents = [
        json!({"name": "n", "email": "ada@example.org", "secret": "s", "extra": {"a": [1, 2.5, null, "x"]}}),
        json!({"name": "n", "meta": {"k": [true, {"z": -1e10}]}, "zz": [1, "é"], "tags": {"g": ["Small"]}}),
        json!({"name": "n", "parts": [{"label": "l", "weight": 1.5, "q": {"r": [0]}}], "notes": ["a", null]}),
    ];
    let replacements = [
        b'"', b'\\', b',', b':', b'[', b']', b'{', b'}', b'1', b'e', b'-', b'.', b' ', b'u', b'n',
        0xff,
    ];
    let mut checked = 0;
    for document in &documents {
        let text = serde_json::to_vec(document).expect("a Value serializes");
        for position in 0..text.len() {
            for &byte in &replacements {
                let mut changed = text.clone();
                changed[position] = byte;
                assert_same_on_text(&changed);
                checked += 1;
            }
        }
    }
    assert!(checked > 3000, "{checked}");
}
