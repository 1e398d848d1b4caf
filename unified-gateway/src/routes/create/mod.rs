//! `POST /unified/{model}/{resource}`: the gateway's steps, one after the other: authenticate,
//! find the operation, read each part of the request once, find the integrated account, check
//! each part for the account's provider into the views its adapter takes (the model, the
//! conventions, what the provider's API and the create need), dispatch, and shape the answer.

mod check;
mod send;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use unified_core::{ProviderSet, Target};

use crate::failure::Failure;
use crate::gateway::Gateway;
use crate::http::json_body::read_json;
use crate::unified::request::UnifiedRequest;
use unified_openapi::contract::CREATE;

/// The handler.
pub async fn create<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    path: Result<Path<(String, String)>, PathRejection>,
    request: Request,
) -> Response {
    match answer(&gateway, path, request).await {
        Ok(response) => response,
        Err(failure) => failure.into_response(),
    }
}

async fn answer<S: ProviderSet>(
    gateway: &Gateway<S>,
    path: Result<Path<(String, String)>, PathRejection>,
    request: Request,
) -> Result<Response, Failure> {
    let (parts, body) = request.into_parts();
    let environment = gateway.authenticate(&parts.headers).await?;
    let Ok(Path((model, resource))) = path else {
        return Err(Failure::NoEndpoint);
    };
    let operation = gateway.operation(&model, &resource, CREATE)?;
    let text = read_json(&parts.headers, body, gateway.config()).await?;
    let request = UnifiedRequest::read(operation, parts.uri.query().unwrap_or(""), &text)?;
    let Some(account_id) = request.account_id() else {
        // Without an account there is no provider: say everything that is wrong for all.
        return Err(Failure::Invalid(request.without_account(Target::UNIFIED)));
    };
    let account = gateway.account(environment, &account_id).await?;
    let checked = check::for_provider(gateway, &request, account.provider)?;
    send::send(gateway, &account, &request, checked).await
}
