//! The unified API gateway: serves the shipped models over HTTP in the shape of the unified API
//! (`POST /unified/{model}/{resource}`), authenticates with API tokens per environment, validates
//! the query and body for the integrated account's provider, and only then dispatches through that
//! provider's adapter.

mod app;
mod config;
mod dispatch;
mod drain;
mod envelope;
mod error;
mod migrations;
mod private_file;
mod routes;
mod scrub;
mod server;
mod shaping;
mod store;
mod vault;
mod watched;

pub use app::Gateway;
pub use config::GatewayConfig;
pub use error::SetupError;
pub use store::{
    Account, AccountSummary, EnvironmentId, Store, StoreSummary, TokenSummary, key_file_for,
};
pub use vault::KEY_VARIABLE;
