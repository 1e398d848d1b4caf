//! The gateway's settings.

use std::net::SocketAddr;
use std::time::Duration;

/// How the gateway behaves; [`GatewayConfig::default`] is what `unified serve` uses. Every
/// field can be set on a default value (`config.max_connections = 64`).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct GatewayConfig {
    /// How long a provider may take to answer (its whole answer) before the call is a 504.
    pub provider_timeout: Duration,
    /// The largest provider answer read, in bytes; a larger one is a 502 and the connection to
    /// the provider is dropped.
    pub provider_answer_limit: usize,
    /// The largest request body accepted, in bytes; larger ones are a 413.
    pub body_limit: usize,
    /// How long a client may take to send a request's headers, counted from its first byte.
    /// A client that is slower is disconnected.
    pub header_timeout: Duration,
    /// How long a client may take to send a request's body once its headers are in; a slower
    /// one gets a 408 and is disconnected.
    pub body_timeout: Duration,
    /// How long a connection may stay open with no request on it (before the first, or between
    /// two on a kept-alive connection) before it is closed.
    pub idle_timeout: Duration,
    /// How many client connections are served at once; further ones wait to be accepted.
    /// Keep it below the process's open-file limit.
    pub max_connections: usize,
    /// The most bytes of request bodies held at once, across all connections: a request with a
    /// body reserves its declared length (the body limit when undeclared) until its answer is
    /// sent, and waits for room, up to the body timeout, else gets a 503. Never less than the
    /// body limit.
    pub body_memory_limit: usize,
    /// How long the gateway goes on taking connections once shutdown begins, with `/readyz`
    /// answering 503, so a load balancer stops sending to it before it stops listening.
    pub drain_delay: Duration,
    /// How long the answer to a write sent with an `Idempotency-Key` is kept and given again to
    /// a repeat of the same request; after it, the key is free.
    pub idempotency_retention: Duration,
    /// Whether the gateway keeps metrics and serves them at `GET /metrics` (on by default).
    /// Off, nothing is counted or timed and `/metrics` is a 404: for measuring their cost.
    pub metrics: bool,
    /// Where `GET /metrics` is served: `None` (the default) on the gateway's own listener; an
    /// address, on a listener of its own there (a port only the monitoring network reaches),
    /// and then not on the gateway's. [`Gateway::serve`](crate::Gateway::serve) binds it.
    pub metrics_addr: Option<SocketAddr>,
}

impl Default for GatewayConfig {
    fn default() -> Self {
        GatewayConfig {
            provider_timeout: Duration::from_secs(30),
            provider_answer_limit: 10 * 1024 * 1024,
            body_limit: 1024 * 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            idle_timeout: Duration::from_secs(60),
            max_connections: 512,
            body_memory_limit: 16 * 1024 * 1024,
            drain_delay: Duration::ZERO,
            idempotency_retention: unified_store::DEFAULT_KEY_RETENTION,
            metrics: true,
            metrics_addr: None,
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
