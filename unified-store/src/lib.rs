//! The records of a unified API gateway: environments, API tokens (only their SHA-256 is kept)
//! and integrated accounts (credentials sealed by the [`Vault`]), in one SQLite file or in a
//! PostgreSQL database that several instances share. Both are one [`Backend`]; opening, the
//! checks, the sealing and the request path's cache are here and in `tokens` and `accounts`,
//! once for both. The gateway serves from a [`Store`]; the `unified token` and `unified account`
//! commands change one without building an HTTP stack.

mod accounts;
mod backend;
mod cache;
mod checks;
mod error;
mod postgres;
mod private_file;
mod sqlite;
mod statements;
mod tokens;
mod vault;

use std::fmt;
use std::path::Path;
use std::time::Duration;

pub use accounts::{Account, AccountSummary};
pub use cache::DEFAULT_CACHE_TTL;
pub use error::StoreError;
pub use sqlite::key_file_for;
pub use tokens::TokenSummary;
pub use vault::KEY_VARIABLE;

use crate::backend::Backend;
use crate::cache::Cache;
use crate::postgres::Postgres;
use crate::vault::Vault;

/// An environment's id in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EnvironmentId(pub(crate) i64);

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
    /// Whether this [`Store::open`] created the database (a new file, or a PostgreSQL database
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

/// The gateway's records and the key that opens their credentials: a SQLite file, or a
/// PostgreSQL database shared by several instances. Token and account lookups are cached for a
/// short time (see [`Store::set_cache_ttl`]).
pub struct Store {
    backend: Box<dyn Backend>,
    vault: Vault,
    created: bool,
    cache: Cache,
}

impl Store {
    /// Opens the records at `location`: a `postgres://` (or `postgresql://`) URL, or else the
    /// path of a SQLite file, created with mode 0600 when missing. Either is migrated to this
    /// build's schema. The key comes from `UNIFIED_MASTER_KEY`; for SQLite, when that is not
    /// set, from the key file beside the database (`<path>.key`), which is created only for a
    /// database that holds no sealed credential yet.
    pub async fn open(location: &str) -> Result<Store, StoreError> {
        Store::open_keyed(location, std::env::var(KEY_VARIABLE).ok().as_deref()).await
    }

    /// [`Store::open`] with the key given here (64 hex digits), whatever the environment
    /// holds: for a key kept in a secret manager, and for tests.
    pub async fn open_with_key(
        location: &str,
        key: &unified_core::Secret,
    ) -> Result<Store, StoreError> {
        Store::open_keyed(location, Some(key.expose())).await
    }

    async fn open_keyed(location: &str, key: Option<&str>) -> Result<Store, StoreError> {
        let (backend, vault, created): (Box<dyn Backend>, _, _) = if postgres::is_url(location) {
            let vault = Vault::from_variable(key.ok_or_else(|| {
                StoreError::key(format!(
                    "a PostgreSQL store takes its key from {KEY_VARIABLE} (64 hex digits, the \
                     same on every instance)"
                ))
            })?)?;
            let (backend, created) = Postgres::open(location).await?;
            (Box::new(backend), vault, created)
        } else if let Some((scheme, _)) = location.split_once("://") {
            // A URL of another kind, or a misspelt one: never a file of that name.
            let scheme: String = scheme.chars().filter(char::is_ascii_alphanumeric).collect();
            return Err(StoreError::refused(format!(
                "`{scheme}://` is not a database this gateway speaks: give a SQLite file's path \
                 or a postgres:// URL"
            )));
        } else {
            let path = Path::new(location).to_owned();
            let key = key.map(str::to_owned);
            // Opening may wait for another process's migration.
            let opened = tokio::task::spawn_blocking(move || sqlite::open(&path, key.as_deref()))
                .await
                .map_err(|_| StoreError::Unavailable("opening the database failed".to_owned()))??;
            (Box::new(opened.backend), opened.vault, opened.created)
        };
        check_key(backend.as_ref(), &vault).await?;
        Ok(Store {
            backend,
            vault,
            created,
            cache: Cache::new(DEFAULT_CACHE_TTL),
        })
    }

    /// How long a token or account found on the request path is trusted before it is looked
    /// up again ([`DEFAULT_CACHE_TTL`] unless set; zero looks up every time). Changes made
    /// through this store apply at once; changes made by another instance or command apply
    /// within this time.
    pub fn set_cache_ttl(&mut self, ttl: Duration) {
        self.cache = Cache::new(ttl);
    }

    /// The database as it is named to the user: the SQLite file's absolute path, or the
    /// PostgreSQL URL without its password.
    pub fn location(&self) -> &str {
        self.backend.location()
    }

    /// How many environments, tokens and accounts the database holds, and whether this open
    /// created it.
    pub async fn summary(&self) -> Result<StoreSummary, StoreError> {
        let counts = self.backend.counts().await?;
        Ok(StoreSummary {
            environments: counts.environments,
            tokens: counts.tokens,
            accounts: counts.accounts,
            created: self.created,
        })
    }

    /// Proves the database answers and holds the gateway's tables, cheaply (for `GET /healthz`).
    pub async fn check_health(&self) -> Result<(), StoreError> {
        self.backend.check_health().await
    }
}

/// What the key check seals, under the account id no account has (ids are UUIDs).
const KEY_CHECK: (&str, &str) = ("key-check", "this is the database's key");

/// Refuses a key other than the one the database's credentials are sealed with. The first
/// opening seals a known value as the check; instances racing to do so keep the first one.
async fn check_key(backend: &dyn Backend, vault: &Vault) -> Result<(), StoreError> {
    let (id, value) = KEY_CHECK;
    let sealed = match backend.key_check().await? {
        Some(sealed) => sealed,
        None => {
            let sealed = vault.seal(id, &unified_core::Secret::new(value))?;
            backend.keep_key_check(sealed).await?;
            backend
                .key_check()
                .await?
                .ok_or_else(|| StoreError::key("the database did not keep its key check"))?
        }
    };
    match vault.open_sealed(id, &sealed) {
        Ok(opened) if opened.expose() == value => Ok(()),
        _ => Err(StoreError::key(format!(
            "the key does not open this database's credentials: every instance and command \
             needs the key the database was first opened with ({KEY_VARIABLE}, or for SQLite \
             its key file)"
        ))),
    }
}

#[cfg(test)]
mod tests;
