//! The parts of a unified request that go to the provider untouched: the body's `remote_data`
//! and the query's `remote_query`.

use serde_json::{Map, Value};
use unified_core::{Code, Part, ValidationError};

use crate::error::AdapterError;
use crate::native::NativeRequest;
use crate::query_writer::write_query;

/// What a unified request passes to the provider untouched: the body's `remote_data`, merged
/// over the native body, and the query's `remote_query`, appended to the native query.
#[derive(Clone, Copy, Debug, Default)]
pub struct PassThrough<'a> {
    /// Members merged over the native JSON body (theirs win).
    pub remote_data: Option<&'a Map<String, Value>>,
    /// Parameters appended to the native query, in bracket syntax.
    pub remote_query: Option<&'a Map<String, Value>>,
}

impl PassThrough<'_> {
    /// The native request with these applied: `remote_data` merged over the native JSON body
    /// (its keys win), `remote_query` appended to the native query in bracket syntax. A body
    /// that is not a JSON object cannot take `remote_data`: that is refused, not dropped.
    pub fn apply(self, mut request: NativeRequest) -> Result<NativeRequest, AdapterError> {
        if let Some(extra) = self.remote_data {
            match &mut request.body {
                Some(Value::Object(body)) => {
                    for (key, value) in extra {
                        body.insert(key.clone(), value.clone());
                    }
                }
                body @ None => *body = Some(Value::Object(extra.clone())),
                Some(_) => {
                    return Err(AdapterError::Request {
                        part: Part::Body,
                        error: ValidationError::new(
                            "/remote_data",
                            Code::Unsupported,
                            "cannot be merged: this provider's native body is not a JSON object",
                        ),
                    });
                }
            }
        }
        if let Some(remote_query) = self.remote_query {
            request.query.extend(write_query(remote_query));
        }
        Ok(request)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    /// The pass-through members of `body` and `query`.
    fn pass<'a>(body: &'a Value, query: &'a Value) -> PassThrough<'a> {
        PassThrough {
            remote_data: body["remote_data"].as_object(),
            remote_query: query["remote_query"].as_object(),
        }
    }

    #[test]
    fn remote_data_and_remote_query_pass_through() {
        let body = json!({"name": "x", "remote_data": {"extra": 1, "name": "override"}});
        let query = json!({"remote_query": {"a": "b", "list": ["1", "2"]}});
        let native = NativeRequest::post("/things", json!({"name": "mapped"}));
        let request = pass(&body, &query).apply(native).unwrap();
        assert_eq!(request.body, Some(json!({"name": "override", "extra": 1})));
        let query_pairs: Vec<(&str, &str)> = request
            .query
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        assert_eq!(query_pairs, [("a", "b"), ("list[]", "1"), ("list[]", "2")]);
        assert!(
            !format!("{request:?}").contains("override"),
            "Debug hides the body"
        );
    }

    #[test]
    fn what_cannot_be_passed_on_is_refused_not_dropped() {
        let body = json!({"remote_data": {"extra": 1}});
        let query = json!({});
        let listed = NativeRequest::post("/things", json!(["native", "list"]));
        let refused = pass(&body, &query).apply(listed).unwrap_err();
        assert!(
            matches!(
                refused,
                AdapterError::Request {
                    part: Part::Body,
                    ..
                }
            ),
            "{refused}"
        );
    }
}
