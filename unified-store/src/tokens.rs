//! API tokens: created (printed once, only the hash kept), looked up by what a client presents,
//! listed and revoked.

use sha2::{Digest, Sha256};
use unified_core::Secret;

use super::backend::TokenHash;
use super::checks::check_environment_name;
use crate::error::StoreError;
use crate::records::{EnvironmentId, TokenSummary};
use crate::store::Store;

/// What a new API token starts with, so a leaked one is easy to recognise.
const TOKEN_PREFIX: &str = "uni_";

impl Store {
    /// A new API token for `environment` (created if new). The token is returned once; only
    /// its hash is stored.
    pub async fn create_token(&self, environment: &str) -> Result<Secret, StoreError> {
        check_environment_name(environment)?;
        let environment = self
            .backend
            .environment(environment.to_owned(), true)
            .await?
            .ok_or_else(|| StoreError::refused("the environment could not be created"))?;
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|error| StoreError::refused(format!("no randomness for a token: {error}")))?;
        let token = Secret::new(format!("{TOKEN_PREFIX}{}", hex::encode(bytes)));
        self.backend
            .insert_token(environment, token_hash(token.expose()))
            .await?;
        Ok(token)
    }

    /// The environment a presented token belongs to, if it is one of ours (and not revoked,
    /// within the cache's time to live).
    pub async fn environment_of_token(
        &self,
        token: &str,
    ) -> Result<Option<EnvironmentId>, StoreError> {
        let hash = token_hash(token);
        let miss = match self.cache.token(&hash) {
            Ok(environment) => return Ok(Some(environment)),
            Err(miss) => miss,
        };
        let found = self.backend.environment_of_token(hash).await?;
        if let Some(environment) = found {
            self.cache.keep_token(miss, hash, environment);
        }
        Ok(found)
    }

    /// Every token, oldest first, without the token or its hash.
    pub async fn list_tokens(&self) -> Result<Vec<TokenSummary>, StoreError> {
        self.backend.list_tokens().await
    }

    /// Deletes the token `id`: from now on it authenticates nothing (on other instances, once
    /// their cache's time to live has passed).
    pub async fn revoke_token(&self, id: i64) -> Result<(), StoreError> {
        let deleted = self.backend.delete_token(id).await?;
        self.cache.forget_tokens();
        if !deleted {
            return Err(StoreError::refused(format!(
                "no token with id {id} (`unified token list` lists them)"
            )));
        }
        Ok(())
    }
}

fn token_hash(token: &str) -> TokenHash {
    Sha256::digest(token.as_bytes()).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{each_store, open_temporary};

    #[tokio::test]
    async fn tokens_are_stored_as_hashes_and_scoped_to_their_environment() {
        for store in each_store().await {
            let token = store.create_token("prod").await.unwrap();
            assert!(token.expose().starts_with("uni_"));
            let prod = store.environment_of_token(token.expose()).await.unwrap();
            assert!(prod.is_some(), "{}", store.location());
            assert_eq!(store.environment_of_token("uni_nope").await.unwrap(), None);
            let other = store.create_token("staging").await.unwrap();
            assert_ne!(
                store.environment_of_token(other.expose()).await.unwrap(),
                prod
            );
        }
        let (dir, store) = open_temporary().await;
        let token = store.create_token("prod").await.unwrap();
        drop(store);
        let bytes = std::fs::read(dir.path().join("unified.db")).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(token.expose()),
            "the token itself is never stored"
        );
    }

    #[tokio::test]
    async fn tokens_are_listed_without_secrets_and_a_revoked_one_stops_working() {
        for store in each_store().await {
            let prod = store.create_token("prod").await.unwrap();
            let staging = store.create_token("staging").await.unwrap();
            // Found once, so the revocation below must also clear the cache.
            assert!(
                store
                    .environment_of_token(prod.expose())
                    .await
                    .unwrap()
                    .is_some()
            );
            let listed = store.list_tokens().await.unwrap();
            let environments: Vec<&str> = listed.iter().map(|t| t.environment.as_str()).collect();
            assert_eq!(environments, ["prod", "staging"], "{}", store.location());
            assert!(
                listed[0].created_at.ends_with('Z'),
                "{}",
                listed[0].created_at
            );
            let json = serde_json::to_string(&listed).unwrap();
            assert!(
                !json.contains(prod.expose())
                    && !json.contains(&hex::encode(token_hash(prod.expose())))
            );

            store.revoke_token(listed[0].id).await.unwrap();
            assert_eq!(
                store.environment_of_token(prod.expose()).await.unwrap(),
                None
            );
            assert!(
                store
                    .environment_of_token(staging.expose())
                    .await
                    .unwrap()
                    .is_some()
            );
            assert_eq!(store.list_tokens().await.unwrap().len(), 1);

            let again = store
                .revoke_token(listed[0].id)
                .await
                .unwrap_err()
                .to_string();
            assert!(
                again.contains(&format!("no token with id {}", listed[0].id)),
                "{again}"
            );
        }
    }
}
