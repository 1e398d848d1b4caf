//! The request id in OpenAPI terms: the optional `x-request-id` header every operation takes,
//! and the same header on every answer. Both are described once, in the components, and named
//! by reference on each operation.

use unified_core::json;
use unified_core::json::{Map, Value};

use crate::contract::{MAX_REQUEST_ID_LEN, REQUEST_ID, REQUEST_ID_PUNCTUATION};

/// The name of the parameter and of the header in the components.
const COMPONENT: &str = "RequestId";

/// The components' parameter: the id a client may send.
pub fn parameter() -> Value {
    json!({
        "name": REQUEST_ID,
        "in": "header",
        "required": false,
        "description": format!(
            "Names the request: given back on the answer, sent on the call to the provider and \
             written on every log line of the request. An id of 1 to {MAX_REQUEST_ID_LEN} ASCII \
             letters, digits and `{REQUEST_ID_PUNCTUATION}` is taken as is; any other (or none) \
             is replaced by a UUID the gateway makes, never refused."
        ),
        "schema": { "type": "string" },
    })
}

/// The components' header: the id an answer carries.
pub fn header() -> Value {
    json!({
        "description": format!(
            "The request's id: the client's `{REQUEST_ID}` when it was taken, else the one the \
             gateway made for it."
        ),
        "schema": { "type": "string", "minLength": 1, "maxLength": MAX_REQUEST_ID_LEN },
    })
}

/// Adds the parameter to every operation of `paths` and the header to each of its answers.
pub fn document(paths: &mut Map, parameters: &mut Map, headers: &mut Map) {
    parameters.insert(COMPONENT.into(), parameter());
    headers.insert(COMPONENT.into(), header());
    let reference = |kind: &str| json!({ "$ref": format!("#/components/{kind}/{COMPONENT}") });
    for operation in paths.values_mut().filter_map(Value::as_object_mut) {
        for operation in operation.values_mut() {
            if !operation["parameters"].is_array() {
                operation["parameters"] = json!([]);
            }
            if let Some(list) = operation["parameters"].as_array_mut() {
                list.push(reference("parameters"));
            }
            let Some(responses) = operation["responses"].as_object_mut() else {
                continue;
            };
            for response in responses.values_mut() {
                if !response["headers"].is_object() {
                    response["headers"] = json!({});
                }
                response["headers"][REQUEST_ID] = reference("headers");
            }
        }
    }
}
