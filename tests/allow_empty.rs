//! `#[unified(allow_empty)]`: a field a provider requires must be there, but an empty string or
//! list in it is a value (a page without records), in the validator and in the schema alike,
//! held against `jsonschema`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use unified_core::{Target, UnifiedModel};
use unified_tests::reference_validator;

unified_core::providers! {
    /// The providers of the test model.
    pub mod providers {
        acme => "Acme",
        beta => "Beta",
    }
}

/// A page of names: the list may be empty, the title may not.
#[derive(UnifiedModel, Serialize, Deserialize, Debug, PartialEq)]
struct Page {
    /// The names on the page
    #[unified(allow_empty)]
    names: Vec<String>,

    /// The page's title
    title: String,

    /// Beta's note, which may be empty
    #[required(beta)]
    #[supported(acme)]
    #[unified(allow_empty)]
    note: Option<String>,
}

fn codes(report: &unified_core::Report) -> Vec<(String, &'static str)> {
    report
        .errors()
        .iter()
        .map(|error| (error.pointer.to_string(), error.code.as_str()))
        .collect()
}

#[test]
fn an_empty_value_is_a_value_only_where_the_field_allows_it() {
    let cases: [(Value, Vec<(&str, &str)>); 4] = [
        (json!({"names": [], "title": "Ada", "note": ""}), vec![]),
        (
            json!({"names": [], "title": "", "note": ""}),
            vec![("/title", "empty")],
        ),
        (
            json!({"title": "Ada"}),
            vec![("/names", "required"), ("/note", "required")],
        ),
        (
            json!({"names": null, "title": "Ada", "note": null}),
            vec![("/names", "required"), ("/note", "required")],
        ),
    ];
    for (body, expected) in cases {
        let report = Page::validate(&body, providers::beta);
        let expected: Vec<(String, &str)> = expected
            .into_iter()
            .map(|(pointer, code)| (pointer.to_owned(), code))
            .collect();
        assert_eq!(codes(&report), expected, "{body}");
        let schema = Page::schema_for(providers::beta).to_value();
        let schema: Value = serde_json::to_value(&schema).unwrap();
        assert_eq!(
            reference_validator(&schema).is_valid(&body),
            report.is_valid(),
            "{body} against {schema:#}"
        );
    }
    let schema: Value =
        serde_json::to_value(Page::schema_for(Target::<providers::Set>::UNIFIED).to_value())
            .unwrap();
    assert!(schema["properties"]["names"].get("minItems").is_none());
    assert_eq!(schema["properties"]["title"]["minLength"], 1);
}
