//! The official JSON-Schema-Test-Suite's draft 2020-12 cases for the formats a field can require
//! (`optional/format/{email,uri,date-time,uuid}.json`, vendored under
//! `tests/data/json-schema-test-suite` with the commit they come from): our verdict is the
//! suite's for every case, through [`Format::check`] and through a model field.

use serde_json::{Value, json};
use unified_core::{Code, Format, UnifiedModel};
use unified_tests::workspace_root;

unified_core::providers! {
    /// The one provider of the test model.
    pub mod providers {
        acme => "Acme",
    }
}

/// A field per format.
#[derive(UnifiedModel)]
#[unified(providers = providers)]
struct Formatted {
    /// An email address.
    #[unified(format = "email")]
    email: Option<String>,
    /// A URI.
    #[unified(format = "uri")]
    uri: Option<String>,
    /// A date-time.
    #[unified(format = "date-time")]
    date_time: Option<String>,
    /// A UUID.
    #[unified(format = "uuid")]
    uuid: Option<String>,
}

/// Runs every case of one file; returns how many cases had a string and how many did not.
fn run_file(file: &str, format: Format, field: &str) -> (usize, usize) {
    let path = workspace_root()
        .join("tests/data/json-schema-test-suite")
        .join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    let groups: Value = serde_json::from_str(&text).expect("the suite's files are JSON");
    let (mut strings, mut others) = (0, 0);
    for group in groups.as_array().expect("a file is a list of groups") {
        assert_eq!(
            group["schema"]["format"],
            format.keyword(),
            "{file}: a group for another format"
        );
        for case in group["tests"].as_array().expect("a group has tests") {
            let description = case["description"].as_str().unwrap_or_default();
            let data = &case["data"];
            let valid = case["valid"].as_bool().expect("a case says whether valid");
            let document = json!({ field: data });
            let report = Formatted::validate(&document, providers::acme);
            // The suite's verdict is the `format` keyword's alone: no format error.
            let format_valid = report.errors().iter().all(|e| e.code != Code::Format);
            assert_eq!(
                format_valid, valid,
                "{file}: {description}: {data}\nour report: {report}"
            );
            match data.as_str() {
                Some(data) => {
                    strings += 1;
                    assert_eq!(format.check(data), valid, "{file}: {description}: {data:?}");
                    assert_eq!(report.is_valid(), valid, "{file}: {description}: {report}");
                    let text = serde_json::to_vec(&document).expect("a Value serializes");
                    assert_eq!(
                        Formatted::is_valid_slice(&text, providers::acme),
                        valid,
                        "{file}: {description}: one pass"
                    );
                }
                None => {
                    // Formats apply to strings only ("all string formats ignore integers" and
                    // so on): `Format::check` takes only text, and the field, typed `String`,
                    // refuses any other kind for its type (null it takes, being optional) and
                    // never for its format.
                    others += 1;
                    let expected: &[Code] = if data.is_null() { &[] } else { &[Code::Type] };
                    let codes: Vec<Code> = report.errors().iter().map(|e| e.code).collect();
                    assert_eq!(codes, expected, "{file}: {description}: {data}");
                }
            }
        }
    }
    (strings, others)
}

/// Runs one file and checks that it had both kinds of case: the suite's six non-string values
/// and its strings.
fn follows_the_suite(file: &str, format: Format, field: &str) {
    let (strings, others) = run_file(file, format, field);
    assert!(
        strings > 0 && others == 6,
        "{file}: {strings} strings, {others} others"
    );
}

#[test]
fn email_follows_the_suite() {
    follows_the_suite("email.json", Format::Email, "email");
}

#[test]
fn uri_follows_the_suite() {
    follows_the_suite("uri.json", Format::Uri, "uri");
}

#[test]
fn date_time_follows_the_suite() {
    follows_the_suite("date-time.json", Format::DateTime, "date_time");
}

#[test]
fn uuid_follows_the_suite() {
    follows_the_suite("uuid.json", Format::Uuid, "uuid");
}
