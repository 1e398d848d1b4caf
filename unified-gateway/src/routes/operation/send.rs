//! A checked request sent through the provider's adapter, and the answer shaped as the client
//! asked. Whatever the provider said is scrubbed of secrets on its way out, whichever way it
//! goes, and every answer after a call carries the provider's rate limit as its headers told it.

use std::time::{Instant, SystemTime};

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use unified_adapter::{AdapterError, NativeResponse, RateLimit, RateLimitHeaders};
use unified_core::conventions::ResponseFormat;
use unified_core::{Action, Part, ProviderSet, Target};
use unified_openapi::contract::{LIST_CURSOR, RATE_LIMITED};

use super::check::Checked;
use crate::failure::{Failure, with_rate_limit};
use crate::gateway::{Gateway, storage_failed};
use crate::metrics::{ProviderAnswer, StoreCall};
use crate::provider_client::SendError;
use crate::unified::request::{UnifiedRequest, by_part};
use crate::unified::scrub::Scrubber;
use crate::unified::shaping::{raw, with_remote_data};
use unified_store::Account;

/// Sends `checked` to the account's provider and answers with the shaped result.
pub(crate) async fn send<S: ProviderSet>(
    gateway: &Gateway<S>,
    account: &Account<S>,
    request: &UnifiedRequest<'_, S>,
    checked: Checked<'_>,
) -> Result<Response, Failure> {
    let provider = account.provider;
    let name = provider.name();
    let native = checked
        .prepared
        .native_request()
        .and_then(|native| request.pass_through().apply(native))
        .map_err(|error| match error {
            AdapterError::Request { part, error } => Failure::Invalid(vec![(part, error)]),
            other => Failure::Untranslatable {
                provider: name,
                why: other.to_string(),
            },
        })?;
    let operation = request.operation();
    let auth = gateway
        .auth_header(provider)
        .ok_or_else(|| Failure::NoAdapter {
            provider: name,
            model: operation.model(),
            operation: operation.name(),
        })?;
    let credential = gateway
        .timed(StoreCall::Credential, async {
            gateway.store().credential(account)
        })
        .await
        .map_err(storage_failed)?;
    let presented = auth
        .scheme()
        .present(&credential)
        .map_err(|shape| Failure::Credential {
            provider: name,
            shape,
        })?;
    // The body is valid for the provider, so the unified schema describes every field in it.
    let scrubber = Scrubber::new(
        &presented.secrets,
        request.body(),
        operation.unified_schema(Part::Body).as_value(),
        native.secret_values(),
    );
    let rate_limits = gateway
        .adapters()
        .find(provider, operation.model(), operation.name())
        .map_or(RateLimitHeaders::NONE, |adapter| adapter.rate_limits());
    let started = Instant::now();
    let answer = gateway
        .inner
        .client
        .send(&account.base_url, &native, &presented, &rate_limits)
        .await;
    if let Some(metrics) = gateway.metrics() {
        let outcome = match &answer {
            Ok(answer) => ProviderAnswer::Status(answer.status),
            Err(SendError::Timeout) => ProviderAnswer::Timeout,
            Err(SendError::TooLarge) => ProviderAnswer::TooLarge,
            Err(SendError::Unreachable(_)) => ProviderAnswer::Unreachable,
        };
        metrics
            .provider_calls
            .observe(provider.id(), outcome, started.elapsed());
    }
    tracing::info!(
        provider = provider.id(),
        account = account.id,
        method = native.method.as_str(),
        path = native.path,
        status = answer.as_ref().map_or(0, |answer| answer.status),
        "dispatched"
    );
    let answer = answer.map_err(|error| match error {
        SendError::Timeout => Failure::ProviderTimeout {
            provider: name,
            action: operation.action(),
        },
        SendError::TooLarge => Failure::ProviderTooLarge {
            provider: name,
            action: operation.action(),
            limit: gateway.config().provider_answer_limit,
        },
        SendError::Unreachable(why) => Failure::ProviderUnreachable {
            provider: name,
            why,
        },
    })?;
    let limits = rate_limits.read(&answer, SystemTime::now());
    match shaped(request, account, &checked, answer, &scrubber, limits) {
        Ok(response) => Ok(with_rate_limit(response, &limits)),
        // The provider did not act (a 429, which holds its own headers): the failure goes on,
        // so that an idempotency key is given back.
        Err(failure) if !failure.dispatched() => Err(failure),
        // The provider may have acted: answered here, with its headers, and kept for a key as
        // any answer is.
        Err(failure) => Ok(with_rate_limit(failure.into_response(), &limits)),
    }
}

/// The answer to the client: the provider's refusal for its rate as a 429, its other refusals
/// as a 502, its raw answer, or the unified record checked against the response model.
fn shaped<S: ProviderSet>(
    request: &UnifiedRequest<'_, S>,
    account: &Account<S>,
    checked: &Checked<'_>,
    answer: NativeResponse,
    scrubber: &Scrubber,
    limits: RateLimit,
) -> Result<Response, Failure> {
    let provider = account.provider;
    let status = answer.status;
    let action = request.operation().action();
    if status == RATE_LIMITED {
        return Err(Failure::ProviderRateLimited {
            provider: provider.name(),
            body: scrubber.scrub(answer.body),
            limits,
        });
    }
    if status == 404 && action.names_a_record() {
        return Err(Failure::NoRecord {
            provider: provider.name(),
            body: scrubber.scrub(answer.body),
        });
    }
    // A list continued from a cursor the provider does not take: the client's cursor is made
    // up, changed or expired, since every other part of the request was checked.
    if matches!(status, 400 | 410 | 422)
        && action == Action::List
        && request.query().get(LIST_CURSOR).is_some()
    {
        return Err(Failure::CursorRefused {
            provider: provider.name(),
            status,
            body: scrubber.scrub(answer.body),
        });
    }
    if !(200..300).contains(&status) {
        return Err(Failure::ProviderRefused {
            provider: provider.name(),
            status,
            body: scrubber.scrub(answer.body),
        });
    }
    if checked.shape.format == ResponseFormat::Raw {
        return Ok(raw(status, scrubber.scrub(answer.body)));
    }
    let record = match checked.prepared.unified_response(&answer) {
        Ok(record) => Value::Object(record),
        Err(error) => {
            // The adapter describes without quoting; scrubbing as well costs nothing here.
            let why = scrubber.scrub_text(error.to_string());
            tracing::warn!(provider = provider.id(), error = why, "answer not mapped");
            // The provider has done what was asked: hand over everything it said.
            return Err(Failure::Unmapped {
                provider: provider.name(),
                action,
                status,
                body: scrubber.scrub(answer.body),
                why,
            });
        }
    };
    // Checked as the client will read it: without secrets (a value that was the password is
    // `[redacted]` and may no longer keep its format), and before `remote_data`, the
    // gateway's own member, joins it.
    let record = scrubber.scrub(record);
    let report = request
        .operation()
        .validate(Part::Response, &record, Target::of(provider));
    if !report.is_valid() {
        tracing::warn!(
            provider = provider.id(),
            errors = report.len(),
            "unified response does not match the response model"
        );
        return Err(Failure::ContractBroken {
            provider: provider.name(),
            action,
            status,
            body: scrubber.scrub(answer.body),
            errors: by_part(Part::Response, report),
        });
    }
    let record = with_remote_data(record, scrubber.scrub(answer.body));
    let status = StatusCode::from_u16(action.success_status()).unwrap_or(StatusCode::OK);
    Ok((status, axum::Json(checked.shape.trim(record))).into_response())
}
