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
