//! The gateway's metrics, served in Prometheus' text format at `GET /metrics`: the requests it
//! answered, the requests it refused for violations, how long providers and the store took, how
//! often the cache spared the database, and the connections open. A label only ever holds a
//! route template, a method, a status, a provider id, a part or a violation's stable code, never
//! a value a request carried, so a client cannot grow the series without bound.

mod cache;
mod connections;
mod latency;
mod refusals;
mod requests;
mod series;

use prometheus_client::registry::Registry;
use unified_store::CacheCounters;

pub(crate) use connections::Connections;
pub(crate) use latency::{ProviderAnswer, StoreCall};
pub(crate) use requests::{AnsweredFor, UNMATCHED};

/// The `Content-Type` of what [`Metrics::encode`] writes: Prometheus' text format 0.0.4.
pub(crate) const CONTENT_TYPE: &str = prometheus_client::encoding::prometheus_text::CONTENT_TYPE;

/// Every metric of one gateway, registered under the `unified_` prefix.
pub(crate) struct Metrics {
    registry: Registry,
    /// Answers, by route, method, status and provider.
    pub requests: requests::Requests,
    /// 400s for violations, by provider, part and code.
    pub refusals: refusals::Refusals,
    /// Calls to providers, by provider and what answered.
    pub provider_calls: latency::ProviderCalls,
    /// Store calls on the request path, by operation.
    pub store_calls: latency::StoreCalls,
    /// Client connections open now.
    pub connections: Connections,
}

impl Metrics {
    /// The metrics of a gateway whose store counts its cache's lookups in `cache`.
    pub fn new(cache: CacheCounters) -> Metrics {
        let mut registry = Registry::with_prefix("unified");
        Metrics {
            requests: requests::Requests::registered(&mut registry),
            refusals: refusals::Refusals::registered(&mut registry),
            provider_calls: latency::ProviderCalls::registered(&mut registry),
            store_calls: latency::StoreCalls::registered(&mut registry),
            connections: Connections::registered(&mut registry),
            registry: cache::register(registry, cache),
        }
    }

    /// Every metric as it stands, in Prometheus' text format.
    pub fn encode(&self) -> Result<String, std::fmt::Error> {
        let mut text = String::new();
        prometheus_client::encoding::prometheus_text::encode(&mut text, &self.registry)?;
        Ok(text)
    }
}
