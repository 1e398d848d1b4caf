//! Integrated accounts: added with a sealed credential, opened for dispatch, listed without
//! credentials, removed, and given a new credential.

use rusqlite::{OptionalExtension, params};
use unified_core::{Provider, ProviderSet, Secret};

use super::checks::{check_base_url, check_credential};
use super::{EnvironmentId, Store};
use crate::error::StoreError;
use crate::store::vault::Sealed;

/// An integrated account of a provider of the set `S`, ready to dispatch to.
#[derive(Debug, Clone)]
pub struct Account<S: ProviderSet> {
    /// The account's id (a UUID).
    pub id: String,
    /// The provider it belongs to.
    pub provider: Provider<S>,
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

impl Store {
    /// Adds an integrated account and returns its new id. The environment must exist (it does
    /// once a token was created for it).
    pub fn add_account<S: ProviderSet>(
        &self,
        environment: &str,
        provider: Provider<S>,
        base_url: &str,
        credential: &Secret,
    ) -> Result<String, StoreError> {
        let environment_id = self.environment(environment, false)?.ok_or_else(|| {
            StoreError::refused(format!(
                "no environment `{environment}`: create a token for it first \
                 (unified token create --environment {environment})"
            ))
        })?;
        let base_url = check_base_url(base_url)?;
        let id = uuid::Uuid::new_v4().to_string();
        let sealed = self.seal(&id, credential)?;
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
    /// absent as one that does not exist, and so is one whose provider the set `S` does not
    /// hold.
    pub fn account<S: ProviderSet>(
        &self,
        environment: EnvironmentId,
        id: &str,
    ) -> Result<Option<Account<S>>, StoreError> {
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
        let Some(provider) = Provider::from_id(&provider_id) else {
            // Another provider set's account (one database may serve several gateways): to this
            // set it does not exist, and its credential is not opened.
            tracing::warn!(
                account = id,
                "the account's provider is not one of this gateway's providers"
            );
            return Ok(None);
        };
        let credential = self.vault.open_sealed(id, &sealed)?;
        Ok(Some(Account {
            id: id.to_owned(),
            provider,
            base_url,
            credential,
        }))
    }

    /// Every account, oldest first, without credentials.
    pub fn list_accounts(&self) -> Result<Vec<AccountSummary>, StoreError> {
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

    /// Deletes the account `id` and its credential.
    pub fn remove_account(&self, id: &str) -> Result<(), StoreError> {
        let deleted = self
            .connection()
            .execute("DELETE FROM integrated_accounts WHERE id = ?1", [id])?;
        if deleted == 0 {
            return Err(no_account(id));
        }
        Ok(())
    }

    /// Replaces the credential of the account `id` with `credential`, sealed for that account.
    pub fn rotate_credential(&self, id: &str, credential: &Secret) -> Result<(), StoreError> {
        let sealed = self.seal(id, credential)?;
        let updated = self.connection().execute(
            "UPDATE integrated_accounts SET credential_nonce = ?2, credential_ciphertext = ?3
             WHERE id = ?1",
            params![id, sealed.nonce, sealed.ciphertext],
        )?;
        if updated == 0 {
            return Err(no_account(id));
        }
        Ok(())
    }

    /// Every credential that is stored passes here: checked, then sealed for the account `id`.
    fn seal(&self, id: &str, credential: &Secret) -> Result<Sealed, StoreError> {
        check_credential(credential)?;
        self.vault.seal(id, credential)
    }
}

fn no_account(id: &str) -> StoreError {
    StoreError::refused(format!(
        "no account `{id}` (`unified account list` lists them)"
    ))
}

#[cfg(test)]
mod tests {
    use unified_models::providers;

    use super::*;
    use crate::store::tests::open_temporary;

    #[test]
    fn accounts_keep_credentials_sealed_and_stay_in_their_environment() {
        let (dir, store) = open_temporary();
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
        let account = store.account::<providers::Set>(prod, &id).unwrap().unwrap();
        assert_eq!(account.credential.expose(), "dixa-api-key-123");
        assert_eq!(account.base_url, "http://127.0.0.1:9/api");
        assert!(!format!("{account:?}").contains("dixa-api-key-123"));
        assert!(
            store
                .account::<providers::Set>(staging, &id)
                .unwrap()
                .is_none()
        );
        let listed = store.list_accounts().unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].provider, "dixa");
        drop(store);
        let bytes = std::fs::read(dir.path().join("unified.db")).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("dixa-api-key-123"));
    }

    /// A store with a prod token and one prod Dixa account; the environment and the id.
    fn store_with_account(credential: &str) -> (tempfile::TempDir, Store, EnvironmentId, String) {
        let (dir, store) = open_temporary();
        let token = store.create_token("prod").unwrap();
        let prod = store.environment_of_token(token.expose()).unwrap().unwrap();
        let id = store
            .add_account(
                "prod",
                providers::dixa,
                "http://x.io",
                &Secret::new(credential),
            )
            .unwrap();
        (dir, store, prod, id)
    }

    #[test]
    fn a_rotated_credential_replaces_the_old_one_sealed_for_its_account() {
        let (dir, store, prod, id) = store_with_account("old-credential-1");
        store
            .rotate_credential(&id, &Secret::new("new-credential-2"))
            .unwrap();
        let account = store.account::<providers::Set>(prod, &id).unwrap().unwrap();
        assert_eq!(account.credential.expose(), "new-credential-2");
        let unknown = store.rotate_credential("nope", &Secret::new("new-credential-3"));
        assert!(
            unknown
                .unwrap_err()
                .to_string()
                .contains("no account `nope`")
        );
        drop(store);
        let bytes = std::fs::read(dir.path().join("unified.db")).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("new-credential-2"));
    }

    #[test]
    fn a_removed_account_is_gone() {
        let (_dir, store, prod, id) = store_with_account("a-credential-1");
        store.remove_account(&id).unwrap();
        assert!(
            store
                .account::<providers::Set>(prod, &id)
                .unwrap()
                .is_none()
        );
        assert!(store.list_accounts().unwrap().is_empty());
        let again = store.remove_account(&id).unwrap_err().to_string();
        assert!(again.contains(&format!("no account `{id}`")), "{again}");
    }

    #[test]
    fn a_credential_under_8_characters_is_refused_without_being_quoted() {
        let (_dir, store, prod, id) = store_with_account("long-enough");
        // Characters are counted, not bytes: this has 8 bytes but 7 characters.
        let short = Secret::new("s3cr3té");
        let added = store.add_account("prod", providers::dixa, "http://x.io", &short);
        let rotated = store.rotate_credential(&id, &short);
        for refused in [added.unwrap_err(), rotated.unwrap_err()] {
            let message = refused.to_string();
            assert!(message.contains("at least 8 characters"), "{message}");
            assert!(!message.contains("s3cr3té"), "{message}");
        }
        assert_eq!(store.list_accounts().unwrap().len(), 1);
        let kept = store.account::<providers::Set>(prod, &id).unwrap().unwrap();
        assert_eq!(kept.credential.expose(), "long-enough");
        store
            .rotate_credential(&id, &Secret::new("éééééééé"))
            .unwrap();
    }
}
