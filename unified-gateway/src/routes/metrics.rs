//! `GET /metrics`: the gateway's metrics in Prometheus' text format, without a token (a
//! scraper holds none, and no label carries a value from a request).

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use unified_core::ProviderSet;

use crate::failure::Failure;
use crate::gateway::Gateway;
use crate::http::envelope::ApiError;
use crate::metrics::CONTENT_TYPE;

/// The handler; routed only while metrics are on.
pub async fn metrics<S: ProviderSet>(State(gateway): State<Gateway<S>>) -> Response {
    let Some(metrics) = gateway.metrics() else {
        return Failure::NoEndpoint.into_response();
    };
    match metrics.encode() {
        Ok(text) => ([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response(),
        Err(_) => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the metrics could not be written",
        )
        .into_response(),
    }
}
