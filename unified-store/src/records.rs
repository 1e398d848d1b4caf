//! The records the store hands out and its databases return: an environment's id, tokens and
//! accounts as they are listed (never a secret), and what a database holds.

use std::fmt;

/// An environment's id in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EnvironmentId(pub(crate) i64);

/// An API token as `unified token list` shows it: neither the token nor its hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenSummary {
    /// The token's id, which `unified token revoke` takes.
    pub id: i64,
    /// The environment it gives access to.
    pub environment: String,
    /// When it was created (UTC).
    pub created_at: String,
}

/// An integrated account as `unified account list` shows it: no credential.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AccountSummary {
    /// The account's id.
    pub id: String,
    /// The environment it belongs to.
    pub environment: String,
    /// The provider id.
    pub provider: String,
    /// The provider's base URL for it.
    pub base_url: String,
    /// When it was added (UTC).
    pub created_at: String,
}

/// What a database holds, and whether opening it made it: what `unified serve` says on start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StoreSummary {
    /// How many environments there are.
    pub environments: u64,
    /// How many API tokens there are (all environments).
    pub tokens: u64,
    /// How many integrated accounts there are (all environments).
    pub accounts: u64,
    /// Whether this [`Store::open`](crate::Store::open) created the database (a new file, or a PostgreSQL database
    /// without the gateway's tables), so it was empty.
    pub created: bool,
}

impl fmt::Display for StoreSummary {
    /// "2 environments, 1 token, 0 accounts".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let counted = [
            (self.environments, "environment"),
            (self.tokens, "token"),
            (self.accounts, "account"),
        ];
        for (index, (count, noun)) in counted.into_iter().enumerate() {
            let separator = if index == 0 { "" } else { ", " };
            let plural = if count == 1 { "" } else { "s" };
            write!(f, "{separator}{count} {noun}{plural}")?;
        }
        Ok(())
    }
}
