//! Provider adapters: the translation between a validated unified request and one provider's
//! native HTTP API, and back. Adapters only translate; whoever holds the HTTP client (the
//! gateway) sends the request, so an adapter is plain code that tests can run without a network.

use core::fmt;

use serde_json::{Map, Value};

use crate::operation::Part;
use crate::provider::{Provider, ProviderSet};
use crate::query_writer::write_query;
use crate::report::{Code, ValidationError};
use crate::secret::Secret;

/// One unified request, already validated for the adapter's provider.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The model (`ticketing/users`).
    pub model: &'a str,
    /// The operation (`create`).
    pub operation: &'a str,
    /// The request body as JSON.
    pub body: &'a Value,
    /// The query parameters as JSON (as [`crate::Operation::read`] gives them).
    pub query: &'a Value,
}

/// An HTTP method of a native request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// The request an adapter wants sent to its provider, relative to the account's base URL.
///
/// Its `Debug` output leaves out header values and the body, which may carry a password.
#[derive(Clone, PartialEq)]
pub struct NativeRequest {
    /// The HTTP method.
    pub method: Method,
    /// The path below the account's base URL, starting with `/`, segments already encoded.
    pub path: String,
    /// Query parameters (name, value), not yet encoded.
    pub query: Vec<(String, String)>,
    /// Headers the provider needs besides authentication.
    pub headers: Vec<(&'static str, String)>,
    /// The JSON body, if any.
    pub body: Option<Value>,
}

impl NativeRequest {
    /// A `POST` of `body` to `path`.
    pub fn post(path: impl Into<String>, body: Value) -> Self {
        NativeRequest {
            method: Method::Post,
            path: path.into(),
            query: Vec::new(),
            headers: Vec::new(),
            body: Some(body),
        }
    }
}

impl fmt::Debug for NativeRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self.headers.iter().map(|(name, _)| *name).collect();
        f.debug_struct("NativeRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &header_names)
            .field("body", &self.body.as_ref().map(|_| "..."))
            .finish()
    }
}

/// What the provider answered: its status and its body (JSON, or the text as a JSON string).
#[derive(Clone, Debug, PartialEq)]
pub struct NativeResponse {
    /// The HTTP status.
    pub status: u16,
    /// The body.
    pub body: Value,
}

/// How a provider wants its credential presented.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AuthScheme {
    /// One header carrying the credential after a prefix (`Bearer `, or nothing).
    Header {
        /// The header's name.
        name: &'static str,
        /// Text put before the credential.
        prefix: &'static str,
    },
}

impl AuthScheme {
    /// The header to send for `credential`; its value stays a [`Secret`].
    pub fn header(self, credential: &Secret) -> (&'static str, Secret) {
        match self {
            AuthScheme::Header { name, prefix } => (
                name,
                Secret::new(format!("{prefix}{}", credential.expose())),
            ),
        }
    }
}

/// Why an adapter could not translate a request or a response.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum AdapterError {
    /// The adapter does not implement this model and operation.
    Unsupported {
        /// The model.
        model: String,
        /// The operation.
        operation: String,
    },
    /// The request is valid for the provider's schema but still lacks what the native call
    /// needs; the client can fix it.
    Request {
        /// The part the violation is in.
        part: Part,
        /// The violation.
        error: ValidationError,
    },
    /// The provider's answer is not what the adapter can read: where and how it differs. The
    /// description never quotes the answer, which may echo a credential or a password; it
    /// reaches the client's error message and the log.
    Response(String),
}

impl fmt::Display for AdapterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AdapterError::Unsupported { model, operation } => {
                write!(
                    f,
                    "`{model}` `{operation}` has no adapter for this provider"
                )
            }
            AdapterError::Request { part, error } => write!(f, "{part}: {error}"),
            AdapterError::Response(message) => write!(f, "unreadable provider answer: {message}"),
        }
    }
}

impl std::error::Error for AdapterError {}

/// The translation for one provider. One implementation per provider, registered in one
/// [`Adapters`] list.
pub trait Adapter<S: ProviderSet>: Send + Sync {
    /// The provider this adapter speaks to.
    fn provider(&self) -> Provider<S>;

    /// How the account's credential is sent.
    fn auth(&self) -> AuthScheme;

    /// The (model, operation) pairs this adapter implements.
    fn operations(&self) -> &'static [(&'static str, &'static str)];

    /// The native request for a validated unified request. `remote_data` and `remote_query` are
    /// applied afterwards by [`prepare_request`], so adapters ignore them.
    fn native_request(&self, call: &Call<'_>) -> Result<NativeRequest, AdapterError>;

    /// The unified response (without `remote_data`) for the provider's successful answer.
    fn unified_response(
        &self,
        call: &Call<'_>,
        native: &NativeResponse,
    ) -> Result<Map<String, Value>, AdapterError>;

    /// Whether this adapter implements `model` `operation`.
    fn implements(&self, model: &str, operation: &str) -> bool {
        self.operations()
            .iter()
            .any(|&(m, o)| m == model && o == operation)
    }
}

/// The native request for `call`, with the pass-through parts of the unified API applied:
/// the body's `remote_data` object is merged over the native JSON body (its keys win), and the
/// query's `remote_query` object is appended to the native query in bracket syntax.
pub fn prepare_request<S: ProviderSet>(
    adapter: &dyn Adapter<S>,
    call: &Call<'_>,
) -> Result<NativeRequest, AdapterError> {
    if !adapter.implements(call.model, call.operation) {
        return Err(AdapterError::Unsupported {
            model: call.model.to_owned(),
            operation: call.operation.to_owned(),
        });
    }
    let mut request = adapter.native_request(call)?;
    if let Some(Value::Object(extra)) = call.body.get("remote_data") {
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
    if let Some(Value::Object(remote_query)) = call.query.get("remote_query") {
        request.query.extend(write_query(remote_query));
    }
    Ok(request)
}

/// Every adapter a gateway can dispatch to, one per provider.
pub struct Adapters<S: ProviderSet> {
    adapters: Vec<Box<dyn Adapter<S>>>,
}

impl<S: ProviderSet> Adapters<S> {
    /// The list of adapters; a provider listed twice is a mistake that [`Adapters::duplicates`]
    /// reports (the first one is used).
    pub fn new(adapters: Vec<Box<dyn Adapter<S>>>) -> Self {
        Adapters { adapters }
    }

    /// The adapter of `provider`, if there is one.
    pub fn find(&self, provider: Provider<S>) -> Option<&dyn Adapter<S>> {
        self.adapters
            .iter()
            .find(|adapter| adapter.provider() == provider)
            .map(|adapter| adapter.as_ref())
    }

    /// Every adapter, in registration order.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Adapter<S>> {
        self.adapters.iter().map(|adapter| adapter.as_ref())
    }

    /// Providers registered more than once.
    pub fn duplicates(&self) -> Vec<Provider<S>> {
        let mut seen = Vec::new();
        let mut twice = Vec::new();
        for adapter in &self.adapters {
            let provider = adapter.provider();
            if seen.contains(&provider) {
                twice.push(provider);
            }
            seen.push(provider);
        }
        twice
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    crate::providers! {
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

    #[test]
    fn remote_data_and_remote_query_pass_through() {
        let body = json!({"name": "x", "remote_data": {"extra": 1, "name": "override"}});
        let query = json!({"remote_query": {"a": "b", "list": ["1", "2"]}});
        let adapter = Fixed(json!({"name": "mapped"}));
        let request = prepare_request(&adapter, &call("create", &body, &query)).unwrap();
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
        let refused = prepare_request(&listed, &call("create", &body, &query)).unwrap_err();
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
        let unknown = prepare_request(&listed, &call("delete", &body, &query)).unwrap_err();
        assert!(
            matches!(unknown, AdapterError::Unsupported { .. }),
            "{unknown}"
        );
    }
}
