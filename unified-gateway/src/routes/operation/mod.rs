//! The routes of a model's records, one per action: `POST /unified/{model}/{resource}` (create),
//! `GET` of it (list), and `GET`, `PATCH` and `DELETE /unified/{model}/{resource}/{id}` (get,
//! update, delete). Each takes the same steps, one after the other: authenticate, find the
//! operation, read each part of the request once, find the integrated account, check each part
//! for the account's provider into the views its adapter takes (the model, the conventions,
//! what the provider's API and the route need), dispatch, and shape the answer.

mod check;
mod idempotency;
mod send;

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use unified_core::{Action, Provider, ProviderSet, Target};

use crate::failure::Failure;
use crate::gateway::Gateway;
use crate::http::json_body::read_json;
use crate::metrics::AnsweredFor;
use crate::unified::request::UnifiedRequest;
use unified_store::EnvironmentId;

/// The path of a route of the model's records: the model, and the record's id where the route
/// names one.
type RecordPath = Result<Path<Vec<String>>, PathRejection>;

/// `POST /unified/{model}/{resource}`.
pub async fn create<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    path: RecordPath,
    request: Request,
) -> Response {
    handle(&gateway, Action::Create, path, request).await
}

/// `GET /unified/{model}/{resource}`.
pub async fn list<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    path: RecordPath,
    request: Request,
) -> Response {
    handle(&gateway, Action::List, path, request).await
}

/// `GET /unified/{model}/{resource}/{id}`.
pub async fn get<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    path: RecordPath,
    request: Request,
) -> Response {
    handle(&gateway, Action::Get, path, request).await
}

/// `PATCH /unified/{model}/{resource}/{id}`.
pub async fn update<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    path: RecordPath,
    request: Request,
) -> Response {
    handle(&gateway, Action::Update, path, request).await
}

/// `DELETE /unified/{model}/{resource}/{id}`.
pub async fn delete<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    path: RecordPath,
    request: Request,
) -> Response {
    handle(&gateway, Action::Delete, path, request).await
}

/// The answer, carrying the account's provider (once found) for the request's metrics.
async fn handle<S: ProviderSet>(
    gateway: &Gateway<S>,
    action: Action,
    path: RecordPath,
    request: Request,
) -> Response {
    let mut provider = None;
    let mut response = match answer(gateway, action, path, request, &mut provider).await {
        Ok(response) => response,
        Err(failure) => {
            count_refusal(gateway, provider, &failure);
            failure.into_response()
        }
    };
    if let Some(provider) = provider {
        response.extensions_mut().insert(AnsweredFor(provider.id()));
    }
    response
}

/// Counts a 400 for violations in the metrics, under the account's provider when it was found.
fn count_refusal<S: ProviderSet>(
    gateway: &Gateway<S>,
    provider: Option<Provider<S>>,
    failure: &Failure,
) {
    if let (Failure::Invalid(errors), Some(metrics)) = (failure, gateway.metrics()) {
        metrics
            .refusals
            .count(provider.map_or("", Provider::id), errors);
    }
}

/// The answer to the request; `provider` is set to the account's once it is found.
async fn answer<S: ProviderSet>(
    gateway: &Gateway<S>,
    action: Action,
    path: RecordPath,
    request: Request,
    provider: &mut Option<Provider<S>>,
) -> Result<Response, Failure> {
    let (parts, body) = request.into_parts();
    let environment = gateway.authenticate(&parts.headers).await?;
    let key = idempotency::key_of(&parts.headers, action)?;
    let Ok(Path(segments)) = path else {
        return Err(Failure::NoEndpoint);
    };
    let (model, resource, id) = match segments.as_slice() {
        [model, resource] => (model, resource, None),
        [model, resource, id] => (model, resource, Some(id.clone())),
        _ => return Err(Failure::NoEndpoint),
    };
    let operation = gateway.operation(model, resource, action.name())?;
    let text = if action.takes_a_body() {
        read_json(&parts.headers, body, gateway.config()).await?
    } else {
        // No body is read; whatever was sent is drained unread.
        b"{}".to_vec().into()
    };
    let query = parts.uri.query().unwrap_or("");
    let mut request = UnifiedRequest::read(operation, query, &text)?;
    if let Some(id) = id {
        request = request.naming(id);
    }
    let Some(account_id) = request.account_id() else {
        // Without an account there is no provider: say everything that is wrong for all.
        return Err(Failure::Invalid(request.without_account(Target::UNIFIED)));
    };
    let Some(key) = key else {
        return dispatch(gateway, environment, &account_id, &request, provider).await;
    };
    let fingerprint = idempotency::fingerprint(action, parts.uri.path(), query, &text);
    match idempotency::claim(gateway, environment, key, fingerprint).await {
        Ok(claim) => {
            let outcome = dispatch(gateway, environment, &account_id, &request, provider).await;
            // Settling makes the failure an answer, so it is counted here.
            if let Err(failure) = &outcome {
                count_refusal(gateway, *provider, failure);
            }
            Ok(idempotency::settle(gateway, claim, outcome).await)
        }
        Err(answer) => answer,
    }
}

/// Finds the account (setting `provider` to its provider), checks the request for that
/// provider and sends it.
async fn dispatch<S: ProviderSet>(
    gateway: &Gateway<S>,
    environment: EnvironmentId,
    account_id: &str,
    request: &UnifiedRequest<'_, S>,
    provider: &mut Option<Provider<S>>,
) -> Result<Response, Failure> {
    let account = gateway.account(environment, account_id).await?;
    *provider = Some(account.provider);
    let checked = check::for_provider(gateway, request, account.provider)?;
    send::send(gateway, &account, request, checked).await
}
