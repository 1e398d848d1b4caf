//! The probes, without a token: `GET /healthz` (liveness) answers 200 while the database
//! answers; `GET /readyz` (readiness) the same, and 503 from the moment shutdown begins. Both
//! are served only once the store is open and migrated, so neither answers before.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use unified_core::ProviderSet;

use crate::failure::Failure;
use crate::gateway::Gateway;
use crate::metrics::StoreCall;

/// The handler.
pub async fn healthz<S: ProviderSet>(State(gateway): State<Gateway<S>>) -> Response {
    match gateway
        .stored(StoreCall::Health, gateway.store().check_health())
        .await
    {
        Ok(()) => axum::Json(serde_json::json!({"status": "ok"})).into_response(),
        Err(_) => Failure::Unhealthy.into_response(),
    }
}

/// The readiness handler: 503 while draining or while the database does not answer.
pub async fn readyz<S: ProviderSet>(State(gateway): State<Gateway<S>>) -> Response {
    if gateway.draining() {
        return Failure::Draining.into_response();
    }
    match gateway
        .stored(StoreCall::Health, gateway.store().check_health())
        .await
    {
        Ok(()) => axum::Json(serde_json::json!({"status": "ready"})).into_response(),
        Err(_) => Failure::Unhealthy.into_response(),
    }
}
