//! `GET /unified/{model}/{resource}/{provider}/meta/{method}`: the three schemas of one operation
//! for one provider (or `unified`) as this gateway checks requests, so a frontend can build the
//! right form before it sends anything.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use unified_core::json;
use unified_core::{Part, ProviderSet, Target};

use crate::failure::Failure;
use crate::gateway::Gateway;
use crate::routes::did_you_mean;
use unified_openapi::served_schema;

/// The handler.
pub async fn meta<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    path: Result<Path<(String, String, String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    match answer(&gateway, path, &headers).await {
        Ok(response) => response,
        Err(failure) => failure.into_response(),
    }
}

async fn answer<S: ProviderSet>(
    gateway: &Gateway<S>,
    path: Result<Path<(String, String, String, String)>, PathRejection>,
    headers: &HeaderMap,
) -> Result<Response, Failure> {
    gateway.authenticate(headers).await?;
    let Ok(Path((model, resource, provider, method))) = path else {
        return Err(Failure::NoEndpoint);
    };
    let name = format!("{model}/{resource}");
    let registry = gateway.registry();
    let operation = registry
        .operations()
        .iter()
        .find(|operation| operation.model() == name && operation.name() == method)
        .ok_or_else(|| Failure::NoMethod {
            suggestion: did_you_mean(
                &method,
                registry
                    .operations()
                    .iter()
                    .filter(|operation| operation.model() == name)
                    .map(|operation| operation.name()),
            ),
        })?;
    let view = Target::<S>::from_id(&provider).ok_or_else(|| Failure::NoView {
        suggestion: did_you_mean(&provider, Target::<S>::all().map(Target::id)),
    })?;
    let served = |part| served_schema(operation, gateway.adapters(), part, view);
    Ok(axum::Json(json!({
        "method": operation.name(),
        "request_body_schema": served(Part::Body),
        "query_schema": served(Part::Query),
        "response_schema": served(Part::Response),
    }))
    .into_response())
}
