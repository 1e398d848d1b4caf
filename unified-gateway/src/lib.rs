//! The unified API gateway: serves the operations of a [`Registry`](unified_core::Registry) over
//! HTTP in the shape of the unified API (`POST /unified/{model}/{resource}`), authenticates with
//! API tokens per environment, validates the query and body for the integrated account's
//! provider, and only then dispatches through that provider's adapter. It is generic over the
//! provider set: [`Gateway::new`] takes the user's registry and adapters.

mod auth_header;
mod config;
mod connection;
mod error;
mod failure;
pub mod fuzzing;
mod gateway;
mod http;
mod http_client;
mod metrics;
mod provider_client;
mod router;
mod routes;
#[cfg(test)]
mod test_support;
mod unified;

pub use config::GatewayConfig;
pub use error::SetupError;
pub use gateway::Gateway;
pub use http::envelope::ApiError;
pub use http::extract::{ResolveProvider, Validated, ValidatedQuery};
pub use http_client::http_client_builder;
// The records the gateway serves from are `unified-store`'s; its types are named here too, for
// code that builds a gateway.
pub use unified_store::{
    Account, AccountSummary, CacheCounters, CacheCounts, DEFAULT_CACHE_TTL, EnvironmentId,
    KEY_VARIABLE, Store, StoreError, StoreSummary, TokenSummary, key_file_for,
};
