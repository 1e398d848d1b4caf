//! The JSON error envelope every failure answers with:
//! `{"statusCode", "error", "message", ...}`, plus `errors` and `truto_error_insight` for
//! validation failures. Messages never carry a credential or a request's values.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use unified_core::report::pointer_segments;
use unified_core::{Code, Part, ValidationError};

/// An error answer of the unified API: a status, a message and any further members of the
/// envelope `{"statusCode", "error", "message", ...}`. Handlers and [`ResolveProvider`]
/// implementations return it; it answers as JSON.
///
/// [`ResolveProvider`]: crate::ResolveProvider
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
    extra: Map<String, Value>,
    close: bool,
}

impl ApiError {
    /// An error with this status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            extra: Map::new(),
            close: false,
        }
    }

    /// The same error, answered with `Connection: close` (the rest of the request will not be
    /// read, so the connection cannot carry another one).
    pub fn closing(mut self) -> Self {
        self.close = true;
        self
    }

    /// The HTTP status it answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Its message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Adds a member to the envelope.
    pub fn with(mut self, key: &str, value: Value) -> Self {
        self.extra.insert(key.to_owned(), value);
        self
    }

    /// 400 for violations of one part.
    pub fn invalid_part(part: Part, errors: Vec<ValidationError>) -> Self {
        let errors: Vec<(Part, ValidationError)> =
            errors.into_iter().map(|error| (part, error)).collect();
        ApiError::invalid(&errors)
    }

    /// 400 for violations found in the query and body: each with where it is (`in`), its
    /// pointer, code and message, and the missing required fields grouped by part.
    pub fn invalid(errors: &[(Part, ValidationError)]) -> Self {
        let listed = listed(errors);
        let missing = |wanted: Part| -> Value {
            errors
                .iter()
                .filter(|(part, error)| *part == wanted && error.code == Code::Required)
                .map(|(_, error)| Value::String(field_name(&error.pointer)))
                .collect()
        };
        let count = errors.len();
        let message = match errors.first() {
            Some((part, first)) if count == 1 && first.pointer.is_empty() => {
                format!("invalid {part}: {}", first.message)
            }
            Some((part, first)) if count == 1 => {
                format!(
                    "invalid {part}: `{}` {}",
                    field_name(&first.pointer),
                    first.message
                )
            }
            _ => format!("the request has {count} problems; see `errors`"),
        };
        ApiError::new(StatusCode::BAD_REQUEST, message)
            .with("errors", listed)
            .with(
                "truto_error_insight",
                json!({
                    "missing_required_body_fields": {"value": missing(Part::Body)},
                    "missing_required_query_parameters": {"value": missing(Part::Query)},
                }),
            )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = Map::new();
        body.insert("statusCode".into(), json!(self.status.as_u16()));
        body.insert(
            "error".into(),
            json!(self.status.canonical_reason().unwrap_or("Error")),
        );
        body.insert("message".into(), json!(self.message));
        body.extend(self.extra);
        let mut response = (self.status, axum::Json(Value::Object(body))).into_response();
        if self.close {
            response.headers_mut().insert(
                header::CONNECTION,
                header::HeaderValue::from_static("close"),
            );
        }
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}

/// A JSON pointer as a field name: `/emails/0/email` is `emails.0.email`.
fn field_name(pointer: &str) -> String {
    pointer_segments(pointer).collect::<Vec<_>>().join(".")
}

/// Each violation with where it is (`in`), its pointer, code and message.
pub fn listed(errors: &[(Part, ValidationError)]) -> Value {
    errors
        .iter()
        .map(|(part, error)| {
            json!({
                "in": part.as_str(),
                "pointer": error.pointer,
                "code": error.code,
                "message": error.message,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_become_dotted_names() {
        assert_eq!(field_name("/name"), "name");
        assert_eq!(field_name("/emails/0/email"), "emails.0.email");
        assert_eq!(field_name("/a~1b~0c"), "a/b~c");
        assert_eq!(field_name(""), "");
    }

    #[test]
    fn one_violation_reads_as_a_sentence() {
        let malformed = ValidationError::new("", Code::Json, "malformed JSON: EOF at line 1");
        let error = ApiError::invalid(&[(Part::Body, malformed)]);
        assert_eq!(
            error.message(),
            "invalid body: malformed JSON: EOF at line 1"
        );
        let missing = ValidationError::new("/emails/0/email", Code::Required, "is required");
        let error = ApiError::invalid(&[(Part::Body, missing)]);
        assert_eq!(
            error.message(),
            "invalid body: `emails.0.email` is required"
        );
    }
}
