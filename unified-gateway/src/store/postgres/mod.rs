//! The records in a PostgreSQL database that several gateway instances share, through a pool
//! of async connections. The key that seals credentials comes from `UNIFIED_MASTER_KEY`, the
//! same on every instance.

mod migrations;

use std::time::Duration;

use deadpool_postgres::{Manager, ManagerConfig, Pool, RecyclingMethod, Runtime};
use tokio_postgres::config::{Host, SslMode};
use tokio_postgres::{Config, NoTls, Row};

use super::backend::{AccountRow, Answer, Backend, Counts, NewAccount, TokenHash};
use super::vault::Sealed;
use super::{AccountSummary, EnvironmentId, TokenSummary};
use crate::error::StoreError;

/// The most connections one instance opens.
const MAX_CONNECTIONS: usize = 16;

/// How long a call waits for a free connection, or for a new one to open.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(5);

/// A PostgreSQL database of the gateway's records.
pub(super) struct Postgres {
    pool: Pool,
    location: String,
}

/// Whether `location` names a PostgreSQL database rather than a file.
pub(super) fn is_url(location: &str) -> bool {
    location.starts_with("postgres://") || location.starts_with("postgresql://")
}

impl Postgres {
    /// Connects to the database at `url` and migrates it; the backend and whether it had no
    /// schema before.
    pub async fn open(url: &str) -> Result<(Postgres, bool), StoreError> {
        // The driver's parse error never quotes the URL, which may hold a password.
        let config: Config = url
            .parse()
            .map_err(|error| StoreError::refused(format!("the database URL is not usable: {error}")))?;
        if !matches!(config.get_ssl_mode(), SslMode::Disable | SslMode::Prefer) {
            return Err(StoreError::refused(
                "the database URL asks for TLS, which this build does not speak to PostgreSQL: \
                 reach the server over a private network with sslmode=disable",
            ));
        }
        let location = describe(&config);
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(MAX_CONNECTIONS)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(CONNECTION_TIMEOUT))
            .create_timeout(Some(CONNECTION_TIMEOUT))
            .recycle_timeout(Some(CONNECTION_TIMEOUT))
            .build()
            .map_err(|error| StoreError::refused(format!("cannot make the pool: {error}")))?;
        let mut client = pool.get().await.map_err(|error| {
            StoreError::Unavailable(format!(
                "cannot connect to the database {location}: {}",
                StoreError::from(error)
            ))
        })?;
        let created = migrations::migrate(&mut client).await?;
        drop(client);
        Ok((Postgres { pool, location }, created))
    }

    /// Runs one statement and reads its rows.
    async fn query(
        &self,
        sql: &str,
        parameters: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> Result<Vec<Row>, StoreError> {
        let client = self.pool.get().await?;
        let statement = client.prepare_cached(sql).await?;
        Ok(client.query(&statement, parameters).await?)
    }

    /// Runs one statement; how many rows it changed.
    async fn execute(
        &self,
        sql: &str,
        parameters: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> Result<u64, StoreError> {
        let client = self.pool.get().await?;
        let statement = client.prepare_cached(sql).await?;
        Ok(client.execute(&statement, parameters).await?)
    }
}

/// The database as it is named to the user: `postgres://user@host:port/name`, never the
/// password.
fn describe(config: &Config) -> String {
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        Some(Host::Unix(path)) => path.display().to_string(),
        None => "localhost".to_owned(),
    };
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let user = config.get_user().unwrap_or("");
    let name = config.get_dbname().unwrap_or(user);
    format!("postgres://{user}@{host}:{port}/{name}")
}

/// A count read from a row; counts are never negative.
fn count(row: &Row, index: usize) -> u64 {
    row.get::<_, i64>(index).unsigned_abs()
}

impl Backend for Postgres {
    fn location(&self) -> &str {
        &self.location
    }

    fn counts(&self) -> Answer<'_, Counts> {
        Box::pin(async move {
            let rows = self
                .query(
                    "SELECT (SELECT count(*) FROM environments),
                            (SELECT count(*) FROM api_tokens),
                            (SELECT count(*) FROM integrated_accounts)",
                    &[],
                )
                .await?;
            let row = rows.first().ok_or_else(|| {
                StoreError::Unavailable("the database answered no counts".to_owned())
            })?;
            Ok(Counts {
                environments: count(row, 0),
                tokens: count(row, 1),
                accounts: count(row, 2),
            })
        })
    }

    fn check_health(&self) -> Answer<'_, ()> {
        Box::pin(async move {
            self.query("SELECT EXISTS (SELECT 1 FROM api_tokens)", &[])
                .await
                .map(drop)
                .map_err(|error| {
                    StoreError::Unavailable(format!("the database does not answer: {error}"))
                })
        })
    }

    fn environment(&self, name: String, create: bool) -> Answer<'_, Option<EnvironmentId>> {
        Box::pin(async move {
            if create {
                self.execute(
                    "INSERT INTO environments (name) VALUES ($1) ON CONFLICT (name) DO NOTHING",
                    &[&name],
                )
                .await?;
            }
            let rows = self
                .query("SELECT id FROM environments WHERE name = $1", &[&name])
                .await?;
            Ok(rows.first().map(|row| EnvironmentId(row.get(0))))
        })
    }

    fn insert_token(&self, environment: EnvironmentId, hash: TokenHash) -> Answer<'_, ()> {
        Box::pin(async move {
            self.execute(
                "INSERT INTO api_tokens (environment_id, token_sha256) VALUES ($1, $2)",
                &[&environment.0, &hash.as_slice()],
            )
            .await
            .map(drop)
        })
    }

    fn environment_of_token(&self, hash: TokenHash) -> Answer<'_, Option<EnvironmentId>> {
        Box::pin(async move {
            let rows = self
                .query(
                    "SELECT environment_id FROM api_tokens WHERE token_sha256 = $1",
                    &[&hash.as_slice()],
                )
                .await?;
            Ok(rows.first().map(|row| EnvironmentId(row.get(0))))
        })
    }

    fn list_tokens(&self) -> Answer<'_, Vec<TokenSummary>> {
        Box::pin(async move {
            let rows = self
                .query(
                    "SELECT t.id, e.name, t.created_at
                     FROM api_tokens t JOIN environments e ON e.id = t.environment_id
                     ORDER BY t.id",
                    &[],
                )
                .await?;
            Ok(rows
                .iter()
                .map(|row| TokenSummary {
                    id: row.get(0),
                    environment: row.get(1),
                    created_at: row.get(2),
                })
                .collect())
        })
    }

    fn delete_token(&self, id: i64) -> Answer<'_, bool> {
        Box::pin(async move {
            Ok(self
                .execute("DELETE FROM api_tokens WHERE id = $1", &[&id])
                .await?
                > 0)
        })
    }

    fn insert_account(&self, account: NewAccount) -> Answer<'_, ()> {
        Box::pin(async move {
            let NewAccount {
                id,
                environment,
                row,
            } = account;
            self.execute(
                "INSERT INTO integrated_accounts (id, environment_id, provider, base_url,
                                                  credential_nonce, credential_ciphertext)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &id,
                    &environment.0,
                    &row.provider,
                    &row.base_url,
                    &row.sealed.nonce,
                    &row.sealed.ciphertext,
                ],
            )
            .await
            .map(drop)
        })
    }

    fn account(&self, environment: EnvironmentId, id: String) -> Answer<'_, Option<AccountRow>> {
        Box::pin(async move {
            let rows = self
                .query(
                    "SELECT provider, base_url, credential_nonce, credential_ciphertext
                     FROM integrated_accounts WHERE id = $1 AND environment_id = $2",
                    &[&id, &environment.0],
                )
                .await?;
            Ok(rows.first().map(|row| AccountRow {
                provider: row.get(0),
                base_url: row.get(1),
                sealed: Sealed {
                    nonce: row.get(2),
                    ciphertext: row.get(3),
                },
            }))
        })
    }

    fn list_accounts(&self) -> Answer<'_, Vec<AccountSummary>> {
        Box::pin(async move {
            let rows = self
                .query(
                    "SELECT a.id, e.name, a.provider, a.base_url, a.created_at
                     FROM integrated_accounts a JOIN environments e ON e.id = a.environment_id
                     ORDER BY a.created_at, a.added",
                    &[],
                )
                .await?;
            Ok(rows
                .iter()
                .map(|row| AccountSummary {
                    id: row.get(0),
                    environment: row.get(1),
                    provider: row.get(2),
                    base_url: row.get(3),
                    created_at: row.get(4),
                })
                .collect())
        })
    }

    fn delete_account(&self, id: String) -> Answer<'_, bool> {
        Box::pin(async move {
            Ok(self
                .execute("DELETE FROM integrated_accounts WHERE id = $1", &[&id])
                .await?
                > 0)
        })
    }

    fn update_credential(&self, id: String, sealed: Sealed) -> Answer<'_, bool> {
        Box::pin(async move {
            let updated = self
                .execute(
                    "UPDATE integrated_accounts
                     SET credential_nonce = $2, credential_ciphertext = $3 WHERE id = $1",
                    &[&id, &sealed.nonce, &sealed.ciphertext],
                )
                .await?;
            Ok(updated > 0)
        })
    }
}
