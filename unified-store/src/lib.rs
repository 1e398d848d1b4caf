//! The records of a unified API gateway: environments, API tokens (only their SHA-256 is kept)
//! and integrated accounts (credentials sealed by the vault), in one SQLite file or in a
//! PostgreSQL database that several instances share. Both are one backend; opening (`store`), the checks,
//! the sealing and the request path's cache are written once for both, with `tokens` and
//! `accounts`. The gateway serves from a [`Store`]; the `unified token` and `unified account`
//! commands change one without building an HTTP stack.

mod accounts;
mod backend;
mod cache;
mod checks;
mod error;
pub mod fuzzing;
mod idempotency;
mod postgres;
mod private_file;
mod records;
mod sqlite;
mod statements;
mod store;
mod tokens;
mod vault;

pub use accounts::Account;
pub use cache::{CacheCounters, CacheCounts, DEFAULT_CACHE_TTL};
pub use error::StoreError;
pub use idempotency::{Claim, DEFAULT_KEY_RETENTION, KeptAnswer, KeyClaim, RequestFingerprint};
pub use records::{AccountSummary, EnvironmentId, StoreSummary, TokenSummary};
pub use sqlite::key_file_for;
pub use store::Store;
pub use vault::KEY_VARIABLE;

#[cfg(test)]
mod tests;
