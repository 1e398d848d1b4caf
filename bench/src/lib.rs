//! The fixtures of the validation benchmarks, shared by the criterion bench, the callgrind
//! driver and the allocation tests: for every provider, four request bodies of
//! `ticketing/users` `create` (minimal valid, full valid, one error, many errors), and the
//! measurements taken on each: parsing alone, our two validations, the `jsonschema` crate's two,
//! both full reports with every message rendered as text, our validations reading the text in
//! one pass, text to a checked typed body with and without a `Value` in between, and text to
//! the provider's view (validated and deserialized in one pass) against serde alone.

pub mod map_order;

use std::hint::black_box;

use serde::Deserialize;
use serde_json::{Value, json};
use unified_core::{Part, Provider, UnifiedModel, View};
use unified_models::providers::{self, Set};
use unified_models::ticketing::users::UserCreateBody;
use unified_tests::{exported_schema, reference_validator, users_create, workspace_root};

/// The four bodies measured for each provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Only the fields the provider requires, each with a valid value.
    Minimal,
    /// Every field the provider supports, each with a valid value.
    Full,
    /// The full body plus one misspelt field (`nickname` for `nick_name`).
    OneError,
    /// The spec's own code sample (`examples/spec-code-sample.json`): placeholder values that
    /// break many rules for every provider.
    ManyErrors,
}

impl Kind {
    /// Every kind, in the order the tables list them.
    pub const ALL: [Kind; 4] = [Kind::Minimal, Kind::Full, Kind::OneError, Kind::ManyErrors];

    /// The kind's name in benchmark ids and tables.
    pub const fn id(self) -> &'static str {
        match self {
            Kind::Minimal => "minimal",
            Kind::Full => "full",
            Kind::OneError => "one-error",
            Kind::ManyErrors => "many-errors",
        }
    }

    /// Whether bodies of this kind are valid.
    pub const fn is_valid(self) -> bool {
        matches!(self, Kind::Minimal | Kind::Full)
    }
}

/// One body for one provider, with the `jsonschema` validator compiled from that provider's
/// committed schema file.
pub struct Case {
    /// Which body it is.
    pub kind: Kind,
    /// The provider it is validated for.
    pub provider: Provider<Set>,
    /// The body as it arrives: compact JSON text.
    pub text: Vec<u8>,
    /// The body parsed once, for the validations.
    pub value: Value,
    /// The reference validator: draft 2020-12, format assertion on, built from
    /// `schemas/ticketing/users/<provider>/create.body.json`.
    pub reference: jsonschema::Validator,
}

impl Case {
    /// The case's id: `full/dixa`.
    pub fn id(&self) -> String {
        format!("{}/{}", self.kind.id(), self.provider.id())
    }
}

/// Every case: each kind for each provider, kinds outermost.
pub fn cases() -> Vec<Case> {
    let registry = unified_models::registry();
    let operation = users_create(&registry);
    let full = full_body();
    let sample = spec_code_sample();
    let mut cases = Vec::new();
    for kind in Kind::ALL {
        for provider in Provider::<Set>::all() {
            let value = match kind {
                Kind::Minimal => body_for(&full, provider, |field| &field.required),
                Kind::Full => body_for(&full, provider, |field| &field.supported),
                Kind::OneError => {
                    let mut body = body_for(&full, provider, |field| &field.supported);
                    body.as_object_mut()
                        .expect("a body is an object")
                        .insert("nickname".into(), "gh".into());
                    body
                }
                Kind::ManyErrors => sample.clone(),
            };
            let schema = exported_schema(operation, Part::Body, View::of(provider));
            cases.push(Case {
                kind,
                provider,
                text: serde_json::to_vec(&value).expect("a JSON value serializes"),
                value,
                reference: reference_validator(&schema),
            });
        }
    }
    cases
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
/// model's coverage so the bodies follow the model.
fn body_for(
    full: &Value,
    provider: Provider<Set>,
    list: fn(&unified_core::FieldCoverage) -> &Vec<&'static str>,
) -> Value {
    let mut body = serde_json::Map::new();
    for field in UserCreateBody::coverage() {
        if list(&field).contains(&provider.id()) {
            body.insert(field.field.into(), full[field.field].clone());
        }
    }
    Value::Object(body)
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
pub const MEASUREMENTS: [(&str, Measurement); 13] = [
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
        }
    }
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
    UserCreateBody::is_valid(&case.value, case.provider)
}

/// Our validator, the full report: every violation with its pointer, code and message parts
/// (the text of the messages is rendered when the report is read, as `jsonschema` renders its
/// messages when an error is displayed); returns how many violations it has.
#[inline(never)]
pub fn unified_validate(case: &Case) -> usize {
    UserCreateBody::validate(&case.value, case.provider).len()
}

/// Our full report with every message rendered as text; returns the length of all the text.
#[inline(never)]
pub fn unified_validate_rendered(case: &Case) -> usize {
    UserCreateBody::validate(&case.value, case.provider)
        .errors()
        .iter()
        .map(|error| error.pointer.len() + error.message.len())
        .sum()
}

/// Our validator reading the body's text in one pass, no `Value` built: "is it valid".
#[inline(never)]
pub fn read_is_valid(case: &Case) -> bool {
    UserCreateBody::is_valid_slice(&case.text, case.provider)
}

/// Our validator reading the body's text in one pass: the full report; returns how many
/// violations it has.
#[inline(never)]
pub fn read_validate(case: &Case) -> usize {
    UserCreateBody::validate_slice(&case.text, case.provider).len()
}

/// From text to a checked, typed body the usual way: parse into a `Value`, validate it, then
/// deserialize the typed struct from the `Value`. Returns whether a typed body came out.
#[inline(never)]
pub fn typed_parsed(case: &Case) -> bool {
    let Ok(value) = serde_json::from_slice::<Value>(&case.text) else {
        return false;
    };
    UserCreateBody::is_valid(&value, case.provider)
        && UserCreateBody::deserialize(&value).map(black_box).is_ok()
}

/// From text to a checked, typed body without a `Value`: check the text in one pass, then
/// deserialize the typed struct straight from the text. Returns whether a typed body came out.
#[inline(never)]
pub fn typed_read(case: &Case) -> bool {
    UserCreateBody::is_valid_slice(&case.text, case.provider)
        && serde_json::from_slice::<UserCreateBody>(&case.text)
            .map(black_box)
            .is_ok()
}

/// The floor: the body's text into the model's struct with serde alone, nothing checked (serde
/// takes many bodies the provider refuses). Returns whether a struct came out.
#[inline(never)]
pub fn serde_typed(case: &Case) -> bool {
    serde_json::from_slice::<UserCreateBody>(&case.text)
        .map(black_box)
        .is_ok()
}

/// The body's text to the provider's view (`UserCreateBodyForDixa`, ..), validated and
/// deserialized in one pass. Returns whether a view came out.
#[inline(never)]
pub fn view_read(case: &Case) -> bool {
    /// The view for the case's provider: a provider is a type here, so one arm per provider.
    macro_rules! view_for {
        ($($id:ident),+) => {
            match case.provider {
                $(
                    provider if provider == providers::$id => {
                        UserCreateBody::view_from_slice::<providers::$id>(&case.text)
                            .map(black_box)
                            .is_ok()
                    }
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
