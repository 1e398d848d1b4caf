//! How a create answers, as the `truto_*` query parameters ask (what a create needs of those
//! parameters is the contract's, `unified_openapi::contract`, which the route holds requests
//! to and the documents show):
//!
//! - `unified` (the default) and `normalized`: 201 with the unified record and the provider's
//!   native answer in `remote_data`. A create returns one record, so the normalized form is the
//!   unified one.
//! - `raw`: the provider's own success status and its answer as it came (secrets removed), as
//!   `application/vnd.unified.raw+json`, so a client and a document tell it from the unified
//!   record.
//! - `stream`: not served by a create, which answers with one record: a 400 before anything is
//!   sent.
//! - `truto_ignore_remote_data=true` leaves out `remote_data`; `truto_exclude_fields[]=name`
//!   leaves out top-level fields of the record, any the provider's response does not require
//!   (a required one is refused, since the answer would break the response model).

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};
use unified_core::conventions::{QueryConventions, ResponseFormat};
use unified_openapi::contract::RAW_MEDIA_TYPE;

/// How to answer a successful call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The requested format.
    pub format: ResponseFormat,
    /// Whether to leave out `remote_data`.
    pub ignore_remote_data: bool,
    /// Top-level fields to leave out.
    pub exclude_fields: Vec<String>,
}

impl From<&QueryConventions> for Shape {
    fn from(conventions: &QueryConventions) -> Shape {
        Shape {
            format: conventions.truto_response_format.unwrap_or_default(),
            ignore_remote_data: conventions.truto_ignore_remote_data == Some(true),
            exclude_fields: conventions.truto_exclude_fields.clone().unwrap_or_default(),
        }
    }
}

impl Shape {
    /// `record` as the client asked: without `remote_data` if ignored, without excluded fields.
    pub fn trim(&self, record: Value) -> Value {
        let Value::Object(mut record) = record else {
            return record;
        };
        if self.ignore_remote_data {
            record.remove("remote_data");
        }
        for name in &self.exclude_fields {
            record.remove(name);
        }
        Value::Object(record)
    }
}

/// The unified record with `remote_data` holding the provider's native answer (an answer that
/// is not an object goes under `body`).
pub fn with_remote_data(record: Value, native: Value) -> Value {
    let remote_data = match native {
        Value::Object(object) => object,
        other => Map::from_iter([("body".to_owned(), other)]),
    };
    let mut record = match record {
        Value::Object(record) => record,
        other => Map::from_iter([("body".to_owned(), other)]),
    };
    record.insert("remote_data".to_owned(), Value::Object(remote_data));
    Value::Object(record)
}

/// The raw answer: the provider's success status and its answer, or no content where the status
/// allows none (RFC 9110: 204 and 205).
pub fn raw(status: u16, answer: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    if matches!(status, StatusCode::NO_CONTENT | StatusCode::RESET_CONTENT) {
        return status.into_response();
    }
    (
        status,
        [(header::CONTENT_TYPE, RAW_MEDIA_TYPE)],
        answer.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn shape(query: Value) -> Shape {
        let mut query = query;
        query["integrated_account_id"] = json!("00000000-0000-4000-8000-000000000000");
        Shape::from(&serde_json::from_value::<QueryConventions>(query).unwrap())
    }

    #[test]
    fn query_parameters_shape_the_record() {
        let record = json!({"id": "1", "name": "Ada"});
        let native = json!({"data": {"id": "1"}});
        let plain = shape(json!({}));
        assert_eq!(plain.format, ResponseFormat::Unified);
        let full = with_remote_data(record.clone(), native);
        assert_eq!(
            plain.trim(full.clone()),
            json!({"id": "1", "name": "Ada", "remote_data": {"data": {"id": "1"}}})
        );
        let trimmed = shape(json!({
            "truto_ignore_remote_data": true,
            "truto_exclude_fields": ["name"],
            "truto_response_format": "normalized",
        }));
        assert_eq!(trimmed.format, ResponseFormat::Normalized);
        assert_eq!(trimmed.trim(full), json!({"id": "1"}));
        let wrapped = with_remote_data(record, json!("text"));
        assert_eq!(wrapped["remote_data"], json!({"body": "text"}));
        assert_eq!(
            shape(json!({"truto_response_format": "raw"})).format,
            ResponseFormat::Raw
        );
    }
}
