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
    /// Members merged deeply over the native JSON body (theirs win).
    pub remote_data: Option<&'a Map<String, Value>>,
    /// Parameters appended to the native query, in bracket syntax, in their order (see
    /// [`unified_core::query::parse_query_ordered`]).
    pub remote_query: Option<&'a unified_core::json::Map>,
}

impl PassThrough<'_> {
    /// The native request with these applied: `remote_data` merged deeply over the native JSON
    /// body (objects merge key by key, recursively; any other value of `remote_data` replaces),
    /// `remote_query` appended to the native query in bracket syntax. A body that is not a JSON
    /// object cannot take `remote_data`: that is refused, not dropped. What the provider needs
    /// of the merged body is its adapter's [`needs`](crate::needs), checked before.
    pub fn apply(self, mut request: NativeRequest) -> Result<NativeRequest, AdapterError> {
        if let Some(extra) = self.remote_data {
            match &mut request.body {
                Some(Value::Object(body)) => merge_deeply(body, extra),
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

/// Merges `extra` into `into`: where both hold an object under a key, those merge the same way;
/// otherwise the value of `extra` replaces (a list is a value, not merged item by item).
fn merge_deeply(into: &mut Map<String, Value>, extra: &Map<String, Value>) {
    for (key, value) in extra {
        match (into.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(extra_inner)) => {
                merge_deeply(inner, extra_inner);
            }
            _ => {
                into.insert(key.clone(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    /// The pass-through members of `body` and `query`.
    fn pass<'a>(body: &'a Value, query: &'a unified_core::json::Value) -> PassThrough<'a> {
        PassThrough {
            remote_data: body["remote_data"].as_object(),
            remote_query: query["remote_query"].as_object(),
        }
    }

    #[test]
    fn remote_data_and_remote_query_pass_through() {
        let body = json!({"name": "x", "remote_data": {"extra": 1, "name": "override"}});
        let query = unified_core::json!({"remote_query": {"a": "b", "list": ["1", "2"]}});
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
    fn remote_data_merges_into_native_objects_key_by_key() {
        let body = json!({"remote_data": {
            "person": {"email-address": "ada@example.org", "names": {"last": "King"}},
            "tags": ["b"],
            "flag": null,
        }});
        let native = NativeRequest::post(
            "/people.json",
            json!({
                "person": {"first-name": "Ada", "names": {"first": "Ada", "last": "L"}},
                "tags": ["a", "c"],
                "flag": {"on": true},
            }),
        );
        let request = pass(&body, &unified_core::json!({})).apply(native).unwrap();
        assert_eq!(
            request.body,
            Some(json!({
                "person": {
                    "first-name": "Ada",
                    "email-address": "ada@example.org",
                    "names": {"first": "Ada", "last": "King"},
                },
                "tags": ["b"],
                "flag": null,
            }))
        );
    }

    #[test]
    fn what_cannot_be_passed_on_is_refused_not_dropped() {
        let body = json!({"remote_data": {"extra": 1}});
        let query = unified_core::json!({});
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
