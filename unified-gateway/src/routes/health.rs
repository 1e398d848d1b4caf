//! `GET /healthz`, without a token: 200 while the database answers, else 503.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use unified_core::ProviderSet;

use crate::gateway::Gateway;
use crate::http::envelope::ApiError;

/// The handler.
pub async fn healthz<S: ProviderSet>(State(gateway): State<Gateway<S>>) -> Response {
    match gateway.stored(gateway.store().check_health()).await {
        Ok(()) => axum::Json(serde_json::json!({"status": "ok"})).into_response(),
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the gateway's storage does not answer; see its log",
        )
        .into_response(),
    }
}
