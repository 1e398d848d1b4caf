//! The check that cannot lie: a document one schema accepts and the other refuses, found by
//! generating candidates and asking a real validator (the `jsonschema` crate) of both.

use serde_json::{Map, Value};

use crate::generate::{Generator, flattened};
use crate::keywords::object_of;

/// Random documents tried after the targeted ones.
const RANDOM_TRIES: usize = 400;

/// The seed of the search, so a report is the same from run to run.
const SEED: u64 = 0x00D1_FF00;

/// A JSON Schema 2020-12 validator with formats checked, or `None` for a schema the validator
/// cannot compile.
pub(crate) fn validator(schema: &Value) -> Option<jsonschema::Validator> {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(schema)
        .ok()
}

/// A document `accepting` takes and `refusing` refuses only at the place `pointer` (a pointer
/// into either schema) names: every refusal is there or below it, so the document shows this
/// change rather than another. Looked for first around that place, then anywhere.
pub(crate) fn example(accepting: &Value, refusing: &Value, pointer: &str) -> Option<Value> {
    let (yes, no) = (validator(accepting)?, validator(refusing)?);
    let (steps, _) = walk(&flattened(accepting), pointer);
    let place = instance_path(&steps);
    // A field no longer taken is refused by the object that holds it.
    let holder = match steps.split_last() {
        Some((Step::Key(_), above)) => Some(instance_path(above)),
        _ => None,
    };
    let shows = |document: &Value| {
        if !yes.is_valid(document) {
            return false;
        }
        let mut refusals = no.iter_errors(document).peekable();
        refusals.peek().is_some()
            && refusals.all(|refusal| {
                let at = refusal.instance_path().as_str();
                at == place
                    || holder.as_deref() == Some(at)
                    || (!place.is_empty() && at.starts_with(&format!("{place}/")))
            })
    };
    let mut generator = Generator::new(SEED);
    let base = [generator.typical(refusing), generator.typical(accepting)]
        .into_iter()
        .find(|document| yes.is_valid(document) && no.is_valid(document))
        .unwrap_or_else(|| generator.typical(accepting));
    let targeted = targeted(&mut generator, accepting, refusing, pointer, base);
    if let Some(found) = targeted.into_iter().find(|document| shows(document)) {
        return Some(found);
    }
    if let Some(found) = generator
        .candidates(accepting)
        .into_iter()
        .find(|d| shows(d))
    {
        return Some(found);
    }
    generator
        .documents(accepting, RANDOM_TRIES)
        .into_iter()
        .find(|document| shows(document))
}

/// The JSON pointer into a document that `steps` lead to.
fn instance_path(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|step| match step {
            Step::Key(name) => format!("/{}", name.replace('~', "~0").replace('/', "~1")),
            Step::Index => "/0".to_owned(),
        })
        .collect()
}

/// Where a schema pointer leads in a document.
#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index,
}

/// `base`, with each candidate value of either schema put at the
/// place `pointer` names.
fn targeted(
    generator: &mut Generator,
    accepting: &Value,
    refusing: &Value,
    pointer: &str,
    base: Value,
) -> Vec<Value> {
    let accepting = flattened(accepting);
    let (steps, schemas) = walk(&accepting, pointer);
    let mut values = match schemas.last() {
        Some(schema) => generator.values(&flattened(schema), 0),
        None => Vec::new(),
    };
    let (_, theirs) = walk(&flattened(refusing), pointer);
    if let Some(schema) = theirs.last() {
        values.extend(generator.values(&flattened(schema), 0));
    }
    let fillers: Vec<Value> = schemas
        .iter()
        .map(|schema| generator.typical(schema))
        .collect();
    values
        .into_iter()
        .map(|value| {
            let mut document = base.clone();
            put(&mut document, &steps, &fillers, value);
            document
        })
        .collect()
}

/// The document steps a schema pointer takes in `schema`, and the schema at each step (the
/// last one, where the steps lead; anything goes where `schema` says nothing).
fn walk(schema: &Value, pointer: &str) -> (Vec<Step>, Vec<Value>) {
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|segment| segment.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut here = schema.clone();
    let mut steps = Vec::new();
    let mut schemas = vec![here.clone()];
    let mut index = 0;
    while index < segments.len() {
        let object = object_of(&here);
        let next = match segments[index].as_str() {
            "properties" if index + 1 < segments.len() => {
                let name = segments[index + 1].clone();
                index += 1;
                let property = object
                    .get("properties")
                    .and_then(|properties| properties.get(&name))
                    .or_else(|| {
                        object
                            .get("additionalProperties")
                            .filter(|rule| rule.is_object())
                    })
                    .cloned()
                    .unwrap_or(Value::Bool(true));
                steps.push(Step::Key(name));
                property
            }
            "items" => {
                steps.push(Step::Index);
                object.get("items").cloned().unwrap_or(Value::Bool(true))
            }
            "additionalProperties" => {
                steps.push(Step::Key("unlisted".into()));
                object
                    .get("additionalProperties")
                    .cloned()
                    .unwrap_or(Value::Bool(true))
            }
            keyword @ ("anyOf" | "oneOf") if index + 1 < segments.len() => {
                let member = segments[index + 1].parse::<usize>().ok();
                index += 1;
                let member = object
                    .get(keyword)
                    .and_then(|members| members.get(member?))
                    .cloned();
                match member {
                    Some(member) => {
                        here = flattened(&member);
                        index += 1;
                        continue;
                    }
                    None => break,
                }
            }
            "allOf" if index + 1 < segments.len() => {
                index += 2;
                continue;
            }
            _ => break,
        };
        here = flattened(&next);
        schemas.push(here.clone());
        index += 1;
    }
    (steps, schemas)
}

/// `document` with `value` at the place `steps` lead to, made on the way from `fillers` (the
/// typical value at each step) where the document has nothing.
fn put(document: &mut Value, steps: &[Step], fillers: &[Value], value: Value) {
    let Some((step, rest)) = steps.split_first() else {
        *document = value;
        return;
    };
    let filler = fillers.get(1).cloned().unwrap_or(Value::Null);
    let next_fillers = fillers.get(1..).unwrap_or_default();
    match step {
        Step::Key(name) => {
            if !document.is_object() {
                *document = Value::Object(Map::new());
            }
            if let Value::Object(object) = document {
                let slot = object.entry(name.clone()).or_insert(filler);
                put(slot, rest, next_fillers, value);
            }
        }
        Step::Index => {
            if !document.is_array() {
                *document = Value::Array(Vec::new());
            }
            if let Value::Array(items) = document {
                if items.is_empty() {
                    items.push(filler);
                }
                put(&mut items[0], rest, next_fillers, value);
            }
        }
    }
}
