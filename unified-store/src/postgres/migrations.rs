//! The PostgreSQL schema, as an ordered list of migrations: the same records as SQLite's, in
//! PostgreSQL's types. `unified_schema` records how many have run; opening a database applies
//! the rest in one transaction, under an advisory lock so that instances starting at once
//! migrate one after another. Append, never edit.

use deadpool_postgres::{Client, GenericClient};

use crate::backend::pending;
use crate::error::StoreError;

/// The advisory lock every migration holds ("unified" in ASCII).
const MIGRATION_LOCK: i64 = 0x0075_6e69_6669_6564;

/// When a record was made, as SQLite's store writes it: `2026-11-29T17:00:00Z`.
macro_rules! utc_now {
    () => {
        "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    };
}

/// Every migration, oldest first.
const MIGRATIONS: &[&str] = &[
    // 1: environments, API tokens (hashes only) and integrated accounts (sealed credentials).
    concat!(
        "CREATE TABLE environments (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL DEFAULT ",
        utc_now!(),
        ");
        CREATE TABLE api_tokens (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            environment_id BIGINT NOT NULL REFERENCES environments(id),
            token_sha256 BYTEA NOT NULL UNIQUE,
            created_at TEXT NOT NULL DEFAULT ",
        utc_now!(),
        ");
        CREATE TABLE integrated_accounts (
            id TEXT PRIMARY KEY,
            environment_id BIGINT NOT NULL REFERENCES environments(id),
            provider TEXT NOT NULL,
            base_url TEXT NOT NULL,
            credential_nonce BYTEA NOT NULL,
            credential_ciphertext BYTEA NOT NULL,
            created_at TEXT NOT NULL DEFAULT ",
        utc_now!(),
        ",
            added BIGINT GENERATED ALWAYS AS IDENTITY
        );"
    ),
    // 2: the key check that refuses a key other than the database's.
    "CREATE TABLE key_check (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        nonce BYTEA NOT NULL,
        ciphertext BYTEA NOT NULL
    );",
    // 3: idempotency keys per environment (hashes only) and the answers kept for them, sealed.
    "CREATE TABLE idempotency_keys (
        environment_id BIGINT NOT NULL REFERENCES environments(id),
        key_sha256 BYTEA NOT NULL,
        request_sha256 BYTEA NOT NULL,
        claimed_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        status BIGINT,
        content_type TEXT,
        answer_nonce BYTEA,
        answer_ciphertext BYTEA,
        PRIMARY KEY (environment_id, key_sha256)
    );
    CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);",
];

/// Brings the database up to the latest schema; whether it had none before. A database that is
/// up to date is only read, so instances start without taking the lock (and a role without
/// the right to create tables can run them).
pub async fn migrate(client: &mut Client) -> Result<bool, StoreError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('unified_schema') IS NOT NULL", &[])
        .await?
        .try_get(0)?;
    if exists && pending(version(client).await?, MIGRATIONS.len())?.is_empty() {
        return Ok(false);
    }
    let transaction = client.transaction().await?;
    // Taken first and the version read again under it: read before, two instances both see
    // version 0 and the second creates tables that already exist.
    transaction
        .execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    transaction
        .batch_execute("CREATE TABLE IF NOT EXISTS unified_schema (version INTEGER NOT NULL)")
        .await?;
    let applied = version(&transaction).await?;
    for index in pending(applied, MIGRATIONS.len())? {
        transaction.batch_execute(MIGRATIONS[index]).await?;
    }
    let latest = i32::try_from(MIGRATIONS.len()).unwrap_or(i32::MAX);
    transaction
        .batch_execute("DELETE FROM unified_schema")
        .await?;
    transaction
        .execute(
            "INSERT INTO unified_schema (version) VALUES ($1)",
            &[&latest],
        )
        .await?;
    transaction.commit().await?;
    Ok(applied == 0)
}

/// The schema version `unified_schema` records; 0 when it holds none.
async fn version(client: &impl GenericClient) -> Result<i64, StoreError> {
    let row = client
        .query_opt("SELECT version FROM unified_schema", &[])
        .await?;
    Ok(match row {
        Some(row) => i64::from(row.try_get::<_, i32>(0)?),
        None => 0,
    })
}
