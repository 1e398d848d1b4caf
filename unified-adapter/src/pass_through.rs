//! The parts of a unified request that go to the provider untouched: the body's `remote_data`
//! and the query's `remote_query`.

use serde_json::{Map, Value};
use unified_core::{Code, Part, ProviderSet, ValidationError};

use crate::adapter::Adapter;
use crate::call::Call;
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

/// The native request for `call`, with `pass` applied: `remote_data` merged over the native
/// JSON body (its keys win), `remote_query` appended to the native query in bracket syntax.
pub fn prepare_request<S: ProviderSet>(
    adapter: &dyn Adapter<S>,
    call: &Call<'_>,
    pass: PassThrough<'_>,
) -> Result<NativeRequest, AdapterError> {
    if !adapter.implements(call.model, call.operation) {
        return Err(AdapterError::Unsupported {
            model: call.model.to_owned(),
            operation: call.operation.to_owned(),
        });
    }
    let mut request = adapter.native_request(call)?;
    if let Some(extra) = pass.remote_data {
        match &mut request.body {
            Some(Value::Object(body)) => {
                for (key, value) in extra {
                    body.insert(key.clone(), value.clone());
                }
            }
            body @ None => *body = Some(Value::Object(extra.clone())),
            // Refused rather than dropped: the client asked for these keys to be sent.
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
    if let Some(remote_query) = pass.remote_query {
        request.query.extend(write_query(remote_query));
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value, json};
    use unified_core::{Provider, Secret};

    use super::*;
    use crate::auth::AuthScheme;
    use crate::native::NativeResponse;

    unified_core::providers! {
        /// One provider to adapt to.
        pub mod test_providers {
            acme => "Acme",
        }
    }

    /// Posts `body` as the native body, whatever the call.
    struct Fixed(Value);

    impl Adapter<test_providers::Set> for Fixed {
        fn provider(&self) -> Provider<test_providers::Set> {
            test_providers::acme
        }
        fn auth(&self) -> AuthScheme {
            AuthScheme::Header {
                name: "x-key",
                prefix: "Key ",
            }
        }
        fn operations(&self) -> &'static [(&'static str, &'static str)] {
            &[("things", "create")]
        }
        fn native_request(&self, _call: &Call<'_>) -> Result<NativeRequest, AdapterError> {
            Ok(NativeRequest::post("/things", self.0.clone()))
        }
        fn unified_response(
            &self,
            _call: &Call<'_>,
            _native: &NativeResponse,
        ) -> Result<Map<String, Value>, AdapterError> {
            Ok(Map::new())
        }
    }

    fn call<'a>(operation: &'a str, body: &'a Value, query: &'a Value) -> Call<'a> {
        Call {
            model: "things",
            operation,
            body,
            query,
        }
    }

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
        let adapter = Fixed(json!({"name": "mapped"}));
        let request = prepare_request(
            &adapter,
            &call("create", &body, &query),
            pass(&body, &query),
        );
        let request = request.unwrap();
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
        let (header, value) = adapter.auth().header(&Secret::new("k1"));
        assert_eq!((header, value.expose()), ("x-key", "Key k1"));
    }

    #[test]
    fn what_cannot_be_passed_on_is_refused_not_dropped() {
        let body = json!({"remote_data": {"extra": 1}});
        let query = json!({});
        let listed = Fixed(json!(["native", "list"]));
        let refused = prepare_request(&listed, &call("create", &body, &query), pass(&body, &query));
        let refused = refused.unwrap_err();
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
        let unknown = prepare_request(&listed, &call("delete", &body, &query), pass(&body, &query));
        let unknown = unknown.unwrap_err();
        assert!(
            matches!(unknown, AdapterError::Unsupported { .. }),
            "{unknown}"
        );
    }
}
