//! Sends an adapter's native request to the account's provider and reads the answer. One
//! attempt only: a create is never retried, since a retry could create the user twice. The
//! answer is read up to a limit; past it the connection is dropped.

use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue};
use serde_json::Value;
use unified_adapter::{Adapters, AuthScheme, NativeRequest, NativeResponse, Presented};
use unified_core::{Provider, ProviderSet};

use crate::error::SetupError;

/// Why no answer came back.
#[derive(Debug)]
pub enum DispatchError {
    /// The provider did not answer within the timeout.
    Timeout,
    /// The provider's answer is larger than the limit.
    TooLarge,
    /// The provider could not be reached, or the request could not be made.
    Unreachable(String),
}

/// How an adapter presents the account's credential, its header name checked once when the
/// gateway is built rather than on each request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthHeader {
    scheme: AuthScheme,
}

impl AuthHeader {
    /// The checked presentation of `scheme`.
    pub fn of(scheme: AuthScheme) -> Result<AuthHeader, String> {
        let name = scheme.header_name();
        HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| format!("`{name}` is not a valid HTTP header name"))?;
        if let AuthScheme::Header { prefix, .. } = scheme
            && HeaderValue::from_str(prefix).is_err()
        {
            return Err("its prefix cannot be sent in a header".to_owned());
        }
        Ok(AuthHeader { scheme })
    }

    /// The scheme, to present a credential with.
    pub fn scheme(&self) -> AuthScheme {
        self.scheme
    }
}

/// The checked auth header of every adapter, by provider; an adapter whose header cannot be
/// sent, or two adapters of one provider that send the credential differently, are a setup
/// error naming the provider.
pub fn auth_headers<S: ProviderSet>(
    adapters: &Adapters<S>,
) -> Result<Vec<(Provider<S>, AuthHeader)>, SetupError> {
    let mut headers: Vec<(Provider<S>, AuthHeader)> = Vec::new();
    for adapter in adapters.iter() {
        let provider = adapter.provider();
        let header = AuthHeader::of(adapter.auth()).map_err(|why| {
            SetupError::new(format!(
                "the {} adapter's credential header: {why}",
                provider.name()
            ))
        })?;
        match headers.iter().find(|(of, _)| *of == provider) {
            Some((_, known)) if *known != header => {
                return Err(SetupError::new(format!(
                    "the {} adapters send the credential in different headers: one provider \
                     has one way to authenticate",
                    provider.name()
                )));
            }
            Some(_) => {}
            None => headers.push((provider, header)),
        }
    }
    Ok(headers)
}

/// The HTTP client every dispatch shares.
#[derive(Clone, Debug)]
pub struct Dispatcher {
    client: reqwest::Client,
    answer_limit: usize,
}

impl Dispatcher {
    /// A client that gives up on a provider after `timeout`, reads at most `answer_limit` bytes
    /// of an answer and follows no redirects (a redirected `POST` would be replayed as
    /// something else).
    pub fn new(timeout: Duration, answer_limit: usize) -> Result<Dispatcher, String> {
        reqwest::Client::builder()
            .timeout(timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("unified-gateway/", env!("CARGO_PKG_VERSION")))
            .build()
            .map(|client| Dispatcher {
                client,
                answer_limit,
            })
            .map_err(|error| format!("cannot build the HTTP client: {error}"))
    }

    /// Sends `request` below `base_url` with the credential as `presented`.
    pub async fn send(
        &self,
        base_url: &str,
        request: &NativeRequest,
        presented: &Presented,
    ) -> Result<NativeResponse, DispatchError> {
        let mut url = reqwest::Url::parse(&format!("{base_url}{}", request.path))
            .map_err(|_| DispatchError::Unreachable("the provider URL is not valid".to_owned()))?;
        if !request.query.is_empty() || !presented.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(&presented.query)
                .extend_pairs(&request.query);
        }
        let method = reqwest::Method::from_bytes(request.method.as_str().as_bytes())
            .map_err(|_| DispatchError::Unreachable("unknown HTTP method".to_owned()))?;
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
        for (name, secret) in &presented.headers {
            let mut value = HeaderValue::from_str(secret.expose()).map_err(|_| {
                DispatchError::Unreachable("the credential cannot be sent in a header".to_owned())
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
        if response
            .content_length()
            .is_some_and(|length| length > self.answer_limit as u64)
        {
            return Err(DispatchError::TooLarge);
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            if bytes.len() + chunk.len() > self.answer_limit {
                // Dropping the unread answer closes the connection to the provider.
                return Err(DispatchError::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{NothingCreate, Presenting, test_providers};

    #[test]
    fn header_names_are_checked_when_the_adapters_are_listed() {
        type Good = Presenting<test_providers::good>;
        let fine = Adapters::new().with::<NothingCreate, _>(Good::header("X-Api-Token"));
        let headers = auth_headers(&fine).unwrap();
        assert_eq!(headers[0].1.scheme().header_name(), "X-Api-Token");

        let broken = Adapters::new()
            .with::<NothingCreate, _>(Good::header("X-Api-Token"))
            .with::<NothingCreate, _>(Presenting::<test_providers::bad>::header("X Api Token"));
        let error = auth_headers(&broken).unwrap_err().to_string();
        assert!(
            error.contains("Bad adapter") && error.contains("not a valid HTTP header name"),
            "{error}"
        );
    }
}
