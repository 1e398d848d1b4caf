//! The records in a PostgreSQL database that several gateway instances share, through a pool
//! of async connections. The key that seals credentials comes from `UNIFIED_MASTER_KEY`, the
//! same on every instance.

mod idempotency;
mod migrations;
mod tls;
#[cfg(test)]
mod tls_tests;

use std::path::PathBuf;
use std::time::Duration;

use deadpool_postgres::{
    Client, Manager, ManagerConfig, Object, Pool, PoolError, RecyclingMethod, Runtime,
};
use tokio_postgres::config::Host;
use tokio_postgres::{Config, NoTls, Row, Statement};

use super::backend::{AccountRow, Answer, Backend, Counts, NewAccount, TokenHash};
use super::statements;
use super::vault::SealedCredential;
use crate::error::StoreError;
use crate::records::{AccountSummary, EnvironmentId, TokenSummary};

/// The most connections one instance opens.
const MAX_CONNECTIONS: usize = 16;

/// How long a call waits for a free connection, or for a new one to open.
const CONNECTION_TIMEOUT: Duration = Duration::from_secs(5);

/// How long one statement may take, connection included: a server that stops answering (or a
/// lock held elsewhere) fails the call instead of holding the request.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);

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
        let authority = url
            .split_once("://")
            .map_or("", |(_, rest)| rest.split(['/', '?']).next().unwrap_or(""));
        if authority.matches('@').count() > 1 {
            // Read as the driver reads it, part of the password would become the host, and be
            // shown wherever the database is named.
            return Err(StoreError::refused(
                "the database URL has more than one `@` before the host: write an `@` in the \
                 user name or password as %40",
            ));
        }
        // libpq reads PGSSLROOTCERT when the URL names no sslrootcert.
        let root_variable = std::env::var_os("PGSSLROOTCERT").filter(|value| !value.is_empty());
        let tls = tls::Tls::from_url(url, root_variable.map(PathBuf::from))?;
        // The driver's parse error never quotes the URL, which may hold a password.
        let config: Config = tls.driver_url.parse().map_err(|error| {
            StoreError::refused(format!("the database URL is not usable: {error}"))
        })?;
        let location = describe(&config);
        let manager_config = ManagerConfig {
            recycling_method: RecyclingMethod::Fast,
        };
        let manager = match tls.connector()? {
            Some(connector) => Manager::from_config(config, connector, manager_config),
            None => Manager::from_config(config, NoTls, manager_config),
        };
        let pool = Pool::builder(manager)
            .max_size(MAX_CONNECTIONS)
            .runtime(Runtime::Tokio1)
            .wait_timeout(Some(CONNECTION_TIMEOUT))
            .create_timeout(Some(CONNECTION_TIMEOUT))
            .recycle_timeout(Some(CONNECTION_TIMEOUT))
            .build()
            .map_err(|error| StoreError::refused(format!("cannot make the pool: {error}")))?;
        let mut client = pool.get().await.map_err(|error| {
            let cause = match &error {
                PoolError::Backend(error) => tls.explain(error),
                _ => None,
            };
            let cause = cause.unwrap_or_else(|| StoreError::from(error).to_string());
            StoreError::Unavailable(format!(
                "cannot connect to the database {location}: {cause}"
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
        parameters: &[&Parameter<'_>],
    ) -> Result<Vec<Row>, StoreError> {
        self.call(sql, async |client, statement| {
            client.query(statement, parameters).await
        })
        .await
    }

    /// Runs one statement; how many rows it changed.
    async fn execute(&self, sql: &str, parameters: &[&Parameter<'_>]) -> Result<u64, StoreError> {
        self.call(sql, async |client, statement| {
            client.execute(statement, parameters).await
        })
        .await
    }

    /// Runs `run` with the prepared `sql` on a pooled connection, for at most [`CALL_TIMEOUT`].
    /// A connection whose statement is abandoned leaves the pool, so no later call queues
    /// behind it.
    async fn call<T>(
        &self,
        sql: &str,
        run: impl AsyncFnOnce(&Client, &Statement) -> Result<T, tokio_postgres::Error>,
    ) -> Result<T, StoreError> {
        let client = self.pool.get().await?;
        let answer = tokio::time::timeout(CALL_TIMEOUT, async {
            let statement = client.prepare_cached(sql).await?;
            run(&client, &statement).await
        })
        .await;
        match answer {
            Ok(answer) => Ok(answer?),
            Err(_) => {
                drop(Object::take(client));
                Err(StoreError::Unavailable(format!(
                    "the database did not answer within {} s",
                    CALL_TIMEOUT.as_secs()
                )))
            }
        }
    }
}

/// A statement's parameter.
type Parameter<'a> = dyn tokio_postgres::types::ToSql + Sync + 'a;

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
fn count(row: &Row, index: usize) -> Result<u64, StoreError> {
    Ok(row.try_get::<_, i64>(index)?.unsigned_abs())
}

/// A sealed credential read from a row's two columns from `first`.
fn sealed(row: &Row, first: usize) -> Result<SealedCredential, StoreError> {
    Ok(SealedCredential {
        nonce: row.try_get(first)?,
        ciphertext: row.try_get(first + 1)?,
    })
}

/// The environment id in a row's first column, if there is a row.
fn environment_id(rows: &[Row]) -> Result<Option<EnvironmentId>, StoreError> {
    rows.first()
        .map(|row| Ok(EnvironmentId(row.try_get(0)?)))
        .transpose()
}

impl Backend for Postgres {
    fn location(&self) -> &str {
        &self.location
    }

    fn counts(&self) -> Answer<'_, Counts> {
        Box::pin(async move {
            let rows = self.query(statements::COUNTS, &[]).await?;
            let row = rows.first().ok_or_else(|| {
                StoreError::Unavailable("the database answered no counts".to_owned())
            })?;
            Ok(Counts {
                environments: count(row, 0)?,
                tokens: count(row, 1)?,
                accounts: count(row, 2)?,
            })
        })
    }

    fn check_health(&self) -> Answer<'_, ()> {
        Box::pin(async move {
            self.query(statements::HEALTH, &[])
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
                self.execute(statements::CREATE_ENVIRONMENT, &[&name])
                    .await?;
            }
            let rows = self.query(statements::ENVIRONMENT, &[&name]).await?;
            environment_id(&rows)
        })
    }

    fn insert_token(&self, environment: EnvironmentId, hash: TokenHash) -> Answer<'_, ()> {
        Box::pin(async move {
            let hash: &[u8] = &hash;
            self.execute(statements::INSERT_TOKEN, &[&environment.0, &hash])
                .await
                .map(drop)
        })
    }

    fn environment_of_token(&self, hash: TokenHash) -> Answer<'_, Option<EnvironmentId>> {
        Box::pin(async move {
            let hash: &[u8] = &hash;
            let rows = self
                .query(statements::ENVIRONMENT_OF_TOKEN, &[&hash])
                .await?;
            environment_id(&rows)
        })
    }

    fn list_tokens(&self) -> Answer<'_, Vec<TokenSummary>> {
        Box::pin(async move {
            let rows = self.query(statements::LIST_TOKENS, &[]).await?;
            rows.iter()
                .map(|row| {
                    Ok(TokenSummary {
                        id: row.try_get(0)?,
                        environment: row.try_get(1)?,
                        created_at: row.try_get(2)?,
                    })
                })
                .collect()
        })
    }

    fn delete_token(&self, id: i64) -> Answer<'_, bool> {
        Box::pin(async move { Ok(self.execute(statements::DELETE_TOKEN, &[&id]).await? > 0) })
    }

    fn insert_account(&self, account: NewAccount) -> Answer<'_, ()> {
        Box::pin(async move {
            let NewAccount {
                id,
                environment,
                row,
            } = account;
            self.execute(
                statements::INSERT_ACCOUNT,
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
                .query(statements::ACCOUNT, &[&id, &environment.0])
                .await?;
            rows.first()
                .map(|row| {
                    Ok(AccountRow {
                        provider: row.try_get(0)?,
                        base_url: row.try_get(1)?,
                        sealed: sealed(row, 2)?,
                    })
                })
                .transpose()
        })
    }

    fn list_accounts(&self) -> Answer<'_, Vec<AccountSummary>> {
        Box::pin(async move {
            let rows = self.query(statements::list_accounts!("added"), &[]).await?;
            rows.iter()
                .map(|row| {
                    Ok(AccountSummary {
                        id: row.try_get(0)?,
                        environment: row.try_get(1)?,
                        provider: row.try_get(2)?,
                        base_url: row.try_get(3)?,
                        created_at: row.try_get(4)?,
                    })
                })
                .collect()
        })
    }

    fn delete_account(&self, id: String) -> Answer<'_, bool> {
        Box::pin(async move { Ok(self.execute(statements::DELETE_ACCOUNT, &[&id]).await? > 0) })
    }

    fn update_credential(&self, id: String, sealed: SealedCredential) -> Answer<'_, bool> {
        Box::pin(async move {
            let updated = self
                .execute(
                    statements::UPDATE_CREDENTIAL,
                    &[&sealed.nonce, &sealed.ciphertext, &id],
                )
                .await?;
            Ok(updated > 0)
        })
    }

    fn key_check(&self) -> Answer<'_, Option<SealedCredential>> {
        Box::pin(async move {
            let rows = self.query(statements::KEY_CHECK, &[]).await?;
            rows.first().map(|row| sealed(row, 0)).transpose()
        })
    }

    fn keep_key_check(&self, sealed: SealedCredential) -> Answer<'_, ()> {
        Box::pin(async move {
            self.execute(
                statements::KEEP_KEY_CHECK,
                &[&sealed.nonce, &sealed.ciphertext],
            )
            .await
            .map(drop)
        })
    }
}
