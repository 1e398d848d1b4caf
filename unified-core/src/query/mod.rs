//! Query parameters as a JSON object: the bracket syntax is read by [`parse_query`], then each
//! string is converted where the part's schema asks for a boolean, a number or a list, so the
//! same validator and schema serve query strings and JSON bodies.

use serde_json::{Map, Value};

use crate::json::Value as SchemaValue;

use crate::report::{Code, ValidationError};
use crate::schema::{Schema, allows_type};

mod string;

pub use string::{QueryError, parse_query, parse_query_ordered};

/// Reads a query string into a JSON object shaped by `schema` (the part's unified schema).
pub fn query_to_json(query: &str, schema: &Schema) -> Result<Value, QueryError> {
    let mut value = Value::Object(parse_query(query)?);
    coerce(&mut value, schema.as_value());
    Ok(value)
}

/// [`query_to_json`], with a query string that cannot be read as the one `json` violation at
/// the document, as the validator reports malformed text.
pub fn read_query(query: &str, schema: &Schema) -> Result<Value, ValidationError> {
    query_to_json(query, schema).map_err(|error| {
        ValidationError::new("", Code::Json, format!("malformed query string: {error}"))
    })
}

/// Converts query-string text in `value` to the JSON types `schema` wants. Text is left alone
/// where the schema accepts a string, or where it does not read as the wanted type, so the
/// validator reports it as it came.
fn coerce(value: &mut Value, schema: &SchemaValue) {
    match value {
        Value::String(text) => {
            if let Some(converted) = convert_text(text, schema) {
                *value = converted;
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for item in items {
                    coerce(item, item_schema);
                }
            }
        }
        Value::Object(object) => coerce_object(object, schema),
        _ => {}
    }
}

fn coerce_object(object: &mut Map<String, Value>, schema: &SchemaValue) {
    let properties = schema.get("properties").and_then(SchemaValue::as_object);
    let additional = schema.get("additionalProperties");
    for (key, item) in object.iter_mut() {
        if let Some(item_schema) = properties.and_then(|p| p.get(key)).or(additional) {
            coerce(item, item_schema);
        }
    }
}

fn convert_text(text: &str, schema: &SchemaValue) -> Option<Value> {
    if allows_type(schema, "string") {
        return None;
    }
    if allows_type(schema, "boolean") {
        match text {
            "true" => return Some(Value::Bool(true)),
            "false" => return Some(Value::Bool(false)),
            _ => {}
        }
    }
    if allows_type(schema, "integer") || allows_type(schema, "number") {
        if let Ok(number) = text.parse::<i64>() {
            return Some(number.into());
        }
        if allows_type(schema, "number")
            && let Some(number) = text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
        {
            return Some(Value::Number(number));
        }
    }
    if allows_type(schema, "array") {
        // `truto_exclude_fields=id` is the one-item list `truto_exclude_fields[]=id`.
        let mut item = Value::String(text.to_owned());
        if let Some(item_schema) = schema.get("items") {
            coerce(&mut item, item_schema);
        }
        return Some(Value::Array(vec![item]));
    }
    None
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::json_schema;

    use super::query_to_json;

    #[test]
    fn converts_where_the_schema_asks() {
        let schema = json_schema!({
            "type": "object",
            "properties": {
                "flag": {"type": ["boolean", "null"]},
                "count": {"type": "integer"},
                "name": {"type": "string"},
                "list": {"type": "array", "items": {"type": "string"}},
                "nested": {"type": "array", "items": {"type": "object", "properties": {"on": {"type": "boolean"}}}}
            }
        });
        let value = query_to_json(
            "flag=true&count=12&name=true&list=x&nested[][on]=false&other=true",
            &schema,
        )
        .unwrap();
        assert_eq!(
            value,
            json!({"flag": true, "count": 12, "name": "true", "list": ["x"], "nested": [{"on": false}], "other": "true"})
        );
    }

    #[test]
    fn leaves_text_that_does_not_convert() {
        let schema = json_schema!({"type": "object", "properties": {"flag": {"type": "boolean"}}});
        assert_eq!(
            query_to_json("flag=yes", &schema).unwrap(),
            json!({"flag": "yes"})
        );
    }
}
