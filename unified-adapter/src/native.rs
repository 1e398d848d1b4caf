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
    /// A request of `method` to `path`, with no header of its own and no secret. A `{id}` in
    /// the path stands for the record the unified request names, encoded as one segment.
    pub const fn new(method: Method, path: &'static str) -> Self {
        Endpoint {
            method,
            path,
            headers: &[],
            secrets: &[],
        }
    }

    /// A `POST` to `path`, with no header of its own and no secret.
    pub const fn post(path: &'static str) -> Self {
        Endpoint::new(Method::Post, path)
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

    /// The request to this endpoint at `path` with `body` (none for `GET` and `DELETE`) and
    /// `query`.
    pub fn request(
        &self,
        path: String,
        body: Value,
        query: Vec<(String, String)>,
    ) -> NativeRequest {
        let body = match self.method {
            Method::Get | Method::Delete => None,
            Method::Post | Method::Put | Method::Patch => Some(body),
        };
        NativeRequest {
            method: self.method,
            path,
            query,
            headers: self
                .headers
                .iter()
                .map(|&(name, value)| (name, value.to_owned()))
                .collect(),
            body,
            secrets: self.secrets.to_vec(),
        }
    }

    /// The path with its `{id}` filled with `id`, encoded as one path segment; a path that
    /// needs an id the request does not name, or names as a dot-segment (which would climb out
    /// of the provider's path even percent-encoded), is the client's to fix.
    pub fn path_for(&self, id: Option<&str>) -> Result<String, crate::AdapterError> {
        if !self.path.contains("{id}") {
            return Ok(self.path.to_owned());
        }
        let refused = |code, message| crate::AdapterError::Request {
            part: unified_core::Part::Query,
            error: unified_core::ValidationError::new("", code, message),
        };
        let id = id
            .filter(|id| !id.is_empty())
            .ok_or_else(|| refused(unified_core::Code::Required, "the path names no record"))?;
        if DOT_SEGMENTS.contains(&id) {
            return Err(refused(
                unified_core::Code::Enum,
                "the path's record id is a dot-segment, which names no record",
            ));
        }
        Ok(self.path.replace("{id}", &segment(id)))
    }
}

/// The record ids no path takes: `.` and `..` are dot-segments, which a URL resolves (even
/// percent-encoded) into another path of the provider's.
pub const DOT_SEGMENTS: [&str; 2] = [".", ".."];

/// `text` as one path segment: every byte but the unreserved ones (RFC 3986) percent-encoded,
/// so an id can neither leave its segment nor add one.
fn segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
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

/// What the provider answered: its status, the headers its adapter reads, and its body (JSON,
/// the text as a JSON string, or `null` when it sent no body).
#[derive(Clone, Debug, PartialEq)]
pub struct NativeResponse {
    /// The HTTP status.
    pub status: u16,
    /// The headers the adapter's [`RateLimitHeaders`](crate::RateLimitHeaders) reads (its
    /// [`names`](crate::RateLimitHeaders::names), lowercase) with the value each had, when it
    /// was visible ASCII; no other header is kept.
    pub headers: Vec<(&'static str, String)>,
    /// The body.
    pub body: Value,
}

impl NativeResponse {
    /// The value of the kept header `name` (lowercase), if the answer had it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(kept, _)| *kept == name)
            .map(|(_, value)| value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::{Endpoint, Method};

    #[test]
    fn a_record_id_fills_one_segment_and_is_never_a_dot_segment() {
        let endpoint = Endpoint::new(Method::Get, "/api/users/{id}");
        assert_eq!(
            endpoint.path_for(Some("a/b?c")).unwrap(),
            "/api/users/a%2Fb%3Fc"
        );
        assert_eq!(endpoint.path_for(Some("1.5")).unwrap(), "/api/users/1.5");
        for id in [None, Some(""), Some("."), Some("..")] {
            assert!(endpoint.path_for(id).is_err(), "{id:?}");
        }
        assert_eq!(
            Endpoint::post("/api/users").path_for(None).unwrap(),
            "/api/users"
        );
    }
}
