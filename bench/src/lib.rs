//! The fixtures of the validation benchmarks, shared by the criterion bench, the callgrind
//! driver and the allocation tests: for every provider, seven request bodies and seven responses
//! of `ticketing/users` `create` (minimal valid, full valid, one error, many errors, emails null,
//! and two documents that are not objects), the spec's own examples, and the measurements taken
//! on each: the `jsonschema` crate's generated validators, parsing alone, our two validations,
//! the `jsonschema` crate's two,
//! both full reports with every message rendered as text, our validations reading the text in
//! one pass, text to a checked typed body with and without a `Value` in between, and text to
//! the provider's view (validated and deserialized in one pass) against serde alone.

pub mod estimates;
pub mod generated;
pub mod many_providers;
pub mod sets;

use std::hint::black_box;

use serde::Deserialize;
use serde_json::{Value, json};
use unified_core::{Part, Provider, Target, UnifiedModel};
use unified_models::providers::{self, Set};
use unified_models::ticketing::users::{UserCreateBody, UserCreateResponse};
use unified_tests::{exported_schema, reference_validator, spec_dir, users_create, workspace_root};

/// The documents measured for each provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Only the fields the provider requires, each with a valid value (a response: its id, and
    /// its name where the provider supports one).
    Minimal,
    /// Every field the provider supports, each with a valid value.
    Full,
    /// The full body plus one misspelt field (`nickname` for `nick_name`).
    OneError,
    /// Many broken rules for every provider: for bodies, the spec's own code sample
    /// (`examples/spec-code-sample.json`, placeholder values); for responses, a response with a
    /// wrong value in every field.
    ManyErrors,
    /// The full document with `"emails": null`: valid where the provider takes emails and does
    /// not require them.
    EmailsNull,
    /// The string `"abc"`: not an object at all.
    NotAnObject,
    /// The number `42`: not an object at all.
    Number,
    /// One of the spec's own examples (`shared/spec/examples.json`), for the provider it names,
    /// valid or not as the spec says.
    Example(usize),
}

impl Kind {
    /// The kinds made for every provider, in the order the tables list them (the spec's examples
    /// follow, one case each).
    pub const ALL: [Kind; 7] = [
        Kind::Minimal,
        Kind::Full,
        Kind::OneError,
        Kind::ManyErrors,
        Kind::EmailsNull,
        Kind::NotAnObject,
        Kind::Number,
    ];

    /// The kind's name in benchmark ids and tables.
    pub fn id(self) -> String {
        match self {
            Kind::Minimal => "minimal".into(),
            Kind::Full => "full".into(),
            Kind::OneError => "one-error".into(),
            Kind::ManyErrors => "many-errors".into(),
            Kind::EmailsNull => "emails-null".into(),
            Kind::NotAnObject => "not-an-object".into(),
            Kind::Number => "number".into(),
            Kind::Example(index) => format!("example-{index}"),
        }
    }
}

/// One body for one provider, with the `jsonschema` validator compiled from that provider's
/// committed schema file.
pub struct Case {
    /// A request body or a response.
    pub part: Part,
    /// Which document it is.
    pub kind: Kind,
    /// The provider it is validated for.
    pub provider: Provider<Set>,
    /// Whether the document is valid for the provider (what every validator must say).
    pub valid: bool,
    /// The body as it arrives: compact JSON text.
    pub text: Vec<u8>,
    /// The body parsed once, for the validations.
    pub value: Value,
    /// The reference validator: draft 2020-12, format assertion on, built from
    /// `schemas/ticketing/users/<provider>/create.<part>.json`.
    pub reference: jsonschema::Validator,
    /// The `jsonschema` crate's validator generated at compile time from the same file.
    pub generated: generated::Generated,
}

impl Case {
    /// The case's id: `full/dixa` for a body, `response/full/dixa` for a response.
    pub fn id(&self) -> String {
        match self.part {
            Part::Response => format!("response/{}/{}", self.kind.id(), self.provider.id()),
            _ => format!("{}/{}", self.kind.id(), self.provider.id()),
        }
    }
}

/// Every case: the bodies, then the responses; each kind for each provider, kinds outermost;
/// then the spec's examples.
pub fn cases() -> Vec<Case> {
    let registry = unified_models::registry();
    let operation = users_create(&registry);
    let mut cases = Vec::new();
    for part in [Part::Body, Part::Response] {
        let (full, broken, coverage) = match part {
            Part::Response => (
                full_response(),
                broken_response(),
                UserCreateResponse::coverage(),
            ),
            _ => (full_body(), spec_code_sample(), UserCreateBody::coverage()),
        };
        for kind in Kind::ALL {
            for provider in Provider::<Set>::all() {
                let schema = exported_schema(operation, part, Target::of(provider));
                let full_for = || document_for(&full, &coverage, provider, |f| &f.supported);
                let mut value = match kind {
                    Kind::Minimal => document_for(&full, &coverage, provider, |f| &f.required),
                    Kind::Full => full_for(),
                    Kind::OneError => with_member(full_for(), "nickname", "gh".into()),
                    Kind::EmailsNull => with_member(full_for(), "emails", Value::Null),
                    Kind::ManyErrors => broken.clone(),
                    Kind::NotAnObject => "abc".into(),
                    Kind::Number => 42.into(),
                    Kind::Example(_) => unreachable!("examples are not made per provider"),
                };
                if kind != Kind::ManyErrors {
                    take_allowed_values(&mut value, &schema);
                }
                let valid = match kind {
                    Kind::Minimal | Kind::Full => true,
                    Kind::EmailsNull => {
                        let emails = coverage
                            .iter()
                            .find(|field| field.field == "emails")
                            .expect("the model has emails");
                        emails.supported.contains(&provider.id())
                            && !emails.required.contains(&provider.id())
                    }
                    _ => false,
                };
                cases.push(Case::new(
                    part,
                    kind,
                    provider,
                    value,
                    valid,
                    reference_validator(&schema),
                ));
            }
        }
    }
    for (index, example) in spec_examples().into_iter().enumerate() {
        let part = match example["part"].as_str() {
            Some("response") => Part::Response,
            _ => Part::Body,
        };
        let provider = Provider::<Set>::all()
            .find(|provider| example["provider"] == provider.id())
            .expect("a spec example names a provider of the set");
        let schema = exported_schema(operation, part, Target::of(provider));
        cases.push(Case::new(
            part,
            Kind::Example(index),
            provider,
            example["body"].clone(),
            example["valid"] == true,
            reference_validator(&schema),
        ));
    }
    cases
}

impl Case {
    fn new(
        part: Part,
        kind: Kind,
        provider: Provider<Set>,
        value: Value,
        valid: bool,
        reference: jsonschema::Validator,
    ) -> Case {
        Case {
            part,
            kind,
            provider,
            valid,
            text: serde_json::to_vec(&value).expect("a JSON value serializes"),
            value,
            reference,
            generated: generated::validator(part, provider),
        }
    }
}

/// `document` (an object) with `name` set to `value`.
fn with_member(mut document: Value, name: &str, value: Value) -> Value {
    document
        .as_object_mut()
        .expect("a document is an object")
        .insert(name.into(), value);
    document
}

/// The spec's examples (the checked-in copy of the spec's `examples.json`): each names a
/// provider, a part, a body and whether it is valid.
fn spec_examples() -> Vec<Value> {
    let path = spec_dir().join("examples.json");
    let text = std::fs::read(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    serde_json::from_slice(&text).expect("the spec's examples are JSON")
}

/// Replaces each string that `schema` restricts to a list of values (a provider's roles) and that
/// is not one of them by the first listed value, so one full document serves every provider.
fn take_allowed_values(value: &mut Value, schema: &Value) {
    match value {
        Value::String(text) => {
            if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
                && !allowed.iter().any(|listed| listed == text)
                && let Some(Value::String(first)) = allowed.first()
            {
                *text = first.clone();
            }
        }
        Value::Array(items) => {
            for item in items {
                take_allowed_values(item, &schema["items"]);
            }
        }
        Value::Object(members) => {
            for (name, member) in members {
                take_allowed_values(member, &schema["properties"][name.as_str()]);
            }
        }
        _ => {}
    }
}

/// A valid value for every field of the response; a provider's responses keep the fields it
/// answers with.
fn full_response() -> Value {
    json!({
        "id": "u-1",
        "name": "Grace Hopper",
        "avatar": "https://cdn.example.org/users/grace.png",
        "created_at": "2024-03-01T09:30:00Z",
        "emails": [
            {"email": "grace@navy.example", "type": "primary"},
            {"email": "g.hopper@example.org", "type": "other"}
        ],
        "etag": "33a64df5",
        "first_name": "Grace",
        "is_active": true,
        "last_name": "Hopper",
        "remote_data": {"source": "bench"},
        "roles": [{"id": "r-1", "name": "owner"}],
        "team_ids": ["t-9", "t-10"],
        "updated_at": "2024-03-02T10:00:00+01:00",
        "username": "ghopper"
    })
}

/// A response that breaks a rule in every field: wrong types, a bad email, a bad date.
fn broken_response() -> Value {
    json!({
        "id": 7,
        "name": ["Grace"],
        "avatar": "not a uri",
        "created_at": "yesterday",
        "emails": [{"email": "no-at-sign", "type": 1}],
        "first_name": 1,
        "is_active": "yes",
        "roles": "owner",
        "team_ids": [1, 2],
        "updated_at": "",
        "username": null
    })
}

/// A valid value for every field of the body; a provider's bodies keep the fields it takes.
fn full_body() -> Value {
    json!({
        "name": "Grace Hopper",
        "avatar": "https://cdn.example.org/users/grace.png",
        "custom_fields": {"department": "Navy", "rank": "Rear Admiral"},
        "emails": [
            {"email": "grace@navy.example", "type": "primary"},
            {"email": "g.hopper@example.org", "type": "other"}
        ],
        "first_name": "Grace",
        "languages": ["en", "fr"],
        "last_name": "Hopper",
        "nick_name": "Amazing Grace",
        "password": "c0b0l-1959",
        "remote_data": {"source": "bench", "tags": ["a", "b"]},
        "roles": [{"id": "r-1", "name": "owner"}],
        "status": "active",
        "team_ids": ["t-9", "t-10"],
        "user_type": "UT_1",
        "username": "ghopper"
    })
}

/// The fields of `full` whose provider list (chosen by `list`) names `provider`, read from the
/// model's coverage so the documents follow the model.
fn document_for(
    full: &Value,
    coverage: &[unified_core::FieldCoverage],
    provider: Provider<Set>,
    list: fn(&unified_core::FieldCoverage) -> &Vec<&'static str>,
) -> Value {
    let mut document = serde_json::Map::new();
    for field in coverage {
        if list(field).contains(&provider.id()) {
            document.insert(field.field.into(), full[field.field].clone());
        }
    }
    Value::Object(document)
}

fn spec_code_sample() -> Value {
    let path = workspace_root().join("examples/spec-code-sample.json");
    let text = std::fs::read(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
    serde_json::from_slice(&text).expect("the spec's code sample is JSON")
}

/// One measurement: runs on a case and returns something small for `black_box`.
pub type Measurement = fn(&Case) -> usize;

/// The measurements, each with the name criterion files it under, in table order.
pub const MEASUREMENTS: [(&str, Measurement); 16] = [
    ("parse", |case| usize::from(parse(case))),
    ("unified_is_valid", |case| {
        usize::from(unified_is_valid(case))
    }),
    ("unified_validate", unified_validate),
    ("jsonschema_is_valid", |case| {
        usize::from(reference_is_valid(case))
    }),
    ("jsonschema_iter_errors", reference_errors),
    ("unified_validate_rendered", unified_validate_rendered),
    ("jsonschema_errors_rendered", reference_errors_rendered),
    ("read_is_valid", |case| usize::from(read_is_valid(case))),
    ("read_validate", read_validate),
    ("typed_parsed", |case| usize::from(typed_parsed(case))),
    ("typed_read", |case| usize::from(typed_read(case))),
    ("serde_typed", |case| usize::from(serde_typed(case))),
    ("view_read", |case| usize::from(view_read(case))),
    ("generated_is_valid", |case| {
        usize::from(generated_is_valid(case))
    }),
    ("generated_iter_errors", generated_errors),
    ("serde_walk", |case| usize::from(serde_walk(case))),
];

/// One value per measurement (a time, a count), named, from an array in [`MEASUREMENTS`] order.
#[derive(Clone, Copy, Debug)]
pub struct PerMeasurement<T> {
    /// `parse`.
    pub parse: T,
    /// `unified_is_valid`.
    pub is_valid: T,
    /// `unified_validate`.
    pub validate: T,
    /// `jsonschema_is_valid`.
    pub js_is_valid: T,
    /// `jsonschema_iter_errors`.
    pub js_errors: T,
    /// `unified_validate_rendered`.
    pub rendered: T,
    /// `jsonschema_errors_rendered`.
    pub js_rendered: T,
    /// `read_is_valid`.
    pub read_is_valid: T,
    /// `read_validate`.
    pub read_validate: T,
    /// `typed_parsed`.
    pub typed_parsed: T,
    /// `typed_read`.
    pub typed_read: T,
    /// `serde_typed`.
    pub serde_typed: T,
    /// `view_read`.
    pub view_read: T,
    /// `generated_is_valid`.
    pub generated_is_valid: T,
    /// `generated_iter_errors`.
    pub generated_errors: T,
    /// `serde_walk`.
    pub serde_walk: T,
}

impl<T> From<[T; MEASUREMENTS.len()]> for PerMeasurement<T> {
    fn from(values: [T; MEASUREMENTS.len()]) -> Self {
        let [
            parse,
            is_valid,
            validate,
            js_is_valid,
            js_errors,
            rendered,
            js_rendered,
            read_is_valid,
            read_validate,
            typed_parsed,
            typed_read,
            serde_typed,
            view_read,
            generated_is_valid,
            generated_errors,
            serde_walk,
        ] = values;
        PerMeasurement {
            parse,
            is_valid,
            validate,
            js_is_valid,
            js_errors,
            rendered,
            js_rendered,
            read_is_valid,
            read_validate,
            typed_parsed,
            typed_read,
            serde_typed,
            view_read,
            generated_is_valid,
            generated_errors,
            serde_walk,
        }
    }
}

/// Runs `$body` with `M` the model of the case's part: `UserCreateBody` or `UserCreateResponse`.
macro_rules! by_part {
    ($case:expr, $model:ident => $body:expr) => {
        match $case.part {
            Part::Response => {
                type $model = UserCreateResponse;
                $body
            }
            _ => {
                type $model = UserCreateBody;
                $body
            }
        }
    };
}

// The measurements. Each drops what it builds, so its cost is the whole cost to a request, and
// none is inlined, so callgrind reports each as a function of its own.

/// Parses the body into a `Value` (and drops it): the cost every request pays before any
/// validation. Returns whether the body is an object.
#[inline(never)]
pub fn parse(case: &Case) -> bool {
    let value: Value = serde_json::from_slice(&case.text).expect("bench bodies are JSON");
    value.is_object()
}

/// Our validator, "is it valid": stops at the first violation.
#[inline(never)]
pub fn unified_is_valid(case: &Case) -> bool {
    by_part!(case, M => M::is_valid(&case.value, case.provider))
}

/// Our validator, the full report: every violation with its pointer, code and message parts
/// (the text of the messages is rendered when the report is read, as `jsonschema` renders its
/// messages when an error is displayed); returns how many violations it has.
#[inline(never)]
pub fn unified_validate(case: &Case) -> usize {
    by_part!(case, M => M::validate(&case.value, case.provider).len())
}

/// Our full report with every message rendered as text; returns the length of all the text.
#[inline(never)]
pub fn unified_validate_rendered(case: &Case) -> usize {
    by_part!(case, M => M::validate(&case.value, case.provider))
        .errors()
        .iter()
        .map(|error| error.pointer.len() + error.message.len())
        .sum()
}

/// Our validator reading the body's text in one pass, no `Value` built: "is it valid".
#[inline(never)]
pub fn read_is_valid(case: &Case) -> bool {
    by_part!(case, M => M::is_valid_slice(&case.text, case.provider))
}

/// Our validator reading the body's text in one pass: the full report; returns how many
/// violations it has.
#[inline(never)]
pub fn read_validate(case: &Case) -> usize {
    by_part!(case, M => M::validate_slice(&case.text, case.provider).len())
}

/// From text to a checked, typed body the usual way: parse into a `Value`, validate it, then
/// deserialize the typed struct from the `Value`. Returns whether a typed body came out.
#[inline(never)]
pub fn typed_parsed(case: &Case) -> bool {
    let Ok(value) = serde_json::from_slice::<Value>(&case.text) else {
        return false;
    };
    by_part!(case, M => {
        M::is_valid(&value, case.provider) && M::deserialize(&value).map(black_box).is_ok()
    })
}

/// From text to a checked, typed body without a `Value`: check the text in one pass, then
/// deserialize the typed struct straight from the text. Returns whether a typed body came out.
#[inline(never)]
pub fn typed_read(case: &Case) -> bool {
    by_part!(case, M => {
        M::is_valid_slice(&case.text, case.provider)
            && serde_json::from_slice::<M>(&case.text)
                .map(black_box)
                .is_ok()
    })
}

/// The floor: the document's text into the model's struct with serde alone, nothing checked (serde
/// takes many bodies the provider refuses). Returns whether a struct came out.
#[inline(never)]
pub fn serde_typed(case: &Case) -> bool {
    by_part!(case, M => serde_json::from_slice::<M>(&case.text).map(black_box).is_ok())
}

/// The document's text to the provider's view (`UserCreateBodyForDixa`, ..), validated and
/// deserialized in one pass. Returns whether a view came out.
#[inline(never)]
pub fn view_read(case: &Case) -> bool {
    /// The view for the case's provider: a provider is a type here, so one arm per provider.
    macro_rules! view_for {
        ($($id:ident),+) => {
            match case.provider {
                $(
                    provider if provider == providers::$id => by_part!(case, M => {
                        M::view_from_slice::<providers::$id>(&case.text)
                            .map(black_box)
                            .is_ok()
                    }),
                )+
                _ => false,
            }
        };
    }
    view_for!(
        dixa,
        freshchat,
        gorgias,
        hive,
        pivotal_tracker,
        planhat,
        qualtrics_corexm,
        reamaze,
        solarwinds_service_desk,
        teamwork_project_management
    )
}

/// The `jsonschema` crate's validator generated at compile time from the same schema file:
/// `is_valid`.
#[inline(never)]
pub fn generated_is_valid(case: &Case) -> bool {
    (case.generated.is_valid)(&case.value)
}

/// The generated validator's `iter_errors`, every error; returns how many.
#[inline(never)]
pub fn generated_errors(case: &Case) -> usize {
    (case.generated.errors)(&case.value)
}

/// Every value of the parsed document handed over through serde's `Deserializer` protocol
/// (`serde_json`'s own, over `&Value`) and nothing checked: what reading a document this way costs
/// before any rule, the floor of a validator that reads through that protocol. Returns whether
/// the walk ended without error.
#[inline(never)]
pub fn serde_walk(case: &Case) -> bool {
    unified_core::__private::skip(&case.value).is_ok()
}

/// The `jsonschema` crate's `is_valid`.
#[inline(never)]
pub fn reference_is_valid(case: &Case) -> bool {
    case.reference.is_valid(&case.value)
}

/// The `jsonschema` crate's `iter_errors` with every error displayed as text; returns the
/// length of all the text.
#[inline(never)]
pub fn reference_errors_rendered(case: &Case) -> usize {
    case.reference
        .iter_errors(&case.value)
        .map(|error| error.instance_path().as_str().len() + error.to_string().len())
        .sum()
}

/// The `jsonschema` crate's `iter_errors`, collected (every violation); returns how many.
#[inline(never)]
pub fn reference_errors(case: &Case) -> usize {
    case.reference
        .iter_errors(&case.value)
        .collect::<Vec<_>>()
        .len()
}
