//! `unified_http_requests_total`: every answer, counted once it is made, by the route's template,
//! the method, the status and the integrated account's provider.

use axum::http::Method;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::registry::Registry;

/// The route label of a request no route matched: its path is the client's, so never a label.
pub(crate) const UNMATCHED: &str = "unmatched";

/// The provider of the integrated account a request was answered for, carried from the handler
/// to the layer that counts the answer as a response extension.
#[derive(Clone, Copy, Debug)]
pub(crate) struct AnsweredFor(pub &'static str);

/// The answers counted so far.
pub(crate) struct Requests(Family<Labels, Counter>);

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Labels {
    route: String,
    method: &'static str,
    status: u16,
    provider: &'static str,
}

impl Requests {
    pub fn registered(registry: &mut Registry) -> Requests {
        let family = Family::default();
        registry.register(
            "http_requests",
            "Requests answered, by route template (`unmatched` when no route took the path), \
             method, status and the integrated account's provider (empty when not known)",
            family.clone(),
        );
        Requests(family)
    }

    /// Counts an answer of `status` to `method` on `route` (a template, or [`UNMATCHED`]).
    pub fn count(
        &self,
        route: String,
        method: &Method,
        status: u16,
        provider: Option<AnsweredFor>,
    ) {
        let labels = Labels {
            route,
            method: method_label(method),
            status,
            provider: provider.map_or("", |AnsweredFor(id)| id),
        };
        self.0.get_or_create(&labels).inc();
    }
}

/// The method as a label: HTTP's own methods by name, any other (a client can make them up)
/// as `other`.
fn method_label(method: &Method) -> &'static str {
    const KNOWN: [Method; 9] = [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
        Method::HEAD,
        Method::OPTIONS,
        Method::CONNECT,
        Method::TRACE,
    ];
    const NAMES: [&str; 9] = [
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "CONNECT", "TRACE",
    ];
    KNOWN
        .iter()
        .position(|known| known == method)
        .map_or("other", |index| NAMES[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_made_up_method_is_other() {
        assert_eq!(method_label(&Method::PATCH), "PATCH");
        let made_up = Method::from_bytes(b"MARKER").unwrap();
        assert_eq!(method_label(&made_up), "other");
    }
}
