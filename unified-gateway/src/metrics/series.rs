//! A family's series found by a small key: hashing a label set's text in `prometheus-client`'s
//! family costs hundreds of instructions, and the refusal and store-call metrics are kept on
//! every request.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{PoisonError, RwLock};

/// The series of one family by `K`, each created in the family the first time its key comes
/// (so a scrape shows the same series as the family alone would) and found here from then on.
pub(crate) struct Series<K, M>(RwLock<HashMap<K, M, foldhash::fast::RandomState>>);

impl<K, M> Default for Series<K, M> {
    fn default() -> Self {
        Series(RwLock::default())
    }
}

impl<K: Copy + Eq + Hash, M: Clone> Series<K, M> {
    /// Runs `record` on the series of `key`, which `create` takes from the family the first
    /// time (a family's metric is a handle on the series it keeps).
    pub fn record(&self, key: K, create: impl FnOnce() -> M, record: impl FnOnce(&M)) {
        let found = self.0.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(series) = found.get(&key) {
            record(series);
            return;
        }
        drop(found);
        let series = create();
        record(&series);
        self.0
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, series);
    }
}
