//! Sends an adapter's native request to the account's provider and reads the answer. One
//! attempt only: a create is never retried, since a retry could create the user twice.

use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};
use serde_json::Value;
use unified_core::{AuthScheme, NativeRequest, NativeResponse, Secret};

/// Why no answer came back.
#[derive(Debug)]
pub enum DispatchError {
    /// The provider did not answer within the timeout.
    Timeout,
    /// The provider could not be reached, or the request could not be made.
    Unreachable(String),
}

/// The HTTP client every dispatch shares.
#[derive(Clone, Debug)]
pub struct Dispatcher {
    client: reqwest::Client,
}

impl Dispatcher {
    /// A client that gives up on a provider after `timeout` and follows no redirects (a
    /// redirected `POST` would be replayed as something else).
    pub fn new(timeout: Duration) -> Result<Dispatcher, String> {
        reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("unified-gateway/", env!("CARGO_PKG_VERSION")))
            .build()
            .map(|client| Dispatcher { client })
            .map_err(|error| format!("cannot build the HTTP client: {error}"))
    }

    /// Sends `request` below `base_url` with `credential` presented as `auth` says.
    pub async fn send(
        &self,
        base_url: &str,
        request: &NativeRequest,
        auth: AuthScheme,
        credential: &Secret,
    ) -> Result<NativeResponse, DispatchError> {
        let mut url = reqwest::Url::parse(&format!("{base_url}{}", request.path))
            .map_err(|error| DispatchError::Unreachable(format!("bad provider URL: {error}")))?;
        if !request.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&request.query);
        }
        let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes())
            .map_err(|_| DispatchError::Unreachable("unknown HTTP method".to_owned()))?;
        let mut builder = self
            .client
            .request(method, url)
            .header(reqwest::header::ACCEPT, "application/json");
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        let (name, value) = auth.header(credential);
        let mut value = HeaderValue::from_str(value.expose()).map_err(|_| {
            DispatchError::Unreachable("the credential cannot be sent in a header".to_owned())
        })?;
        value.set_sensitive(true);
        builder = builder.header(HeaderName::from_static(name), value);
        if let Some(body) = &request.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        let response = builder.send().await.map_err(classify)?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(classify)?;
        let body = serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
        Ok(NativeResponse { status, body })
    }
}

fn classify(error: reqwest::Error) -> DispatchError {
    if error.is_timeout() {
        DispatchError::Timeout
    } else {
        // Without the URL: it is the account's, and the client needs only the kind of failure.
        let error = error.without_url();
        let mut message = error.to_string();
        let mut source = std::error::Error::source(&error);
        while let Some(cause) = source {
            message.push_str(": ");
            message.push_str(&cause.to_string());
            source = cause.source();
        }
        DispatchError::Unreachable(message)
    }
}
