//! A family's series found by a small key: hashing a label set's text in `prometheus-client`'s
//! family costs hundreds of instructions, and the refusal and store-call metrics are kept on
//! every request.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{PoisonError, RwLock};

use prometheus_client::metrics::family::{Family, MetricConstructor};

/// The series of one family by `K`, each created in the family the first time its key comes
/// (so a scrape shows the same series as the family alone would) and found here from then on.
pub(crate) struct Series<K, L, M> {
    family: Family<L, M, fn() -> M>,
    found: RwLock<HashMap<K, M, foldhash::fast::RandomState>>,
}

impl<K: Copy + Eq + Hash, L: Clone + Eq + Hash, M: Clone> Series<K, L, M>
where
    fn() -> M: MetricConstructor<M>,
{
    /// The series of `family` (registered by the caller).
    pub fn new(family: Family<L, M, fn() -> M>) -> Self {
        Series {
            family,
            found: RwLock::default(),
        }
    }

    /// Runs `record` on the series of `key`, taken from the family under the labels `labels`
    /// gives the first time (a family's metric is a handle on the series it keeps).
    pub fn record(&self, key: K, labels: impl FnOnce() -> L, record: impl FnOnce(&M)) {
        let found = self.found.read().unwrap_or_else(PoisonError::into_inner);
        if let Some(series) = found.get(&key) {
            record(series);
            return;
        }
        drop(found);
        let series = self.family.get_or_create(&labels()).clone();
        record(&series);
        self.found
            .write()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(key, series);
    }
}
