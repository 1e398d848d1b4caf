//! What an adapter asks to have sent to its provider, and what came back.

use core::fmt;

use serde_json::Value;

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

/// Where an operation's native request goes, declared by its adapter as data
/// ([`Translate::ENDPOINT`](crate::Translate::ENDPOINT)): `Endpoint::post("/v1/agents")`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// The HTTP method.
    pub method: Method,
    /// The path below the account's base URL, starting with `/` (an adapter whose path takes
    /// part of the request writes [`Translate::path`](crate::Translate::path)).
    pub path: &'static str,
    /// Headers the provider needs besides authentication (an API version).
    pub headers: &'static [(&'static str, &'static str)],
    /// JSON pointers into the native body whose text values are secrets (see
    /// [`NativeRequest::secrets`]).
    pub secrets: &'static [&'static str],
}

impl Endpoint {
    /// A `POST` to `path`, with no header of its own and no secret.
    pub const fn post(path: &'static str) -> Self {
        Endpoint {
            method: Method::Post,
            path,
            headers: &[],
            secrets: &[],
        }
    }

    /// This endpoint with `headers` sent besides authentication.
    #[must_use]
    pub const fn with_headers(self, headers: &'static [(&'static str, &'static str)]) -> Self {
        Endpoint { headers, ..self }
    }

    /// This endpoint with the text at `pointers` in the native body treated as secrets.
    #[must_use]
    pub const fn with_secrets(self, pointers: &'static [&'static str]) -> Self {
        Endpoint {
            secrets: pointers,
            ..self
        }
    }

    /// The request to this endpoint at `path` with `body`.
    pub fn request(&self, path: String, body: Value) -> NativeRequest {
        NativeRequest {
            method: self.method,
            path,
            query: Vec::new(),
            headers: self
                .headers
                .iter()
                .map(|&(name, value)| (name, value.to_owned()))
                .collect(),
            body: Some(body),
            secrets: self.secrets.to_vec(),
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
    /// JSON pointers into the body whose text values are secrets (a password sent through
    /// `remote_data`): removed from whatever the provider answers.
    pub secrets: Vec<&'static str>,
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
            secrets: Vec::new(),
        }
    }

    /// The secret values the body holds at [`NativeRequest::secrets`].
    pub fn secret_values(&self) -> impl Iterator<Item = &str> {
        let body = self.body.as_ref();
        self.secrets
            .iter()
            .filter_map(move |pointer| body?.pointer(pointer)?.as_str())
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
