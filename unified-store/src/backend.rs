//! What a database of the gateway's records does, whichever it is: the one trait that the SQLite
//! and the PostgreSQL stores implement. Checking, sealing, hashing and caching are the
//! [`Store`](super::Store)'s, around the trait, so both databases share them.

use std::future::Future;
use std::pin::Pin;

use super::vault::SealedCredential;
use crate::error::StoreError;
use crate::records::{AccountSummary, EnvironmentId, TokenSummary};

/// What a database call gives back, later.
pub(crate) type Answer<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// A token's SHA-256: all that is kept of it.
pub(crate) type TokenHash = [u8; 32];

/// An integrated account as stored: its credential still sealed.
#[derive(Clone, Debug)]
pub(crate) struct AccountRow {
    pub provider: String,
    pub base_url: String,
    pub sealed: SealedCredential,
}

/// A new integrated account's row.
pub(crate) struct NewAccount {
    pub id: String,
    pub environment: EnvironmentId,
    pub row: AccountRow,
}

/// How many records there are, counted at one moment.
pub(crate) struct Counts {
    pub environments: u64,
    pub tokens: u64,
    pub accounts: u64,
}

/// The migrations still to apply to a database at schema version `applied`, of `known`; a
/// newer database is refused, since this build would misread it.
pub(crate) fn pending(applied: i64, known: usize) -> Result<std::ops::Range<usize>, StoreError> {
    let applied = usize::try_from(applied).unwrap_or(usize::MAX);
    if applied > known {
        return Err(StoreError::refused(format!(
            "the database is at schema version {applied}, newer than this build knows ({known})"
        )));
    }
    Ok(applied..known)
}

/// A key's or a request's SHA-256.
pub(crate) type Digest256 = [u8; 32];

/// A new claim of a key.
pub(crate) struct NewClaim {
    pub environment: EnvironmentId,
    pub key: Digest256,
    pub request: Digest256,
    /// Milliseconds since the Unix epoch, as every time of the table.
    pub now: i64,
    pub expires_at: i64,
}

/// A live key as stored.
pub(crate) struct KeyRow {
    pub request: Vec<u8>,
    pub claimed_at: i64,
    /// The kept answer, once the request has one.
    pub answer: Option<StoredAnswer>,
}

/// A kept answer as stored: its body sealed.
pub(crate) struct StoredAnswer {
    pub status: i64,
    pub content_type: Option<String>,
    pub sealed: SealedCredential,
}

/// The kept answer in a row's columns (status, media type, nonce, ciphertext), if it has one.
pub(crate) fn stored_answer(
    status: Option<i64>,
    content_type: Option<String>,
    nonce: Option<Vec<u8>>,
    ciphertext: Option<Vec<u8>>,
) -> Option<StoredAnswer> {
    Some(StoredAnswer {
        status: status?,
        content_type,
        sealed: SealedCredential {
            nonce: nonce?,
            ciphertext: ciphertext?,
        },
    })
}

/// The idempotency keys' operations on one database.
pub(crate) trait KeyRecords {
    /// Forgets expired keys, then claims `claim.key` unless a live claim holds it; whether this
    /// call claimed it.
    fn claim_key(&self, claim: NewClaim) -> Answer<'_, bool>;
    /// The key `key` of `environment`, unless it expired by `now`.
    fn key(
        &self,
        environment: EnvironmentId,
        key: Digest256,
        now: i64,
    ) -> Answer<'_, Option<KeyRow>>;
    /// Keeps the answer of the claimed key's request.
    fn finish_key(
        &self,
        environment: EnvironmentId,
        key: Digest256,
        answer: StoredAnswer,
    ) -> Answer<'_, ()>;
    /// Forgets a claim whose request was never dispatched.
    fn release_key(&self, environment: EnvironmentId, key: Digest256) -> Answer<'_, ()>;
}

/// The records' operations on one database. Arguments are owned so that a call may run on
/// another thread (SQLite's blocking calls do).
pub(crate) trait Backend: KeyRecords + Send + Sync + 'static {
    /// The database, as it is named to the user: a path, or a URL without its password.
    fn location(&self) -> &str;
    /// How many environments, tokens and accounts there are.
    fn counts(&self) -> Answer<'_, Counts>;
    /// Proves the database answers and holds the gateway's tables.
    fn check_health(&self) -> Answer<'_, ()>;
    /// The environment called `name`, made first when `create` and it does not exist.
    fn environment(&self, name: String, create: bool) -> Answer<'_, Option<EnvironmentId>>;
    /// Keeps a new token's hash for `environment`.
    fn insert_token(&self, environment: EnvironmentId, hash: TokenHash) -> Answer<'_, ()>;
    /// The environment of the token whose hash is `hash`.
    fn environment_of_token(&self, hash: TokenHash) -> Answer<'_, Option<EnvironmentId>>;
    /// Every token, oldest first.
    fn list_tokens(&self) -> Answer<'_, Vec<TokenSummary>>;
    /// Deletes the token `id`; whether there was one.
    fn delete_token(&self, id: i64) -> Answer<'_, bool>;
    /// Keeps a new account.
    fn insert_account(&self, account: NewAccount) -> Answer<'_, ()>;
    /// The account `id` of `environment`.
    fn account(&self, environment: EnvironmentId, id: String) -> Answer<'_, Option<AccountRow>>;
    /// Every account, oldest first.
    fn list_accounts(&self) -> Answer<'_, Vec<AccountSummary>>;
    /// Deletes the account `id`; whether there was one.
    fn delete_account(&self, id: String) -> Answer<'_, bool>;
    /// Replaces the sealed credential of the account `id`; whether there was one.
    fn update_credential(&self, id: String, sealed: SealedCredential) -> Answer<'_, bool>;
    /// The value sealed under the database's key when it was first opened, if it was.
    fn key_check(&self) -> Answer<'_, Option<SealedCredential>>;
    /// Keeps `sealed` as the key check, unless another opening kept one first.
    fn keep_key_check(&self, sealed: SealedCredential) -> Answer<'_, ()>;
}
