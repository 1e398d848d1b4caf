//! The JSON error envelope every failure answers with:
//! `{"statusCode", "error", "message", ...}`, plus `errors` and `truto_error_insight` for
//! validation failures. Messages never carry a credential or a request's values.

use std::io::Write;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};
use unified_core::report::pointer_segments;
use unified_core::{Code, Part, ValidationError};

use crate::http::json_text::{push_contents, push_key, push_string};

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
    /// A 400's violations, written straight into the answer as `errors` and
    /// `truto_error_insight` (no JSON value is built for them on the way).
    violations: Option<Vec<(Part, ValidationError)>>,
    close: bool,
}

impl ApiError {
    /// An error with this status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
            extra: Map::new(),
            violations: None,
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
        ApiError::invalid(errors.into_iter().map(|error| (part, error)).collect())
    }

    /// 400 for violations found in the query and body: each with where it is (`in`), its
    /// pointer, code and message, and the missing required fields grouped by part.
    pub fn invalid(errors: Vec<(Part, ValidationError)>) -> Self {
        let message = invalid_message(&errors);
        ApiError {
            violations: Some(errors),
            ..ApiError::new(StatusCode::BAD_REQUEST, message)
        }
    }

    /// The JSON text of the envelope: its members in the order of their names, as a JSON
    /// object's are kept.
    fn to_json(&self) -> Vec<u8> {
        let mut members: Vec<(&str, Member<'_>)> = Vec::with_capacity(5 + self.extra.len());
        members.extend([
            ("statusCode", Member::Status(self.status.as_u16())),
            (
                "error",
                Member::Text(self.status.canonical_reason().unwrap_or("Error")),
            ),
            ("message", Member::Text(&self.message)),
        ]);
        if let Some(violations) = &self.violations {
            members.push(("errors", Member::Errors(violations)));
            members.push(("truto_error_insight", Member::Insight(violations)));
        }
        // A member added with `with` takes the place of one of the same name.
        members.retain(|(name, _)| !self.extra.contains_key(*name));
        members.extend(
            self.extra
                .iter()
                .map(|(name, value)| (name.as_str(), Member::Value(value))),
        );
        members.sort_unstable_by_key(|(name, _)| *name);
        // Sized for the usual answer, so the text is written without growing its buffer.
        let violations = self.violations.as_deref().unwrap_or_default();
        let estimate = 192
            + self.message.len()
            + violations
                .iter()
                .map(|(_, error)| 96 + 2 * error.pointer.len() + error.message.len())
                .sum::<usize>();
        let mut out = Vec::with_capacity(estimate);
        out.push(b'{');
        for (index, (name, member)) in members.iter().enumerate() {
            push_key(&mut out, name, index == 0);
            member.write(&mut out);
        }
        out.push(b'}');
        out
    }
}

/// The message of a 400 for `errors`: the one violation as a sentence, or how many there are.
pub fn invalid_message(errors: &[(Part, ValidationError)]) -> String {
    let [(part, only)] = errors else {
        return format!("the request has {} problems; see `errors`", errors.len());
    };
    // Sized up front: the message is written without growing.
    let mut message = String::with_capacity(16 + 2 * only.pointer.len() + only.message.len());
    message.push_str("invalid ");
    message.push_str(part.as_str());
    message.push_str(": ");
    if !only.pointer.is_empty() {
        message.push('`');
        FieldName(&only.pointer).push_to(&mut message);
        message.push_str("` ");
    }
    message.push_str(&only.message);
    message
}

/// One member of the envelope, as it is written.
enum Member<'a> {
    Text(&'a str),
    Status(u16),
    Value(&'a Value),
    Errors(&'a [(Part, ValidationError)]),
    Insight(&'a [(Part, ValidationError)]),
}

impl Member<'_> {
    /// Writes the member's value at the end of `out`.
    fn write(&self, out: &mut Vec<u8>) {
        match self {
            Member::Text(text) => push_string(out, text),
            // Writing to memory cannot fail, nor can a JSON value's text.
            Member::Status(status) => {
                let _ = write!(out, "{status}");
            }
            Member::Value(value) => {
                let _ = serde_json::to_writer(&mut *out, value);
            }
            Member::Errors(errors) => push_listed(out, errors),
            Member::Insight(errors) => {
                out.extend_from_slice(b"{\"missing_required_body_fields\":{\"value\":");
                push_missing(out, errors, Part::Body);
                out.extend_from_slice(b"},\"missing_required_query_parameters\":{\"value\":");
                push_missing(out, errors, Part::Query);
                out.extend_from_slice(b"}}");
            }
        }
    }
}

/// Each violation with where it is (`in`), its pointer, code and message, as a JSON array
/// at the end of `out`.
fn push_listed(out: &mut Vec<u8>, errors: &[(Part, ValidationError)]) {
    out.push(b'[');
    for (index, (part, error)) in errors.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        // The member names are written as they are: none needs escaping.
        out.extend_from_slice(b"{\"code\":");
        push_string(out, error.code.as_str());
        out.extend_from_slice(b",\"in\":");
        push_string(out, part.as_str());
        out.extend_from_slice(b",\"message\":");
        push_string(out, &error.message);
        out.extend_from_slice(b",\"pointer\":");
        push_string(out, &error.pointer);
        out.push(b'}');
    }
    out.push(b']');
}

/// The field names of the required fields missing from `wanted`, as a JSON array at the end
/// of `out`.
fn push_missing(out: &mut Vec<u8>, errors: &[(Part, ValidationError)], wanted: Part) {
    out.push(b'[');
    let missing = errors
        .iter()
        .filter(|(part, error)| *part == wanted && error.code == Code::Required);
    for (index, (_, error)) in missing.enumerate() {
        if index > 0 {
            out.push(b',');
        }
        out.push(b'"');
        FieldName(&error.pointer).each_piece(|piece| push_contents(out, piece));
        out.push(b'"');
    }
    out.push(b']');
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let content_type = HeaderValue::from_static("application/json");
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, content_type)],
            self.to_json(),
        )
            .into_response();
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
struct FieldName<'a>(&'a str);

impl FieldName<'_> {
    /// Hands the name to `put` piece by piece: each segment, and the dots between them.
    fn each_piece(&self, mut put: impl FnMut(&str)) {
        for (index, segment) in pointer_segments(self.0).enumerate() {
            if index > 0 {
                put(".");
            }
            put(&segment);
        }
    }

    /// Writes the name at the end of `text`.
    fn push_to(&self, text: &mut String) {
        self.each_piece(|piece| text.push_str(piece));
    }
}

/// Each violation with where it is (`in`), its pointer, code and message, as a JSON value
/// (for an envelope member added with [`ApiError::with`]).
pub fn listed(errors: &[(Part, ValidationError)]) -> Value {
    let mut text = Vec::new();
    push_listed(&mut text, errors);
    // The text was written above as JSON; it reads back.
    serde_json::from_slice(&text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pointers_become_dotted_names() {
        let field_name = |pointer| {
            let mut name = String::new();
            FieldName(pointer).push_to(&mut name);
            name
        };
        assert_eq!(field_name("/name"), "name");
        assert_eq!(field_name("/emails/0/email"), "emails.0.email");
        assert_eq!(field_name("/a~1b~0c"), "a/b~c");
        assert_eq!(field_name(""), "");
    }

    #[test]
    fn a_400_is_written_as_its_envelope_with_members_in_name_order() {
        let errors = vec![
            (
                Part::Query,
                ValidationError::new("/integrated_account_id", Code::Required, "is required"),
            ),
            (
                Part::Body,
                ValidationError::new("/emails/0/email", Code::Required, "is required by Dixa"),
            ),
            (
                Part::Body,
                ValidationError::new("/a~1b", Code::Type, "must be \"text\"\n\u{1}"),
            ),
        ];
        let error = ApiError::invalid(errors).with("message", json!("replaced"));
        let text = error.to_json();
        let value: Value = serde_json::from_slice(&text).expect("the envelope is JSON");
        assert_eq!(
            value,
            json!({
                "statusCode": 400,
                "error": "Bad Request",
                "message": "replaced",
                "errors": [
                    {"in": "query", "pointer": "/integrated_account_id", "code": "required",
                     "message": "is required"},
                    {"in": "body", "pointer": "/emails/0/email", "code": "required",
                     "message": "is required by Dixa"},
                    {"in": "body", "pointer": "/a~1b", "code": "type",
                     "message": "must be \"text\"\n\u{1}"},
                ],
                "truto_error_insight": {
                    "missing_required_body_fields": {"value": ["emails.0.email"]},
                    "missing_required_query_parameters": {"value": ["integrated_account_id"]},
                },
            })
        );
        // Written compactly, each object's members in the order of their names.
        assert_eq!(
            String::from_utf8(text).expect("JSON is UTF-8"),
            serde_json::to_string(&value).expect("a value serializes")
        );
    }

    #[test]
    fn one_violation_reads_as_a_sentence() {
        let malformed = ValidationError::new("", Code::Json, "malformed JSON: EOF at line 1");
        let error = ApiError::invalid(vec![(Part::Body, malformed)]);
        assert_eq!(
            error.message(),
            "invalid body: malformed JSON: EOF at line 1"
        );
        let missing = ValidationError::new("/emails/0/email", Code::Required, "is required");
        let error = ApiError::invalid(vec![(Part::Body, missing)]);
        assert_eq!(
            error.message(),
            "invalid body: `emails.0.email` is required"
        );
    }
}
