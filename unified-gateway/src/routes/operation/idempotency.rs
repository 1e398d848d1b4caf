//! Writes made safe to repeat with an `Idempotency-Key` header. The first request with a key
//! holds it while it is checked and dispatched; once the provider was called, its answer is kept
//! (sealed) for the retention period and a repeat of the same request gets that answer again,
//! never a second call. A request that is refused before dispatch gives the key back. Another
//! request under a used key is refused (422), as is a repeat while the first is in flight (409).

use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use unified_core::Action;
use unified_openapi::contract::{IDEMPOTENCY_KEY, IDEMPOTENT_REPLAYED, is_idempotency_key};
use unified_store::{Claim, EnvironmentId, KeptAnswer, KeyClaim, RequestFingerprint};

use crate::failure::Failure;
use crate::gateway::{Gateway, storage_failed};
use crate::metrics::StoreCall;
use unified_core::ProviderSet;

/// How much longer than the provider's timeout a request may hold its key before it counts as
/// interrupted: the store's calls around the dispatch, with room to spare.
const INTERRUPTED_AFTER: Duration = Duration::from_secs(60);

/// The idempotency key a write carries, if it carries one; reads ignore the header, since they
/// are safe to repeat anyway.
pub(super) fn key_of(headers: &HeaderMap, action: Action) -> Result<Option<&str>, Failure> {
    if !action.writes() {
        return Ok(None);
    }
    let mut values = headers.get_all(IDEMPOTENCY_KEY).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    let key = value.to_str().map_err(|_| Failure::KeyMalformed)?;
    if values.next().is_some() || !is_idempotency_key(key) {
        return Err(Failure::KeyMalformed);
    }
    Ok(Some(key))
}

/// What makes two requests the same request under one key: the action, the path, the query as
/// sent and the body as sent (the account is in the query).
pub(super) fn fingerprint(
    action: Action,
    path: &str,
    query: &str,
    body: &[u8],
) -> RequestFingerprint {
    RequestFingerprint::of(&[
        action.name().as_bytes(),
        path.as_bytes(),
        query.as_bytes(),
        body,
    ])
}

/// Claims `key` for the request `request`: the claim, or the answer to give instead (a kept
/// answer, or a refusal).
pub(super) async fn claim<S: ProviderSet>(
    gateway: &Gateway<S>,
    environment: EnvironmentId,
    key: &str,
    request: RequestFingerprint,
) -> Result<KeyClaim, Result<Response, Failure>> {
    let config = gateway.config();
    let claiming =
        gateway
            .store()
            .claim_key(environment, key, request, config.idempotency_retention);
    let claim = gateway
        .timed(StoreCall::IdempotencyClaim, claiming)
        .await
        .map_err(|error| Err(storage_failed(error)))?;
    match claim {
        Claim::Claimed(claim) => Ok(claim),
        Claim::Replay(kept) => Err(Ok(replayed(kept))),
        Claim::InFlight { since } => Err(Err(Failure::KeyInFlight {
            interrupted: since > config.provider_timeout + INTERRUPTED_AFTER,
        })),
        Claim::Mismatch => Err(Err(Failure::KeyReused)),
    }
}

/// The answer to the request that held `claim`: kept for repeats when the provider was called,
/// else the key is given back.
pub(super) async fn settle<S: ProviderSet>(
    gateway: &Gateway<S>,
    claim: KeyClaim,
    outcome: Result<Response, Failure>,
) -> Response {
    let store = gateway.store();
    let response = match outcome {
        Err(failure) if !failure.dispatched() => {
            let releasing = store.release_key(claim);
            if let Err(error) = gateway
                .timed(StoreCall::IdempotencyRelease, releasing)
                .await
            {
                tracing::warn!(error = %error, "an idempotency key could not be given back");
            }
            return failure.into_response();
        }
        Err(failure) => failure.into_response(),
        Ok(response) => response,
    };
    let (parts, body) = response.into_parts();
    // The gateway's own answers are JSON it built in memory; none is streamed.
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return Failure::Storage.into_response();
    };
    let kept = KeptAnswer {
        status: parts.status.as_u16(),
        content_type: parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
        body: String::from_utf8_lossy(&bytes).into_owned(),
    };
    let keeping = store.keep_answer(claim, &kept);
    if let Err(error) = gateway.timed(StoreCall::IdempotencyKeep, keeping).await {
        // The client still gets the answer; a repeat will hear that the first was interrupted.
        tracing::warn!(error = %error, "the answer for an idempotency key could not be kept");
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A kept answer, given again, as it was sent.
fn replayed(kept: KeptAnswer) -> Response {
    let status = StatusCode::from_u16(kept.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, kept.body).into_response();
    let headers = response.headers_mut();
    headers.remove(header::CONTENT_TYPE);
    if let Some(value) = kept
        .content_type
        .and_then(|media_type| HeaderValue::from_str(&media_type).ok())
    {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(IDEMPOTENT_REPLAYED, HeaderValue::from_static("true"));
    response
}
