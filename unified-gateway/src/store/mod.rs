//! The gateway's records in one SQLite file: environments, API tokens (only their SHA-256 is
//! kept) and integrated accounts (credentials sealed by the [`Vault`]). Opening it here; the
//! records' own operations are in `tokens` and `accounts`.

mod accounts;
mod checks;
mod migrations;
mod private_file;
mod tokens;
pub(crate) mod vault;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension};

pub use accounts::{Account, AccountSummary};
pub use tokens::TokenSummary;

use crate::error::StoreError;
use crate::store::migrations::migrate;
use crate::store::private_file::create_new_private;
use crate::store::vault::{KEY_VARIABLE, Vault};

/// How long a write waits for another process's before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An environment's id in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnvironmentId(i64);

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
    /// Whether this [`Store::open`] created the database file (so it was empty).
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

/// The database and the key that opens its credentials.
pub struct Store {
    connection: Mutex<Connection>,
    vault: Vault,
    path: PathBuf,
    created: bool,
}

impl Store {
    /// Opens (creating with mode 0600 and migrating if needed) the database at `path`; the key
    /// comes from `UNIFIED_MASTER_KEY` or the key file beside it (`<path>.key`). A missing key
    /// file is created only for a database that holds no sealed credential yet.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with_key_variable(path, std::env::var(KEY_VARIABLE).ok().as_deref())
    }

    /// [`Store::open`] with `UNIFIED_MASTER_KEY`'s value passed in, so tests do not depend on
    /// the environment they run in.
    fn open_with_key_variable(
        path: &Path,
        key_variable: Option<&str>,
    ) -> Result<Store, StoreError> {
        let path = std::path::absolute(path).map_err(|error| {
            StoreError::refused(format!("cannot find database {}: {error}", path.display()))
        })?;
        let created = create_database_file(&path)?;
        let mut connection = Connection::open(&path).map_err(|error| {
            StoreError::refused(format!("cannot open database {}: {error}", path.display()))
        })?;
        connection.pragma_update(None, "foreign_keys", true)?;
        // Before migrating: a process that finds another migrating waits for it.
        connection.busy_timeout(BUSY_TIMEOUT)?;
        migrate(&mut connection)?;
        let vault = open_vault(&connection, &path, key_variable)?;
        Ok(Store {
            connection: Mutex::new(connection),
            vault,
            path,
            created,
        })
    }

    /// The database file, as an absolute path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// How many environments, tokens and accounts the database holds, and whether this open
    /// created it.
    pub fn summary(&self) -> Result<StoreSummary, StoreError> {
        // One statement, so the three counts are of one moment.
        let (environments, tokens, accounts) = self.connection().query_row(
            "SELECT (SELECT count(*) FROM environments), (SELECT count(*) FROM api_tokens),
                    (SELECT count(*) FROM integrated_accounts)",
            [],
            |row| {
                // count(*) is never negative.
                let count = |index| row.get::<_, i64>(index).map(|n| n.unsigned_abs());
                Ok((count(0)?, count(1)?, count(2)?))
            },
        )?;
        Ok(StoreSummary {
            environments,
            tokens,
            accounts,
            created: self.created,
        })
    }

    /// Proves the database answers and holds the gateway's tables, cheaply (for `GET /healthz`).
    pub fn check_health(&self) -> Result<(), StoreError> {
        self.connection()
            .query_row("SELECT EXISTS (SELECT 1 FROM api_tokens)", [], |_| Ok(()))
            .map_err(|error| StoreError::refused(format!("the database does not answer: {error}")))
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written; keep serving.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn environment(&self, name: &str, create: bool) -> Result<Option<EnvironmentId>, StoreError> {
        let connection = self.connection();
        if create {
            connection.execute(
                "INSERT INTO environments (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
                [name],
            )?;
        }
        Ok(connection
            .query_row(
                "SELECT id FROM environments WHERE name = ?1",
                [name],
                |row| row.get(0),
            )
            .optional()?
            .map(EnvironmentId))
    }
}

/// The key file that goes with the database at `path`: `<path>.key`.
pub fn key_file_for(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

/// Creates the database file owner-only when it does not exist yet; whether it did not.
fn create_database_file(path: &Path) -> Result<bool, StoreError> {
    match create_new_private(path) {
        Ok(_) => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(StoreError::refused(format!(
            "cannot create database {}: {error}",
            path.display()
        ))),
    }
}

/// The vault for the database at `path`: the variable's key, else the key file's, else a new
/// key file; never a new key for credentials sealed under a lost one.
fn open_vault(
    connection: &Connection,
    path: &Path,
    key_variable: Option<&str>,
) -> Result<Vault, StoreError> {
    if let Some(text) = key_variable {
        return Vault::from_variable(text);
    }
    let key_file = key_file_for(path);
    if let Some(vault) = Vault::read(&key_file)? {
        return Ok(vault);
    }
    let holds_credentials: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM integrated_accounts)",
        [],
        |row| row.get(0),
    )?;
    if holds_credentials {
        return Err(StoreError::key(format!(
            "database {} holds sealed credentials but its key file {} is missing: \
             restore that file or set {KEY_VARIABLE}",
            path.display(),
            key_file.display()
        )));
    }
    Vault::create(&key_file)
}

#[cfg(test)]
mod tests;
