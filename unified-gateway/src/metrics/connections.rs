//! `unified_open_connections`: the client connections open now on the gateway's listener.

use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

/// The gauge, handed to the server loop.
#[derive(Clone, Debug)]
pub(crate) struct Connections(Gauge);

impl Connections {
    pub fn registered(registry: &mut Registry) -> Connections {
        let gauge = Gauge::default();
        registry.register(
            "open_connections",
            "Client connections open now on the gateway's listener (not the metrics listener)",
            gauge.clone(),
        );
        Connections(gauge)
    }

    /// One more connection, counted until the value returned is dropped.
    pub fn opened(&self) -> OpenConnection {
        self.0.inc();
        OpenConnection(self.0.clone())
    }
}

/// A connection counted as open; dropping it, however the connection ends, counts it closed.
#[derive(Debug)]
pub(crate) struct OpenConnection(Gauge);

impl Drop for OpenConnection {
    fn drop(&mut self) {
        self.0.dec();
    }
}
