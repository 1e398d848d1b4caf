//! The gateway's records in one SQLite file: environments, API tokens (only their SHA-256 is
//! kept) and integrated accounts (credentials sealed by the [`Vault`]).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use unified_core::{Provider, Secret};
use unified_models::providers;

use crate::error::SetupError;
use crate::migrations::migrate;
use crate::vault::{Sealed, Vault};

/// What a new API token starts with, so a leaked one is easy to recognise.
const TOKEN_PREFIX: &str = "uni_";

/// An environment's id in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EnvironmentId(i64);

/// An integrated account, ready to dispatch to.
#[derive(Debug, Clone)]
pub struct Account {
    /// The account's id (a UUID).
    pub id: String,
    /// The provider it belongs to.
    pub provider: Provider<providers::Set>,
    /// Where the provider's API is for this account.
    pub base_url: String,
    /// The provider credential.
    pub credential: Secret,
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

/// The database and the key that opens its credentials.
pub struct Store {
    connection: Mutex<Connection>,
    vault: Vault,
}

impl Store {
    /// Opens (creating and migrating if needed) the database at `path`; the key comes from
    /// `UNIFIED_MASTER_KEY` or the key file beside it (`<path>.key`).
    pub fn open(path: &Path) -> Result<Store, SetupError> {
        let mut connection = Connection::open(path).map_err(|error| {
            SetupError::new(format!("cannot open database {}: {error}", path.display()))
        })?;
        connection.pragma_update(None, "foreign_keys", true)?;
        connection.busy_timeout(std::time::Duration::from_secs(5))?;
        migrate(&mut connection)?;
        let vault = Vault::open(&key_file_for(path))?;
        Ok(Store {
            connection: Mutex::new(connection),
            vault,
        })
    }

    fn connection(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite half-written; keep serving.
        self.connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn environment(&self, name: &str, create: bool) -> Result<Option<EnvironmentId>, SetupError> {
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

    /// A new API token for `environment` (created if new). The token is returned once; only
    /// its hash is stored.
    pub fn create_token(&self, environment: &str) -> Result<Secret, SetupError> {
        check_environment_name(environment)?;
        let environment = self
            .environment(environment, true)?
            .ok_or_else(|| SetupError::new("the environment could not be created"))?;
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|error| SetupError::new(format!("no randomness for a token: {error}")))?;
        let token = Secret::new(format!("{TOKEN_PREFIX}{}", hex::encode(bytes)));
        self.connection().execute(
            "INSERT INTO api_tokens (environment_id, token_sha256) VALUES (?1, ?2)",
            params![environment.0, token_hash(token.expose())],
        )?;
        Ok(token)
    }

    /// The environment a presented token belongs to, if it is one of ours.
    pub fn environment_of_token(&self, token: &str) -> Result<Option<EnvironmentId>, SetupError> {
        Ok(self
            .connection()
            .query_row(
                "SELECT environment_id FROM api_tokens WHERE token_sha256 = ?1",
                [token_hash(token)],
                |row| row.get(0),
            )
            .optional()?
            .map(EnvironmentId))
    }

    /// Adds an integrated account and returns its new id. The environment must exist (it does
    /// once a token was created for it).
    pub fn add_account(
        &self,
        environment: &str,
        provider: Provider<providers::Set>,
        base_url: &str,
        credential: &Secret,
    ) -> Result<String, SetupError> {
        let environment_id = self.environment(environment, false)?.ok_or_else(|| {
            SetupError::new(format!(
                "no environment `{environment}`: create a token for it first \
                 (unified token create --environment {environment})"
            ))
        })?;
        let base_url = check_base_url(base_url)?;
        let id = uuid::Uuid::new_v4().to_string();
        let sealed = self.vault.seal(&id, credential)?;
        self.connection().execute(
            "INSERT INTO integrated_accounts
                 (id, environment_id, provider, base_url, credential_nonce, credential_ciphertext)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                id,
                environment_id.0,
                provider.id(),
                base_url,
                sealed.nonce,
                sealed.ciphertext
            ],
        )?;
        Ok(id)
    }

    /// The account `id` if it belongs to `environment`; another environment's account is as
    /// absent as one that does not exist.
    pub fn account(
        &self,
        environment: EnvironmentId,
        id: &str,
    ) -> Result<Option<Account>, SetupError> {
        let row = self
            .connection()
            .query_row(
                "SELECT provider, base_url, credential_nonce, credential_ciphertext
                 FROM integrated_accounts WHERE id = ?1 AND environment_id = ?2",
                params![id, environment.0],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        Sealed {
                            nonce: row.get(2)?,
                            ciphertext: row.get(3)?,
                        },
                    ))
                },
            )
            .optional()?;
        let Some((provider_id, base_url, sealed)) = row else {
            return Ok(None);
        };
        let provider = Provider::from_id(&provider_id).ok_or_else(|| {
            SetupError::new(format!(
                "account {id} names provider `{provider_id}`, which this build does not know"
            ))
        })?;
        let credential = self.vault.open_sealed(id, &sealed)?;
        Ok(Some(Account {
            id: id.to_owned(),
            provider,
            base_url,
            credential,
        }))
    }

    /// Every account, oldest first, without credentials.
    pub fn list_accounts(&self) -> Result<Vec<AccountSummary>, SetupError> {
        let connection = self.connection();
        let mut statement = connection.prepare(
            "SELECT a.id, e.name, a.provider, a.base_url, a.created_at
             FROM integrated_accounts a JOIN environments e ON e.id = a.environment_id
             ORDER BY a.created_at, a.rowid",
        )?;
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
    }
}

/// The key file that goes with the database at `path`: `<path>.key`.
pub fn key_file_for(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".key");
    PathBuf::from(name)
}

fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

fn check_environment_name(name: &str) -> Result<(), SetupError> {
    let fine = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'));
    if fine {
        Ok(())
    } else {
        Err(SetupError::new(format!(
            "environment name `{name}` must be 1 to 64 letters, digits, `-`, `_` or `.`"
        )))
    }
}

/// An `http` or `https` URL without query or fragment, kept without a trailing slash so
/// adapter paths append to it.
fn check_base_url(text: &str) -> Result<String, SetupError> {
    let url = reqwest::Url::parse(text)
        .map_err(|error| SetupError::new(format!("base URL `{text}` is not a URL: {error}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(SetupError::new(format!(
            "base URL `{text}` must be an http or https URL with a host"
        )));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() {
        return Err(SetupError::new(format!(
            "base URL `{text}` must not carry a query, a fragment or credentials"
        )));
    }
    Ok(url.as_str().trim_end_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("unified.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn tokens_are_stored_as_hashes_and_scoped_to_their_environment() {
        let (dir, store) = store();
        let token = store.create_token("prod").unwrap();
        assert!(token.expose().starts_with("uni_"));
        let prod = store.environment_of_token(token.expose()).unwrap().unwrap();
        assert_eq!(store.environment_of_token("uni_nope").unwrap(), None);
        let other = store.create_token("staging").unwrap();
        assert_ne!(
            store.environment_of_token(other.expose()).unwrap(),
            Some(prod)
        );
        drop(store);
        let bytes = std::fs::read(dir.path().join("unified.db")).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(token.expose()),
            "the token itself is never stored"
        );
    }

    #[test]
    fn accounts_keep_credentials_sealed_and_stay_in_their_environment() {
        let (dir, store) = store();
        let prod_token = store.create_token("prod").unwrap();
        let staging_token = store.create_token("staging").unwrap();
        let prod = store
            .environment_of_token(prod_token.expose())
            .unwrap()
            .unwrap();
        let staging = store
            .environment_of_token(staging_token.expose())
            .unwrap()
            .unwrap();
        let credential = Secret::new("dixa-api-key-123");
        let id = store
            .add_account(
                "prod",
                providers::dixa,
                "http://127.0.0.1:9/api/",
                &credential,
            )
            .unwrap();
        let account = store.account(prod, &id).unwrap().unwrap();
        assert_eq!(account.credential.expose(), "dixa-api-key-123");
        assert_eq!(account.base_url, "http://127.0.0.1:9/api");
        assert!(!format!("{account:?}").contains("dixa-api-key-123"));
        assert!(store.account(staging, &id).unwrap().is_none());
        let listed = store.list_accounts().unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].provider, "dixa");
        drop(store);
        let bytes = std::fs::read(dir.path().join("unified.db")).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("dixa-api-key-123"));
    }

    #[test]
    fn bad_names_and_urls_are_refused() {
        let (_dir, store) = store();
        assert!(store.create_token("").is_err());
        assert!(store.create_token("a b").is_err());
        let secret = Secret::new("k");
        let no_env = store.add_account("ghost", providers::dixa, "http://x.io", &secret);
        assert!(no_env.unwrap_err().to_string().contains("create a token"));
        store.create_token("prod").unwrap();
        for url in [
            "ftp://x.io",
            "not a url",
            "http://x.io/?a=1",
            "http://u:p@x.io",
        ] {
            assert!(
                store
                    .add_account("prod", providers::dixa, url, &secret)
                    .is_err(),
                "{url}"
            );
        }
    }
}
