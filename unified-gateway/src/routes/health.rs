//! `GET /healthz`, without a token: 200 while the database answers, else 503.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use unified_core::ProviderSet;

use crate::failure::Failure;
use crate::gateway::Gateway;

/// The handler.
pub async fn healthz<S: ProviderSet>(State(gateway): State<Gateway<S>>) -> Response {
    match gateway.stored(gateway.store().check_health()).await {
        Ok(()) => axum::Json(serde_json::json!({"status": "ok"})).into_response(),
        Err(_) => Failure::Unhealthy.into_response(),
    }
}
