//! The agreement rule: for every document, our validator says valid iff the exported schema
//! accepts it under draft 2020-12 with format assertion on, as judged by the `jsonschema` crate
//! on the committed files. Documents are generated from each view's own schema (so valid ones
//! are common) and then broken in every way the rules name.
//!
//! The one exception is the strings of [`EMAIL_DEPARTURES`], where `format: email` follows
//! RFC 5321's `Mailbox` and `jsonschema` does not: the generator uses them too, and a document
//! holding one is judged by `jsonschema` with a stand-in of the RFC's verdict in its place.

use std::cell::Cell;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use unified_core::conventions::{model_from_slice, validate_model};
use unified_core::{Format, Part, Target, UnifiedModel};
use unified_models::providers::Set;
use unified_models::ticketing::users::{UserCreateBody, UserCreateQuery, UserCreateResponse};
use unified_tests::{exported_schema, listed_choices, reference_validator, users_create};

const EMAILS: &[&str] = &[
    "ada@example.org",
    "a.b+c@sub.example.co",
    "x@localhost",
    "\"quoted\"@example.org",
    "no-at-sign",
    "two@@example.org",
    "a@-bad.example",
    "a@example..org",
    "@example.org",
    "a@[127.0.0.1]",
    "a@[IPv6:::1]",
    "a@xn--bcher-kva.example",
    "a@xn--nid0j299b.com",
    "a@xn--zz.example",
    "a@xn--.example",
    "a@ab--cd.example",
    "a b@example.org",
    "a@exa_mple.org",
    ".a@example.org",
    "a.@example.org",
    "é@example.org",
    "a@example.org.",
    "",
];
/// A string where our `format: email` departs from `jsonschema`'s, with the verdict of RFC 5321
/// section 4.1.2 (`Mailbox`), which ours gives.
#[derive(Clone, Copy, Debug)]
struct Departure {
    /// What the case shows.
    name: &'static str,
    /// The string.
    text: &'static str,
    /// Whether it is a `Mailbox`.
    rfc_valid: bool,
}

/// Every string where our `format: email` departs from `jsonschema`'s: the display form of
/// RFC 5322 (`jsonschema` parses with the `email_address` crate, which takes it), quoted
/// strings as RFC 5321 has them (`quoted-pairSMTP` takes a space, `qtextSMTP` no tab), and
/// address literals as RFC 5321 has them (`Snum` takes leading zeros; a `::` stands for two
/// groups or more), where `jsonschema` uses Rust's `Ipv4Addr` and `Ipv6Addr`.
const EMAIL_DEPARTURES: &[Departure] = &[
    Departure {
        name: "display form",
        text: "Joe Bloggs <joe@example.com>",
        rfc_valid: false,
    },
    Departure {
        name: "display form with a quoted name",
        text: "\"Joe Bloggs\" <joe@example.com>",
        rfc_valid: false,
    },
    Departure {
        name: "display form with an empty name",
        text: " <joe@example.com>",
        rfc_valid: false,
    },
    Departure {
        name: "quoted pair of a space",
        text: "\"a\\ b\"@example.com",
        rfc_valid: true,
    },
    Departure {
        name: "tab in a quoted string",
        text: "\"a\tb\"@example.com",
        rfc_valid: false,
    },
    Departure {
        name: "IPv4 literal with a leading zero",
        text: "a@[127.0.0.01]",
        rfc_valid: true,
    },
    Departure {
        name: "IPv6 literal with an embedded IPv4 with a leading zero",
        text: "a@[IPv6:::ffff:01.2.3.4]",
        rfc_valid: true,
    },
    Departure {
        name: "IPv6 literal whose :: stands for one group",
        text: "a@[IPv6:1:2:3:4:5:6:7::]",
        rfc_valid: false,
    },
    Departure {
        name: "IPv6 literal with an embedded IPv4 whose :: stands for one group",
        text: "a@[IPv6:1:2:3:4:5::1.2.3.4]",
        rfc_valid: false,
    },
];

/// What `jsonschema` judges in place of a departure: a string on which both agree, with the
/// RFC's verdict on the departure.
fn stand_in(departure: &Departure) -> &'static str {
    if departure.rfc_valid {
        "ada@example.org"
    } else {
        "no-at-sign"
    }
}

/// `document` with each string of [`EMAIL_DEPARTURES`] replaced by its [`stand_in`]; `None` if
/// it holds none. Only email fields get those strings, and a stand-in is an email sample too.
fn with_stand_ins(document: &Value) -> Option<Value> {
    let stand_ins: std::collections::BTreeMap<String, &str> = EMAIL_DEPARTURES
        .iter()
        .map(|departure| (departure.text.to_owned(), stand_in(departure)))
        .collect();
    let replaced = replace_strings(document, &stand_ins);
    (replaced != *document).then_some(replaced)
}

const URIS: &[&str] = &[
    "https://cdn.example.org/a.png",
    "http://user:pw@host:8080/p?q=1#f",
    "mailto:ada@example.org",
    "urn:isbn:0451450523",
    "//no-scheme.example/a",
    "not a uri",
    "https://exa mple.org",
    "http://[::1]:80/",
    "http://[v1.x]/",
    "http://[zz]/",
    "https://example.org/%zz",
    "https://example.org/%20",
    "a:",
    "1http://x",
    "http://x/\\",
    "ftp://ftp.example.org/pub",
    "",
];
const DATE_TIMES: &[&str] = &[
    "2024-02-29T10:00:00Z",
    "2023-02-29T10:00:00Z",
    "2024-01-01t00:00:00.5+02:00",
    "2024-01-01 10:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-01-01T24:00:00Z",
    "1998-12-31T23:59:60Z",
    "1998-12-31T23:59:60+01:00",
    "1998-12-31T22:59:60-01:00",
    "2024-01-01T10:00:00",
    "2024-01-01T10:00:00+0200",
    "2024-1-01T10:00:00Z",
    "",
];
const UUIDS: &[&str] = &[
    "62f44730-dd91-461e-bd6a-aedd9e0ad79d",
    "62F44730-DD91-461E-BD6A-AEDD9E0AD79D",
    "62f44730dd91461ebd6aaedd9e0ad79d",
    "{62f44730-dd91-461e-bd6a-aedd9e0ad79d}",
    "62f44730-dd91-461e-bd6a-aedd9e0ad79",
    "62f44730-dd91-461e-bd6a-aedd9e0ad79g",
    "urn:uuid:62f44730-dd91-461e-bd6a-aedd9e0ad79d",
    "00000000-0000-0000-0000-000000000000",
    "",
];

/// One surely valid string per format, in the order of [`format_index`].
const VALID: &[&str] = &[
    "ada@example.org",
    "https://cdn.example.org/a.png",
    "2024-02-29T10:00:00Z",
    "62f44730-dd91-461e-bd6a-aedd9e0ad79d",
];

fn format_index(format: &str) -> usize {
    ["email", "uri", "date-time", "uuid"]
        .iter()
        .position(|f| *f == format)
        .unwrap_or(3)
}

fn pick(samples: &'static [&'static str]) -> BoxedStrategy<Value> {
    prop::sample::select(samples).prop_map(Value::from).boxed()
}

fn format_strings(format: &str) -> BoxedStrategy<Value> {
    let (samples, pattern): (&'static [&'static str], &str) = match format {
        "email" => (
            EMAILS,
            "[a-z.+\"]{0,6}@([a-z0-9.\\-\\[\\]:]{0,10}|xn--[a-z0-9\\-]{1,10}\\.[a-z]{2})",
        ),
        "uri" => (URIS, "[a-z+]{0,4}:[/a-z%0-9?#@:\\[\\]. ]{0,12}"),
        "date-time" => (
            DATE_TIMES,
            "[0-9]{4}-[0-1][0-9]-[0-3][0-9][Tt ][0-2][0-9]:[0-6][0-9]:[0-6][0-9](\\.[0-9]{1,3})?(Z|z|[+-][0-2][0-9]:[0-6][0-9])?",
        ),
        _ => (
            UUIDS,
            "[0-9a-fA-Fg]{8}-[0-9a-f]{4}-?[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{11,13}",
        ),
    };
    let generated = proptest::string::string_regex(pattern)
        .expect("a valid pattern")
        .prop_map(Value::from);
    if format == "email" {
        let departures = prop::sample::select(EMAIL_DEPARTURES)
            .prop_map(|departure| Value::from(departure.text));
        return prop_oneof![3 => pick(samples), 1 => departures, 4 => generated].boxed();
    }
    prop_oneof![pick(samples), generated].boxed()
}

fn wrong_value() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!(1)),
        Just(json!(1.5)),
        Just(json!(true)),
        Just(json!("text")),
        Just(json!("")),
        Just(json!([])),
        Just(json!(["x"])),
        Just(json!({})),
        Just(json!({"x": 1})),
    ]
    .boxed()
}

fn has_type(schema: &Value, kind: &str) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == kind,
        Some(Value::Array(ts)) => ts.iter().any(|t| t == kind),
        _ => false,
    }
}

/// Values shaped by `schema`, mostly right, sometimes of the wrong type.
/// Values shaped by `schema`; when `noisy`, sometimes of the wrong type or empty, and with
/// strings of dubious format; when not, mostly right, so valid documents are common.
fn value_for(schema: &Value, unified: &Value, noisy: bool) -> BoxedStrategy<Value> {
    let right = right_value_for(schema, unified, noisy);
    if noisy {
        prop_oneof![9 => right, 1 => wrong_value()].boxed()
    } else {
        right
    }
}

fn right_value_for(schema: &Value, unified: &Value, noisy: bool) -> BoxedStrategy<Value> {
    if let Some(values) = listed_choices(schema) {
        if !noisy {
            return prop::sample::select(values).boxed();
        }
        return prop_oneof![
            4 => prop::sample::select(values),
            1 => "[a-z]{0,8}".prop_map(Value::from),
        ]
        .boxed();
    }
    if has_type(schema, "object") && schema.get("properties").is_some() {
        return object_for(schema, unified, noisy);
    }
    if has_type(schema, "object") {
        return prop::collection::btree_map("[a-z]{1,3}", wrong_value(), 0..3)
            .prop_map(|map| Value::Object(map.into_iter().collect()))
            .boxed();
    }
    if has_type(schema, "array") {
        let items = value_for(&schema["items"], &unified["items"], noisy);
        let sizes = if noisy { 0..3 } else { 1..3 };
        return prop::collection::vec(items, sizes)
            .prop_map(Value::Array)
            .boxed();
    }
    if has_type(schema, "boolean") {
        return any::<bool>().prop_map(Value::from).boxed();
    }
    if has_type(schema, "string") {
        if let Some(format) = schema.get("format").and_then(Value::as_str) {
            return if noisy {
                format_strings(format)
            } else {
                pick(&VALID[format_index(format)..][..1])
            };
        }
        if !noisy {
            return "[a-zA-Z0-9]{1,8}".prop_map(Value::from).boxed();
        }
        return prop_oneof![4 => "[a-zA-Z0-9 ]{1,8}", 1 => Just(String::new()), 1 => "\\PC{0,4}"]
            .prop_map(Value::from)
            .boxed();
    }
    wrong_value()
}

/// Objects of the view's schema: required properties nearly always, others often, and now and
/// then a property only other providers take, or one nobody does.
fn object_for(schema: &Value, unified: &Value, noisy: bool) -> BoxedStrategy<Value> {
    let properties = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let required: Vec<String> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    let unified_properties = unified
        .get("properties")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let mut fields: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
    for (name, property) in &properties {
        let unified_property = unified_properties.get(name).cloned().unwrap_or(Value::Null);
        let key = name.clone();
        let present =
            value_for(property, &unified_property, noisy).prop_map(move |v| Some((key.clone(), v)));
        let key = name.clone();
        let null = Just(Some((key, Value::Null)));
        fields.push(match (required.contains(name), noisy) {
            (true, false) => present.boxed(),
            (true, true) => prop_oneof![18 => present, 1 => null, 1 => Just(None)].boxed(),
            (false, _) => prop_oneof![8 => present, 1 => null, 8 => Just(None)].boxed(),
        });
    }
    let others: Vec<(String, Value)> = unified_properties
        .iter()
        .filter(|(name, _)| !properties.contains_key(*name))
        .map(|(name, property)| (name.clone(), property.clone()))
        .collect();
    if !others.is_empty() && noisy {
        let pick = prop::sample::select(others).prop_flat_map(|(name, property)| {
            right_value_for(&property, &property, true).prop_map(move |v| Some((name.clone(), v)))
        });
        fields.push(prop_oneof![1 => pick, 4 => Just(None)].boxed());
    }
    if noisy {
        let unknown = "[a-z_]{1,8}".prop_map(|k| Some((format!("x_{k}"), json!(1))));
        fields.push(prop_oneof![1 => unknown, 9 => Just(None)].boxed());
    }
    fields
        .prop_map(|entries| {
            Value::Object(
                entries
                    .into_iter()
                    .flatten()
                    .collect::<Map<String, Value>>(),
            )
        })
        .boxed()
}

/// Reading a part's text into its model beside the conventions (validation and
/// deserialization in one pass) succeeds exactly when the model's validation does, with the
/// value `serde_json` gives (which skips the conventions' members); otherwise it gives the same
/// report.
fn builds_like_serde<M>(part: Part, text: &[u8], view: Target<Set>) -> Result<(), TestCaseError>
where
    M: UnifiedModel<Set> + DeserializeOwned + serde::Serialize + PartialEq + core::fmt::Debug,
{
    let document: Value = serde_json::from_slice(text).expect("generated text is JSON");
    let report = &validate_model::<Set, M>(part, &document, view);
    match model_from_slice::<Set, M>(part, text, view) {
        Ok(built) => {
            prop_assert!(report.is_valid(), "built although invalid: {}", report);
            let parsed: M = serde_json::from_slice(text).map_err(|error| {
                TestCaseError::fail(format!("serde refuses a valid body: {error}"))
            })?;
            prop_assert_eq!(built, parsed);
        }
        Err(refused) => prop_assert_eq!(refused.errors(), report.errors()),
    }
    // The way back: what serde deserializes into a value that keeps every rule is accepted,
    // but for what serde reads more loosely than the schema: members the model does not have
    // (serde ignores them), `null` for a field the view does not take (serde reads it as
    // absent), and a model written as an array of its fields' values (serde's sequence form).
    if let Ok(parsed) = serde_json::from_slice::<M>(text)
        && M::validate_value(&parsed, view).is_valid()
    {
        let looser = |error: &&unified_core::ValidationError| {
            let at = document.pointer(&error.pointer);
            match error.code {
                unified_core::Code::Unknown => true,
                unified_core::Code::Unsupported => at.is_some_and(Value::is_null),
                unified_core::Code::Type => {
                    at.is_some_and(Value::is_array)
                        && error.message.starts_with("must be an object")
                }
                _ => false,
            }
        };
        let beyond: Vec<_> = report
            .errors()
            .iter()
            .filter(|error| !looser(error))
            .collect();
        prop_assert!(
            beyond.is_empty(),
            "serde builds a value that keeps its rules, yet it is refused: {}",
            report
        );
    }
    Ok(())
}

/// A check of one part's text for one view.
type TextCheck = fn(Part, &[u8], Target<Set>) -> Result<(), TestCaseError>;

/// [`builds_like_serde`] for the model of `part`.
fn builds_like_serde_for(part: Part) -> TextCheck {
    match part {
        Part::Body => builds_like_serde::<UserCreateBody>,
        Part::Query => builds_like_serde::<UserCreateQuery>,
        Part::Response => builds_like_serde::<UserCreateResponse>,
    }
}

fn check_part(part: Part, cases: u32) {
    let builds_like_serde = builds_like_serde_for(part);
    let registry = unified_models::registry();
    let operation = users_create(&registry);
    let views: Vec<Target<Set>> = Target::<Set>::all().collect();
    let schemas: Vec<Value> = views
        .iter()
        .map(|view| exported_schema(operation, part, *view))
        .collect();
    let validators: Vec<jsonschema::Validator> = schemas.iter().map(reference_validator).collect();
    let documents = documents_for(schemas.clone());
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let valid_seen: Vec<Cell<usize>> = views.iter().map(|_| Cell::new(0)).collect();
    let invalid_seen: Vec<Cell<usize>> = views.iter().map(|_| Cell::new(0)).collect();
    let departures_seen = Cell::new(0);
    runner
        .run(&documents, |document| {
            // The same for every view, so made once.
            let stand_ins = with_stand_ins(&document);
            if stand_ins.is_some() {
                departures_seen.set(departures_seen.get() + 1);
            }
            let judged = stand_ins.as_ref().unwrap_or(&document);
            for (index, view) in views.iter().enumerate() {
                let ours = operation.is_valid(part, &document, *view);
                let report = operation.validate(part, &document, *view);
                let reference = validators[index].is_valid(judged);
                prop_assert_eq!(
                    ours,
                    reference,
                    "{} for {:?}: {}\nour report: {}",
                    part,
                    view,
                    document,
                    report
                );
                prop_assert_eq!(
                    report.is_valid(),
                    ours,
                    "report and is_valid disagree: {}",
                    document
                );
                // Reading the text in one pass reports exactly what parsing it, then reading the Value, does.
                let text = serde_json::to_vec(&document).expect("a Value serializes");
                let one_pass = operation.validate_slice(part, &text, *view);
                prop_assert_eq!(
                    one_pass.errors(),
                    report.errors(),
                    "one pass and parse-then-validate disagree for {:?}: {}",
                    view,
                    document
                );
                builds_like_serde(part, &text, *view)?;
                let seen = if ours {
                    &valid_seen[index]
                } else {
                    &invalid_seen[index]
                };
                seen.set(seen.get() + 1);
            }
            Ok(())
        })
        .unwrap();
    // Where a part has email fields, the generator must really put departures in them.
    let has_email = schemas
        .iter()
        .any(|schema| schema.to_string().contains(r#""format":"email""#));
    assert!(
        !has_email || departures_seen.get() > 0,
        "{part}: no document with an email departure"
    );
    // The generator must really exercise both verdicts for every view.
    for (index, view) in views.iter().enumerate() {
        assert!(
            valid_seen[index].get() > 0,
            "{part}: no valid document for {view:?}"
        );
        assert!(
            invalid_seen[index].get() > 0,
            "{part}: no invalid document for {view:?}"
        );
    }
}

#[test]
fn body_validation_agrees_with_the_exported_schemas() {
    check_part(Part::Body, 3000);
}

#[test]
fn query_validation_agrees_with_the_exported_schemas() {
    check_part(Part::Query, 2000);
}

#[test]
fn response_validation_agrees_with_the_exported_schemas() {
    check_part(Part::Response, 2000);
}

/// Each departure gets the RFC's verdict from us and the other one from `jsonschema` (so the
/// table holds only real departures), and each stand-in gets the RFC's verdict from both.
#[test]
fn email_departures_from_jsonschema_follow_rfc_5321() {
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "string",
        "format": "email",
    });
    let reference = reference_validator(&schema);
    for departure in EMAIL_DEPARTURES {
        let Departure {
            name,
            text,
            rfc_valid,
        } = departure;
        assert_eq!(Format::Email.check(text), *rfc_valid, "{name}: {text:?}");
        assert_eq!(
            reference.is_valid(&json!(text)),
            !rfc_valid,
            "{name}: {text:?} is no departure from jsonschema; take it out of the table"
        );
        let stand_in = stand_in(departure);
        assert_eq!(Format::Email.check(stand_in), *rfc_valid, "{stand_in:?}");
        assert_eq!(
            reference.is_valid(&json!(stand_in)),
            *rfc_valid,
            "{stand_in:?}"
        );
        assert!(
            EMAILS.contains(&stand_in),
            "{stand_in:?} is an email sample"
        );
    }
}

/// Where the form page's validator (ajv 8 with ajv-formats, as react-jsonschema-form sets it
/// up) and ours give different verdicts on the fixed sample strings: the format, the string,
/// and our verdict (ajv's is the other one). Every other verdict of ajv on the exported schemas
/// is ours.
const AJV_DEPARTURES: &[(&str, &str, bool)] = &[
    // Email: ajv-formats takes no quoted local part and no address literal, which RFC 5321
    // takes, nor a dotless domain; it takes `--` in the third and fourth places of a label and
    // punycode that does not decode, which RFC 5890 refuses.
    ("email", "\"a\\ b\"@example.com", true),
    ("email", "\"quoted\"@example.org", true),
    ("email", "a@[127.0.0.01]", true),
    ("email", "a@[127.0.0.1]", true),
    ("email", "a@[IPv6:::1]", true),
    ("email", "a@[IPv6:::ffff:01.2.3.4]", true),
    ("email", "a@ab--cd.example", false),
    ("email", "a@xn--nid0j299b.com", false),
    ("email", "a@xn--zz.example", false),
    ("email", "x@localhost", true),
    // URI: ajv-formats wants something after the scheme's colon; RFC 3986 takes an empty path.
    ("uri", "a:", true),
    // Date-time: ajv-formats takes a space for `T`, no offset, and an offset without a colon,
    // and checks a leap second by its local time where RFC 3339 checks its UTC time.
    ("date-time", "1998-12-31T22:59:60-01:00", true),
    ("date-time", "1998-12-31T23:59:60+01:00", false),
    ("date-time", "2024-01-01 10:00:00Z", false),
    ("date-time", "2024-01-01T10:00:00", false),
    ("date-time", "2024-01-01T10:00:00+0200", false),
    // UUID: ajv-formats takes the `urn:uuid:` prefix.
    (
        "uuid",
        "urn:uuid:62f44730-dd91-461e-bd6a-aedd9e0ad79d",
        false,
    ),
];

/// A stand-in with `ours` as its verdict for `format`, on which ajv agrees.
fn ajv_stand_in(format: &str, ours: bool) -> &'static str {
    match (format, ours) {
        (_, true) => VALID[format_index(format)],
        ("email", false) => "no-at-sign",
        ("uri", false) => "not a uri",
        ("date-time", false) => "2024-13-01T00:00:00Z",
        _ => "62f44730-dd91-461e-bd6a-aedd9e0ad79g",
    }
}

fn strings_in(value: &Value, out: &mut std::collections::BTreeSet<String>) {
    match value {
        Value::String(text) => {
            out.insert(text.clone());
        }
        Value::Array(items) => items.iter().for_each(|item| strings_in(item, out)),
        Value::Object(entries) => entries.values().for_each(|item| strings_in(item, out)),
        _ => {}
    }
}

fn replace_strings(value: &Value, stand_ins: &std::collections::BTreeMap<String, &str>) -> Value {
    match value {
        Value::String(text) => stand_ins
            .get(text)
            .map_or_else(|| value.clone(), |stand_in| Value::from(*stand_in)),
        Value::Array(items) => items
            .iter()
            .map(|item| replace_strings(item, stand_ins))
            .collect(),
        Value::Object(entries) => Value::Object(
            entries
                .iter()
                .map(|(key, item)| (key.clone(), replace_strings(item, stand_ins)))
                .collect(),
        ),
        _ => value.clone(),
    }
}

/// Documents shaped by one of `schemas` (each view's, the unified one last), valid ones
/// common, broken ones in every way the rules name.
fn documents_for(schemas: Vec<Value>) -> impl Strategy<Value = Value> {
    let unified = schemas.last().expect("the unified target's schema").clone();
    (0..schemas.len(), any::<bool>())
        .prop_flat_map(move |(i, noisy)| value_for(&schemas[i], &unified, noisy))
}

/// `cases` documents for `part`, generated as [`check_part`] does, from a fixed seed.
fn generated_documents(part: Part, cases: u32) -> Vec<Value> {
    let registry = unified_models::registry();
    let operation = users_create(&registry);
    let schemas: Vec<Value> = Target::<Set>::all()
        .map(|view| exported_schema(operation, part, view))
        .collect();
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        },
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    let documents = std::cell::RefCell::new(Vec::new());
    runner
        .run(&documents_for(schemas), |document| {
            documents.borrow_mut().push(document);
            Ok(())
        })
        .unwrap();
    documents.into_inner()
}

const FORMATS: [(&str, Format); 4] = [
    ("email", Format::Email),
    ("uri", Format::Uri),
    ("date-time", Format::DateTime),
    ("uuid", Format::Uuid),
];

/// The form page's ajv and our validator give the same verdict on the same generated documents,
/// for every provider and part, but for strings of the formats where ajv-formats departs from
/// ours: those are named in [`AJV_DEPARTURES`] (for the fixed samples), and in a generated
/// document each departing string is judged by ajv through a stand-in with our verdict.
#[test]
fn the_form_pages_ajv_agrees_with_our_validator() {
    let registry = unified_models::registry();
    let operation = users_create(&registry);
    let views: Vec<Target<Set>> = Target::<Set>::all().collect();
    let mut schemas = Vec::new();
    let mut documents = Vec::new();
    for (part_index, part) in Part::ALL.into_iter().enumerate() {
        for view in &views {
            schemas.push(exported_schema(operation, part, *view));
        }
        for document in generated_documents(part, 400) {
            documents.push((part_index, part, document));
        }
    }
    let mut strings = std::collections::BTreeSet::new();
    for (.., document) in &documents {
        strings_in(document, &mut strings);
    }
    let samples: Vec<&str> = [EMAILS, URIS, DATE_TIMES, UUIDS]
        .concat()
        .into_iter()
        .chain(EMAIL_DEPARTURES.iter().map(|departure| departure.text))
        .collect();
    strings.extend(samples.iter().map(|text| (*text).to_owned()));
    let strings: Vec<String> = strings.into_iter().collect();
    let formats: Map<String, Value> = FORMATS
        .iter()
        .map(|(name, _)| ((*name).to_owned(), json!(strings)))
        .collect();
    let answer = unified_test_tools::node_script(
        "ajv_check.mjs",
        &json!({"schemas": [], "formats": formats, "checks": []}),
    );

    let mut stand_ins = std::collections::BTreeMap::new();
    let mut sample_departures = Vec::new();
    for (name, format) in FORMATS {
        let verdicts = answer["formats"][name].as_array().unwrap();
        for (text, ajv) in strings.iter().zip(verdicts) {
            let ours = format.check(text);
            if ajv.as_bool() != Some(ours) {
                stand_ins.insert(text.clone(), ajv_stand_in(name, ours));
                if samples.contains(&text.as_str()) {
                    sample_departures.push((name, text.as_str(), ours));
                }
            }
        }
    }
    let named: Vec<(&str, &str, bool)> = AJV_DEPARTURES.to_vec();
    assert_eq!(
        sample_departures, named,
        "ajv-formats departs from our formats on exactly the named samples"
    );

    let mut checks = Vec::new();
    let mut ours = Vec::new();
    for (part_index, part, document) in &documents {
        let judged = replace_strings(document, &stand_ins);
        for (view_index, view) in views.iter().enumerate() {
            checks.push(json!([part_index * views.len() + view_index, judged]));
            ours.push((
                operation.is_valid(*part, document, *view),
                *part,
                *view,
                document,
            ));
        }
    }
    let answer = unified_test_tools::node_script(
        "ajv_check.mjs",
        &json!({"schemas": schemas, "formats": {}, "checks": checks}),
    );
    let verdicts = answer["checks"].as_array().unwrap();
    assert_eq!(verdicts.len(), ours.len());
    let valid = ours.iter().filter(|(valid, ..)| *valid).count();
    assert!(
        valid > 1000 && ours.len() - valid > 1000,
        "both verdicts are common"
    );
    for (ajv, (ours, part, view, document)) in verdicts.iter().zip(&ours) {
        assert_eq!(
            ajv.as_bool(),
            Some(*ours),
            "ajv and ours disagree on the {part} for {view:?}: {document}"
        );
    }
}

/// The agreement rule for updates: a merge patch of the body, judged by our patch validator and
/// by `jsonschema` on the model's patch schema for each view, gets the same verdict, and the
/// one-pass reading of its text the same report.
#[test]
fn patch_validation_agrees_with_the_patch_schemas() {
    let views: Vec<Target<Set>> = Target::<Set>::all().collect();
    let schemas: Vec<Value> = views
        .iter()
        .map(|view| UserCreateBody::patch_schema_for(*view).to_value())
        .collect();
    let validators: Vec<jsonschema::Validator> = schemas.iter().map(reference_validator).collect();
    let mut runner = TestRunner::new(Config {
        cases: 2000,
        failure_persistence: None,
        ..Config::default()
    });
    let verdicts: Vec<Cell<(usize, usize)>> = views.iter().map(|_| Cell::new((0, 0))).collect();
    runner
        .run(&documents_for(schemas), |document| {
            let stand_ins = with_stand_ins(&document);
            let judged = stand_ins.as_ref().unwrap_or(&document);
            let text = serde_json::to_vec(&document).expect("a Value serializes");
            for (index, view) in views.iter().enumerate() {
                let ours = UserCreateBody::is_valid_patch(&document, *view);
                let report = UserCreateBody::validate_patch_slice(&text, *view);
                prop_assert_eq!(
                    ours,
                    validators[index].is_valid(judged),
                    "patch for {:?}: {}\nour report: {}",
                    view,
                    document,
                    report
                );
                prop_assert_eq!(report.is_valid(), ours, "{}", document);
                let (valid, invalid) = verdicts[index].get();
                verdicts[index].set(if ours {
                    (valid + 1, invalid)
                } else {
                    (valid, invalid + 1)
                });
            }
            Ok(())
        })
        .unwrap();
    for (index, view) in views.iter().enumerate() {
        let (valid, invalid) = verdicts[index].get();
        assert!(
            valid > 0 && invalid > 0,
            "{view:?}: {valid} valid, {invalid} invalid"
        );
    }
}
