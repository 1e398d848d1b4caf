//! `uuid::Uuid`, `url::Url` and `jiff::Timestamp` as field types (features `uuid`, `url`,
//! `jiff` of `unified-core`): a string of the format that the type also parses, in every mode,
//! so what validates deserializes; the schema names the format.

use serde::Deserialize;
use serde_json::{Value, json};
use unified_core::{Code, Target, UnifiedModel};

unified_core::providers! {
    /// The provider of the test model.
    pub mod providers {
        acme => "Acme",
    }
}

/// A record with one field of each type.
#[derive(UnifiedModel, Deserialize, Debug, PartialEq)]
struct Record {
    /// Its id.
    id: uuid::Uuid,
    /// Where it lives.
    #[serde(default)]
    home: Option<url::Url>,
    /// When it was made.
    #[serde(default)]
    created_at: Option<jiff::Timestamp>,
}

fn acme() -> Target<providers::Set> {
    Target::of(providers::acme)
}

fn codes(document: &Value) -> Vec<(String, Code)> {
    Record::validate(document, acme())
        .errors()
        .iter()
        .map(|error| (error.pointer.to_string(), error.code))
        .collect()
}

#[test]
fn valid_strings_build_and_deserialize() {
    let document = json!({
        "id": "62f44730-dd91-461e-bd6a-aedd9e0ad79d",
        "home": "https://example.org/ada",
        "created_at": "2026-11-29T10:00:00+01:00",
    });
    assert!(codes(&document).is_empty());
    let built = Record::from_value(&document, acme()).unwrap();
    assert_eq!(built, serde_json::from_value::<Record>(document).unwrap());
    assert_eq!(
        built.created_at.unwrap().to_string(),
        "2026-11-29T09:00:00Z"
    );
}

#[test]
fn strings_of_another_shape_are_format_errors() {
    for (field, text) in [
        ("id", "62f44730dd91461ebd6aaedd9e0ad79d"),
        ("id", ""),
        ("home", "/relative/path"),
        ("home", ""),
        ("created_at", "2026-11-29 10:00"),
        ("created_at", "2026-11-29T10:00:00"),
    ] {
        let mut document = json!({"id": "62f44730-dd91-461e-bd6a-aedd9e0ad79d"});
        document[field] = json!(text);
        let expected = if field == "id" && text.is_empty() {
            Code::Empty
        } else {
            Code::Format
        };
        assert_eq!(
            codes(&document),
            [(format!("/{field}"), expected)],
            "{field}: {text:?}"
        );
        assert!(Record::from_value(&document, acme()).is_err());
    }
    assert_eq!(codes(&json!({"id": 7})), [("/id".to_owned(), Code::Type)]);
}

#[test]
fn a_string_of_the_format_that_the_type_cannot_hold_says_what_the_type_holds() {
    let timestamp = "must be an RFC 3339 date-time that `jiff::Timestamp` can hold: from \
                     -009999-01-02 to 9999-12-30 (UTC), to the nanosecond (at most nine \
                     fractional digits)";
    for (field, text, message) in [
        // Beyond jiff's range.
        ("created_at", "9999-12-31T23:59:59Z", timestamp),
        // Ten fractional digits: RFC 3339 takes them, a nanosecond clock does not.
        ("created_at", "2026-11-29T10:00:00.1234567891Z", timestamp),
        (
            "home",
            "https://example.com:99999",
            "must be a URI with a scheme that `url::Url` can hold: a port from 0 to 65535 and a \
             host it can read",
        ),
    ] {
        let mut document = json!({"id": "62f44730-dd91-461e-bd6a-aedd9e0ad79d"});
        document[field] = json!(text);
        let report = Record::validate(&document, acme());
        assert_eq!(report.errors().len(), 1, "{text}");
        let error = &report.errors()[0];
        assert_eq!(
            (error.code, error.message.as_str()),
            (Code::Format, message)
        );
        assert!(!error.message.contains(text), "the value is not quoted");
        assert!(
            serde_json::from_value::<Record>(document).is_err(),
            "{text}"
        );
    }
}

#[test]
fn schemas_name_the_format() {
    let schema = Record::schema_for(acme()).to_value();
    assert_eq!(schema["properties"]["id"]["format"], "uuid");
    assert_eq!(schema["properties"]["home"]["format"], "uri");
    assert_eq!(schema["properties"]["created_at"]["format"], "date-time");
}

#[test]
fn what_validates_deserializes_and_agrees_with_the_schema() {
    let schema = Record::schema_for(acme()).to_value();
    let reference = unified_tests::reference_validator(&schema);
    let samples = [
        "62f44730-dd91-461e-bd6a-aedd9e0ad79d",
        "62F44730-DD91-461E-BD6A-AEDD9E0AD79D",
        "https://example.org",
        "mailto:ada@example.org",
        "urn:isbn:0451450523",
        "2026-11-29T10:00:00Z",
        "2026-11-29t10:00:00z",
        "2026-11-29T10:00:00.123456789-05:30",
        "1990-12-31T23:59:60Z",
        "2026-02-30T10:00:00Z",
        "not anything",
        "",
    ];
    for field in ["id", "home", "created_at"] {
        for sample in samples {
            let mut document = json!({"id": "62f44730-dd91-461e-bd6a-aedd9e0ad79d"});
            document[field] = json!(sample);
            let ours = Record::is_valid(&document, acme());
            assert_eq!(ours, reference.is_valid(&document), "{field}: {sample:?}");
            if ours {
                assert!(
                    serde_json::from_value::<Record>(document).is_ok(),
                    "{field}: {sample:?}"
                );
            }
        }
    }
}
