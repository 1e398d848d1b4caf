//! The SQLite schema, as an ordered list of migrations. `PRAGMA user_version` records how many
//! have run; opening a database applies the rest in one transaction. Append, never edit.

use rusqlite::{Connection, TransactionBehavior};

use crate::backend::pending;
use crate::error::StoreError;

/// Every migration, oldest first.
const MIGRATIONS: &[&str] = &[
    // 1: environments, API tokens (hashes only) and integrated accounts (sealed credentials).
    "CREATE TABLE environments (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        environment_id INTEGER NOT NULL REFERENCES environments(id),
        token_sha256 BLOB NOT NULL UNIQUE,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE TABLE integrated_accounts (
        id TEXT PRIMARY KEY,
        environment_id INTEGER NOT NULL REFERENCES environments(id),
        provider TEXT NOT NULL,
        base_url TEXT NOT NULL,
        credential_nonce BLOB NOT NULL,
        credential_ciphertext BLOB NOT NULL,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );",
    // 2: token ids are never reused, as in PostgreSQL (a revocation repeated by id cannot hit a
    // newer token), and the key check that refuses a key other than the database's.
    "CREATE TABLE api_tokens_2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        environment_id INTEGER NOT NULL REFERENCES environments(id),
        token_sha256 BLOB NOT NULL UNIQUE,
        created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    INSERT INTO api_tokens_2 (id, environment_id, token_sha256, created_at)
        SELECT id, environment_id, token_sha256, created_at FROM api_tokens;
    DROP TABLE api_tokens;
    ALTER TABLE api_tokens_2 RENAME TO api_tokens;
    CREATE TABLE key_check (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        nonce BLOB NOT NULL,
        ciphertext BLOB NOT NULL
    );",
    // 3: idempotency keys per environment (hashes only) and the answers kept for them, sealed.
    "CREATE TABLE idempotency_keys (
        environment_id INTEGER NOT NULL REFERENCES environments(id),
        key_sha256 BLOB NOT NULL,
        request_sha256 BLOB NOT NULL,
        claimed_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        status INTEGER,
        content_type TEXT,
        answer_nonce BLOB,
        answer_ciphertext BLOB,
        PRIMARY KEY (environment_id, key_sha256)
    );
    CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);",
];

/// Brings `connection` up to the latest schema. Safe while other processes open the same new
/// database: set a busy timeout on `connection` first, so this waits for their migration.
pub fn migrate(connection: &mut Connection) -> Result<(), StoreError> {
    // The write lock comes first and the version is read under it: read before, two processes
    // both see version 0 and the second creates tables that already exist.
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let applied: i64 = transaction.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    for index in pending(applied, MIGRATIONS.len())? {
        transaction.execute_batch(MIGRATIONS[index])?;
        transaction.pragma_update(None, "user_version", (index + 1) as i64)?;
    }
    transaction.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_changes_nothing() {
        let mut connection = Connection::open_in_memory().unwrap();
        migrate(&mut connection).unwrap();
        migrate(&mut connection).unwrap();
        let version: i64 = connection
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, MIGRATIONS.len() as i64);
    }

    #[test]
    fn connections_migrating_one_new_file_at_once_all_succeed() {
        for _round in 0..10 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("race.db");
            let barrier = std::sync::Barrier::new(8);
            std::thread::scope(|scope| {
                let racers: Vec<_> = (0..8)
                    .map(|_| {
                        scope.spawn(|| {
                            let mut connection = Connection::open(&path).unwrap();
                            connection
                                .busy_timeout(std::time::Duration::from_secs(5))
                                .unwrap();
                            barrier.wait();
                            migrate(&mut connection)
                        })
                    })
                    .collect();
                for racer in racers {
                    racer.join().unwrap().unwrap();
                }
            });
        }
    }

    #[test]
    fn a_newer_database_is_refused() {
        let mut connection = Connection::open_in_memory().unwrap();
        connection.pragma_update(None, "user_version", 99).unwrap();
        let error = migrate(&mut connection).unwrap_err();
        assert!(error.to_string().contains("newer"), "{error}");
    }
}
