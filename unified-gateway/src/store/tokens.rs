//! API tokens: created (printed once, only the hash kept), looked up by what a client presents,
//! listed and revoked.

use rusqlite::{OptionalExtension, params};
use sha2::{Digest, Sha256};
use unified_core::Secret;

use super::checks::check_environment_name;
use super::{EnvironmentId, Store};
use crate::error::StoreError;

/// What a new API token starts with, so a leaked one is easy to recognise.
const TOKEN_PREFIX: &str = "uni_";

/// An API token as `unified token list` shows it: neither the token nor its hash.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TokenSummary {
    /// The token's id, which `unified token revoke` takes.
    pub id: i64,
    /// The environment it gives access to.
    pub environment: String,
    /// When it was created (UTC).
    pub created_at: String,
}

impl Store {
    /// A new API token for `environment` (created if new). The token is returned once; only
    /// its hash is stored.
    pub fn create_token(&self, environment: &str) -> Result<Secret, StoreError> {
        check_environment_name(environment)?;
        let environment = self
            .environment(environment, true)?
            .ok_or_else(|| StoreError::refused("the environment could not be created"))?;
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|error| StoreError::refused(format!("no randomness for a token: {error}")))?;
        let token = Secret::new(format!("{TOKEN_PREFIX}{}", hex::encode(bytes)));
        self.connection().execute(
            "INSERT INTO api_tokens (environment_id, token_sha256) VALUES (?1, ?2)",
            params![environment.0, token_hash(token.expose())],
        )?;
        Ok(token)
    }

    /// The environment a presented token belongs to, if it is one of ours (and not revoked).
    pub fn environment_of_token(&self, token: &str) -> Result<Option<EnvironmentId>, StoreError> {
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

    /// Every token, oldest first, without the token or its hash.
    pub fn list_tokens(&self) -> Result<Vec<TokenSummary>, StoreError> {
        let connection = self.connection();
        let mut statement = connection.prepare(
            "SELECT t.id, e.name, t.created_at
             FROM api_tokens t JOIN environments e ON e.id = t.environment_id
             ORDER BY t.id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok(TokenSummary {
                id: row.get(0)?,
                environment: row.get(1)?,
                created_at: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Deletes the token `id`: from now on it authenticates nothing.
    pub fn revoke_token(&self, id: i64) -> Result<(), StoreError> {
        let deleted = self
            .connection()
            .execute("DELETE FROM api_tokens WHERE id = ?1", [id])?;
        if deleted == 0 {
            return Err(StoreError::refused(format!(
                "no token with id {id} (`unified token list` lists them)"
            )));
        }
        Ok(())
    }
}

fn token_hash(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::tests::open_temporary;

    #[test]
    fn tokens_are_stored_as_hashes_and_scoped_to_their_environment() {
        let (dir, store) = open_temporary();
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
    fn tokens_are_listed_without_secrets_and_a_revoked_one_stops_working() {
        let (_dir, store) = open_temporary();
        let prod = store.create_token("prod").unwrap();
        let staging = store.create_token("staging").unwrap();
        let listed = store.list_tokens().unwrap();
        let environments: Vec<&str> = listed.iter().map(|t| t.environment.as_str()).collect();
        assert_eq!(environments, ["prod", "staging"]);
        let json = serde_json::to_string(&listed).unwrap();
        assert!(
            !json.contains(prod.expose())
                && !json.contains(&hex::encode(token_hash(prod.expose())))
        );

        store.revoke_token(listed[0].id).unwrap();
        assert_eq!(store.environment_of_token(prod.expose()).unwrap(), None);
        assert!(
            store
                .environment_of_token(staging.expose())
                .unwrap()
                .is_some()
        );
        assert_eq!(store.list_tokens().unwrap().len(), 1);

        let again = store.revoke_token(listed[0].id).unwrap_err().to_string();
        assert!(
            again.contains(&format!("no token with id {}", listed[0].id)),
            "{again}"
        );
    }
}
