//! `POST /unified/{model}/{resource}`: authenticate, read and validate the query and body for
//! the integrated account's provider, and only then dispatch through the provider's adapter and
//! shape its answer.

use std::time::Duration;

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde_json::{Value, json};
use unified_adapter::{AdapterError, Call, prepare_request};
use unified_core::{Code, Operation, Part, ValidationError, View};
use unified_models::providers;

use crate::app::Gateway;
use crate::dispatch::DispatchError;
use crate::envelope::ApiError;
use crate::scrub::Scrubber;
use crate::shaping::{Format, Shape, with_remote_data};
use crate::store::Account;

/// The operation a `POST` stands for.
const CREATE: &str = "create";

/// The handler.
pub async fn create(
    State(gateway): State<Gateway>,
    path: Result<Path<(String, String)>, PathRejection>,
    request: Request,
) -> Response {
    match answer(&gateway, path, request).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn answer(
    gateway: &Gateway,
    path: Result<Path<(String, String)>, PathRejection>,
    request: Request,
) -> Result<Response, ApiError> {
    let (parts, body) = request.into_parts();
    let environment = gateway.authenticate(&parts.headers).await?;
    let Ok(Path((model, resource))) = path else {
        return Err(ApiError::new(StatusCode::NOT_FOUND, "no such endpoint"));
    };
    let name = format!("{model}/{resource}");
    let operation = gateway.inner.registry.find(&name, CREATE).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no unified model `{name}` with a create"),
        )
    })?;
    check_json_content_type(&parts.headers)?;
    let config = &gateway.inner.config;
    let bytes = read_body(body, config.body_limit, config.body_timeout).await?;

    let raw_query = parts.uri.query().unwrap_or("");
    let query = operation
        .read(Part::Query, raw_query.as_bytes())
        .map_err(|error| ApiError::invalid(&[(Part::Query, error)]))?;
    let body = operation
        .read(Part::Body, &bytes)
        .map_err(|error| ApiError::invalid(&[(Part::Body, error)]))?;

    let Some(account_id) = account_id(&query) else {
        // Without an account there is no provider: say everything that is wrong for all.
        return Err(invalid_or(operation, &query, &body, View::UNIFIED));
    };
    let account = gateway
        .blocking(move |store| store.account(environment, &account_id))
        .await?
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no such integrated account"))?;
    let view = View::of(account.provider);
    let errors = violations(operation, &query, &body, view);
    if !errors.is_empty() {
        return Err(ApiError::invalid(&errors));
    }

    let shape = Shape::from_query(&query);
    if shape.format == Format::Stream {
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
    let call = Call {
        model: operation.model(),
        operation: operation.name(),
        body: &body,
        query: &query,
    };
    dispatch(gateway, operation, &account, &call, &shape).await
}

/// Sends the call through the account's adapter and answers with the shaped result.
async fn dispatch(
    gateway: &Gateway,
    operation: &Operation<providers::Set>,
    account: &Account,
    call: &Call<'_>,
    shape: &Shape,
) -> Result<Response, ApiError> {
    let provider = account.provider;
    let adapter = gateway.inner.adapters.find(provider).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            format!("this gateway has no adapter for {} yet", provider.name()),
        )
    })?;
    let request = prepare_request(adapter, call).map_err(|error| match error {
        AdapterError::Request { part, error } => ApiError::invalid(&[(part, error)]),
        other => ApiError::new(StatusCode::NOT_IMPLEMENTED, other.to_string()),
    })?;
    // The body is valid for the provider, so the unified schema describes every field in it.
    let body_schema = operation.unified_schema(Part::Body).as_value();
    let scrubber = Scrubber::new(&account.credential, call.body, body_schema);
    let auth = gateway.auth_header(provider).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            format!("this gateway has no adapter for {} yet", provider.name()),
        )
    })?;
    let native = gateway
        .inner
        .dispatcher
        .send(&account.base_url, &request, auth, &account.credential)
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
                gateway.inner.config.provider_answer_limit
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
    if shape.format == Format::Raw {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
        if forbids_content(status) {
            return Ok(status.into_response());
        }
        return Ok((status, axum::Json(scrubber.scrub(native.body))).into_response());
    }
    let record = match adapter.unified_response(call, &native) {
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
    let unified = scrubber.scrub(with_remote_data(record, native.body));
    let report = operation.validate(Part::Response, &unified, View::of(provider));
    if !report.is_valid() {
        // Still answered: the record exists at the provider and the client must learn its id.
        tracing::warn!(
            provider = provider.id(),
            errors = report.errors().len(),
            "unified response does not match the response model"
        );
    }
    Ok((StatusCode::CREATED, axum::Json(shape.trim(unified))).into_response())
}

/// Every violation of query and body for `view`, query first.
fn violations(
    operation: &Operation<providers::Set>,
    query: &Value,
    body: &Value,
    view: View<providers::Set>,
) -> Vec<(Part, ValidationError)> {
    let query_errors = operation.validate(Part::Query, query, view).into_errors();
    let body_errors = operation.validate(Part::Body, body, view).into_errors();
    query_errors
        .into_iter()
        .map(|error| (Part::Query, error))
        .chain(body_errors.into_iter().map(|error| (Part::Body, error)))
        .collect()
}

/// The 400 for a request without a usable account id: its violations for `view`, or (should the
/// id pass the schema and still not be one) a violation naming the id.
fn invalid_or(
    operation: &Operation<providers::Set>,
    query: &Value,
    body: &Value,
    view: View<providers::Set>,
) -> ApiError {
    let mut errors = violations(operation, query, body, view);
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

/// The `integrated_account_id` of a query, when it is a UUID.
fn account_id(query: &Value) -> Option<String> {
    let text = query.get("integrated_account_id")?.as_str()?;
    uuid::Uuid::parse_str(text)
        .ok()
        .map(|id| id.hyphenated().to_string())
}

/// 415 unless the body is declared JSON (`application/json` or any `+json` type).
fn check_json_content_type(headers: &HeaderMap) -> Result<(), ApiError> {
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let essence = declared
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
    {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "the body must be JSON, sent with `Content-Type: application/json`",
        ))
    }
}

/// The whole body; 413 once it passes `limit` bytes, 408 when it has not all arrived within
/// `timeout`.
async fn read_body(body: Body, limit: usize, timeout: Duration) -> Result<bytes::Bytes, ApiError> {
    let read = tokio::time::timeout(timeout, Limited::new(body, limit).collect()).await;
    match read {
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
        Ok(Err(error)) if error.downcast_ref::<LengthLimitError>().is_some() => Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the body is larger than {limit} bytes"),
        )),
        Ok(Err(_)) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "the body could not be read",
        )),
        Err(_) => Err(ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the body did not arrive within {} seconds",
                timeout.as_secs_f64()
            ),
        )
        .closing()),
    }
}

/// Statuses whose answers carry no content (RFC 9110: 204, 205 and 304).
fn forbids_content(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::NO_CONTENT | StatusCode::RESET_CONTENT | StatusCode::NOT_MODIFIED
    ) || status.is_informational()
}
