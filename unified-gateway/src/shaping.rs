//! The response formats of the unified API, read from the `truto_*` query parameters.
//!
//! - `unified` (the default) and `normalized`: the unified record with the provider's native
//!   answer in `remote_data`. A create returns one record, so the normalized form is the
//!   unified one.
//! - `raw`: the provider's native answer, as it came (secrets removed).
//! - `stream`: refused before anything is sent, since a create answers with one small record,
//!   not a stream.
//! - `truto_ignore_remote_data=true` drops `remote_data`; `truto_exclude_fields[]=name` drops
//!   top-level fields of the unified record.

use serde_json::{Map, Value};

/// How to answer a successful call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The requested format.
    pub format: Format,
    /// Whether to leave out `remote_data`.
    pub ignore_remote_data: bool,
    /// Top-level fields to leave out.
    pub exclude_fields: Vec<String>,
}

/// A value of `truto_response_format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The unified record.
    Unified,
    /// The provider's answer.
    Raw,
    /// Same as unified for a single record.
    Normalized,
    /// Not offered for a create.
    Stream,
}

impl Shape {
    /// The shape a validated query asks for.
    pub fn from_query(query: &Value) -> Shape {
        let format = match query.get("truto_response_format").and_then(Value::as_str) {
            Some("raw") => Format::Raw,
            Some("normalized") => Format::Normalized,
            Some("stream") => Format::Stream,
            _ => Format::Unified,
        };
        let exclude_fields = query
            .get("truto_exclude_fields")
            .and_then(Value::as_array)
            .map(|names| {
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        Shape {
            format,
            ignore_remote_data: query.get("truto_ignore_remote_data") == Some(&Value::Bool(true)),
            exclude_fields,
        }
    }

    /// `record` as the client asked: without `remote_data` if ignored, without excluded fields.
    pub fn trim(&self, record: Value) -> Value {
        let Value::Object(mut record) = record else {
            return record;
        };
        if self.ignore_remote_data {
            record.shift_remove("remote_data");
        }
        for name in &self.exclude_fields {
            record.shift_remove(name);
        }
        Value::Object(record)
    }
}

/// The unified record with `remote_data` holding the provider's native answer (an answer that
/// is not an object goes under `body`).
pub fn with_remote_data(mut record: Map<String, Value>, native: Value) -> Value {
    let remote_data = match native {
        Value::Object(object) => object,
        other => Map::from_iter([("body".to_owned(), other)]),
    };
    record.insert("remote_data".to_owned(), Value::Object(remote_data));
    Value::Object(record)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn query_parameters_shape_the_record() {
        let record = json!({"id": "1", "name": "Ada"})
            .as_object()
            .unwrap()
            .clone();
        let native = json!({"data": {"id": "1"}});
        let plain = Shape::from_query(&json!({}));
        assert_eq!(plain.format, Format::Unified);
        let full = with_remote_data(record.clone(), native);
        assert_eq!(
            plain.trim(full.clone()),
            json!({"id": "1", "name": "Ada", "remote_data": {"data": {"id": "1"}}})
        );
        let trimmed = Shape::from_query(&json!({
            "truto_ignore_remote_data": true,
            "truto_exclude_fields": ["name"],
            "truto_response_format": "normalized",
        }));
        assert_eq!(trimmed.format, Format::Normalized);
        assert_eq!(trimmed.trim(full), json!({"id": "1"}));
        let wrapped = with_remote_data(record, json!("text"));
        assert_eq!(wrapped["remote_data"], json!({"body": "text"}));
        assert_eq!(
            Shape::from_query(&json!({"truto_response_format": "raw"})).format,
            Format::Raw
        );
    }
}
