//! The statements both databases run, written once so that both keep and answer the same
//! records. Parameters are `$1`, `$2`, ... in the order they appear, which PostgreSQL numbers
//! and SQLite binds by position alike.

pub const COUNTS: &str = "SELECT (SELECT count(*) FROM environments),
        (SELECT count(*) FROM api_tokens),
        (SELECT count(*) FROM integrated_accounts)";

pub const HEALTH: &str = "SELECT EXISTS (SELECT 1 FROM api_tokens)";

pub const CREATE_ENVIRONMENT: &str =
    "INSERT INTO environments (name) VALUES ($1) ON CONFLICT (name) DO NOTHING";

pub const ENVIRONMENT: &str = "SELECT id FROM environments WHERE name = $1";

pub const INSERT_TOKEN: &str =
    "INSERT INTO api_tokens (environment_id, token_sha256) VALUES ($1, $2)";

pub const ENVIRONMENT_OF_TOKEN: &str =
    "SELECT environment_id FROM api_tokens WHERE token_sha256 = $1";

pub const LIST_TOKENS: &str = "SELECT t.id, e.name, t.created_at
    FROM api_tokens t JOIN environments e ON e.id = t.environment_id
    ORDER BY t.id";

pub const DELETE_TOKEN: &str = "DELETE FROM api_tokens WHERE id = $1";

pub const INSERT_ACCOUNT: &str = "INSERT INTO integrated_accounts
    (id, environment_id, provider, base_url, credential_nonce, credential_ciphertext)
    VALUES ($1, $2, $3, $4, $5, $6)";

pub const ACCOUNT: &str = "SELECT provider, base_url, credential_nonce, credential_ciphertext
    FROM integrated_accounts WHERE id = $1 AND environment_id = $2";

/// Every account, oldest first; `$insertion` is the column that orders accounts added in one
/// second (SQLite's `rowid`, PostgreSQL's `added`).
macro_rules! list_accounts {
    ($insertion:literal) => {
        concat!(
            "SELECT a.id, e.name, a.provider, a.base_url, a.created_at
             FROM integrated_accounts a JOIN environments e ON e.id = a.environment_id
             ORDER BY a.created_at, a.",
            $insertion
        )
    };
}
pub(super) use list_accounts;

pub const DELETE_ACCOUNT: &str = "DELETE FROM integrated_accounts WHERE id = $1";

pub const UPDATE_CREDENTIAL: &str = "UPDATE integrated_accounts
    SET credential_nonce = $1, credential_ciphertext = $2 WHERE id = $3";

pub const KEY_CHECK: &str = "SELECT nonce, ciphertext FROM key_check";

pub const KEEP_KEY_CHECK: &str = "INSERT INTO key_check (id, nonce, ciphertext) VALUES (1, $1, $2)
    ON CONFLICT (id) DO NOTHING";

/// Forgets every idempotency key whose retention has passed.
pub const PURGE_KEYS: &str = "DELETE FROM idempotency_keys WHERE expires_at <= $1";

/// Claims a key for a request, unless a live claim holds it: a new row, or an expired row
/// taken over. One row changed means claimed.
pub const CLAIM_KEY: &str = "INSERT INTO idempotency_keys
    (environment_id, key_sha256, request_sha256, claimed_at, expires_at)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (environment_id, key_sha256) DO UPDATE SET
        request_sha256 = excluded.request_sha256, claimed_at = excluded.claimed_at,
        expires_at = excluded.expires_at, status = NULL, content_type = NULL,
        answer_nonce = NULL, answer_ciphertext = NULL
    WHERE idempotency_keys.expires_at <= $4";

/// A live key's request, when it was claimed, and its kept answer once there is one.
pub const KEY: &str = "SELECT request_sha256, claimed_at, status, content_type, answer_nonce,
    answer_ciphertext FROM idempotency_keys WHERE environment_id = $1 AND key_sha256 = $2 AND expires_at > $3";

/// Keeps the answer of a claimed key's request.
pub const FINISH_KEY: &str = "UPDATE idempotency_keys
    SET status = $1, content_type = $2, answer_nonce = $3, answer_ciphertext = $4
    WHERE environment_id = $5 AND key_sha256 = $6 AND status IS NULL";

/// Gives back a claim whose request was never dispatched.
pub const RELEASE_KEY: &str =
    "DELETE FROM idempotency_keys WHERE environment_id = $1 AND key_sha256 = $2 AND status IS NULL";
