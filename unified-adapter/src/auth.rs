//! How an adapter presents the account's credential.

use unified_core::Secret;

/// How a provider wants its credential presented.
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
}

impl AuthScheme {
    /// The header to send for `credential`; its value stays a [`Secret`].
    pub fn header(self, credential: &Secret) -> (&'static str, Secret) {
        match self {
            AuthScheme::Header { name, prefix } => (
                name,
                Secret::new(format!("{prefix}{}", credential.expose())),
            ),
        }
    }
}
