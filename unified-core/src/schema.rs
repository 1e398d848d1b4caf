//! The JSON Schema type of this crate and the small helpers shared by the field types, the
//! object models and the model documents.

use core::fmt;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::json::{Map, Value};

/// The JSON Schema dialect of every schema this crate builds.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// A JSON Schema: an object or a boolean, whose objects keep their keywords and properties in
/// the order they were written (a model's properties in declaration order). Serializing it,
/// [`file_text`] and `Display` write the properties in that order and the keywords in reading
/// order (`title`, `description`, `type` first, as `schemars::Schema` writes them);
/// [`Schema::as_value`] is the value as built; [`Schema::to_value`] gives a `serde_json::Value`,
/// ordered as the `serde_json` features of the crate using it say; and it converts into a
/// `schemars::Schema`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schema(Value);

impl Schema {
    /// The schema of `value`, if it is an object or a boolean.
    pub fn new(value: Value) -> Option<Self> {
        matches!(value, Value::Object(_) | Value::Bool(_)).then_some(Schema(value))
    }

    /// The schema as a JSON value, members in order.
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// The schema as a JSON value, members in order.
    pub fn into_value(self) -> Value {
        self.0
    }

    /// The schema as a `serde_json::Value`: its objects order their members as `serde_json`'s
    /// features say (sorted, unless `preserve_order` is on). Write the schema itself to keep
    /// its order.
    pub fn to_value(&self) -> serde_json::Value {
        self.0.to_serde_json()
    }

    /// The keywords, unless the schema is a boolean.
    pub fn as_object(&self) -> Option<&Map> {
        self.0.as_object()
    }

    /// The keywords, unless the schema is a boolean, to change them.
    pub fn as_object_mut(&mut self) -> Option<&mut Map> {
        self.0.as_object_mut()
    }

    /// The keywords, a boolean schema first made its object form (`true` is `{}`, `false` is
    /// `{"not": {}}`).
    pub fn ensure_object(&mut self) -> &mut Map {
        if let Value::Bool(accepts) = self.0 {
            let mut object = Map::new();
            if !accepts {
                object.insert("not".into(), Value::Object(Map::new()));
            }
            self.0 = Value::Object(object);
        }
        match &mut self.0 {
            Value::Object(object) => object,
            _ => unreachable!("a schema is an object or a boolean, and a boolean was made one"),
        }
    }

    /// The keyword `key`, unless the schema is a boolean or lacks it.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.get(key)
    }

    /// The boolean, if the schema is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }
}

impl Default for Schema {
    /// `true`, the schema every value meets.
    fn default() -> Self {
        Schema(Value::Bool(true))
    }
}

impl From<Map> for Schema {
    fn from(object: Map) -> Self {
        Schema(Value::Object(object))
    }
}

impl From<bool> for Schema {
    fn from(accepts: bool) -> Self {
        Schema(Value::Bool(accepts))
    }
}

impl TryFrom<Value> for Schema {
    type Error = Value;

    /// The schema of `value`, or `value` back if it is neither an object nor a boolean.
    fn try_from(value: Value) -> Result<Self, Value> {
        match value {
            Value::Object(_) | Value::Bool(_) => Ok(Schema(value)),
            other => Err(other),
        }
    }
}

impl From<Schema> for Value {
    /// The schema as it serializes: keywords in reading order, in every subschema (see
    /// [`Schema`]'s `Serialize`). [`Schema::into_value`] keeps the order as built.
    fn from(schema: Schema) -> Self {
        in_reading_order(schema.0, false)
    }
}

/// `value` with the keywords of each schema in it in the order [`Keywords`] writes them; with
/// `named`, `value` is an object of named schemas, whose own members keep their order.
fn in_reading_order(value: Value, named: bool) -> Value {
    match value {
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|item| in_reading_order(item, false))
                .collect(),
        ),
        Value::Object(object) if named => Value::Object(
            object
                .into_iter()
                .map(|(key, value)| (key, in_reading_order(value, false)))
                .collect(),
        ),
        Value::Object(mut object) => {
            let mut ordered = Map::new();
            let take = |key: &str, object: &mut Map, ordered: &mut Map| {
                if let Some(value) = object.shift_remove(key) {
                    let value = keyword_in_reading_order(key, value);
                    ordered.insert(key.to_owned(), value);
                }
            };
            for key in KEYWORDS_FIRST {
                take(key, &mut object, &mut ordered);
            }
            let mut last = Map::new();
            for key in KEYWORDS_LAST {
                take(key, &mut object, &mut last);
            }
            for (key, value) in object {
                let value = keyword_in_reading_order(&key, value);
                ordered.insert(key, value);
            }
            ordered.extend(last);
            Value::Object(ordered)
        }
        other => other,
    }
}

/// The value of the keyword `key` of a schema, its subschemas in reading order.
fn keyword_in_reading_order(key: &str, value: Value) -> Value {
    if Keywords::plain(key) {
        value
    } else {
        in_reading_order(value, Keywords::named(key))
    }
}

impl From<Schema> for serde_json::Value {
    fn from(schema: Schema) -> Self {
        schema.0.into()
    }
}

impl From<Schema> for schemars::Schema {
    fn from(schema: Schema) -> Self {
        schemars::Schema::try_from(serde_json::Value::from(schema.0))
            .expect("a schema is an object or a boolean")
    }
}

impl PartialEq<serde_json::Value> for Schema {
    /// Whether the two hold the same JSON (members in any order).
    fn eq(&self, other: &serde_json::Value) -> bool {
        self.0 == *other
    }
}

impl core::ops::Index<&str> for Schema {
    type Output = Value;

    /// The keyword `key`, or `null` if there is none (as indexing a `Value`).
    fn index(&self, key: &str) -> &Value {
        &self.0[key]
    }
}

impl fmt::Display for Schema {
    /// The JSON text as the schema serializes, compact; with `{:#}`, pretty-printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if f.alternate() {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string(self)
        };
        f.write_str(&text.map_err(|_| fmt::Error)?)
    }
}

impl Serialize for Schema {
    /// The schema with the keywords a reader looks for first (`$id`, `$schema`, `title`,
    /// `description`, `type`, `format`, `properties`) first and `$defs` last, in every subschema,
    /// as `schemars::Schema` writes them; every other keyword, and the properties, in their
    /// order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Keywords::from(&self.0).serialize(serializer)
    }
}

/// The keywords written first in a schema object, in this order.
const KEYWORDS_FIRST: [&str; 7] = [
    "$id",
    "$schema",
    "title",
    "description",
    "type",
    "format",
    "properties",
];

/// The keywords written last in a schema object, in this order.
const KEYWORDS_LAST: [&str; 2] = ["$defs", "definitions"];

/// A schema (or a list of them) written with its keywords in reading order.
struct Keywords<'a> {
    value: &'a Value,
    /// The value is an object of named schemas (`properties`, `$defs`): its own members stay
    /// in their order, their schemas are reordered.
    named: bool,
}

impl<'a> From<&'a Value> for Keywords<'a> {
    fn from(value: &'a Value) -> Self {
        Keywords {
            value,
            named: false,
        }
    }
}

impl Keywords<'_> {
    /// Writes the keyword `key` of a schema object, its value reordered where it holds schemas.
    fn entry<M: SerializeMap>(map: &mut M, key: &str, value: &Value) -> Result<(), M::Error> {
        if Keywords::plain(key) {
            return map.serialize_entry(key, value);
        }
        let named = Keywords::named(key);
        map.serialize_entry(key, &Keywords { value, named })
    }

    /// Whether the keyword `key` holds plain values, not schemas.
    fn plain(key: &str) -> bool {
        matches!(key, "examples" | "default") || key.starts_with("x-")
    }

    /// Whether the keyword `key` holds an object of named schemas.
    fn named(key: &str) -> bool {
        matches!(
            key,
            "properties" | "patternProperties" | "dependentSchemas" | "$defs" | "definitions"
        )
    }
}

impl Serialize for Keywords<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.value {
            Value::Array(items) => serializer.collect_seq(items.iter().map(Keywords::from)),
            Value::Object(object) if self.named => serializer.collect_map(
                object
                    .iter()
                    .map(|(key, value)| (key, Keywords::from(value))),
            ),
            Value::Object(object) => {
                let mut map = serializer.serialize_map(Some(object.len()))?;
                for key in KEYWORDS_FIRST {
                    if let Some(value) = object.get(key) {
                        Keywords::entry(&mut map, key, value)?;
                    }
                }
                for (key, value) in object {
                    if !KEYWORDS_FIRST.contains(&key.as_str())
                        && !KEYWORDS_LAST.contains(&key.as_str())
                    {
                        Keywords::entry(&mut map, key, value)?;
                    }
                }
                for key in KEYWORDS_LAST {
                    if let Some(value) = object.get(key) {
                        Keywords::entry(&mut map, key, value)?;
                    }
                }
                map.end()
            }
            other => other.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Schema {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Schema::try_from(Value::deserialize(deserializer)?)
            .map_err(|_| serde::de::Error::custom("a JSON Schema is an object or a boolean"))
    }
}

/// Writes a [`Schema`] as [`json!`](crate::json!) writes a value, keywords in the order
/// written; panics if the value is neither an object nor a boolean.
///
/// ```
/// let schema = unified_core::json_schema!({"type": "string", "format": "email"});
/// assert_eq!(schema.to_string(), r#"{"type":"string","format":"email"}"#);
/// ```
#[macro_export]
macro_rules! json_schema {
    ($($json:tt)+) => {
        $crate::schema::Schema::new($crate::json!($($json)+))
            .expect("a JSON Schema is an object or a boolean")
    };
}

/// The same schema, also accepting `null` (an optional field may be null, meaning absent).
pub fn nullable(mut schema: Schema) -> Schema {
    let Some(object) = schema.as_object_mut() else {
        return schema;
    };
    if let Some(Value::Array(values)) = object.get_mut("enum")
        && !values.contains(&Value::Null)
    {
        values.push(Value::Null);
    }
    match object.get_mut("type") {
        Some(Value::String(single)) if single != "null" => {
            let single = core::mem::take(single);
            object.insert("type".into(), Value::from(vec![single, "null".to_owned()]));
        }
        Some(Value::Array(types)) if !types.contains(&Value::from("null")) => {
            types.push("null".into());
        }
        _ => {}
    }
    // A choice (a unit enum's labelled `const`s, a tagged enum's variants): null is one more
    // branch.
    if let Some(Value::Array(branches)) = object.get_mut("oneOf")
        && !branches.contains(&crate::json!({"type": "null"}))
    {
        branches.push(crate::json!({"type": "null"}));
    }
    schema
}

/// Puts `title` first in `object`, where forms and readers look for the label, in place of any
/// title it had.
pub fn title_first(object: &mut Map, title: &str) {
    let rest = core::mem::take(object);
    object.insert("title".into(), title.into());
    object.extend(rest.into_iter().filter(|(key, _)| key != "title"));
}

/// A JSON document as its committed file holds it: pretty-printed, with a final newline.
pub fn file_text(document: &impl serde::Serialize) -> String {
    let mut text = serde_json::to_string_pretty(document)
        .expect("a schema or OpenAPI document is plain JSON and always serializes");
    text.push('\n');
    text
}

/// Whether `schema`'s `type` (one name or a list) takes `kind`.
pub fn allows_type(schema: &Value, kind: &str) -> bool {
    match schema.get("type") {
        Some(Value::String(single)) => single == kind,
        Some(Value::Array(types)) => types.iter().any(|t| t == kind),
        _ => false,
    }
}

/// Makes `schema` a standalone document: the dialect and a title first, then the rest.
pub fn document(schema: Schema, title: &str) -> Schema {
    let mut object = Map::new();
    object.insert("$schema".into(), DIALECT.into());
    object.insert("title".into(), title.into());
    if let Value::Object(rest) = schema.into_value() {
        for (key, value) in rest {
            object.get_or_insert_with(&key, || value);
        }
    }
    Schema::from(object)
}

#[cfg(test)]
mod tests {
    use super::nullable;

    #[test]
    fn nullable_adds_null_to_type_and_enum() {
        assert_eq!(
            nullable(json_schema!({"type": "string", "enum": ["a"]})),
            json_schema!({"type": ["string", "null"], "enum": ["a", null]})
        );
        assert_eq!(
            nullable(json_schema!({"type": ["string", "null"]})),
            json_schema!({"type": ["string", "null"]})
        );
        assert_eq!(nullable(json_schema!({})), json_schema!({}));
    }
}
