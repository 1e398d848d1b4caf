//! A query schema as OpenAPI parameters, in the wire form the gateway reads (the bracket syntax
//! of `unified_core::query`):
//!
//! - a query string carries no `null` (a parameter left out is absent), so no parameter takes
//!   it;
//! - a list repeats its name (`truto_exclude_fields=id&truto_exclude_fields=name`);
//! - an object puts its keys in brackets (`remote_query[key]=value`, nested objects one bracket
//!   further), so its keys, at every depth, are not empty, hold no bracket and are not digits
//!   alone, which name a list's items ([`BRACKET_OBJECT`]);
//! - a list of objects, for which OpenAPI has no style, is one parameter per member of its
//!   items, named as the reference clients send it (`collections[][id]=99`).

use unified_core::json;
use unified_core::json::{Map, Value};
use unified_core::schema::allows_type;

/// The component an object parameter's schema refers to for what the bracket syntax can carry.
pub const BRACKET_OBJECT: &str = "BracketObject";

/// The schema of [`BRACKET_OBJECT`]. Its recursion goes through the object alone (a value that
/// refers to itself is a type that TypeScript generators cannot write), so lists hold text,
/// such objects, or lists of those, two deep.
pub fn bracket_object() -> Value {
    let object = json!({ "$ref": format!("#/components/schemas/{BRACKET_OBJECT}") });
    let text = json!({ "type": ["string", "number", "boolean", "null"] });
    let inner_list =
        json!({ "type": "array", "items": { "anyOf": [text.clone(), object.clone()] } });
    let list = json!({ "type": "array", "items": { "anyOf": [text.clone(), object.clone(), inner_list] } });
    json!({
        "description": "An object as the bracket syntax carries it: keys that are not empty, \
                        hold no `[` or `]` and are not digits alone (`a[0]` is a list's item), \
                        at every depth; values that are text (any other value is sent as its \
                        text), such objects, or lists of them.",
        "type": "object",
        "propertyNames": {
            "pattern": "^[^\\[\\]]+$",
            "not": { "pattern": "^[0-9]+$" },
        },
        "additionalProperties": { "anyOf": [text, object, list] },
    })
}

/// One parameter, and what it carries of the query's JSON form.
pub struct Parameter {
    /// The OpenAPI parameter.
    pub json: Value,
    /// The query member it carries.
    pub member: String,
    /// For a list of objects, the member of its items it carries.
    pub item_member: Option<String>,
}

/// The parameters of the query object schema `query`.
pub fn parameters(query: &Value) -> Vec<Parameter> {
    let required = |name: &str| {
        query["required"]
            .as_array()
            .is_some_and(|names| names.iter().any(|member| member == name))
    };
    let Some(properties) = query["properties"].as_object() else {
        return Vec::new();
    };
    let mut parameters = Vec::new();
    for (name, schema) in properties {
        let schema = without_null(schema);
        match item_members(&schema) {
            Some(members) => {
                for (member, member_schema) in members {
                    let list = json!({"type": "array", "items": without_null(member_schema)});
                    parameters.push(Parameter {
                        json: parameter(
                            &format!("{name}[][{member}]"),
                            required(name),
                            list,
                            &schema,
                        ),
                        member: name.clone(),
                        item_member: Some(member.clone()),
                    });
                }
            }
            None => parameters.push(Parameter {
                json: parameter(name, required(name), schema.clone(), &schema),
                member: name.clone(),
                item_member: None,
            }),
        }
    }
    parameters
}

/// Adds to the parameters of `member` that it must be given (`required`) and keep `needed`, a
/// schema of the member's JSON form.
pub fn add_need(parameters: &mut [Parameter], member: &str, required: bool, needed: &Value) {
    for parameter in parameters.iter_mut().filter(|p| p.member == member) {
        let needed = match &parameter.item_member {
            None => needed.clone(),
            Some(item) => item_need(needed, item),
        };
        if required {
            parameter.json["required"] = true.into();
        }
        if let Some(values) = allowed_values(&needed) {
            say_allowed_values(&mut parameter.json, &needed, &values);
        }
        if let Some(Value::Object(schema)) = parameter.json.get_mut("schema") {
            super::served::with_branches(schema, vec![needed]);
        }
    }
}

/// The text values a need allows its member, where it lists them (`among`): the `enum` of one
/// of its branches.
fn allowed_values(needed: &Value) -> Option<Vec<&str>> {
    if let Some(values) = needed.get("enum").and_then(Value::as_array) {
        return Some(values.iter().filter_map(Value::as_str).collect());
    }
    needed
        .get("allOf")
        .and_then(Value::as_array)?
        .iter()
        .find_map(allowed_values)
}

/// Ends the parameter's description (the model's words, which may name values the need rules
/// out) with what the need allows, so a reader of the words alone is not misled.
fn say_allowed_values(parameter: &mut Value, needed: &Value, values: &[&str]) {
    let whose = needed
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("What this operation needs beyond the unified model.")
        .trim_end_matches('.');
    let listed: Vec<String> = values.iter().map(|value| format!("`{value}`")).collect();
    let said = format!("{whose}: one of {}.", listed.join(", "));
    let description = match parameter.get("description").and_then(Value::as_str) {
        Some(before) => format!("{before} {said}"),
        None => said,
    };
    parameter["description"] = description.into();
}

/// A need of a list of objects, as a need of the list of its items' `member`: what it asks of
/// each item's `member`, through every `allOf` and `anyOf` it holds.
fn item_need(needed: &Value, member: &str) -> Value {
    let Value::Object(object) = needed else {
        return needed.clone();
    };
    let mut flat = Map::new();
    for (key, value) in object {
        match key.as_str() {
            "description" => {
                flat.insert(key.clone(), value.clone());
            }
            "allOf" | "anyOf" | "oneOf" => {
                let branches: Vec<Value> = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|branch| item_need(branch, member))
                    .collect();
                flat.insert(key.clone(), Value::Array(branches));
            }
            "items" => {
                let of_member = value
                    .pointer(&format!("/properties/{member}"))
                    .cloned()
                    .unwrap_or_else(|| json!({}));
                flat.insert("items".into(), of_member);
            }
            // What a need says of the list or its items as objects, the wire form says already.
            _ => {}
        }
    }
    Value::Object(flat)
}

/// The members of a list's items, when the list's items are objects.
fn item_members(schema: &Value) -> Option<&Map> {
    if !allows_type(schema, "array") || !allows_type(&schema["items"], "object") {
        return None;
    }
    schema["items"]["properties"].as_object()
}

/// An OpenAPI query parameter `name` of `schema`, styled for its kind; `of` is the member's
/// schema, for its description.
fn parameter(name: &str, required: bool, mut schema: Value, of: &Value) -> Value {
    let object = allows_type(&schema, "object");
    if object {
        let reference = json!({ "$ref": format!("#/components/schemas/{BRACKET_OBJECT}") });
        if let Some(members) = schema.as_object_mut() {
            super::served::with_branches(members, vec![reference]);
        }
    }
    let mut parameter = json!({
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema,
    });
    if let Some(description) = of.get("description") {
        parameter["description"] = description.clone();
    }
    if object {
        parameter["style"] = "deepObject".into();
        parameter["explode"] = true.into();
    } else if allows_type(&parameter["schema"], "array") {
        parameter["style"] = "form".into();
        parameter["explode"] = true.into();
    }
    parameter
}

/// `schema` without `null`: out of its `type` list, its `enum` and its choices.
fn without_null(schema: &Value) -> Value {
    let mut schema = schema.clone();
    let Some(object) = schema.as_object_mut() else {
        return schema;
    };
    if let Some(Value::Array(types)) = object.get_mut("type") {
        types.retain(|kind| kind != "null");
        if let [single] = types.as_slice() {
            let single = single.clone();
            object.insert("type".into(), single);
        }
    }
    if let Some(Value::Array(values)) = object.get_mut("enum") {
        values.retain(|value| !value.is_null());
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(branches)) = object.get_mut(key) {
            branches.retain(|branch| branch != &json!({"type": "null"}));
        }
    }
    schema
}
