//! OpenAPI 3.0's Schema Object from JSON Schema 2020-12, for generators that read only 3.0:
//! a `type` list with `null` becomes `nullable`, a `const` a one-value `enum`, a `null` branch a
//! `nullable` string with `enum: [null]`, a numeric `exclusiveMinimum` the boolean form beside
//! `minimum`. Each schema accepts the same values as before, but for `propertyNames`, which 3.0
//! does not have: a schema that constrains keys says so in its description.

use unified_core::json;
use unified_core::json::{Map, Value};

/// The `type` a schema of `null` alone names in 3.0, where `nullable` only counts beside a
/// `type`; any would do, since its `enum: [null]` leaves `null` alone.
const NULL_CARRIER: &str = "string";

/// The schema that takes `null` alone.
fn null_only() -> Value {
    json!({ "type": NULL_CARRIER, "nullable": true, "enum": [null] })
}

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
/// cannot say) becomes a `nullable` string with `enum: [null]`.
pub fn schema(value: &mut Value) {
    let Value::Object(object) = value else {
        return;
    };
    object.shift_remove("$schema");
    object.shift_remove("$comment");
    // 3.0 cannot constrain keys: the schema's description says what it asks of them.
    object.shift_remove("propertyNames");
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
        only(object, value);
    }
    exclusive_bound(object, "exclusiveMinimum", "minimum", |new, old| new >= old);
    exclusive_bound(object, "exclusiveMaximum", "maximum", |new, old| new <= old);
    if let Some(Value::Array(examples)) = object.shift_remove("examples")
        && let Some(first) = examples.into_iter().next()
    {
        object.insert("example".into(), first);
    }
}

/// `type: [T, "null"]` → `type: T, nullable: true`; several types → an `anyOf` of them (with a
/// `null` branch when `null` is among them); `null` alone → a `nullable` string with
/// `enum: [null]`.
fn types(object: &mut Map) {
    let names: Vec<Value> = match object.get("type") {
        Some(Value::Array(names)) => names.clone(),
        Some(name @ Value::String(single)) if single == "null" => vec![name.clone()],
        _ => return,
    };
    let nullable = names.iter().any(|name| name == "null");
    let names: Vec<Value> = names.into_iter().filter(|name| name != "null").collect();
    match names.as_slice() {
        [] => {
            // In place, beside what else the schema says.
            object.insert("type".into(), NULL_CARRIER.into());
            object.insert("nullable".into(), true.into());
            only(object, Value::Null);
        }
        [one] => {
            // In place, where the list was.
            object.insert("type".into(), one.clone());
            if nullable {
                object.insert("nullable".into(), true.into());
            }
        }
        several => {
            object.shift_remove("type");
            let mut branches: Vec<Value> = several
                .iter()
                .map(|name| json!({ "type": name.clone() }))
                .collect();
            if nullable {
                branches.push(null_only());
            }
            add_choice(object, "anyOf", branches);
        }
    }
}

/// Narrows `object` to the one value `value`: an `enum` of it, or, beside an `enum`, that
/// `enum` without the other values.
fn only(object: &mut Map, value: Value) {
    let values: Vec<Value> = match object.get("enum") {
        Some(Value::Array(values)) => values.iter().filter(|v| **v == value).cloned().collect(),
        _ => vec![value],
    };
    if values.is_empty() {
        // 3.0's `enum` has at least one value: nothing is taken, said another way.
        object.shift_remove("enum");
        object.insert("not".into(), json!({}));
    } else {
        object.insert("enum".into(), Value::Array(values));
    }
}

/// Adds a choice of `branches` under `key`; beside one already there, both must hold.
fn add_choice(object: &mut Map, key: &str, branches: Vec<Value>) {
    match object.shift_remove(key) {
        None => {
            object.insert(key.into(), Value::Array(branches));
        }
        Some(existing) => {
            let mut both = match object.shift_remove("allOf") {
                Some(Value::Array(all)) => all,
                _ => Vec::new(),
            };
            both.push(json!({ key: existing }));
            both.push(json!({ key: branches }));
            object.insert("allOf".into(), Value::Array(both));
        }
    }
}

/// A numeric `exclusive` bound becomes `bound` with the boolean flag, unless `bound` is already
/// as strict (`stricter(new, old)` says when the exclusive one wins).
fn exclusive_bound(object: &mut Map, exclusive: &str, bound: &str, stricter: fn(f64, f64) -> bool) {
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

    fn downgraded(value: serde_json::Value) -> serde_json::Value {
        let mut value = unified_core::json::Value::from(value);
        schema(&mut value);
        value.into()
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
                "oneOf": [{"title": "A", "enum": ["a"]}, {"type": "string", "nullable": true, "enum": [null]}],
                "type": "string",
                "nullable": true
            })
        );
    }

    #[test]
    fn several_types_and_null_are_a_choice_that_takes_null() {
        assert_eq!(
            downgraded(json!({"type": ["string", "integer", "null"], "anyOf": [{"minimum": 1}]})),
            json!({"allOf": [
                {"anyOf": [{"minimum": 1}]},
                {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "string", "nullable": true, "enum": [null]}]}
            ]})
        );
        assert_eq!(
            downgraded(json!({"type": ["null"]})),
            json!({"type": "string", "nullable": true, "enum": [null]})
        );
    }

    #[test]
    fn a_const_beside_an_enum_keeps_only_what_both_take() {
        assert_eq!(
            downgraded(json!({"enum": ["a", "b"], "const": "b"})),
            json!({"enum": ["b"]})
        );
        assert_eq!(
            downgraded(json!({"enum": ["a"], "const": "b"})),
            json!({"not": {}})
        );
    }

    #[test]
    fn a_null_branch_does_not_let_null_past_a_type_that_refuses_it() {
        assert_eq!(
            downgraded(json!({"type": "string", "oneOf": [{"const": "a"}, {"type": "null"}]})),
            json!({"type": "string", "oneOf": [{"enum": ["a"]}, {"type": "string", "nullable": true, "enum": [null]}]})
        );
        assert_eq!(
            downgraded(json!({"oneOf": [{"type": "object"}, {"type": "null"}]})),
            json!({"oneOf": [{"type": "object"}, {"type": "string", "nullable": true, "enum": [null]}]})
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
