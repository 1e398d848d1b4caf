//! How an adapter presents the account's credential.

use core::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use unified_core::Secret;

/// How a provider wants its credential presented. An account holds one credential string; the
/// two-part schemes read it as `user:secret`, split at the first `:`.
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
    /// HTTP Basic (`Authorization: Basic base64(user:password)`) of a `user:password`
    /// credential.
    Basic {
        /// Which part is the secret (Gorgias' password is its API key, Teamwork's user name
        /// is); the other part (a login email, Teamwork's `X`) is not removed from answers.
        secret: CredentialPart,
    },
    /// A `user:key` credential: the key in one header and the user in a query parameter of every
    /// request (Hive's `api_key` header and `user_id` parameter).
    KeyAndUserQuery {
        /// The header carrying the key.
        header: &'static str,
        /// The query parameter carrying the user.
        query: &'static str,
    },
}

impl AuthScheme {
    /// The credential in the header `name`, after `prefix` (`"Bearer "`, or `""`).
    pub const fn header(name: &'static str, prefix: &'static str) -> Self {
        AuthScheme::Header { name, prefix }
    }

    /// HTTP Basic of a `user:password` credential whose `secret` part is the secret.
    pub const fn basic(secret: CredentialPart) -> Self {
        AuthScheme::Basic { secret }
    }
}

/// One part of a two-part `user:password` credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialPart {
    /// The part before the first `:`.
    User,
    /// The part after it.
    Password,
}

/// A credential as one request presents it: headers, query parameters, and every form of the
/// secret that a provider could echo (to be scrubbed from what it answers).
#[derive(Clone, Debug)]
pub struct Presented {
    /// Headers to send; their values are secrets.
    pub headers: Vec<(&'static str, Secret)>,
    /// Query parameters to add (not secret: a user id).
    pub query: Vec<(&'static str, String)>,
    /// The secret in every form it travels in.
    pub secrets: Vec<Secret>,
}

/// A credential whose shape the scheme cannot present; the message never quotes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CredentialShape {
    /// The shape the scheme needs.
    pub expected: &'static str,
}

impl fmt::Display for CredentialShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the credential must be {}", self.expected)
    }
}

impl std::error::Error for CredentialShape {}

impl AuthScheme {
    /// The name of the header the credential travels in.
    pub const fn header_name(self) -> &'static str {
        match self {
            AuthScheme::Header { name, .. } => name,
            AuthScheme::Basic { .. } => "authorization",
            AuthScheme::KeyAndUserQuery { header, .. } => header,
        }
    }

    /// The shape of credential this scheme needs, in words.
    pub const fn expected(self) -> &'static str {
        match self {
            AuthScheme::Header { .. } => "one non-empty token",
            AuthScheme::Basic { .. } => "`user:secret` (both parts non-empty)",
            AuthScheme::KeyAndUserQuery { .. } => "`user:key` (both parts non-empty)",
        }
    }

    /// `credential` as this scheme presents it, or why its shape does not fit.
    pub fn present(self, credential: &Secret) -> Result<Presented, CredentialShape> {
        let shape = CredentialShape {
            expected: self.expected(),
        };
        let whole = credential.expose();
        if whole.is_empty() {
            return Err(shape);
        }
        let split = || {
            whole
                .split_once(':')
                .filter(|(user, secret)| !user.is_empty() && !secret.is_empty())
                .ok_or(shape)
        };
        Ok(match self {
            AuthScheme::Header { name, prefix } => Presented {
                headers: vec![(name, Secret::new(format!("{prefix}{whole}")))],
                query: Vec::new(),
                secrets: vec![credential.clone()],
            },
            AuthScheme::Basic { secret } => {
                let (user, password) = split()?;
                let encoded = STANDARD.encode(whole);
                let secret = match secret {
                    CredentialPart::User => user,
                    CredentialPart::Password => password,
                };
                Presented {
                    headers: vec![("authorization", Secret::new(format!("Basic {encoded}")))],
                    query: Vec::new(),
                    secrets: vec![
                        credential.clone(),
                        Secret::new(encoded),
                        Secret::new(secret),
                    ],
                }
            }
            AuthScheme::KeyAndUserQuery { header, query } => {
                let (user, key) = split()?;
                Presented {
                    headers: vec![(header, Secret::new(key))],
                    query: vec![(query, user.to_owned())],
                    secrets: vec![credential.clone(), Secret::new(key)],
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exposed(presented: &Presented) -> Vec<(&str, &str)> {
        presented
            .headers
            .iter()
            .map(|(name, value)| (*name, value.expose()))
            .collect()
    }

    #[test]
    fn each_scheme_presents_its_parts() {
        let bearer = AuthScheme::Header {
            name: "authorization",
            prefix: "Bearer ",
        }
        .present(&Secret::new("t0k"))
        .unwrap();
        assert_eq!(exposed(&bearer), [("authorization", "Bearer t0k")]);

        let basic = AuthScheme::Basic {
            secret: CredentialPart::Password,
        }
        .present(&Secret::new("ada@example.org:gorgias-key-1"))
        .unwrap();
        assert_eq!(
            exposed(&basic),
            [(
                "authorization",
                "Basic YWRhQGV4YW1wbGUub3JnOmdvcmdpYXMta2V5LTE="
            )]
        );
        let secrets: Vec<&str> = basic.secrets.iter().map(Secret::expose).collect();
        assert!(
            !secrets.contains(&"ada@example.org"),
            "a login is not a secret"
        );
        for secret in ["gorgias-key-1", "YWRhQGV4YW1wbGUub3JnOmdvcmdpYXMta2V5LTE="] {
            assert!(secrets.contains(&secret), "{secret}");
        }
        let teamwork = AuthScheme::Basic {
            secret: CredentialPart::User,
        }
        .present(&Secret::new("twp_key_8812:X"))
        .unwrap();
        let secrets: Vec<&str> = teamwork.secrets.iter().map(Secret::expose).collect();
        assert!(secrets.contains(&"twp_key_8812"), "{secrets:?}");
        assert!(
            !secrets.contains(&"X"),
            "the password Teamwork ignores is not a secret"
        );

        let hive = AuthScheme::KeyAndUserQuery {
            header: "api_key",
            query: "user_id",
        }
        .present(&Secret::new("u-7:k:with:colons"))
        .unwrap();
        assert_eq!(exposed(&hive), [("api_key", "k:with:colons")]);
        assert_eq!(hive.query, [("user_id", "u-7".to_owned())]);
    }

    const BASIC: AuthScheme = AuthScheme::Basic {
        secret: CredentialPart::Password,
    };

    #[test]
    fn a_credential_of_the_wrong_shape_is_refused_without_quoting_it() {
        for (scheme, credential) in [
            (BASIC, "no-colon-secret"),
            (BASIC, ":only-secret"),
            (BASIC, "ada:"),
            (
                AuthScheme::KeyAndUserQuery {
                    header: "api_key",
                    query: "user_id",
                },
                "no-colon-secret",
            ),
        ] {
            let refused = scheme.present(&Secret::new(credential)).unwrap_err();
            let message = refused.to_string();
            assert!(message.contains("must be `user:"), "{message}");
            assert!(!message.contains(credential), "{message}");
        }
    }
}
