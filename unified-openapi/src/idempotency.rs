//! The idempotency key of a write in OpenAPI terms: the request header, the answers it may
//! also have (409, 422), and the header that marks an answer given again.

use unified_core::json;
use unified_core::json::Value;

use crate::contract::{
    IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_PATTERN, IDEMPOTENT_REPLAYED, KEYED_WRITE_STATUSES,
    MAX_KEY_LEN,
};
use crate::envelope::error_response;

/// Adds the idempotency key to the write operation `route`: its header parameter, the
/// refusals it may cause and the header on answers given again.
pub fn document(route: &mut Value) {
    if let Some(parameters) = route["parameters"].as_array_mut() {
        parameters.push(key_parameter());
    }
    let Some(responses) = route["responses"].as_object_mut() else {
        return;
    };
    for (status, response) in responses.iter_mut() {
        if status.starts_with('2') {
            response["headers"] = json!({ IDEMPOTENT_REPLAYED: replayed_header() });
        }
    }
    for code in KEYED_WRITE_STATUSES {
        let mut response = error_response(code);
        response["headers"] = json!({ IDEMPOTENT_REPLAYED: replayed_header() });
        responses.insert(code.to_string(), response);
    }
    let mut sorted: Vec<(String, Value)> = std::mem::take(responses).into_iter().collect();
    sorted.sort_by(|(a, _), (b, _)| a.cmp(b));
    responses.extend(sorted);
}

fn key_parameter() -> Value {
    json!({
        "name": IDEMPOTENCY_KEY,
        "in": "header",
        "required": false,
        "description": format!(
            "Makes the write safe to repeat. The first request with a key is dispatched and its \
             answer (status and body, whatever they are once the provider was called) kept for \
             the gateway's retention (24 hours by default); a repeat of the same request (same \
             account, path, query and body, byte for byte) gets that answer again with \
             `{IDEMPOTENT_REPLAYED}: true`, without a second call to the provider. A request \
             refused before it reached the provider (a 400, say) leaves the key free. The same \
             key with another request is refused with 422, and a repeat while the first is in \
             flight with 409. Keys belong to the token's environment."
        ),
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_KEY_LEN,
            "pattern": IDEMPOTENCY_KEY_PATTERN,
        },
    })
}

fn replayed_header() -> Value {
    json!({
        "description": format!(
            "`true` when this is the answer kept for the request's `{IDEMPOTENCY_KEY}`, given \
             again."
        ),
        "schema": { "type": "string", "enum": ["true"] },
    })
}
