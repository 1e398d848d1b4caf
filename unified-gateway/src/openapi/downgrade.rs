//! OpenAPI 3.0's Schema Object from JSON Schema 2020-12, for generators that read only 3.0:
//! a `type` list with `null` becomes `nullable`, a `const` a one-value `enum`, a `null` branch
//! `nullable` with `enum: [null]`, a numeric `exclusiveMinimum` the boolean form beside
//! `minimum`. Each schema accepts the same values as before.

use serde_json::{Map, Value};

/// The 3.1 document `document`, with every schema in it downgraded.
pub fn document(mut document: Value) -> Value {
    if let Some(Value::Object(schemas)) = document.pointer_mut("/components/schemas") {
        schemas.values_mut().for_each(schema);
    }
    if let Some(Value::Object(paths)) = document.get_mut("paths") {
        for operation in paths.values_mut().filter_map(Value::as_object_mut) {
            for operation in operation.values_mut() {
                operation_schemas(operation);
            }
        }
    }
    document
}

/// Downgrades the schemas of an operation's parameters, request body and responses.
fn operation_schemas(operation: &mut Value) {
    if let Some(Value::Array(parameters)) = operation.get_mut("parameters") {
        for parameter in parameters {
            if let Some(parameter_schema) = parameter.get_mut("schema") {
                schema(parameter_schema);
            }
        }
    }
    if let Some(content) = operation.pointer_mut("/requestBody/content") {
        content_schemas(content);
    }
    if let Some(Value::Object(responses)) = operation.get_mut("responses") {
        for response in responses.values_mut() {
            if let Some(content) = response.get_mut("content") {
                content_schemas(content);
            }
        }
    }
}

fn content_schemas(content: &mut Value) {
    if let Value::Object(media) = content {
        for media in media.values_mut() {
            if let Some(media_schema) = media.get_mut("schema") {
                schema(media_schema);
            }
        }
    }
}

/// Downgrades one schema and every schema in it. A schema whose only type is `null` (which 3.0
/// cannot say) becomes `nullable` with `enum: [null]`.
pub fn schema(value: &mut Value) {
    let Value::Object(object) = value else {
        return;
    };
    object.shift_remove("$schema");
    object.shift_remove("$comment");
    for key in ["properties", "patternProperties"] {
        if let Some(Value::Object(members)) = object.get_mut(key) {
            members.values_mut().for_each(schema);
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(inner @ Value::Object(_)) = object.get_mut(key) {
            schema(inner);
        }
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        if let Some(Value::Array(branches)) = object.get_mut(key) {
            branches.iter_mut().for_each(schema);
        }
    }
    types(object);
    if let Some(value) = object.shift_remove("const") {
        object.insert("enum".into(), Value::Array(vec![value]));
    }
    null_branches(object);
    exclusive_bound(object, "exclusiveMinimum", "minimum", |new, old| new >= old);
    exclusive_bound(object, "exclusiveMaximum", "maximum", |new, old| new <= old);
    if let Some(Value::Array(examples)) = object.shift_remove("examples")
        && let Some(first) = examples.into_iter().next()
    {
        object.insert("example".into(), first);
    }
}

/// `type: [T, "null"]` → `type: T, nullable: true`; several types → an `anyOf` of them.
fn types(object: &mut Map<String, Value>) {
    let Some(Value::Array(names)) = object.get("type") else {
        if object.get("type").and_then(Value::as_str) == Some("null") {
            object.shift_remove("type");
            object.insert("nullable".into(), true.into());
            object.insert("enum".into(), Value::Array(vec![Value::Null]));
        }
        return;
    };
    let nullable = names.iter().any(|name| name == "null");
    let names: Vec<Value> = names
        .iter()
        .filter(|name| *name != "null")
        .cloned()
        .collect();
    object.shift_remove("type");
    match names.as_slice() {
        [] => {}
        [one] => {
            object.insert("type".into(), one.clone());
        }
        several => {
            let branches = several
                .iter()
                .map(|name| serde_json::json!({ "type": name }))
                .collect();
            object.insert("anyOf".into(), Value::Array(branches));
        }
    }
    if nullable {
        object.insert("nullable".into(), true.into());
    }
}

/// A choice with a `null` branch (already downgraded to `nullable` `enum: [null]`, which keeps
/// taking `null` alone) is itself `nullable`, so a `type` beside it lets `null` through too.
fn null_branches(object: &mut Map<String, Value>) {
    let has_null_branch = ["oneOf", "anyOf"].iter().any(|key| {
        object
            .get(*key)
            .and_then(Value::as_array)
            .is_some_and(|branches| branches.iter().any(is_null_only))
    });
    if has_null_branch {
        object.insert("nullable".into(), true.into());
    }
}

fn is_null_only(branch: &Value) -> bool {
    branch == &serde_json::json!({ "nullable": true, "enum": [null] })
}

/// A numeric `exclusive` bound becomes `bound` with the boolean flag, unless `bound` is already
/// as strict (`stricter(new, old)` says when the exclusive one wins).
fn exclusive_bound(
    object: &mut Map<String, Value>,
    exclusive: &str,
    bound: &str,
    stricter: fn(f64, f64) -> bool,
) {
    let Some(limit) = object
        .get(exclusive)
        .filter(|value| value.is_number())
        .cloned()
    else {
        return;
    };
    object.shift_remove(exclusive);
    let wins = match object.get(bound).and_then(Value::as_f64) {
        Some(old) => limit.as_f64().is_some_and(|new| stricter(new, old)),
        None => true,
    };
    if wins {
        object.insert(bound.into(), limit);
        object.insert(exclusive.into(), true.into());
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::schema;

    fn downgraded(mut value: serde_json::Value) -> serde_json::Value {
        schema(&mut value);
        value
    }

    #[test]
    fn null_in_a_type_list_is_nullable() {
        assert_eq!(
            downgraded(json!({"type": ["string", "null"], "format": "uri"})),
            json!({"format": "uri", "type": "string", "nullable": true})
        );
        assert_eq!(
            downgraded(json!({"type": ["string", "integer"]})),
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]})
        );
    }

    #[test]
    fn labelled_choices_keep_their_labels_as_one_value_enums() {
        assert_eq!(
            downgraded(json!({
                "type": ["string", "null"],
                "oneOf": [{"const": "a", "title": "A"}, {"type": "null"}]
            })),
            json!({
                "oneOf": [{"title": "A", "enum": ["a"]}, {"nullable": true, "enum": [null]}],
                "type": "string",
                "nullable": true
            })
        );
    }

    #[test]
    fn numeric_exclusive_bounds_become_flags() {
        assert_eq!(
            downgraded(json!({"type": "integer", "exclusiveMinimum": 0, "maximum": 10})),
            json!({"type": "integer", "maximum": 10, "minimum": 0, "exclusiveMinimum": true})
        );
        assert_eq!(
            downgraded(json!({"type": "integer", "exclusiveMaximum": 20, "maximum": 10})),
            json!({"type": "integer", "maximum": 10})
        );
    }

    #[test]
    fn nested_schemas_are_downgraded_too() {
        assert_eq!(
            downgraded(json!({
                "type": "object",
                "properties": {"a": {"type": ["array", "null"], "items": {"const": 1}}}
            })),
            json!({
                "type": "object",
                "properties": {"a": {"items": {"enum": [1]}, "type": "array", "nullable": true}}
            })
        );
    }
}
