//! Bad input of any shape gets a report and never a panic; every pointer in a report names a
//! real place in the document (or, for a missing field, the object it is missing from).

use proptest::prelude::*;
use serde_json::{Map, Value};
use unified_core::report::pointer_segments;
use unified_core::{Code, Part, Target};
use unified_models::providers::Set;
use unified_tests::users_create;

/// Keys the models know, so generated objects reach deep into the walk.
const KEYS: &[&str] = &[
    "name",
    "emails",
    "email",
    "type",
    "roles",
    "id",
    "status",
    "team_ids",
    "password",
    "collections",
    "integrated_account_id",
    "remote_query",
    "created_at",
    "is_active",
    "x/y~z",
    "",
];

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        prop::sample::select(vec![
            "primary",
            "owner",
            "active",
            "ada@example.org",
            "2024-01-01T00:00:00Z"
        ])
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..8).prop_map(|entries| {
                Value::Object(
                    entries
                        .into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// The pointer resolves, or for `required` its parent resolves to an object without that key.
fn points_into(document: &Value, pointer: &str, code: Code) -> bool {
    if document.pointer(pointer).is_some() {
        return true;
    }
    if code != Code::Required {
        return false;
    }
    let (Some((parent, _)), Some(last)) = (
        pointer.rsplit_once('/'),
        pointer_segments(pointer).next_back(),
    ) else {
        return false;
    };
    document
        .pointer(parent)
        .and_then(Value::as_object)
        .is_some_and(|object| object.get(last.as_ref()).is_none_or(Value::is_null))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_document_gets_a_consistent_report(document in any_json()) {
        let registry = unified_models::registry();
        let operation = users_create(&registry);
        let text = serde_json::to_vec(&document).expect("a Value serializes");
        for part in Part::ALL {
            for view in Target::<Set>::all() {
                let report = operation.validate(part, &document, view);
                prop_assert_eq!(report.is_valid(), operation.is_valid(part, &document, view));
                let one_pass = operation.validate_slice(part, &text, view);
                prop_assert_eq!(one_pass.errors(), report.errors(), "one pass, {} {:?}: {}", part, view, document);
                for error in report.errors() {
                    prop_assert!(
                        points_into(&document, &error.pointer, error.code),
                        "{} {:?}: {} does not point into {}", part, view, error, document
                    );
                    prop_assert!(!error.message.is_empty());
                }
            }
        }
    }

    #[test]
    fn any_bytes_are_read_or_refused_with_a_json_error(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let registry = unified_models::registry();
        let operation = users_create(&registry);
        for part in Part::ALL {
            let report = operation.validate_text(part, &bytes, Target::UNIFIED);
            if let Some(first) = report.errors().first().filter(|e| e.code == Code::Json) {
                prop_assert_eq!(first.pointer.as_str(), "");
                prop_assert_eq!(report.errors().len(), 1);
            }
            if part != Part::Query {
                // Read in one pass, the same bytes get the same report.
                let one_pass = operation.validate_slice(part, &bytes, Target::UNIFIED);
                prop_assert_eq!(one_pass.errors(), report.errors());
            }
        }
    }

    #[test]
    fn any_query_string_is_read_or_refused(query in "[a-z_\\[\\]=&%0-9+]{0,40}") {
        let registry = unified_models::registry();
        let operation = users_create(&registry);
        let report = operation.validate_text(Part::Query, query.as_bytes(), Target::UNIFIED);
        for error in report.errors() {
            prop_assert!(error.code != Code::Json || error.message.starts_with("malformed query string"));
        }
    }
}
