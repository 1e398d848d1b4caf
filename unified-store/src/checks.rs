//! What the store checks before it keeps a name, a URL or a credential.

use unified_core::Secret;

use crate::error::StoreError;

/// The shortest credential kept: the gateway removes the credential from provider answers, and
/// removing a shorter string would mangle ordinary text.
const MIN_CREDENTIAL_CHARS: usize = 8;

/// 1 to 64 letters, digits, `-`, `_` or `.`.
pub fn check_environment_name(name: &str) -> Result<(), StoreError> {
    let fine = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'));
    if fine {
        Ok(())
    } else {
        Err(StoreError::refused(format!(
            "environment name `{name}` must be 1 to 64 letters, digits, `-`, `_` or `.`"
        )))
    }
}

/// An `http` or `https` URL without query or fragment, kept without a trailing slash so
/// adapter paths append to it.
pub fn check_base_url(text: &str) -> Result<String, StoreError> {
    let url = url::Url::parse(text)
        .map_err(|error| StoreError::refused(format!("base URL `{text}` is not a URL: {error}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(StoreError::refused(format!(
            "base URL `{text}` must be an http or https URL with a host"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(StoreError::refused(format!(
            "base URL `{text}` must not carry a query, a fragment or credentials"
        )));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// At least [`MIN_CREDENTIAL_CHARS`] characters; the message never shows the credential.
pub fn check_credential(credential: &Secret) -> Result<(), StoreError> {
    if credential.expose().chars().count() < MIN_CREDENTIAL_CHARS {
        return Err(StoreError::refused(format!(
            "the credential is too short: it must be at least {MIN_CREDENTIAL_CHARS} characters, \
             because the gateway removes it from provider answers and removing a shorter string \
             would mangle them"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use unified_models::providers;

    use super::*;
    use crate::tests::each_store;

    #[tokio::test]
    async fn bad_names_and_urls_are_refused() {
        for store in each_store().await {
            assert!(store.create_token("").await.is_err());
            assert!(store.create_token("a b").await.is_err());
            // Long enough, so each refusal below is for the name or the URL.
            let secret = Secret::new("a-long-enough-key");
            let no_env = store
                .add_account("ghost", providers::dixa, "http://x.io", &secret)
                .await;
            assert!(no_env.unwrap_err().to_string().contains("create a token"));
            store.create_token("prod").await.unwrap();
            for url in [
                "ftp://x.io",
                "not a url",
                "http://x.io/?a=1",
                "http://u:p@x.io",
            ] {
                let refused = store
                    .add_account("prod", providers::dixa, url, &secret)
                    .await
                    .unwrap_err()
                    .to_string();
                assert!(refused.contains("base URL"), "{url}: {refused}");
            }
        }
    }
}
