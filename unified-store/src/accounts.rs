//! Integrated accounts: added with a sealed credential, opened for dispatch, listed without
//! credentials, removed, and given a new credential.

use unified_core::{Provider, ProviderSet, Secret};

use super::backend::{AccountRow, NewAccount};
use super::checks::{check_base_url, check_credential};
use crate::error::StoreError;
use crate::records::{AccountSummary, EnvironmentId};
use crate::store::Store;
use crate::vault::SealedCredential;

/// An integrated account of a provider of the set `S`, ready to dispatch to. Its credential
/// stays sealed until [`Store::credential`] opens it for a dispatch.
#[derive(Clone)]
pub struct Account<S: ProviderSet> {
    /// The account's id (a UUID).
    pub id: String,
    /// The provider it belongs to.
    pub provider: Provider<S>,
    /// Where the provider's API is for this account.
    pub base_url: String,
    sealed: SealedCredential,
}

impl<S: ProviderSet> std::fmt::Debug for Account<S> {
    /// The id, provider and base URL; nothing of the credential.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("provider", &self.provider.id())
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Adds an integrated account and returns its new id. The environment must exist (it does
    /// once a token was created for it).
    pub async fn add_account<S: ProviderSet>(
        &self,
        environment: &str,
        provider: Provider<S>,
        base_url: &str,
        credential: &Secret,
    ) -> Result<String, StoreError> {
        let environment_id = self
            .backend
            .environment(environment.to_owned(), false)
            .await?
            .ok_or_else(|| {
                StoreError::refused(format!(
                    "no environment `{environment}`: create a token for it first \
                     (unified token create --environment {environment})"
                ))
            })?;
        let base_url = check_base_url(base_url)?;
        let id = uuid::Uuid::new_v4().to_string();
        let sealed = self.seal(&id, credential)?;
        let row = AccountRow {
            provider: provider.id().to_owned(),
            base_url,
            sealed,
        };
        self.backend
            .insert_account(NewAccount {
                id: id.clone(),
                environment: environment_id,
                row,
            })
            .await?;
        Ok(id)
    }

    /// The account `id` if it belongs to `environment`; another environment's account is as
    /// absent as one that does not exist, and so is one whose provider the set `S` does not
    /// hold. Its credential is not opened.
    pub async fn account<S: ProviderSet>(
        &self,
        environment: EnvironmentId,
        id: &str,
    ) -> Result<Option<Account<S>>, StoreError> {
        let row = match self.cache.account(environment, id) {
            Ok(row) => row,
            Err(miss) => {
                let Some(row) = self.backend.account(environment, id.to_owned()).await? else {
                    return Ok(None);
                };
                self.cache.keep_account(miss, environment, id, row.clone());
                row
            }
        };
        let Some(provider) = Provider::from_id(&row.provider) else {
            // Another provider set's account (one database may serve several gateways): to this
            // set it does not exist, and its credential is not opened.
            tracing::warn!(
                account = id,
                "the account's provider is not one of this gateway's providers"
            );
            return Ok(None);
        };
        Ok(Some(Account {
            id: id.to_owned(),
            provider,
            base_url: row.base_url,
            sealed: row.sealed,
        }))
    }

    /// Opens the credential of `account`, for a dispatch.
    pub fn credential<S: ProviderSet>(&self, account: &Account<S>) -> Result<Secret, StoreError> {
        self.vault.open_sealed(&account.id, &account.sealed)
    }

    /// Every account, oldest first, without credentials.
    pub async fn list_accounts(&self) -> Result<Vec<AccountSummary>, StoreError> {
        self.backend.list_accounts().await
    }

    /// Deletes the account `id` and its credential (on other instances, once their cache's
    /// time to live has passed).
    pub async fn remove_account(&self, id: &str) -> Result<(), StoreError> {
        let deleted = self.backend.delete_account(id.to_owned()).await?;
        self.cache.forget_account(id);
        if !deleted {
            return Err(no_account(id));
        }
        Ok(())
    }

    /// Replaces the credential of the account `id` with `credential`, sealed for that account
    /// (other instances dispatch with the old one until their cache's time to live has passed).
    pub async fn rotate_credential(&self, id: &str, credential: &Secret) -> Result<(), StoreError> {
        let sealed = self.seal(id, credential)?;
        let updated = self
            .backend
            .update_credential(id.to_owned(), sealed)
            .await?;
        self.cache.forget_account(id);
        if !updated {
            return Err(no_account(id));
        }
        Ok(())
    }

    /// Every credential that is stored passes here: checked, then sealed for the account `id`.
    fn seal(&self, id: &str, credential: &Secret) -> Result<SealedCredential, StoreError> {
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
    use crate::tests::{TestStore, each_store, open_temporary};

    /// The credential of the account `id` of `environment`, opened; the account too.
    async fn opened(
        store: &Store,
        environment: EnvironmentId,
        id: &str,
    ) -> (Account<providers::Set>, String) {
        let account = store
            .account::<providers::Set>(environment, id)
            .await
            .unwrap()
            .unwrap();
        let credential = store.credential(&account).unwrap().expose().to_owned();
        (account, credential)
    }

    /// The prod environment of `store`, which gets a token for it.
    async fn prod(store: &Store) -> EnvironmentId {
        let token = store.create_token("prod").await.unwrap();
        store
            .environment_of_token(token.expose())
            .await
            .unwrap()
            .unwrap()
    }

    #[tokio::test]
    async fn accounts_keep_credentials_sealed_and_stay_in_their_environment() {
        for store in each_store().await {
            let prod = prod(&store).await;
            let staging_token = store.create_token("staging").await.unwrap();
            let staging = store
                .environment_of_token(staging_token.expose())
                .await
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
                .await
                .unwrap();
            let (account, credential) = opened(&store, prod, &id).await;
            assert_eq!(credential, "dixa-api-key-123");
            assert_eq!(account.base_url, "http://127.0.0.1:9/api");
            assert!(!format!("{account:?}").contains("dixa-api-key-123"));
            let elsewhere = store.account::<providers::Set>(staging, &id).await.unwrap();
            assert!(elsewhere.is_none(), "{}", store.location());
            let listed = store.list_accounts().await.unwrap();
            assert_eq!(listed.len(), 1);
            assert_eq!(listed[0].provider, "dixa");
        }
        let (dir, store) = open_temporary().await;
        prod(&store).await;
        let credential = Secret::new("dixa-api-key-123");
        store
            .add_account("prod", providers::dixa, "http://x.io", &credential)
            .await
            .unwrap();
        drop(store);
        let bytes = std::fs::read(dir.path().join("unified.db")).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("dixa-api-key-123"));
    }

    /// Every kind of store with a prod token and one prod Dixa account; the environment and
    /// the id.
    async fn stores_with_account(credential: &str) -> Vec<(TestStore, EnvironmentId, String)> {
        let mut stores = Vec::new();
        for store in each_store().await {
            let prod = prod(&store).await;
            let id = store
                .add_account(
                    "prod",
                    providers::dixa,
                    "http://x.io",
                    &Secret::new(credential),
                )
                .await
                .unwrap();
            // Looked up once, so a change below must also clear the cache.
            store
                .account::<providers::Set>(prod, &id)
                .await
                .unwrap()
                .unwrap();
            stores.push((store, prod, id));
        }
        stores
    }

    #[tokio::test]
    async fn a_rotated_credential_replaces_the_old_one_sealed_for_its_account() {
        for (store, prod, id) in stores_with_account("old-credential-1").await {
            store
                .rotate_credential(&id, &Secret::new("new-credential-2"))
                .await
                .unwrap();
            assert_eq!(opened(&store, prod, &id).await.1, "new-credential-2");
            let unknown = store
                .rotate_credential("nope", &Secret::new("new-credential-3"))
                .await;
            assert!(
                unknown
                    .unwrap_err()
                    .to_string()
                    .contains("no account `nope`")
            );
        }
    }

    #[tokio::test]
    async fn a_removed_account_is_gone() {
        for (store, prod, id) in stores_with_account("a-credential-1").await {
            store.remove_account(&id).await.unwrap();
            let gone = store.account::<providers::Set>(prod, &id).await.unwrap();
            assert!(gone.is_none(), "{}", store.location());
            assert!(store.list_accounts().await.unwrap().is_empty());
            let again = store.remove_account(&id).await.unwrap_err().to_string();
            assert!(again.contains(&format!("no account `{id}`")), "{again}");
        }
    }

    #[tokio::test]
    async fn a_credential_under_8_characters_is_refused_without_being_quoted() {
        for (store, prod, id) in stores_with_account("long-enough").await {
            // Characters are counted, not bytes: this has 8 bytes but 7 characters.
            let short = Secret::new("s3cr3té");
            let added = store
                .add_account("prod", providers::dixa, "http://x.io", &short)
                .await;
            let rotated = store.rotate_credential(&id, &short).await;
            for refused in [added.unwrap_err(), rotated.unwrap_err()] {
                let message = refused.to_string();
                assert!(message.contains("at least 8 characters"), "{message}");
                assert!(!message.contains("s3cr3té"), "{message}");
            }
            assert_eq!(store.list_accounts().await.unwrap().len(), 1);
            assert_eq!(opened(&store, prod, &id).await.1, "long-enough");
            store
                .rotate_credential(&id, &Secret::new("éééééééé"))
                .await
                .unwrap();
        }
    }
}
