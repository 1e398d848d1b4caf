//! Documents made from a schema, to show a break rather than assert it: the typical document a
//! schema accepts, and around it the values at each field's edges (each listed value, lengths
//! and bounds at and past their limits, each type, each format, strings a pattern matches).
//! They are candidates: whether a schema accepts one is for a real validator to say.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde_json::{Map, Value, json};

use crate::keywords::{listed_values, object_of, required, types};

/// How many candidates a field contributes, at most.
const PER_FIELD: usize = 24;

/// How deep generation goes into nested objects and lists.
const MAX_DEPTH: usize = 6;

/// Every JSON type, in the order a field without a `type` tries them.
const ALL_TYPES: [&str; 7] = [
    "string", "integer", "number", "boolean", "object", "array", "null",
];

/// Strings worth trying whatever the rules: empty, short, spaced, non-ASCII, punctuation.
const STRINGS: [&str; 9] = ["", "a", "A", "0", " ", "a b", "é", "~", "ada@example.org"];

/// A value for each format the exported schemas use, and a few more.
const FORMATS: [(&str, &str); 11] = [
    ("email", "ada@example.org"),
    ("uri", "https://example.org/ada.png"),
    ("uri-reference", "/ada"),
    ("date-time", "2026-01-02T03:04:05Z"),
    ("date", "2026-01-02"),
    ("time", "03:04:05Z"),
    ("uuid", "6f1c2d4e-0000-4000-8000-000000000000"),
    ("ipv4", "192.0.2.1"),
    ("ipv6", "2001:db8::1"),
    ("hostname", "example.org"),
    ("duration", "P1D"),
];

/// Makes candidates for schemas, with a seeded source of randomness for patterns and for
/// [`Generator::documents`].
pub struct Generator {
    rng: StdRng,
}

impl Generator {
    /// A generator whose choices follow from `seed`.
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: StdRng::seed_from_u64(seed),
        }
    }

    /// The document `schema` most plainly accepts: every required field with its typical
    /// value, nothing else.
    pub fn typical(&mut self, schema: &Value) -> Value {
        self.values(&flattened(schema), 0)
            .into_iter()
            .next()
            .unwrap_or(Value::Null)
    }

    /// Candidates for `schema`: its typical document first, then documents that differ from it
    /// in one field's value each, at every depth.
    pub fn candidates(&mut self, schema: &Value) -> Vec<Value> {
        self.values(&flattened(schema), 0)
    }

    /// `count` documents drawn at random for `schema`: each optional field present or not, each
    /// field's value one of its candidates.
    pub fn documents(&mut self, schema: &Value, count: usize) -> Vec<Value> {
        let schema = flattened(schema);
        (0..count).map(|_| self.random(&schema, 0)).collect()
    }

    fn random(&mut self, schema: &Value, depth: usize) -> Value {
        let object = object_of(schema);
        let allows = |kind: &str| types(&object).is_none_or(|types| types.contains(kind));
        if let Some(Value::Object(properties)) = object.get("properties")
            && allows("object")
            && depth < MAX_DEPTH
            && self.rng.random_bool(0.9)
        {
            let must = required(&object);
            let mut document = Map::new();
            for (name, property) in properties {
                if must.contains(name) || self.rng.random_bool(0.5) {
                    document.insert(name.clone(), self.random(property, depth + 1));
                }
            }
            return Value::Object(document);
        }
        if let Some(items) = object.get("items")
            && allows("array")
            && depth < MAX_DEPTH
            && self.rng.random_bool(0.6)
        {
            let length = self.rng.random_range(0..4);
            return Value::Array((0..length).map(|_| self.random(items, depth + 1)).collect());
        }
        let mut values = self.values(schema, depth);
        if values.is_empty() {
            return Value::Null;
        }
        let index = self.rng.random_range(0..values.len());
        values.swap_remove(index)
    }

    /// Candidates for the flattened `schema` at `depth`, the typical one first.
    pub(crate) fn values(&mut self, schema: &Value, depth: usize) -> Vec<Value> {
        let object = object_of(schema);
        if let Some(values) = listed_values(&object) {
            return values;
        }
        let types: Vec<String> = match types(&object) {
            Some(types) => ALL_TYPES
                .iter()
                .filter(|name| types.contains(**name))
                .map(|name| (*name).to_owned())
                .collect(),
            None => ALL_TYPES.iter().map(|name| (*name).to_owned()).collect(),
        };
        let mut values = Vec::new();
        for kind in &types {
            let more = match kind.as_str() {
                "string" => self.strings(&object),
                "integer" => numbers(&object, false),
                "number" => numbers(&object, true),
                "boolean" => vec![json!(true), json!(false)],
                "null" => vec![Value::Null],
                "array" => self.arrays(&object, depth),
                _ => self.objects(&object, depth),
            };
            values.extend(more.into_iter().take(PER_FIELD));
        }
        values.dedup();
        values
    }

    fn strings(&mut self, schema: &Map<String, Value>) -> Vec<Value> {
        let min = length(schema, "minLength").unwrap_or(0);
        let max = length(schema, "maxLength");
        let mut values = Vec::new();
        if let Some(format) = schema.get("format").and_then(Value::as_str)
            && let Some((_, value)) = FORMATS.iter().find(|(name, _)| *name == format)
        {
            values.push((*value).to_owned());
        }
        if let Some(pattern) = schema.get("pattern").and_then(Value::as_str)
            && let Ok(regex) = rand_regex::Regex::compile(pattern, 8)
        {
            for _ in 0..4 {
                values.push(self.rng.sample::<String, _>(&regex));
            }
        }
        let plain = min.max(1).min(max.unwrap_or(usize::MAX));
        values.push("x".repeat(plain));
        values.push("x".repeat(min.saturating_sub(1)));
        if let Some(max) = max {
            values.push("x".repeat(max));
            values.push("x".repeat(max + 1));
        }
        values.extend(STRINGS.iter().map(|text| (*text).to_owned()));
        values.extend(FORMATS.iter().map(|(_, text)| (*text).to_owned()));
        values.into_iter().map(Value::String).collect()
    }

    fn arrays(&mut self, schema: &Map<String, Value>, depth: usize) -> Vec<Value> {
        let items = match schema.get("items") {
            Some(items) if depth < MAX_DEPTH => self.values(&flattened(items), depth + 1),
            _ => vec![json!("x")],
        };
        let first = items.first().cloned().unwrap_or(Value::Null);
        // Only the outermost list may be long: nested long lists would multiply.
        let cap = if depth == 0 { 4096 } else { 16 };
        let min = length(schema, "minItems").unwrap_or(0).min(cap);
        let max = length(schema, "maxItems").map(|max| max.min(cap));
        let plain = min.max(1).min(max.unwrap_or(usize::MAX));
        let mut values = vec![Value::Array(vec![first.clone(); plain]), json!([])];
        values.extend(items.iter().skip(1).map(|item| json!([item])));
        values.push(Value::Array(vec![first.clone(); min.saturating_sub(1)]));
        values.push(json!([first, first]));
        if let Some(max) = max {
            values.push(Value::Array(vec![
                items.first().cloned().unwrap_or_default();
                max + 1
            ]));
        }
        values
    }

    fn objects(&mut self, schema: &Map<String, Value>, depth: usize) -> Vec<Value> {
        let Some(Value::Object(properties)) = schema.get("properties") else {
            return vec![json!({}), json!({ "unlisted": "x" })];
        };
        if depth >= MAX_DEPTH {
            return vec![json!({})];
        }
        let must = required(schema);
        let mut choices: Vec<(String, Vec<Value>)> = Vec::new();
        for (name, property) in properties {
            let values = self.values(&flattened(property), depth + 1);
            choices.push((name.clone(), values));
        }
        let typical: Map<String, Value> = choices
            .iter()
            .filter(|(name, _)| must.contains(name))
            .filter_map(|(name, values)| Some((name.clone(), values.first()?.clone())))
            .collect();
        let mut values = vec![Value::Object(typical.clone())];
        let mut full = typical.clone();
        for (name, values) in &choices {
            if let Some(value) = values.first() {
                full.entry(name.clone()).or_insert_with(|| value.clone());
            }
        }
        values.push(Value::Object(full));
        for (name, options) in &choices {
            for value in options {
                let mut varied = typical.clone();
                varied.insert(name.clone(), value.clone());
                values.push(Value::Object(varied));
            }
            if must.contains(name) {
                let mut without = typical.clone();
                without.remove(name);
                values.push(Value::Object(without));
            }
        }
        let mut unlisted = typical;
        unlisted.insert("unlisted".into(), json!("x"));
        values.push(Value::Object(unlisted));
        values
    }
}

/// `schema` with its `allOf` members merged in, at every depth: their properties, required
/// names and rules joined to the schema's, so a generated document meets all of them at once.
pub(crate) fn flattened(schema: &Value) -> Value {
    let mut object = object_of(schema);
    let members = match object.remove("allOf") {
        Some(Value::Array(members)) => members,
        _ => Vec::new(),
    };
    for member in members {
        let Value::Object(member) = flattened(&member) else {
            continue;
        };
        for (key, value) in member {
            match (key.as_str(), object.get_mut(&key)) {
                ("properties", Some(Value::Object(properties))) => {
                    if let Value::Object(more) = value {
                        for (name, property) in more {
                            let merged = match properties.remove(&name) {
                                Some(existing) => json!({ "allOf": [existing, property] }),
                                None => property,
                            };
                            properties.insert(name, flattened(&merged));
                        }
                    }
                }
                ("required", Some(Value::Array(names))) => {
                    if let Value::Array(more) = value {
                        for name in more {
                            if !names.contains(&name) {
                                names.push(name);
                            }
                        }
                    }
                }
                (_, None) => {
                    object.insert(key, value);
                }
                _ => {}
            }
        }
    }
    Value::Object(object)
}

fn length(schema: &Map<String, Value>, keyword: &str) -> Option<usize> {
    schema
        .get(keyword)
        .and_then(Value::as_u64)
        .and_then(|value| usize::try_from(value).ok())
        .map(|value| value.min(4096))
}

fn numbers(schema: &Map<String, Value>, fractions: bool) -> Vec<Value> {
    let bound = |keyword: &str| schema.get(keyword).and_then(Value::as_f64);
    let low = bound("minimum").or(bound("exclusiveMinimum").map(|value| value.floor() + 1.0));
    let high = bound("maximum").or(bound("exclusiveMaximum").map(|value| value.ceil() - 1.0));
    let step = bound("multipleOf").unwrap_or(1.0);
    let plain = low.unwrap_or(0.0).max(step.min(high.unwrap_or(f64::MAX)));
    let mut numbers = vec![plain, 0.0, 1.0, -1.0, 1e6, step * 3.0];
    for edge in [low, high].into_iter().flatten() {
        numbers.extend([edge, edge - 1.0, edge + 1.0]);
    }
    if fractions {
        numbers.extend([0.5, plain + 0.5]);
    }
    numbers
        .into_iter()
        .filter(|number| number.is_finite())
        .map(|number| {
            if number.fract() == 0.0 && number.abs() < 9e15 {
                json!(number as i64)
            } else {
                json!(number)
            }
        })
        .collect()
}
