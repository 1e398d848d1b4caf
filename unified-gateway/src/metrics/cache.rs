//! `unified_store_cache_lookups_total`: the store's token and account lookups, by whether its
//! cache answered. The store counts them itself (plain atomics, no dependency on this crate);
//! a collector reads them at each scrape, so they are real counters without a copy kept here.

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::registry::Registry;
use unified_store::CacheCounters;

/// `registry` with the collector of `counters` added.
pub(super) fn register(mut registry: Registry, counters: CacheCounters) -> Registry {
    registry.register_collector(Box::new(CacheLookups(counters)));
    registry
}

/// Reads the store's counters when scraped.
#[derive(Debug)]
struct CacheLookups(CacheCounters);

impl Collector for CacheLookups {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let counts = self.0.read();
        let sample = ConstCounter::new(0u64);
        let mut family = encoder.encode_descriptor(
            "store_cache_lookups",
            "Token and account lookups on the request path, by record (token, account) and \
             result: hit (the cache answered) or miss (the database was asked)",
            None,
            sample.metric_type(),
        )?;
        for (record, result, value) in [
            ("token", "hit", counts.token_hits),
            ("token", "miss", counts.token_misses),
            ("account", "hit", counts.account_hits),
            ("account", "miss", counts.account_misses),
        ] {
            let labels = [("record", record), ("result", result)];
            ConstCounter::new(value).encode(family.encode_family(&labels)?)?;
        }
        Ok(())
    }
}
