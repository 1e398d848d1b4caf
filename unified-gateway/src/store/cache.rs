//! What the request path found in the database, kept for a short time so that most requests
//! touch no database at all: token hashes with their environment, and accounts with their
//! credential still sealed. Only what exists is kept (an unknown token is looked up every time),
//! so the cache holds at most the records of the database.
//!
//! Invalidation: a change made through this [`Store`](super::Store) (a revoked token, a removed
//! account, a new credential) clears the entries it touches at once. A change made elsewhere
//! (another instance, `unified token revoke` while the gateway runs) is seen once an entry is
//! older than the time to live.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::EnvironmentId;
use super::backend::{AccountRow, TokenHash};

/// How long a found record is trusted unless set otherwise.
pub const DEFAULT_CACHE_TTL: Duration = Duration::from_secs(5);

/// Entries beyond this many are dropped when they have expired, or all at once if none has:
/// a bound on memory whatever the database holds.
const MAX_ENTRIES: usize = 100_000;

/// Token hashes and accounts found recently.
pub(super) struct Cache {
    ttl: Duration,
    tokens: Entries<TokenHash, EnvironmentId>,
    accounts: Entries<(EnvironmentId, String), AccountRow>,
}

impl Cache {
    /// A cache that trusts what it holds for `ttl`; zero keeps nothing.
    pub fn new(ttl: Duration) -> Cache {
        Cache {
            ttl,
            tokens: Entries::default(),
            accounts: Entries::default(),
        }
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    pub fn token(&self, hash: &TokenHash) -> Option<EnvironmentId> {
        self.tokens.get(hash, self.ttl)
    }

    pub fn keep_token(&self, hash: TokenHash, environment: EnvironmentId) {
        self.tokens.put(hash, environment, self.ttl);
    }

    /// Forgets every token: a revocation names a token by id, which the cache does not know.
    pub fn forget_tokens(&self) {
        self.tokens.lock().clear();
    }

    pub fn account(&self, environment: EnvironmentId, id: &str) -> Option<AccountRow> {
        self.accounts.get(&(environment, id.to_owned()), self.ttl)
    }

    pub fn keep_account(&self, environment: EnvironmentId, id: &str, row: AccountRow) {
        self.accounts.put((environment, id.to_owned()), row, self.ttl);
    }

    pub fn forget_account(&self, id: &str) {
        self.accounts.lock().retain(|(_, kept), _| kept != id);
    }
}

/// Values with the moment they were found.
struct Entries<K, V>(Mutex<HashMap<K, (V, Instant)>>);

impl<K, V> Default for Entries<K, V> {
    fn default() -> Self {
        Entries(Mutex::new(HashMap::new()))
    }
}

impl<K: Eq + Hash, V: Clone> Entries<K, V> {
    fn get(&self, key: &K, ttl: Duration) -> Option<V> {
        let entries = self.lock();
        let (value, found) = entries.get(key)?;
        (found.elapsed() < ttl).then(|| value.clone())
    }

    fn put(&self, key: K, value: V, ttl: Duration) {
        if ttl.is_zero() {
            return;
        }
        let mut entries = self.lock();
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (_, found)| found.elapsed() < ttl);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (value, Instant::now()));
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, (V, Instant)>> {
        // Plain data; a panic elsewhere cannot leave it half-changed.
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_is_trusted_for_its_time_to_live_only() {
        let cache = Cache::new(Duration::from_millis(50));
        cache.keep_token([1; 32], EnvironmentId(7));
        assert_eq!(cache.token(&[1; 32]), Some(EnvironmentId(7)));
        assert_eq!(cache.token(&[2; 32]), None);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(cache.token(&[1; 32]), None);
    }

    #[test]
    fn a_zero_time_to_live_keeps_nothing() {
        let cache = Cache::new(Duration::ZERO);
        cache.keep_token([1; 32], EnvironmentId(7));
        assert_eq!(cache.token(&[1; 32]), None);
    }

    #[test]
    fn forgetting_an_account_forgets_it_in_every_environment() {
        let cache = Cache::new(Duration::from_secs(60));
        let row = AccountRow {
            provider: "dixa".to_owned(),
            base_url: "http://x.io".to_owned(),
            sealed: super::super::vault::Sealed {
                nonce: vec![0; 12],
                ciphertext: vec![1; 20],
            },
        };
        cache.keep_account(EnvironmentId(1), "a", row.clone());
        cache.keep_account(EnvironmentId(2), "a", row.clone());
        cache.keep_account(EnvironmentId(1), "b", row);
        cache.forget_account("a");
        assert!(cache.account(EnvironmentId(1), "a").is_none());
        assert!(cache.account(EnvironmentId(2), "a").is_none());
        assert!(cache.account(EnvironmentId(1), "b").is_some());
    }
}
