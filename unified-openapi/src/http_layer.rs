//! The answers the HTTP layer gives before any route sees a request, in OpenAPI terms:
//! declared on every operation, since any request can be too long.

use unified_core::json;
use unified_core::json::{Map, Value};

use crate::contract::{HEAD_TOO_LARGE, MAX_HEAD_LEN, MAX_TARGET_LEN, TARGET_TOO_LONG};

/// Adds the HTTP layer's refusals ([`crate::contract::HTTP_LAYER_STATUSES`]) to every operation
/// of `paths`. Run after the headers every answer of the gateway carries are added: these
/// answers carry none.
pub fn document(paths: &mut Map) {
    let refusals = [
        (
            TARGET_TOO_LONG,
            format!(
                "URI Too Long: the request's target (path and query) is over {MAX_TARGET_LEN} \
                 bytes. Answered before any route, with no body."
            ),
        ),
        (
            HEAD_TOO_LARGE,
            format!(
                "Request Header Fields Too Large: the request line and headers reach \
                 {MAX_HEAD_LEN} bytes. Answered before any route, with no body."
            ),
        ),
    ];
    for methods in paths.values_mut().filter_map(Value::as_object_mut) {
        for operation in methods.values_mut() {
            let Some(responses) = operation["responses"].as_object_mut() else {
                continue;
            };
            for (status, description) in &refusals {
                responses.insert(status.to_string(), json!({ "description": description }));
            }
        }
    }
}
