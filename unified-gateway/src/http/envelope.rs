//! The JSON error envelope every failure answers with:
//! `{"statusCode", "error", "message", ...}`, plus `errors` and `truto_error_insight` for
//! validation failures. Messages never carry a credential or a request's values.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};
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

    /// The JSON text of the envelope.
    fn to_json(&self) -> Vec<u8> {
        // Sized for the usual answer, so the text is written without growing its buffer.
        let violations = self.violations.as_deref().unwrap_or_default();
        let estimate = 192
            + self.message.len()
            + violations
                .iter()
                .map(|(_, error)| 96 + 2 * error.pointer.len() + error.message.len())
                .sum::<usize>();
        let mut text = Vec::with_capacity(estimate);
        // Every member is text, a number or a JSON value: writing one to memory cannot fail.
        if serde_json::to_writer(&mut text, self).is_err() {
            text.clear();
            text.extend_from_slice(b"{}");
        }
        text
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

impl Serialize for Member<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Member::Text(text) => serializer.serialize_str(text),
            Member::Status(status) => serializer.serialize_u16(*status),
            Member::Value(value) => value.serialize(serializer),
            Member::Errors(errors) => serializer.collect_seq(
                errors
                    .iter()
                    .map(|(part, error)| Listed { part: *part, error }),
            ),
            Member::Insight(errors) => {
                let mut insight = serializer.serialize_map(Some(2))?;
                insight.serialize_entry(
                    "missing_required_body_fields",
                    &Missing(errors, Part::Body),
                )?;
                insight.serialize_entry(
                    "missing_required_query_parameters",
                    &Missing(errors, Part::Query),
                )?;
                insight.end()
            }
        }
    }
}

/// The envelope: its members in the order of their names, as a JSON object's are kept.
impl Serialize for ApiError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut members: Vec<(&str, Member<'_>)> = vec![
            ("statusCode", Member::Status(self.status.as_u16())),
            (
                "error",
                Member::Text(self.status.canonical_reason().unwrap_or("Error")),
            ),
            ("message", Member::Text(&self.message)),
        ];
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
        let mut envelope = serializer.serialize_map(Some(members.len()))?;
        for (name, member) in &members {
            envelope.serialize_entry(name, member)?;
        }
        envelope.end()
    }
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
    /// The name.
    fn to_text(&self) -> String {
        let mut name = String::with_capacity(self.0.len());
        self.push_to(&mut name);
        name
    }

    /// Writes the name at the end of `text`.
    fn push_to(&self, text: &mut String) {
        for (index, segment) in pointer_segments(self.0).enumerate() {
            if index > 0 {
                text.push('.');
            }
            text.push_str(&segment);
        }
    }
}

/// The field names of the required fields missing from one part, as
/// `{"value": ["name", ...]}`.
struct Missing<'a>(&'a [(Part, ValidationError)], Part);

impl Serialize for Missing<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Names<'a>(&'a [(Part, ValidationError)], Part);
        impl Serialize for Names<'_> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(
                    self.0
                        .iter()
                        .filter(|(part, error)| *part == self.1 && error.code == Code::Required)
                        .map(|(_, error)| Named(&error.pointer)),
                )
            }
        }
        let mut value = serializer.serialize_map(Some(1))?;
        value.serialize_entry("value", &Names(self.0, self.1))?;
        value.end()
    }
}

/// A pointer written as its field name.
struct Named<'a>(&'a str);

impl Serialize for Named<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&FieldName(self.0).to_text())
    }
}

/// One violation with where it is (`in`), its pointer, code and message.
struct Listed<'a> {
    part: Part,
    error: &'a ValidationError,
}

impl Serialize for Listed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut listed = serializer.serialize_map(Some(4))?;
        listed.serialize_entry("code", &self.error.code)?;
        listed.serialize_entry("in", self.part.as_str())?;
        listed.serialize_entry("message", &self.error.message)?;
        listed.serialize_entry("pointer", &self.error.pointer)?;
        listed.end()
    }
}

/// Each violation with where it is (`in`), its pointer, code and message, as a JSON value
/// (for an envelope member added with [`ApiError::with`]).
pub fn listed(errors: &[(Part, ValidationError)]) -> Value {
    Value::Array(
        errors
            .iter()
            .map(|(part, error)| {
                serde_json::to_value(Listed { part: *part, error }).unwrap_or(Value::Null)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pointers_become_dotted_names() {
        let field_name = |pointer| FieldName(pointer).to_text();
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
                ValidationError::new("/a~1b", Code::Type, "must be text"),
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
                     "message": "must be text"},
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
