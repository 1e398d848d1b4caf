//! Random changes to the shipped models' request bodies, as a model change makes them (a field
//! required or not, listed or not, a limit, a type, a value, a pattern, a format, unlisted
//! fields taken or not), held against the `jsonschema` crate: whenever `diff` calls every change
//! to a body harmless, every document generated valid under the old schema stays valid under
//! the new one; and every worked example it gives is taken by the old schema and refused by the
//! new.

use std::cell::Cell;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};
use unified_schema_diff::generate::Generator;
use unified_schema_diff::{Level, Side, Tree, diff_trees};

/// The bodies changed: different providers' views of the spec's model.
const BODIES: [&str; 3] = [
    "ticketing/users/dixa/create.body.json",
    "ticketing/users/teamwork_project_management/create.body.json",
    "ticketing/users/unified/create.body.json",
];

fn exported(path: &str) -> Value {
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas")
        .join(path);
    let text = std::fs::read_to_string(&file).expect("the exported schema");
    serde_json::from_str(&text).expect("JSON")
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .expect("the schema compiles")
}

/// The pointers of every object schema that lists properties, at any depth.
fn objects(schema: &Value, at: String, found: &mut Vec<String>) {
    if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
        found.push(at.clone());
        for (name, property) in properties {
            objects(property, format!("{at}/properties/{name}"), found);
        }
    }
    if let Some(items) = schema.get("items") {
        objects(items, format!("{at}/items"), found);
    }
}

/// One change a model change can make to the schema of a field.
#[derive(Clone, Debug)]
enum Mutation {
    ToggleRequired,
    RemoveProperty,
    AddProperty,
    MaxLength(Option<u64>),
    MinLength(Option<u64>),
    ToggleNull,
    RemoveValue,
    AddValue,
    Pattern(bool),
    ToggleClosed,
    Format(Option<&'static str>),
    MaxItems(Option<u64>),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let bound = || prop_oneof![Just(None), (0u64..12).prop_map(Some)];
    prop_oneof![
        Just(Mutation::ToggleRequired),
        Just(Mutation::RemoveProperty),
        Just(Mutation::AddProperty),
        bound().prop_map(Mutation::MaxLength),
        bound().prop_map(Mutation::MinLength),
        Just(Mutation::ToggleNull),
        Just(Mutation::RemoveValue),
        Just(Mutation::AddValue),
        any::<bool>().prop_map(Mutation::Pattern),
        Just(Mutation::ToggleClosed),
        prop_oneof![
            Just(None),
            Just(Some("email")),
            Just(Some("uri")),
            Just(Some("date-time"))
        ]
        .prop_map(Mutation::Format),
        bound().prop_map(Mutation::MaxItems),
    ]
}

/// `schema` with `mutation` applied to the `pick`th property of the `site`th object.
fn apply(schema: &mut Value, site: usize, pick: usize, mutation: &Mutation) {
    let mut sites = Vec::new();
    objects(schema, String::new(), &mut sites);
    let at = &sites[site % sites.len()];
    let object = schema
        .pointer_mut(at)
        .expect("a site")
        .as_object_mut()
        .expect("an object");
    let names: Vec<String> = object["properties"]
        .as_object()
        .expect("listed")
        .keys()
        .cloned()
        .collect();
    let name = names[pick % names.len()].clone();
    let set = |field: &mut Map<String, Value>, key: &str, value: Option<Value>| match value {
        Some(value) => {
            field.insert(key.into(), value);
        }
        None => {
            field.remove(key);
        }
    };
    match mutation {
        Mutation::ToggleRequired => {
            let required = object.entry("required").or_insert_with(|| json!([]));
            let list = required.as_array_mut().expect("a list");
            if let Some(index) = list.iter().position(|listed| listed == &json!(name)) {
                list.remove(index);
            } else {
                list.push(json!(name));
            }
        }
        Mutation::RemoveProperty => {
            object["properties"]
                .as_object_mut()
                .expect("listed")
                .remove(&name);
            if let Some(list) = object.get_mut("required").and_then(Value::as_array_mut) {
                list.retain(|listed| listed != &json!(name));
            }
        }
        Mutation::AddProperty => {
            let properties = object["properties"].as_object_mut().expect("listed");
            properties.insert(format!("{name}_extra"), json!({ "type": "string" }));
        }
        Mutation::ToggleClosed => {
            if object.get("additionalProperties") == Some(&json!(false)) {
                object.remove("additionalProperties");
            } else {
                object.insert("additionalProperties".into(), json!(false));
            }
        }
        field_change => {
            let field = object["properties"][&name]
                .as_object_mut()
                .expect("a field schema");
            match field_change {
                Mutation::MaxLength(bound) => set(field, "maxLength", bound.map(Value::from)),
                Mutation::MinLength(bound) => set(field, "minLength", bound.map(Value::from)),
                Mutation::MaxItems(bound) => set(field, "maxItems", bound.map(Value::from)),
                Mutation::Format(format) => set(field, "format", format.map(Value::from)),
                Mutation::Pattern(on) => set(field, "pattern", on.then(|| json!("^[a-z@.]*$"))),
                Mutation::ToggleNull => {
                    let types = match field.get("type") {
                        Some(Value::String(name)) => vec![json!(name)],
                        Some(Value::Array(names)) => names.clone(),
                        _ => return,
                    };
                    let mut types: Vec<Value> = types;
                    if let Some(index) = types.iter().position(|t| t == "null") {
                        types.remove(index);
                    } else {
                        types.push(json!("null"));
                    }
                    field.insert("type".into(), Value::Array(types));
                }
                Mutation::RemoveValue => {
                    if let Some(Value::Array(branches)) = field.get_mut("oneOf")
                        && branches.len() > 1
                    {
                        branches.remove(0);
                    }
                }
                Mutation::AddValue => {
                    if let Some(Value::Array(branches)) = field.get_mut("oneOf") {
                        branches.push(json!({ "const": "zzz" }));
                    }
                }
                _ => {}
            }
        }
    }
}

#[test]
fn what_diff_calls_harmless_to_a_body_keeps_every_valid_document_valid() {
    let harmless = Cell::new(0);
    let breaking = Cell::new(0);
    let documents_checked = Cell::new(0);
    let mut runner = TestRunner::new(Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    });
    let changes = (
        0..BODIES.len(),
        proptest::collection::vec((0usize..64, 0usize..64, mutation()), 1..4),
        any::<u64>(),
    );
    runner
        .run(&changes, |(body, mutations, seed)| {
            let path = BODIES[body];
            let old = exported(path);
            let mut new = old.clone();
            for (site, pick, mutation) in &mutations {
                apply(&mut new, *site, *pick, mutation);
            }
            let tree =
                |schema: &Value| Tree::from_texts([(path, schema.to_string())]).expect("JSON");
            let report = diff_trees(&tree(&old), &tree(&new));
            let (accepts_old, accepts_new) = (validator(&old), validator(&new));
            for change in &report.changes {
                prop_assert_eq!(change.side, Side::Request);
                if let Some(example) = &change.example {
                    prop_assert!(
                        accepts_old.is_valid(example),
                        "{} taken by the old: {}",
                        example,
                        change.message
                    );
                    prop_assert!(
                        !accepts_new.is_valid(example),
                        "{} refused by the new: {}",
                        example,
                        change.message
                    );
                }
            }
            if report.reaches(Level::Warn) {
                breaking.set(breaking.get() + 1);
                return Ok(());
            }
            harmless.set(harmless.get() + 1);
            let mut generator = Generator::new(seed);
            let mut documents = generator.candidates(&old);
            documents.extend(generator.documents(&old, 150));
            for document in documents
                .iter()
                .filter(|document| accepts_old.is_valid(document))
            {
                documents_checked.set(documents_checked.get() + 1);
                prop_assert!(
                    accepts_new.is_valid(document),
                    "{} was valid and is refused after changes {:?} that diff calls harmless: {:?}",
                    document,
                    mutations,
                    report
                        .changes
                        .iter()
                        .map(|change| &change.message)
                        .collect::<Vec<_>>()
                );
            }
            Ok(())
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
    assert!(
        harmless.get() >= 20,
        "only {} harmless cases were tried",
        harmless.get()
    );
    assert!(
        breaking.get() >= 20,
        "only {} breaking cases were tried",
        breaking.get()
    );
    assert!(
        documents_checked.get() >= 20 * harmless.get(),
        "only {} valid documents for {} harmless cases",
        documents_checked.get(),
        harmless.get()
    );
}
