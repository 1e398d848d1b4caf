//! How each adapter presents the account's credential, checked once when the gateway is built:
//! a header name that cannot be sent, or two ways for one provider, is a setup error.

use reqwest::header::{HeaderName, HeaderValue};
use unified_adapter::{Adapters, AuthScheme};
use unified_core::{Provider, ProviderSet};

use crate::error::SetupError;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{NothingCreate, Presenting, Spaced, test_providers};

    #[test]
    fn header_names_are_checked_when_the_adapters_are_listed() {
        type Good = Presenting<test_providers::good>;
        let fine = Adapters::new().with::<NothingCreate, _>(Good::new());
        let headers = auth_headers(&fine).unwrap();
        assert_eq!(headers[0].1.scheme().header_name(), "X-Api-Token");

        let broken = Adapters::new()
            .with::<NothingCreate, _>(Good::new())
            .with::<NothingCreate, _>(Presenting::<test_providers::bad, Spaced>::new());
        let error = auth_headers(&broken).unwrap_err().to_string();
        assert!(
            error.contains("Bad adapter") && error.contains("not a valid HTTP header name"),
            "{error}"
        );
    }
}
