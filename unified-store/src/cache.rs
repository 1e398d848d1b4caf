//! What the request path found in the database, kept for a short time so that most requests
//! touch no database at all: token hashes with their environment, and accounts with their
//! credential still sealed. Only what exists is kept (an unknown token is looked up every time),
//! so the cache holds at most the records of the database.
//!
//! Invalidation: a change made through this [`Store`](super::Store) (a revoked token, a removed
//! account, a new credential) clears the entries it touches at once, and a lookup that read the
//! database before that change does not put its answer back. A change made elsewhere
//! (another instance, `unified token revoke` while the gateway runs) is seen once an entry is
//! older than the time to live.
//!
//! Every lookup counts as a hit or a miss ([`CacheCounters`]), so an operator can tell whether
//! the time to live keeps the database off the request path.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use super::backend::{AccountRow, TokenHash};
use crate::records::EnvironmentId;

/// How long a found record is trusted unless set otherwise.
pub const DEFAULT_CACHE_TTL: Duration = Duration::from_secs(5);

/// Entries beyond this many are dropped when they have expired, or all at once if none has:
/// a bound on memory whatever the database holds.
const MAX_ENTRIES: usize = 100_000;

/// Token hashes and accounts found recently.
pub(super) struct Cache {
    ttl: Duration,
    tokens: Entries<TokenHash, EnvironmentId>,
    /// By id (a UUID, unique across environments), with the environment it belongs to.
    accounts: Entries<String, (EnvironmentId, AccountRow)>,
    counters: CacheCounters,
}

impl Cache {
    /// A cache that trusts what it holds for `ttl`; zero keeps nothing.
    pub fn new(ttl: Duration) -> Cache {
        Cache {
            ttl,
            tokens: Entries::default(),
            accounts: Entries::default(),
            counters: CacheCounters::default(),
        }
    }

    /// Trusts what it finds from now on for `ttl`, holding nothing found before; the counters
    /// go on.
    pub fn set_ttl(&mut self, ttl: Duration) {
        self.ttl = ttl;
        self.tokens = Entries::default();
        self.accounts = Entries::default();
    }

    /// Its hits and misses, as they grow.
    pub fn counters(&self) -> CacheCounters {
        self.counters.clone()
    }

    /// The environment of the token hashed `hash`, or the miss to keep its lookup with.
    pub fn token(&self, hash: &TokenHash) -> Result<EnvironmentId, Miss> {
        let found = self.tokens.get(hash, self.ttl);
        self.counters.0.tokens.count(found.is_ok());
        found
    }

    pub fn keep_token(&self, miss: Miss, hash: TokenHash, environment: EnvironmentId) {
        self.tokens.put(miss, hash, environment, self.ttl);
    }

    /// Forgets every token: a revocation names a token by id, which the cache does not know.
    pub fn forget_tokens(&self) {
        self.tokens.forget(|_| true);
    }

    /// The account `id` of `environment`, or the miss to keep its lookup with.
    pub fn account(&self, environment: EnvironmentId, id: &str) -> Result<AccountRow, Miss> {
        let found = match self.accounts.get(id, self.ttl) {
            Ok((of, row)) if of == environment => Ok(row),
            // Another environment's account is as absent as one that does not exist.
            Ok(_) => Err(self.accounts.miss()),
            Err(miss) => Err(miss),
        };
        self.counters.0.accounts.count(found.is_ok());
        found
    }

    pub fn keep_account(&self, miss: Miss, environment: EnvironmentId, id: &str, row: AccountRow) {
        self.accounts
            .put(miss, id.to_owned(), (environment, row), self.ttl);
    }

    pub fn forget_account(&self, id: &str) {
        self.accounts.forget(|kept| kept == id);
    }
}

/// How many lookups the cache answered (hits) and how many went to the database (misses), for
/// tokens and for accounts, since the store was opened: counters that only grow, read at any
/// time through a clone (they are shared, so a clone taken once follows the store).
#[derive(Clone, Debug, Default)]
pub struct CacheCounters(Arc<Lookups>);

/// The counters behind [`CacheCounters`].
#[derive(Debug, Default)]
struct Lookups {
    tokens: HitsAndMisses,
    accounts: HitsAndMisses,
}

/// One kind of record's hits and misses.
#[derive(Debug, Default)]
struct HitsAndMisses {
    hits: AtomicU64,
    misses: AtomicU64,
}

impl HitsAndMisses {
    fn count(&self, hit: bool) {
        // Counts only: no other memory is ordered by them.
        let counter = if hit { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    fn read(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }
}

impl CacheCounters {
    /// The counts now.
    pub fn read(&self) -> CacheCounts {
        let (token_hits, token_misses) = self.0.tokens.read();
        let (account_hits, account_misses) = self.0.accounts.read();
        CacheCounts {
            token_hits,
            token_misses,
            account_hits,
            account_misses,
        }
    }
}

/// What [`CacheCounters`] held when read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CacheCounts {
    /// Token lookups the cache answered.
    pub token_hits: u64,
    /// Token lookups that went to the database (unknown tokens among them: they are never kept).
    pub token_misses: u64,
    /// Account lookups the cache answered.
    pub account_hits: u64,
    /// Account lookups that went to the database.
    pub account_misses: u64,
}

/// A lookup that missed, and when: its answer is kept only if nothing was forgotten since.
#[derive(Clone, Copy, Debug)]
pub(super) struct Miss(u64);

/// Values with the moment they were found, and how many times some were forgotten.
struct Entries<K, V> {
    map: Mutex<HashMap<K, (V, Instant)>>,
    forgotten: AtomicU64,
}

impl<K, V> Default for Entries<K, V> {
    fn default() -> Self {
        Entries {
            map: Mutex::new(HashMap::new()),
            forgotten: AtomicU64::new(0),
        }
    }
}

impl<K: Eq + Hash, V: Clone> Entries<K, V> {
    fn get<Q: Hash + Eq + ?Sized>(&self, key: &Q, ttl: Duration) -> Result<V, Miss>
    where
        K: Borrow<Q>,
    {
        let entries = self.lock();
        match entries.get(key) {
            Some((value, found)) if found.elapsed() < ttl => Ok(value.clone()),
            _ => Err(self.miss()),
        }
    }

    /// A miss now: what is read after this is kept unless something is forgotten meanwhile.
    fn miss(&self) -> Miss {
        Miss(self.forgotten.load(Ordering::SeqCst))
    }

    fn put(&self, miss: Miss, key: K, value: V, ttl: Duration) {
        if ttl.is_zero() {
            return;
        }
        let mut entries = self.lock();
        // Read before something was forgotten, the value may be what was forgotten.
        if self.forgotten.load(Ordering::SeqCst) != miss.0 {
            return;
        }
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, (_, found)| found.elapsed() < ttl);
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
        }
        entries.insert(key, (value, Instant::now()));
    }

    /// Forgets the entries whose key is `gone`.
    fn forget(&self, gone: impl Fn(&K) -> bool) {
        let mut entries = self.lock();
        self.forgotten.fetch_add(1, Ordering::SeqCst);
        entries.retain(|key, _| !gone(key));
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<K, (V, Instant)>> {
        // Plain data; a panic elsewhere cannot leave it half-changed.
        self.map
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row() -> AccountRow {
        AccountRow {
            provider: "dixa".to_owned(),
            base_url: "http://x.io".to_owned(),
            sealed: super::super::vault::SealedCredential {
                nonce: vec![0; 12],
                ciphertext: vec![1; 20],
            },
        }
    }

    #[test]
    fn an_entry_is_trusted_for_its_time_to_live_only() {
        let cache = Cache::new(Duration::from_millis(50));
        let miss = cache.token(&[1; 32]).unwrap_err();
        cache.keep_token(miss, [1; 32], EnvironmentId(7));
        assert_eq!(cache.token(&[1; 32]).ok(), Some(EnvironmentId(7)));
        assert!(cache.token(&[2; 32]).is_err());
        std::thread::sleep(Duration::from_millis(60));
        assert!(cache.token(&[1; 32]).is_err());
    }

    #[test]
    fn every_lookup_counts_as_a_hit_or_a_miss() {
        let mut cache = Cache::new(Duration::from_secs(60));
        let counters = cache.counters();
        let miss = cache.token(&[1; 32]).unwrap_err();
        cache.keep_token(miss, [1; 32], EnvironmentId(7));
        cache.token(&[1; 32]).unwrap();
        cache.token(&[1; 32]).unwrap();
        let miss = cache.account(EnvironmentId(1), "a").unwrap_err();
        cache.keep_account(miss, EnvironmentId(1), "a", row());
        cache.account(EnvironmentId(1), "a").unwrap();
        // Another environment's account is a miss, as for one that does not exist.
        cache.account(EnvironmentId(2), "a").unwrap_err();
        let expected = CacheCounts {
            token_hits: 2,
            token_misses: 1,
            account_hits: 1,
            account_misses: 2,
        };
        assert_eq!(counters.read(), expected);
        // A new time to live starts empty, and the counters taken before go on.
        cache.set_ttl(Duration::ZERO);
        cache.token(&[1; 32]).unwrap_err();
        assert_eq!(counters.read().token_misses, 2);
    }

    #[test]
    fn a_zero_time_to_live_keeps_nothing() {
        let cache = Cache::new(Duration::ZERO);
        let miss = cache.token(&[1; 32]).unwrap_err();
        cache.keep_token(miss, [1; 32], EnvironmentId(7));
        assert!(cache.token(&[1; 32]).is_err());
    }

    #[test]
    fn forgetting_an_account_forgets_it_in_every_environment() {
        let cache = Cache::new(Duration::from_secs(60));
        for (environment, id) in [(1, "a"), (2, "a"), (1, "b")] {
            let miss = cache.account(EnvironmentId(environment), id).unwrap_err();
            cache.keep_account(miss, EnvironmentId(environment), id, row());
        }
        cache.forget_account("a");
        assert!(cache.account(EnvironmentId(1), "a").is_err());
        assert!(cache.account(EnvironmentId(2), "a").is_err());
        assert!(cache.account(EnvironmentId(1), "b").is_ok());
    }

    #[test]
    fn a_lookup_that_read_before_a_change_does_not_put_back_what_was_forgotten() {
        let cache = Cache::new(Duration::from_secs(60));
        // A request misses and reads the token's row; meanwhile the token is revoked.
        let miss = cache.token(&[1; 32]).unwrap_err();
        cache.forget_tokens();
        cache.keep_token(miss, [1; 32], EnvironmentId(7));
        assert!(cache.token(&[1; 32]).is_err());
        let miss = cache.account(EnvironmentId(1), "a").unwrap_err();
        cache.forget_account("a");
        cache.keep_account(miss, EnvironmentId(1), "a", row());
        assert!(cache.account(EnvironmentId(1), "a").is_err());
    }
}
