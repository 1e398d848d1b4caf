//! The gateway's settings.

use std::time::Duration;

/// How the gateway behaves; [`GatewayConfig::default`] is what `unified serve` uses.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct GatewayConfig {
    /// How long a provider may take to answer before the call is a 504.
    pub provider_timeout: Duration,
    /// The largest request body accepted, in bytes; larger ones are a 413.
    pub body_limit: usize,
}

impl Default for GatewayConfig {
    fn default() -> Self {
        GatewayConfig {
            provider_timeout: Duration::from_secs(30),
            body_limit: 1024 * 1024,
        }
    }
}

impl GatewayConfig {
    /// These settings with another provider timeout.
    pub fn with_provider_timeout(mut self, timeout: Duration) -> Self {
        self.provider_timeout = timeout;
        self
    }
}
