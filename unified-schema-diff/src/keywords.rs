//! How the comparison reads a schema's keywords: the types it allows, the values it lists, its
//! bounds, and which keywords are only annotations.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// Keywords that describe and never refuse a document.
pub(crate) const ANNOTATIONS: [&str; 11] = [
    "title",
    "description",
    "$schema",
    "$id",
    "$comment",
    "examples",
    "example",
    "default",
    "readOnly",
    "writeOnly",
    "deprecated",
];

/// A bound: which keyword, and whether a larger value is the tighter one.
pub(crate) struct Bound {
    /// The keyword.
    pub keyword: &'static str,
    /// `true` for a lower bound (`minLength`): larger is tighter.
    pub lower: bool,
}

/// Every bound the comparison reads.
pub(crate) const BOUNDS: [Bound; 10] = [
    Bound {
        keyword: "minLength",
        lower: true,
    },
    Bound {
        keyword: "maxLength",
        lower: false,
    },
    Bound {
        keyword: "minItems",
        lower: true,
    },
    Bound {
        keyword: "maxItems",
        lower: false,
    },
    Bound {
        keyword: "minProperties",
        lower: true,
    },
    Bound {
        keyword: "maxProperties",
        lower: false,
    },
    Bound {
        keyword: "minimum",
        lower: true,
    },
    Bound {
        keyword: "maximum",
        lower: false,
    },
    Bound {
        keyword: "exclusiveMinimum",
        lower: true,
    },
    Bound {
        keyword: "exclusiveMaximum",
        lower: false,
    },
];

/// A schema as an object: `true` is `{}`, `false` refuses everything.
pub(crate) fn object_of(schema: &Value) -> Map<String, Value> {
    match schema {
        Value::Object(object) => object.clone(),
        Value::Bool(false) => {
            let mut object = Map::new();
            object.insert("not".into(), Value::Object(Map::new()));
            object
        }
        _ => Map::new(),
    }
}

/// The JSON types a schema allows, `None` when it does not say. `number` includes `integer`,
/// and OpenAPI 3.0's `nullable: true` adds `null`.
pub(crate) fn types(schema: &Map<String, Value>) -> Option<BTreeSet<String>> {
    let mut types: BTreeSet<String> = match schema.get("type")? {
        Value::String(name) => [name.clone()].into(),
        Value::Array(names) => names
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => return None,
    };
    if types.contains("number") {
        types.insert("integer".into());
    }
    if schema.get("nullable") == Some(&Value::Bool(true)) {
        types.insert("null".into());
    }
    Some(types)
}

/// The values a schema lists, `None` when it lists none: its `const`, its `enum`, or a `oneOf`
/// whose every branch is a `const` (or `{"type": "null"}`, for null).
pub(crate) fn listed_values(schema: &Map<String, Value>) -> Option<Vec<Value>> {
    let mut values = if let Some(value) = schema.get("const") {
        vec![value.clone()]
    } else if let Some(Value::Array(values)) = schema.get("enum") {
        values.clone()
    } else {
        one_of_values(schema)?
    };
    if schema.get("nullable") == Some(&Value::Bool(true)) && !values.contains(&Value::Null) {
        values.push(Value::Null);
    }
    Some(values)
}

/// The values of a `oneOf` made only of `const` branches.
pub(crate) fn one_of_values(schema: &Map<String, Value>) -> Option<Vec<Value>> {
    let Some(Value::Array(branches)) = schema.get("oneOf") else {
        return None;
    };
    branches
        .iter()
        .map(|branch| {
            if let Some(value) = branch.get("const") {
                Some(value.clone())
            } else if branch.get("type").and_then(Value::as_str) == Some("null") {
                Some(Value::Null)
            } else {
                None
            }
        })
        .collect()
}

/// The names a schema requires.
pub(crate) fn required(schema: &Map<String, Value>) -> BTreeSet<String> {
    schema
        .get("required")
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Whether fields beyond the listed ones are refused.
pub(crate) fn closed(schema: &Map<String, Value>) -> bool {
    schema.get("additionalProperties") == Some(&Value::Bool(false))
        || schema.get("unevaluatedProperties") == Some(&Value::Bool(false))
}

/// Whether a schema refuses nothing: only annotations, or none.
pub(crate) fn accepts_anything(schema: &Value) -> bool {
    match schema {
        Value::Bool(accepts) => *accepts,
        Value::Object(object) => object.keys().all(|key| ANNOTATIONS.contains(&key.as_str())),
        _ => false,
    }
}

/// The sentence of a description that says a check is made in code, if any.
pub(crate) fn custom_check(schema: &Map<String, Value>) -> Option<&str> {
    let description = schema.get("description")?.as_str()?;
    description
        .split_inclusive(". ")
        .find(|sentence| sentence.contains("checked in code"))
}

/// `name` escaped for a JSON pointer.
pub(crate) fn escaped(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}
