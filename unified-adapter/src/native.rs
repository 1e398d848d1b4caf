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

    /// This request with the text at `pointers` treated as secrets (see
    /// [`NativeRequest::secrets`]).
    #[must_use]
    pub fn secret_at(mut self, pointers: &[&'static str]) -> Self {
        self.secrets.extend_from_slice(pointers);
        self
    }

    /// The secret values the body holds at [`NativeRequest::secrets`].
    pub fn secret_values(&self) -> impl Iterator<Item = &str> {
        let body = self.body.as_ref();
        self.secrets
            .iter()
            .filter_map(move |pointer| body?.pointer(pointer)?.as_str())
    }

    /// This request with the header `name: value` (besides authentication).
    #[must_use]
    pub fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
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
