//! `POST /unified/{model}/{resource}`: authenticate, read and validate the query and body for
//! the integrated account's provider, and only then dispatch through the provider's adapter and
//! shape its answer.

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use unified_adapter::conventions::ResponseFormat;
use unified_adapter::{AdapterError, Invalid, Prepared};
use unified_core::{Code, Operation, Part, ProviderSet, Report, Secret, ValidationError, View};

use crate::dispatch::DispatchError;
use crate::gateway::{Gateway, storage_failed};
use crate::http::envelope::{ApiError, listed};
use crate::http::json_body::{check_json_content_type, read_body};
use crate::routes::did_you_mean;
use crate::store::Account;
use crate::unified::request::UnifiedRequest;
use crate::unified::scrub::Scrubber;
use crate::unified::shaping::{Shape, with_remote_data};

/// The operation a `POST` stands for.
pub(crate) const CREATE: &str = "create";

/// The handler.
pub async fn create<S: ProviderSet>(
    State(gateway): State<Gateway<S>>,
    path: Result<Path<(String, String)>, PathRejection>,
    request: Request,
) -> Response {
    match answer(&gateway, path, request).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn answer<S: ProviderSet>(
    gateway: &Gateway<S>,
    path: Result<Path<(String, String)>, PathRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let environment = gateway.authenticate(&parts.headers).await?;
    let Ok(Path((model, resource))) = path else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "no such endpoint"));
    };
    let name = format!("{model}/{resource}");
    let operation = gateway.registry().find(&name, CREATE).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!(
                "no unified model `{name}` with a create{}",
                did_you_mean(&name, gateway.registry().models())
            ),
        )
    })?;
    check_json_content_type(&parts.headers)?;
    let config = gateway.config();
    let bytes = read_body(body, config.body_limit, config.body_timeout).await?;
    let request = UnifiedRequest::read(operation, parts.uri.query().unwrap_or(""), &bytes)?;

    let Some(account_id) = request.account_id() else {
        // Without an account there is no provider: say everything that is wrong for all.
        return Err(invalid_or(&request, View::UNIFIED));
    };
    let account = gateway
        .stored(gateway.store().account::<S>(environment, &account_id))
        .await?
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no such integrated account"))?;
    // With an adapter, validation makes the provider's views that the adapter is handed, in one
    // pass over each part; without one, the request is validated all the same, then refused.
    let provider = account.provider;
    let adapters = &gateway.inner.adapters;
    let prepared = match adapters.find(provider, operation.model(), operation.name()) {
        Some(adapter) => match adapter.prepare(request.query(), request.body()) {
            Ok(prepared) => Some(prepared),
            Err(invalid) => {
                let Invalid { query, body } = *invalid;
                return Err(ApiError::invalid(&request.violations_with(query, body)));
            }
        },
        None => None,
    };
    let errors = match prepared {
        Some(_) => request.violations_with(Report::default(), Report::default()),
        None => request.violations(View::of(provider)),
    };
    if !errors.is_empty() {
        return Err(ApiError::invalid(&errors));
    }

    let conventions = request.query_conventions()?;
    if conventions.truto_response_format == Some(ResponseFormat::Stream) {
        return Err(ApiError::invalid(&[(
            Part::Query,
            ValidationError::new(
                "/truto_response_format",
                Code::Unsupported,
                "`stream` is for listing large data; a create answers with one record \
                 (use unified, normalized or raw)",
            ),
        )]));
    }
    let shape = Shape::from(&conventions);
    let Some(prepared) = prepared else {
        return Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            format!(
                "this gateway has no adapter for {} `{}` `{}` yet",
                provider.name(),
                operation.model(),
                operation.name()
            ),
        ));
    };
    dispatch(
        gateway,
        operation,
        &account,
        &request,
        prepared.as_ref(),
        &shape,
    )
    .await
}

/// Sends the prepared call through the account's adapter and answers with the shaped result.
async fn dispatch<S: ProviderSet>(
    gateway: &Gateway<S>,
    operation: &Operation<S>,
    account: &Account<S>,
    unified: &UnifiedRequest<'_, S>,
    prepared: &dyn Prepared,
    shape: &Shape,
) -> Result<Response, ApiError> {
    let provider = account.provider;
    let auth = gateway.auth_header(provider).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            format!("this gateway has no adapter for {} yet", provider.name()),
        )
    })?;
    let request = prepared
        .native_request()
        .and_then(|request| unified.pass_through().apply(request))
        .map_err(|error| match error {
            AdapterError::Request { part, error } => ApiError::invalid(&[(part, error)]),
            other => ApiError::new(StatusCode::NOT_IMPLEMENTED, other.to_string()),
        })?;
    let credential = gateway
        .store()
        .credential(account)
        .map_err(storage_failed)?;
    let presented = auth.scheme().present(&credential).map_err(|shape| {
        ApiError::new(
            StatusCode::BAD_GATEWAY,
            format!(
                "the integrated account's credential cannot be presented to {}: {shape}; \
                 replace it with `unified account rotate-credential`",
                provider.name()
            ),
        )
        .with("truto_is_remote_error", json!(false))
    })?;
    // The body is valid for the provider, so the unified schema describes every field in it.
    let body_schema = operation.unified_schema(Part::Body).as_value();
    // Secrets the request carries in its provider's own terms (a password in `remote_data`).
    let mut secrets = presented.secrets.clone();
    secrets.extend(request.secret_values().map(Secret::new));
    let scrubber = Scrubber::new(&secrets, unified.body(), body_schema);
    let native = gateway
        .inner
        .dispatcher
        .send(&account.base_url, &request, &presented)
        .await;
    tracing::info!(
        provider = provider.id(),
        account = account.id,
        method = request.method.as_str(),
        path = request.path,
        status = native.as_ref().map_or(0, |native| native.status),
        "dispatched"
    );
    let native = native.map_err(|error| match error {
        DispatchError::Timeout => ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            format!(
                "{} did not answer in time; it may still have created the record",
                provider.name()
            ),
        )
        .with("truto_is_remote_error", json!(true)),
        DispatchError::TooLarge => ApiError::new(
            StatusCode::BAD_GATEWAY,
            format!(
                "{}'s answer is larger than this gateway's limit of {} bytes, so it was not \
                 read; the record may have been created",
                provider.name(),
                gateway.config().provider_answer_limit
            ),
        )
        .with("truto_is_remote_error", json!(true)),
        DispatchError::Unreachable(why) => ApiError::new(
            StatusCode::BAD_GATEWAY,
            format!("{} could not be reached: {why}", provider.name()),
        )
        .with("truto_is_remote_error", json!(true)),
    })?;
    // Everything the provider said is scrubbed on its way out, whichever way it goes.
    let status = native.status;
    if !(200..300).contains(&status) {
        return Err(ApiError::new(
            StatusCode::BAD_GATEWAY,
            format!(
                "{} refused the request with status {status}",
                provider.name()
            ),
        )
        .with("truto_is_remote_error", json!(true))
        .with("remote_status", json!(status))
        .with("remote_body", scrubber.scrub(native.body)));
    }
    if shape.format == ResponseFormat::Raw {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
        if forbids_content(status) {
            return Ok(status.into_response());
        }
        return Ok((status, axum::Json(scrubber.scrub(native.body))).into_response());
    }
    let record = match prepared.unified_response(&native) {
        Ok(record) => record,
        Err(error) => {
            // The adapter describes without quoting; scrubbing as well costs nothing here.
            let error = scrubber.scrub_text(error.to_string());
            tracing::warn!(provider = provider.id(), error, "answer not mapped");
            // The provider has created the record: hand over everything it said.
            return Err(ApiError::new(
                StatusCode::BAD_GATEWAY,
                format!(
                    "{} created the record, but its answer could not be mapped: {error}",
                    provider.name()
                ),
            )
            .with("truto_is_remote_error", json!(false))
            .with("remote_status", json!(status))
            .with("remote_body", scrubber.scrub(native.body)));
        }
    };
    // Checked before `remote_data`, the gateway's own member, joins it.
    let record = Value::Object(record);
    let report = operation.validate(Part::Response, &record, View::of(provider));
    if !report.is_valid() {
        // The record exists at the provider, but the unified one breaks the response contract
        // (an id lost, say): the client gets the violations and everything the provider said.
        let errors: Vec<(Part, ValidationError)> = report
            .errors()
            .iter()
            .map(|error| (Part::Response, error.clone()))
            .collect();
        tracing::warn!(
            provider = provider.id(),
            errors = errors.len(),
            "unified response does not match the response model"
        );
        return Err(ApiError::new(
            StatusCode::BAD_GATEWAY,
            format!(
                "{} created the record, but its unified form does not match the response \
                 model; see `errors`, and `remote_body` for the provider's answer",
                provider.name()
            ),
        )
        .with("truto_is_remote_error", json!(false))
        .with("errors", listed(&errors))
        .with("remote_status", json!(status))
        .with("remote_body", scrubber.scrub(native.body)));
    }
    let unified = scrubber.scrub(with_remote_data(record, native.body));
    Ok((StatusCode::CREATED, axum::Json(shape.trim(unified))).into_response())
}

/// The 400 for a request without a usable account id: its violations for `view`, or (should the
/// id pass the schema and still not be one) a violation naming the id.
fn invalid_or<S: ProviderSet>(request: &UnifiedRequest<'_, S>, view: View<S>) -> ApiError {
    let mut errors = request.violations(view);
    if !errors.iter().any(|(part, _)| *part == Part::Query) {
        errors.insert(
            0,
            (
                Part::Query,
                ValidationError::new(
                    "/integrated_account_id",
                    Code::Format,
                    "must be the UUID of an integrated account",
                ),
            ),
        );
    }
    ApiError::invalid(&errors)
}

/// Statuses whose answers carry no content (RFC 9110: 204, 205 and 304).
fn forbids_content(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::NO_CONTENT | StatusCode::RESET_CONTENT | StatusCode::NOT_MODIFIED
    ) || status.is_informational()
}
