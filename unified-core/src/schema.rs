//! Small schema helpers shared by the field types, the object models and the model documents.

use schemars::Schema;
use serde_json::Value;

/// The JSON Schema dialect of every schema this crate builds.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

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
        && !branches.contains(&serde_json::json!({"type": "null"}))
    {
        branches.push(serde_json::json!({"type": "null"}));
    }
    schema
}

/// Puts `title` first in `object`, where forms and readers look for the label, in place of any
/// title it had.
pub fn title_first(object: &mut serde_json::Map<String, Value>, title: &str) {
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
    let mut object = serde_json::Map::new();
    object.insert("$schema".into(), DIALECT.into());
    object.insert("title".into(), title.into());
    if let Value::Object(rest) = schema.to_value() {
        for (key, value) in rest {
            object.entry(key).or_insert(value);
        }
    }
    Schema::from(object)
}

#[cfg(test)]
mod tests {
    use schemars::json_schema;

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
