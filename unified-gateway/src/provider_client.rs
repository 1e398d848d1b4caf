//! Sends an adapter's native request to the account's provider and reads the answer. One
//! attempt only: a create is never retried, since a retry could create the user twice, and a
//! refusal for the provider's rate is the client's to wait out. The answer is read up to a
//! limit; past it the connection is dropped. Of its headers, only those the adapter reads for
//! the provider's rate limit are kept.

use std::time::Duration;

use reqwest::header::HeaderValue;
use serde_json::Value;
use unified_adapter::{NativeRequest, NativeResponse, Presented, RateLimitHeaders};
use unified_openapi::contract::REQUEST_ID;

/// Why no answer came back.
#[derive(Debug)]
pub enum SendError {
    /// The provider did not answer within the timeout.
    Timeout,
    /// The provider's answer is larger than the limit.
    TooLarge,
    /// The provider could not be reached, or the request could not be made.
    Unreachable(String),
}

/// The HTTP client every call to a provider shares.
#[derive(Clone, Debug)]
pub struct ProviderClient {
    client: reqwest::Client,
    answer_limit: usize,
}

impl ProviderClient {
    /// A client that gives up on a provider after `timeout`, reads at most `answer_limit` bytes
    /// of an answer and follows no redirects (a redirected `POST` would be replayed as
    /// something else).
    pub fn new(timeout: Duration, answer_limit: usize) -> Result<ProviderClient, String> {
        crate::http_client::http_client_builder()?
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("unified-gateway/", env!("CARGO_PKG_VERSION")))
            .build()
            .map(|client| ProviderClient {
                client,
                answer_limit,
            })
            .map_err(|error| format!("cannot build the HTTP client: {error}"))
    }

    /// Sends `request` below `base_url` with the credential as `presented`; the answer keeps the
    /// headers `rate_limits` reads.
    pub async fn send(
        &self,
        base_url: &str,
        request: &NativeRequest,
        presented: &Presented,
        rate_limits: &RateLimitHeaders,
    ) -> Result<NativeResponse, SendError> {
        let mut url = reqwest::Url::parse(&format!("{base_url}{}", request.path))
            .map_err(|_| SendError::Unreachable("the provider URL is not valid".to_owned()))?;
        if !request.query.is_empty() || !presented.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(&presented.query)
                .extend_pairs(&request.query);
        }
        let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes())
            .map_err(|_| SendError::Unreachable("unknown HTTP method".to_owned()))?;
        let mut builder = self.client.request(method, url);
        // A provider that versions its API by media type (SolarWinds) names its own.
        if !request
            .headers
            .iter()
            .any(|(name, _)| name.eq_ignore_ascii_case("accept"))
        {
            builder = builder.header(reqwest::header::ACCEPT, "application/json");
        }
        for (name, value) in &request.headers {
            builder = builder.header(*name, value);
        }
        if let Some(id) = crate::http::request_id::current() {
            builder = builder.header(REQUEST_ID, id);
        }
        for (name, secret) in &presented.headers {
            let mut value = HeaderValue::from_str(secret.expose()).map_err(|_| {
                SendError::Unreachable("the credential cannot be sent in a header".to_owned())
            })?;
            value.set_sensitive(true);
            builder = builder.header(*name, value);
        }
        if let Some(body) = &request.body {
            builder = builder
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        let mut response = builder.send().await.map_err(classify)?;
        let status = response.status().as_u16();
        let headers = rate_limits
            .names()
            .filter_map(|name| {
                let value = response.headers().get(name)?.to_str().ok()?;
                Some((name, value.to_owned()))
            })
            .collect();
        if response
            .content_length()
            .is_some_and(|length| length > self.answer_limit as u64)
        {
            return Err(SendError::TooLarge);
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if bytes.len() + chunk.len() > self.answer_limit {
                // Dropping the unread answer closes the connection to the provider.
                return Err(SendError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        let body = if bytes.trim_ascii().is_empty() {
            // A 204, or a 200 with nothing in it: read as no document, not as the text "".
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        Ok(NativeResponse {
            status,
            headers,
            body,
        })
    }
}

fn classify(error: reqwest::Error) -> SendError {
    if error.is_timeout() {
        SendError::Timeout
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
        SendError::Unreachable(message)
    }
}
