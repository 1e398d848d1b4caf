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
/// adapter paths append to it. Messages never quote the URL: a refused one may carry a password
/// or a key in its query.
pub fn check_base_url(text: &str) -> Result<String, StoreError> {
    let url = url::Url::parse(text)
        .map_err(|error| StoreError::refused(format!("the base URL is not a URL: {error}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(StoreError::refused(
            "the base URL must be an http or https URL with a host",
        ));
    }
    // A password may come without a user name (`http://:secret@host`).
    if url.query().is_some()
        || url.fragment().is_some()
        || !url.username().is_empty()
        || url.password().is_some()
    {
        return Err(StoreError::refused(
            "the base URL must not carry a query, a fragment or credentials",
        ));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

/// At least [`MIN_CREDENTIAL_CHARS`] characters, none a control character (no provider takes
/// one in a header); the message never shows the credential.
pub fn check_credential(credential: &Secret) -> Result<(), StoreError> {
    if credential.expose().chars().any(char::is_control) {
        return Err(StoreError::refused(
            "the credential holds a control character (a line break or tab inside it?): no \
             provider can be sent it",
        ));
    }
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

    /// Found by the `account_input` fuzz target: a URL's password was kept when its user name
    /// was empty, so a secret landed in a field that `account list` prints.
    #[test]
    fn a_base_url_with_a_password_alone_is_refused() {
        for url in ["http://:secret@x.io", "https://:p@x.io/api"] {
            let refused = check_base_url(url).unwrap_err().to_string();
            assert!(refused.contains("credentials"), "{refused}");
        }
        assert_eq!(
            check_base_url("https://x.io/api/").unwrap(),
            "https://x.io/api"
        );
    }

    #[test]
    fn a_refused_base_url_is_not_quoted() {
        for url in [
            "https://user:hunter2-secret@x.io",
            "https://x.io/api?key=hunter2-secret",
            "ftp://hunter2-secret.example",
            "hunter2-secret",
        ] {
            let refused = check_base_url(url).unwrap_err().to_string();
            assert!(!refused.contains("hunter2"), "{refused}");
        }
    }

    #[test]
    fn a_credential_with_a_control_character_is_refused_unquoted() {
        for credential in ["zq7-first\nsecond", "zq7-tab\tthen", "zq7-nul\0then"] {
            let refused = check_credential(&Secret::new(credential))
                .unwrap_err()
                .to_string();
            assert!(refused.contains("control character"), "{refused}");
            assert!(!refused.contains("zq7"), "{refused}");
        }
        assert!(check_credential(&Secret::new("fine credential")).is_ok());
    }

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
