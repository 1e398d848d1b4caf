//! The unified API gateway: serves the operations of a [`Registry`](unified_core::Registry) over
//! HTTP in the shape of the unified API (`POST /unified/{model}/{resource}`), authenticates with
//! API tokens per environment, validates the query and body for the integrated account's
//! provider, and only then dispatches through that provider's adapter. It is generic over the
//! provider set: [`Gateway::new`] takes the user's registry and adapters.

mod config;
mod dispatch;
mod drain;
mod envelope;
mod error;
mod extract;
mod gateway;
mod json_body;
mod migrations;
mod private_file;
mod request;
mod router;
mod routes;
mod scrub;
mod server;
mod shaping;
mod store;
mod vault;
mod watched;

pub use config::GatewayConfig;
pub use envelope::ApiError;
pub use error::{SetupError, StoreError};
pub use extract::{ResolveProvider, Validated, ValidatedQuery};
pub use gateway::Gateway;
pub use store::{
    Account, AccountSummary, EnvironmentId, Store, StoreSummary, TokenSummary, key_file_for,
};
pub use vault::KEY_VARIABLE;
