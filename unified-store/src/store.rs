//! The store: a database (SQLite or PostgreSQL) behind one backend, the key that opens its
//! credentials, and the request path's cache; opening one, and what it says of itself.

use std::path::Path;
use std::time::Duration;

use crate::backend::Backend;
use crate::cache::{Cache, CacheCounters, DEFAULT_CACHE_TTL};
use crate::error::StoreError;
use crate::postgres::{self, Postgres};
use crate::records::StoreSummary;
use crate::sqlite;
use crate::vault::{KEY_VARIABLE, SealedCredential, Vault};

/// The gateway's records and the key that opens their credentials: a SQLite file, or a
/// PostgreSQL database shared by several instances. Token and account lookups are cached for a
/// short time (see [`Store::set_cache_ttl`]).
pub struct Store {
    pub(crate) backend: Box<dyn Backend>,
    pub(crate) vault: Vault,
    created: bool,
    pub(crate) cache: Cache,
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

    pub(crate) async fn open_keyed(location: &str, key: Option<&str>) -> Result<Store, StoreError> {
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
        self.cache.set_ttl(ttl);
    }

    /// How often token and account lookups were answered by the cache and how often they went
    /// to the database, since the store was opened; the counters grow as the store is used.
    pub fn cache_counters(&self) -> CacheCounters {
        self.cache.counters()
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

/// Keeps `sealed` as the check unless another opening kept one first; the check kept. The
/// process that writes a new key file forgets the lost key's check once, perhaps just after
/// this one kept its own (sealed under that same new key): then it is kept again.
async fn keep_key_check(
    backend: &dyn Backend,
    sealed: SealedCredential,
) -> Result<SealedCredential, StoreError> {
    for _ in 0..2 {
        backend.keep_key_check(sealed.clone()).await?;
        if let Some(kept) = backend.key_check().await? {
            return Ok(kept);
        }
    }
    Err(StoreError::key("the database did not keep its key check"))
}

/// Refuses a key other than the one the database's credentials are sealed with. The first
/// opening seals a known value as the check; instances racing to do so keep the first one.
async fn check_key(backend: &dyn Backend, vault: &Vault) -> Result<(), StoreError> {
    let (id, value) = KEY_CHECK;
    let sealed = match backend.key_check().await? {
        Some(sealed) => sealed,
        None => keep_key_check(backend, vault.seal(id, &unified_core::Secret::new(value))?).await?,
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
