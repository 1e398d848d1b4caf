//! Two OpenAPI documents compared: the operations they have, and for each operation both have,
//! its body, its query and header parameters, and its JSON success answers.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::change::{Change, Code, Effect, Place, Side};
use crate::keywords::escaped;
use crate::part::{compare_part, whole};

/// The methods an OpenAPI path item may hold.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// How many references are followed into one another before the rest is left as is.
const MAX_REFERENCES: usize = 32;

/// Every change between the documents `old` and `new` of `view`, found in `file`; with
/// `operations`, also the operations one has and the other does not.
pub(crate) fn compare_documents(
    file: &str,
    view: &str,
    old: &Value,
    new: &Value,
    operations: bool,
) -> Vec<Change> {
    let (before, after) = (operations_of(old), operations_of(new));
    let mut changes = Vec::new();
    let place = |route: &Route, operation: &Value, part: &str| Place {
        file: file.to_owned(),
        view: view.to_owned(),
        model: route.to_string(),
        operation: operation["operationId"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        part: part.to_owned(),
    };
    for (route, operation) in &before {
        let Some(now) = after.get(route) else {
            if operations {
                let message = format!("{route} is no longer served");
                let place = place(route, operation, "*");
                changes.push(whole(
                    &place,
                    Code::OperationRemoved,
                    Effect::Narrower,
                    Side::Request,
                    message,
                ));
            }
            continue;
        };
        let at = format!("/paths/{}/{}", escaped(&route.path), route.method);
        let old_body = body(old, operation);
        let new_body = body(new, now);
        if old_body != new_body {
            let part = place(route, now, "body");
            changes.extend(compare_part(
                &part,
                &old_body,
                &new_body,
                &format!("{at}/requestBody/content/application~1json/schema"),
                Side::Request,
            ));
        }
        for location in ["query", "header"] {
            let (was, is) = (
                parameters(old, operation, location),
                parameters(new, now, location),
            );
            if was != is {
                let part = place(route, now, location);
                let found = compare_part(&part, &was, &is, "", Side::Request);
                changes.extend(found.into_iter().map(|mut change| {
                    change.pointer = parameter_pointer(&at, now, location, &change.pointer);
                    change
                }));
            }
        }
        let new_answers = answers(new, now);
        let old_answers = answers(old, operation);
        for status in new_answers
            .keys()
            .filter(|status| !old_answers.contains_key(*status))
        {
            let part = place(route, now, "response");
            let message = format!("{route} now answers {status} with a JSON body");
            changes.push(whole(
                &part,
                Code::PartAdded,
                Effect::Wider,
                Side::Response,
                message,
            ));
        }
        for (status, old_answer) in old_answers {
            let Some(new_answer) = new_answers.get(&status).cloned() else {
                let part = place(route, now, "response");
                let message = format!("{route} no longer answers {status} with a JSON body");
                changes.push(whole(
                    &part,
                    Code::PartRemoved,
                    Effect::Narrower,
                    Side::Response,
                    message,
                ));
                continue;
            };
            if old_answer != new_answer {
                let part = place(route, now, "response");
                let at = format!("{at}/responses/{status}/content/application~1json/schema");
                changes.extend(compare_part(
                    &part,
                    &old_answer,
                    &new_answer,
                    &at,
                    Side::Response,
                ));
            }
        }
    }
    if operations {
        for (route, operation) in after
            .iter()
            .filter(|(route, _)| !before.contains_key(*route))
        {
            let message = format!("{route} is newly served");
            let place = place(route, operation, "*");
            changes.push(whole(
                &place,
                Code::OperationAdded,
                Effect::Wider,
                Side::Request,
                message,
            ));
        }
    }
    changes
}

/// An operation's route: its method and path.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Route {
    method: String,
    path: String,
}

impl std::fmt::Display for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method.to_uppercase(), self.path)
    }
}

fn operations_of(document: &Value) -> BTreeMap<Route, Value> {
    let mut found = BTreeMap::new();
    let Some(paths) = document.get("paths").and_then(Value::as_object) else {
        return found;
    };
    for (path, item) in paths {
        for method in METHODS {
            if let Some(operation) = item.get(method) {
                let route = Route {
                    method: method.to_owned(),
                    path: path.clone(),
                };
                found.insert(route, operation.clone());
            }
        }
    }
    found
}

/// The JSON body schema of `operation`, references followed (`false` when it takes none).
fn body(document: &Value, operation: &Value) -> Value {
    let body = resolved(document, &operation["requestBody"]);
    match body.pointer("/content/application~1json/schema") {
        Some(schema) => resolved(document, schema),
        None => Value::Bool(false),
    }
}

/// The parameters `operation` takes in `location`, as one object schema: each parameter a
/// property, the required ones required; a query takes no parameter it does not list, and a
/// header is text.
fn parameters(document: &Value, operation: &Value, location: &str) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for parameter in operation["parameters"].as_array().into_iter().flatten() {
        let parameter = resolved(document, parameter);
        if parameter["in"] != location {
            continue;
        }
        let Some(name) = parameter["name"].as_str() else {
            continue;
        };
        let name = if location == "header" {
            name.to_ascii_lowercase()
        } else {
            name.to_owned()
        };
        properties.insert(name.clone(), resolved(document, &parameter["schema"]));
        if parameter["required"] == true {
            required.push(Value::String(name));
        }
    }
    let mut schema = json!({ "type": "object", "properties": properties, "required": required });
    schema["additionalProperties"] = if location == "query" {
        Value::Bool(false)
    } else {
        json!({ "type": "string" })
    };
    schema
}

/// The JSON schema of each success answer of `operation`, by status.
fn answers(document: &Value, operation: &Value) -> BTreeMap<String, Value> {
    let mut found = BTreeMap::new();
    for (status, answer) in operation["responses"].as_object().into_iter().flatten() {
        if !status.starts_with('2') {
            continue;
        }
        let answer = resolved(document, answer);
        if let Some(schema) = answer.pointer("/content/application~1json/schema") {
            found.insert(status.clone(), resolved(document, schema));
        }
    }
    found
}

/// `value` with every local reference (`#/components/...`) replaced by what it names, its
/// other members kept beside. A reference to a schema being resolved (a recursive schema) is
/// left as it is.
fn resolved(document: &Value, value: &Value) -> Value {
    let mut budget = MAX_EXPANSIONS;
    resolved_below(document, value, &mut Vec::new(), &mut budget)
}

/// How many references one part's resolution follows: shared references are copied each time,
/// and components that name each other many times over would otherwise multiply without end.
const MAX_EXPANSIONS: usize = 10_000;

fn resolved_below(
    document: &Value,
    value: &Value,
    open: &mut Vec<String>,
    budget: &mut usize,
) -> Value {
    match value {
        Value::Object(object) => {
            let mut out = Map::new();
            let reference = object.get("$ref").and_then(Value::as_str);
            if let Some(reference) = reference
                && open.len() < MAX_REFERENCES
                && *budget > 0
                && !open.iter().any(|seen| seen == reference)
                && let Some(target) = reference
                    .strip_prefix('#')
                    .and_then(|p| document.pointer(p))
            {
                open.push(reference.to_owned());
                *budget -= 1;
                if let Value::Object(target) = resolved_below(document, target, open, budget) {
                    out = target;
                }
                open.pop();
            }
            for (key, member) in object {
                if key != "$ref" || out.is_empty() {
                    out.insert(key.clone(), resolved_below(document, member, open, budget));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|item| resolved_below(document, item, open, budget))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A pointer into the parameters' object schema, as a pointer into the document: the
/// parameter it names, and its schema.
fn parameter_pointer(at: &str, operation: &Value, location: &str, pointer: &str) -> String {
    let parameters = format!("{at}/parameters");
    let Some(rest) = pointer.strip_prefix("/properties/") else {
        return parameters;
    };
    let (name, below) = rest
        .split_once('/')
        .map_or((rest, ""), |(name, below)| (name, below));
    let index = operation["parameters"].as_array().and_then(|list| {
        list.iter().position(|parameter| {
            parameter["in"] == location
                && parameter["name"].as_str().is_some_and(|n| {
                    n.eq_ignore_ascii_case(&name.replace("~1", "/").replace("~0", "~"))
                })
        })
    });
    match index {
        Some(index) if below.is_empty() => format!("{parameters}/{index}"),
        Some(index) => format!("{parameters}/{index}/schema/{below}"),
        None => parameters,
    }
}
