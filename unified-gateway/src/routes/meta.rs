//! `GET /unified/{model}/{resource}/{provider}/meta/{method}`: the three schemas of one operation
//! for one provider (or `unified`), the same documents `unified export` writes, so a frontend
//! can build the right form before it sends anything.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use unified_core::{Part, ProviderSet, View};

use crate::gateway::Gateway;
use crate::http::envelope::ApiError;
use crate::routes::did_you_mean;
use crate::unified::request::with_query_conventions;

/// The handler.
pub async fn meta<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    path: Result<Path<(String, String, String, String)>, axum::extract::rejection::PathRejection>,
    headers: HeaderMap,
) -> Response {
    match answer(&gateway, path, &headers).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn answer<S: ProviderSet>(
    gateway: &Gateway<S>,
    path: Result<Path<(String, String, String, String)>, axum::extract::rejection::PathRejection>,
    headers: &HeaderMap,
) -> Result<Response, ApiError> {
    gateway.authenticate(headers).await?;
    let Ok(Path((model, resource, provider, method))) = path else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "no such endpoint"));
    };
    let name = format!("{model}/{resource}");
    let operation = gateway.registry().find(&name, &method).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!(
                "no method `{method}` for unified model `{name}`{}",
                did_you_mean(
                    &method,
                    gateway
                        .registry()
                        .operations()
                        .iter()
                        .filter(|operation| operation.model() == name)
                        .map(|operation| operation.name())
                )
            ),
        )
    })?;
    let view = View::<S>::from_id(&provider).ok_or_else(|| {
        let known = View::<S>::all().map(View::id);
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no provider `{provider}`{}", did_you_mean(&provider, known)),
        )
    })?;
    Ok(axum::Json(json!({
        "method": method,
        "request_body_schema": operation.schema(Part::Body, view),
        "query_schema": with_query_conventions(operation.schema(Part::Query, view)),
        "response_schema": operation.schema(Part::Response, view),
    }))
    .into_response())
}
