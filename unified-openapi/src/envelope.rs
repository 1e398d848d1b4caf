//! The error envelope in OpenAPI terms: its schema, and one response per error status.

use http::StatusCode;
use unified_core::json;
use unified_core::json::{Map, Value};

/// The envelope's schemas: `Error`, and `Violation`, one entry of its `errors`.
pub fn schemas() -> Map {
    let mut schemas = Map::new();
    schemas.insert(
        "Violation".into(),
        json!({
            "type": "object",
            "description": "One violation of the model's rules.",
            "properties": {
                "in": { "type": "string", "enum": ["body", "query", "response"], "description": "The part it is in." },
                "pointer": { "type": "string", "description": "A JSON pointer into that part; empty for the part itself." },
                "code": { "type": "string", "description": "A stable code: a built-in one (`required`, `type`, ...) or a custom check's `namespace.name`." },
                "message": { "type": "string", "description": "The violation in English." },
            },
            "required": ["in", "pointer", "code", "message"],
        }),
    );
    schemas.insert(
        "Error".into(),
        json!({
            "type": "object",
            "description": "Every failure's answer. Messages never quote a request's body or query values, nor a provider's answer.",
            "properties": {
                "statusCode": { "type": "integer", "description": "The HTTP status." },
                "error": { "type": "string", "description": "The status' reason phrase." },
                "message": { "type": "string", "description": "What went wrong." },
                "errors": {
                    "type": "array",
                    "items": { "$ref": "#/components/schemas/Violation" },
                    "description": "For a 400 of a request that breaks the rules, and for a provider's invalid unified answer: every violation.",
                },
                "truto_error_insight": {
                    "type": "object",
                    "description": "For 400: the missing required fields, by part.",
                },
                "truto_is_remote_error": {
                    "type": "boolean",
                    "description": "For 502, and for a 400, 404 or 429 the provider's answer caused: whether the provider refused (true) or answered something unusable (false).",
                },
                "remote_status": { "type": "integer", "description": "For 502, a 404 of a record the provider does not have, a 400 for a list cursor the provider refused, and a 429 of a provider limiting the account's request rate: the provider's status." },
                "remote_body": { "description": "Where `remote_status` is: the provider's answer, secrets removed." },
            },
            "required": ["statusCode", "error", "message"],
        }),
    );
    schemas
}

/// A response of status `code` with the envelope as its body.
pub fn error_response(code: u16) -> Value {
    let reason = StatusCode::from_u16(code)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or("Error");
    json!({
        "description": reason,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } },
    })
}

/// The responses of an operation: each of `successes` at its status, and the envelope at each
/// of `errors`.
pub fn responses(successes: &[(&str, Value)], errors: &[u16]) -> Value {
    let mut responses = Map::new();
    for (status, success) in successes {
        responses.insert((*status).to_owned(), success.clone());
    }
    for code in errors.iter().copied() {
        responses.insert(code.to_string(), error_response(code));
    }
    Value::Object(responses)
}
