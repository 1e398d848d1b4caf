//! The records in one SQLite file (mode 0600, WAL), with the key that seals its credentials in
//! `UNIFIED_MASTER_KEY` or in the key file beside it.

mod idempotency;
mod migrations;
mod pool;
mod wal;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rusqlite::{Connection, OptionalExtension, params};

use super::backend::{AccountRow, Answer, Backend, Counts, NewAccount, TokenHash};
use super::private_file::create_new_private;
use super::statements;
use super::vault::{KEY_VARIABLE, KeyFile, SealedCredential, Vault};
use crate::error::StoreError;
use crate::records::{AccountSummary, EnvironmentId, TokenSummary};
use migrations::migrate;
use pool::{Pool, connect};

/// A SQLite database of the gateway's records.
pub(super) struct Sqlite {
    pool: Arc<Pool>,
    location: String,
}

/// An opened SQLite database: the backend, its vault and whether the open created the file.
pub(super) struct Opened {
    pub backend: Sqlite,
    pub vault: Vault,
    pub created: bool,
}

/// Opens (creating with mode 0600 and migrating if needed) the database at `path`. The key is
/// `key_variable`'s, else the key file's (`<path>.key`); a missing key file is created only for
/// a database that holds no sealed credential yet. Blocks.
pub(super) fn open(path: &Path, key_variable: Option<&str>) -> Result<Opened, StoreError> {
    let path = std::path::absolute(path).map_err(|error| {
        StoreError::refused(format!("cannot find database {}: {error}", path.display()))
    })?;
    let created = create_database_file(&path)?;
    let mut connection = connect(&path)?;
    // Readers in parallel with the writer; the mode is kept in the file.
    let mode = wal::switch_to_wal(&connection)?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(
            mode,
            "the database cannot use WAL here (its file system lacks shared memory): a write \
             makes reads wait"
        );
    }
    // Before migrating: the busy timeout makes a process that finds another migrating wait.
    migrate(&mut connection)?;
    let vault = open_vault(&connection, &path, key_variable)?;
    Ok(Opened {
        backend: Sqlite {
            pool: Pool::new(&path, connection),
            location: path.display().to_string(),
        },
        vault,
        created,
    })
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
    vault_for_new_key_file(connection, &key_file)
}

/// The vault of a key file found missing: a new key, or the one a racing process wrote first.
/// Only the process that writes the new key forgets the lost key's check; a racer that did would
/// erase the check sealed under the new key by the process that wrote it.
fn vault_for_new_key_file(connection: &Connection, key_file: &Path) -> Result<Vault, StoreError> {
    let (vault, key_file) = Vault::create(key_file)?;
    if key_file == KeyFile::Made {
        // Nothing is sealed under the lost key: its check goes with it.
        connection.execute("DELETE FROM key_check", [])?;
    }
    Ok(vault)
}

impl Backend for Sqlite {
    fn location(&self) -> &str {
        &self.location
    }

    fn counts(&self) -> Answer<'_, Counts> {
        self.pool.run(|connection| {
            // One statement, so the three counts are of one moment.
            let counts = connection
                .prepare_cached(statements::COUNTS)?
                .query_row([], |row| {
                    // count(*) is never negative.
                    let count = |index| row.get::<_, i64>(index).map(|n| n.unsigned_abs());
                    Ok(Counts {
                        environments: count(0)?,
                        tokens: count(1)?,
                        accounts: count(2)?,
                    })
                })?;
            Ok(counts)
        })
    }

    fn check_health(&self) -> Answer<'_, ()> {
        self.pool.run(|connection| {
            connection
                .query_row(statements::HEALTH, [], |_| Ok(()))
                .map_err(|error| {
                    StoreError::refused(format!("the database does not answer: {error}"))
                })
        })
    }

    fn environment(&self, name: String, create: bool) -> Answer<'_, Option<EnvironmentId>> {
        self.pool.run(move |connection| {
            if create {
                connection.execute(statements::CREATE_ENVIRONMENT, [&name])?;
            }
            Ok(connection
                .query_row(statements::ENVIRONMENT, [&name], |row| row.get(0))
                .optional()?
                .map(EnvironmentId))
        })
    }

    fn insert_token(&self, environment: EnvironmentId, hash: TokenHash) -> Answer<'_, ()> {
        self.pool.run(move |connection| {
            connection.execute(statements::INSERT_TOKEN, params![environment.0, hash])?;
            Ok(())
        })
    }

    fn environment_of_token(&self, hash: TokenHash) -> Answer<'_, Option<EnvironmentId>> {
        self.pool.run(move |connection| {
            Ok(connection
                .prepare_cached(statements::ENVIRONMENT_OF_TOKEN)?
                .query_row([hash], |row| row.get(0))
                .optional()?
                .map(EnvironmentId))
        })
    }

    fn list_tokens(&self) -> Answer<'_, Vec<TokenSummary>> {
        self.pool.run(|connection| {
            let mut statement = connection.prepare(statements::LIST_TOKENS)?;
            let rows = statement.query_map([], |row| {
                Ok(TokenSummary {
                    id: row.get(0)?,
                    environment: row.get(1)?,
                    created_at: row.get(2)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn delete_token(&self, id: i64) -> Answer<'_, bool> {
        self.pool
            .run(move |connection| Ok(connection.execute(statements::DELETE_TOKEN, [id])? > 0))
    }

    fn insert_account(&self, account: NewAccount) -> Answer<'_, ()> {
        self.pool.run(move |connection| {
            let NewAccount {
                id,
                environment,
                row,
            } = account;
            connection.execute(
                statements::INSERT_ACCOUNT,
                params![
                    id,
                    environment.0,
                    row.provider,
                    row.base_url,
                    row.sealed.nonce,
                    row.sealed.ciphertext
                ],
            )?;
            Ok(())
        })
    }

    fn account(&self, environment: EnvironmentId, id: String) -> Answer<'_, Option<AccountRow>> {
        self.pool.run(move |connection| {
            Ok(connection
                .prepare_cached(statements::ACCOUNT)?
                .query_row(params![id, environment.0], |row| {
                    Ok(AccountRow {
                        provider: row.get(0)?,
                        base_url: row.get(1)?,
                        sealed: SealedCredential {
                            nonce: row.get(2)?,
                            ciphertext: row.get(3)?,
                        },
                    })
                })
                .optional()?)
        })
    }

    fn list_accounts(&self) -> Answer<'_, Vec<AccountSummary>> {
        self.pool.run(|connection| {
            let mut statement = connection.prepare(statements::list_accounts!("rowid"))?;
            let rows = statement.query_map([], |row| {
                Ok(AccountSummary {
                    id: row.get(0)?,
                    environment: row.get(1)?,
                    provider: row.get(2)?,
                    base_url: row.get(3)?,
                    created_at: row.get(4)?,
                })
            })?;
            Ok(rows.collect::<Result<_, _>>()?)
        })
    }

    fn delete_account(&self, id: String) -> Answer<'_, bool> {
        self.pool
            .run(move |connection| Ok(connection.execute(statements::DELETE_ACCOUNT, [id])? > 0))
    }

    fn update_credential(&self, id: String, sealed: SealedCredential) -> Answer<'_, bool> {
        self.pool.run(move |connection| {
            let updated = connection.execute(
                statements::UPDATE_CREDENTIAL,
                params![sealed.nonce, sealed.ciphertext, id],
            )?;
            Ok(updated > 0)
        })
    }

    fn key_check(&self) -> Answer<'_, Option<SealedCredential>> {
        self.pool.run(|connection| {
            Ok(connection
                .query_row(statements::KEY_CHECK, [], |row| {
                    Ok(SealedCredential {
                        nonce: row.get(0)?,
                        ciphertext: row.get(1)?,
                    })
                })
                .optional()?)
        })
    }

    fn keep_key_check(&self, sealed: SealedCredential) -> Answer<'_, ()> {
        self.pool.run(move |connection| {
            connection.execute(
                statements::KEEP_KEY_CHECK,
                params![sealed.nonce, sealed.ciphertext],
            )?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process that found no key file, and then lost the race to write one, leaves alone the
    /// check the winner sealed under the key it now shares.
    #[tokio::test]
    async fn a_racer_that_loses_the_key_file_keeps_the_winners_check() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("unified.db");
        let winner = crate::Store::open_keyed(db.to_str().unwrap(), None)
            .await
            .unwrap();
        drop(winner);

        let connection = connect(&db).unwrap();
        vault_for_new_key_file(&connection, &key_file_for(&db)).unwrap();
        let checks: i64 = connection
            .query_row("SELECT count(*) FROM key_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(checks, 1, "the winner's check is kept");
    }

    /// Connections that open one new file at once, each switching it to WAL: none fails with
    /// "database is locked". Many rounds, since one round rarely meets the race.
    #[test]
    fn racers_opening_a_new_file_all_switch_it_to_wal() {
        const RACERS: usize = 8;
        const ROUNDS: usize = 150;
        let mut failures = Vec::new();
        for _round in 0..ROUNDS {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("race.db");
            let barrier = std::sync::Barrier::new(RACERS);
            std::thread::scope(|scope| {
                let racers: Vec<_> = (0..RACERS)
                    .map(|_| {
                        scope.spawn(|| {
                            barrier.wait();
                            open(&path, None).map(|opened| opened.created)
                        })
                    })
                    .collect();
                for racer in racers {
                    if let Err(error) = racer.join().unwrap() {
                        failures.push(error.to_string());
                    }
                }
            });
        }
        assert!(
            failures.is_empty(),
            "{} of {} opens failed: {:?}",
            failures.len(),
            RACERS * ROUNDS,
            failures.first()
        );
    }
}
