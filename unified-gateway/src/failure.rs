//! Every way the gateway's routes answer with an error, as one type: each kind knows its status,
//! its message and the members it adds to the envelope, and becomes an [`ApiError`] here, once.
//! Messages never quote what a request or a provider sent; a provider's answer travels only in
//! `remote_body`, its secrets removed, and its rate limit only in the `ratelimit-*` headers.

use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use unified_adapter::{CredentialShape, RateLimit};
use unified_core::{Action, Part, ValidationError};
use unified_openapi::contract::{
    IDEMPOTENCY_KEY, LIST_CURSOR, MAX_KEY_LEN, RATELIMIT_LIMIT, RATELIMIT_REMAINING,
    RATELIMIT_RESET, RETRY_AFTER,
};

use crate::http::envelope::{ApiError, invalid_message, listed};

/// Why a request was not answered with what it asked for.
#[derive(Debug)]
pub(crate) enum Failure {
    /// No `Authorization: Bearer` token (401).
    MissingToken,
    /// A token no environment has (401).
    UnknownToken,
    /// The path is no route's (404).
    NoEndpoint,
    /// The path's route does not take the method (405).
    MethodNotAllowed,
    /// The path names no model that has the operation (404), perhaps with a close name of ours.
    NoModel {
        operation: &'static str,
        suggestion: String,
    },
    /// The path names no such operation of a model (404), perhaps with a close name of ours.
    NoMethod { suggestion: String },
    /// The path names no provider or view (404), perhaps with a close name of ours.
    NoView { suggestion: String },
    /// No OpenAPI document has that name (404), perhaps with a close name of ours.
    NoDocument { suggestion: String },
    /// The integrated account is not in the token's environment (404).
    NoAccount,
    /// The `Idempotency-Key` header is not one key of 1 to 255 visible characters (400).
    KeyMalformed,
    /// The idempotency key was used for another request within its retention (422).
    KeyReused,
    /// The request that holds the idempotency key has no answer yet (409); `interrupted` when
    /// it has held it for longer than any request takes, so it will never have one.
    KeyInFlight { interrupted: bool },
    /// The body is not declared JSON (415).
    NotJson,
    /// The body is larger than the limit (413).
    TooLarge { limit: usize },
    /// The body did not all arrive in time (408; the connection closes).
    TooSlow { seconds: f64 },
    /// The body could not be read off the connection (400).
    Unreadable,
    /// The request breaks the model, the conventions or what the provider's API needs (400),
    /// every violation, by part.
    Invalid(Vec<(Part, ValidationError)>),
    /// No adapter serves the account's provider for this operation (501).
    NoAdapter {
        provider: &'static str,
        model: &'static str,
        operation: &'static str,
    },
    /// The adapter could not translate a valid request (501).
    Untranslatable { provider: &'static str, why: String },
    /// The account's credential does not have the shape the provider's scheme needs (502).
    Credential {
        provider: &'static str,
        shape: CredentialShape,
    },
    /// The provider did not answer in time (504).
    ProviderTimeout {
        provider: &'static str,
        action: Action,
    },
    /// The provider's answer is larger than the limit (502).
    ProviderTooLarge {
        provider: &'static str,
        action: Action,
        limit: usize,
    },
    /// The provider could not be reached (502).
    ProviderUnreachable { provider: &'static str, why: String },
    /// The provider refused for its rate limit (429, passed on): its answer and what its headers
    /// told. The provider did not act, and the gateway does not retry.
    ProviderRateLimited {
        provider: &'static str,
        body: Value,
        limits: RateLimit,
    },
    /// The provider refused (502): its status and answer.
    ProviderRefused {
        provider: &'static str,
        status: u16,
        body: Value,
    },
    /// The provider refused the cursor a list was asked to continue from (400): its status and
    /// answer.
    CursorRefused {
        provider: &'static str,
        status: u16,
        body: Value,
    },
    /// The provider has no record of the id a get, update or delete names (404).
    NoRecord { provider: &'static str, body: Value },
    /// The provider created the record but its answer could not be mapped (502).
    Unmapped {
        provider: &'static str,
        action: Action,
        status: u16,
        body: Value,
        why: String,
    },
    /// The provider created the record but the unified record breaks the response model (502).
    ContractBroken {
        provider: &'static str,
        action: Action,
        status: u16,
        body: Value,
        errors: Vec<(Part, ValidationError)>,
    },
    /// The gateway's storage failed (500); the cause is in its log.
    Storage,
    /// The storage does not answer a health check (503).
    Unhealthy,
    /// The gateway is shutting down (503, from `/readyz`).
    Draining,
    /// The gateway holds as many request bodies as it may and this one found no room within
    /// the body timeout (503; its body was not read, so the connection closes).
    Busy,
}

impl Failure {
    /// Its HTTP status.
    pub(crate) fn status(&self) -> StatusCode {
        match self {
            Failure::MissingToken | Failure::UnknownToken => StatusCode::UNAUTHORIZED,
            Failure::NoEndpoint
            | Failure::NoModel { .. }
            | Failure::NoMethod { .. }
            | Failure::NoView { .. }
            | Failure::NoDocument { .. }
            | Failure::NoAccount
            | Failure::NoRecord { .. } => StatusCode::NOT_FOUND,
            Failure::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Failure::NotJson => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Failure::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::TooSlow { .. } => StatusCode::REQUEST_TIMEOUT,
            Failure::Unreadable
            | Failure::Invalid(_)
            | Failure::CursorRefused { .. }
            | Failure::KeyMalformed => StatusCode::BAD_REQUEST,
            Failure::KeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::KeyInFlight { .. } => StatusCode::CONFLICT,
            Failure::ProviderRateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Failure::NoAdapter { .. } | Failure::Untranslatable { .. } => {
                StatusCode::NOT_IMPLEMENTED
            }
            Failure::ProviderTimeout { .. } => StatusCode::GATEWAY_TIMEOUT,
            Failure::Credential { .. }
            | Failure::ProviderTooLarge { .. }
            | Failure::ProviderUnreachable { .. }
            | Failure::ProviderRefused { .. }
            | Failure::Unmapped { .. }
            | Failure::ContractBroken { .. } => StatusCode::BAD_GATEWAY,
            Failure::Storage => StatusCode::INTERNAL_SERVER_ERROR,
            Failure::Unhealthy | Failure::Busy | Failure::Draining => {
                StatusCode::SERVICE_UNAVAILABLE
            }
        }
    }

    /// Whether the request reached the provider before it failed, and the provider may have
    /// acted on it: its answer is then kept for an idempotency key, since a repeat must not
    /// reach the provider again. A refusal for the provider's rate is not: the provider did not
    /// act, so the key is given back for the request to be sent again once the wait is over.
    pub(crate) fn dispatched(&self) -> bool {
        matches!(
            self,
            Failure::ProviderTimeout { .. }
                | Failure::ProviderTooLarge { .. }
                | Failure::ProviderUnreachable { .. }
                | Failure::ProviderRefused { .. }
                | Failure::CursorRefused { .. }
                | Failure::NoRecord { .. }
                | Failure::Unmapped { .. }
                | Failure::ContractBroken { .. }
        )
    }

    /// What went wrong, in words.
    fn message(&self) -> String {
        match self {
            Failure::MissingToken => {
                "missing API token: send `Authorization: Bearer <token>`".into()
            }
            Failure::UnknownToken => "unknown API token".into(),
            Failure::NoEndpoint => "no such endpoint".into(),
            Failure::MethodNotAllowed => "this endpoint does not take that method".into(),
            Failure::NoModel {
                operation,
                suggestion,
            } => format!("no unified model with a {operation} at this path{suggestion}"),
            Failure::NoMethod { suggestion } => {
                format!("no such operation of this unified model{suggestion}")
            }
            Failure::NoView { suggestion } => {
                format!("no such provider; name one of this gateway's, or `unified`{suggestion}")
            }
            Failure::NoDocument { suggestion } => format!(
                "no such OpenAPI document; there is one per provider and `unified.json`{suggestion}"
            ),
            Failure::NoAccount => "no such integrated account".into(),
            Failure::KeyMalformed => format!(
                "the `{IDEMPOTENCY_KEY}` header must be one key of 1 to {MAX_KEY_LEN} visible \
                 ASCII characters"
            ),
            Failure::KeyReused => format!(
                "this `{IDEMPOTENCY_KEY}` was used for another request (another account, path, \
                 query or body) within its retention: send a new request with a new key"
            ),
            Failure::KeyInFlight { interrupted: false } => format!(
                "the request that holds this `{IDEMPOTENCY_KEY}` is still in flight: repeat \
                 it once that one is answered"
            ),
            Failure::KeyInFlight { interrupted: true } => format!(
                "the request that holds this `{IDEMPOTENCY_KEY}` was interrupted before its \
                 answer was kept, so whether the provider acted on it is unknown: look before \
                 you send it again with a new key"
            ),
            Failure::NotJson => {
                "the body must be JSON, sent with `Content-Type: application/json`".into()
            }
            Failure::TooLarge { limit } => format!("the body is larger than {limit} bytes"),
            Failure::TooSlow { seconds } => {
                format!("the body did not arrive within {seconds} seconds")
            }
            Failure::Unreadable => "the body could not be read".into(),
            Failure::Invalid(errors) => invalid_message(errors),
            Failure::NoAdapter {
                provider,
                model,
                operation,
            } => format!("this gateway has no adapter for {provider} `{model}` `{operation}` yet"),
            Failure::Untranslatable { provider, why } => {
                format!("the {provider} adapter cannot translate this request: {why}")
            }
            Failure::Credential { provider, shape } => format!(
                "the integrated account's credential cannot be presented to {provider}: {shape}; \
                 replace it with `unified account rotate-credential`"
            ),
            Failure::ProviderTimeout { provider, action } => match done(*action) {
                Some(done) => format!(
                    "{provider} did not answer in time; it may still have {done}: look before \
                     you send it again, or send writes with an `{IDEMPOTENCY_KEY}` header, which \
                     a repeat of the same request may carry safely"
                ),
                None => format!("{provider} did not answer in time"),
            },
            Failure::ProviderTooLarge {
                provider,
                action,
                limit,
            } => {
                let maybe = done(*action)
                    .map(|done| format!("; it may have {done}"))
                    .unwrap_or_default();
                format!(
                    "{provider}'s answer is larger than this gateway's limit of {limit} bytes, \
                     so it was not read{maybe}"
                )
            }
            Failure::ProviderUnreachable { provider, why } => {
                format!("{provider} could not be reached: {why}")
            }
            Failure::ProviderRateLimited {
                provider, limits, ..
            } => {
                let when = match (limits.retry_after, limits.reset) {
                    (Some(seconds), _) => format!("retry after {seconds} s"),
                    (None, Some(seconds)) => format!("its limit resets in {seconds} s"),
                    (None, None) => "retry later".to_owned(),
                };
                format!(
                    "{provider} is limiting this account's request rate, so it did not act on \
                     the request: {when}"
                )
            }
            Failure::ProviderRefused {
                provider, status, ..
            } => format!("{provider} refused the request with status {status}"),
            Failure::CursorRefused {
                provider, status, ..
            } => format!(
                "{provider} did not take `{LIST_CURSOR}` (it answered {status}): send the \
                 `{LIST_CURSOR}` of a page as it was given, or none for the first page; a \
                 provider's cursors may expire"
            ),
            Failure::NoRecord { provider, .. } => {
                format!("{provider} has no record of this id (it answered 404)")
            }
            Failure::Unmapped {
                provider,
                action,
                why,
                ..
            } => {
                let done = done(*action).unwrap_or("answered");
                format!("{provider} {done}, but its answer could not be mapped: {why}")
            }
            Failure::ContractBroken {
                provider, action, ..
            } => format!(
                "{provider} {}, but its unified form does not match the response model; see \
                 `errors`, and `remote_body` for the provider's answer",
                done(*action).unwrap_or("answered")
            ),
            Failure::Storage => "the gateway's storage failed; see its log".into(),
            Failure::Unhealthy => "the gateway's storage does not answer; see its log".into(),
            Failure::Draining => {
                "the gateway is shutting down: send new requests to another instance".into()
            }
            Failure::Busy => {
                "the gateway is holding as many request bodies as it may; retry shortly".into()
            }
        }
    }
}

/// What a provider has done once it answers an action that changes records, for messages that
/// must say it may have happened; nothing for a read.
fn done(action: Action) -> Option<&'static str> {
    match action {
        Action::Create => Some("created the record"),
        Action::Update => Some("changed the record"),
        Action::Delete => Some("deleted the record"),
        Action::Get | Action::List => None,
    }
}

impl From<Failure> for ApiError {
    fn from(failure: Failure) -> ApiError {
        let status = failure.status();
        // A report's message is made with the report, below, not twice.
        let message = match &failure {
            Failure::Invalid(_) => String::new(),
            other => other.message(),
        };
        let remote =
            |error: ApiError, remote: bool| error.with("truto_is_remote_error", json!(remote));
        let answer = |error: ApiError, status: u16, body: Value| {
            error
                .with("remote_status", json!(status))
                .with("remote_body", body)
        };
        match failure {
            Failure::Invalid(errors) => ApiError::invalid(errors),
            Failure::TooSlow { .. } | Failure::Busy => ApiError::new(status, message).closing(),
            Failure::Credential { .. } => remote(ApiError::new(status, message), false),
            Failure::ProviderTimeout { .. }
            | Failure::ProviderTooLarge { .. }
            | Failure::ProviderUnreachable { .. } => remote(ApiError::new(status, message), true),
            Failure::ProviderRefused {
                status: remote_status,
                body,
                ..
            }
            | Failure::CursorRefused {
                status: remote_status,
                body,
                ..
            } => answer(
                remote(ApiError::new(status, message), true),
                remote_status,
                body,
            ),
            Failure::NoRecord { body, .. } => {
                answer(remote(ApiError::new(status, message), true), 404, body)
            }
            Failure::ProviderRateLimited { body, .. } => answer(
                remote(ApiError::new(status, message), true),
                status.as_u16(),
                body,
            ),
            Failure::Unmapped {
                status: remote_status,
                body,
                ..
            } => answer(
                remote(ApiError::new(status, message), false),
                remote_status,
                body,
            ),
            Failure::ContractBroken {
                status: remote_status,
                body,
                errors,
                ..
            } => answer(
                remote(ApiError::new(status, message), false).with("errors", listed(&errors)),
                remote_status,
                body,
            ),
            _ => ApiError::new(status, message),
        }
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        // The one failure that keeps the provider's headers: the others that follow a call get
        // them where the call is made.
        let limits = match &self {
            Failure::ProviderRateLimited { limits, .. } => Some(*limits),
            _ => None,
        };
        let response = ApiError::from(self).into_response();
        match limits {
            Some(limits) => with_rate_limit(response, &limits),
            None => response,
        }
    }
}

/// `response` with the provider's rate limit as one of its answers told it: the
/// `ratelimit-*` headers of each part it told, and on a 429 its `Retry-After` in seconds.
pub(crate) fn with_rate_limit(mut response: Response, limits: &RateLimit) -> Response {
    let retry_after = limits
        .retry_after
        .filter(|_| response.status() == StatusCode::TOO_MANY_REQUESTS);
    let headers = response.headers_mut();
    for (name, value) in [
        (RATELIMIT_LIMIT, limits.limit),
        (RATELIMIT_REMAINING, limits.remaining),
        (RATELIMIT_RESET, limits.reset),
        (RETRY_AFTER, retry_after),
    ] {
        if let Some(value) = value {
            headers.insert(name, HeaderValue::from(value));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use serde_json::json;
    use unified_adapter::CredentialShape;

    use super::*;

    /// One failure of each kind the create route can answer with.
    fn of_a_create() -> Vec<Failure> {
        let provider = "Acme";
        vec![
            Failure::MissingToken,
            Failure::UnknownToken,
            Failure::NoEndpoint,
            Failure::NoModel {
                operation: "create",
                suggestion: String::new(),
            },
            Failure::NoAccount,
            Failure::KeyMalformed,
            Failure::KeyReused,
            Failure::KeyInFlight { interrupted: false },
            Failure::NotJson,
            Failure::TooLarge { limit: 1 },
            Failure::TooSlow { seconds: 1.0 },
            Failure::Unreadable,
            Failure::Invalid(Vec::new()),
            Failure::NoAdapter {
                provider,
                model: "m",
                operation: "create",
            },
            Failure::Untranslatable {
                provider,
                why: String::new(),
            },
            Failure::Credential {
                provider,
                shape: CredentialShape { expected: "x" },
            },
            Failure::ProviderTimeout {
                provider,
                action: Action::Create,
            },
            Failure::ProviderTooLarge {
                provider,
                action: Action::Create,
                limit: 1,
            },
            Failure::ProviderUnreachable {
                provider,
                why: String::new(),
            },
            Failure::ProviderRateLimited {
                provider,
                body: json!({}),
                limits: RateLimit::default(),
            },
            Failure::ProviderRefused {
                provider,
                status: 422,
                body: json!({}),
            },
            Failure::Unmapped {
                provider,
                action: Action::Create,
                status: 201,
                body: json!({}),
                why: String::new(),
            },
            Failure::ContractBroken {
                provider,
                action: Action::Create,
                status: 201,
                body: json!({}),
                errors: Vec::new(),
            },
            Failure::Storage,
            Failure::Busy,
        ]
    }

    #[test]
    fn the_create_documents_every_status_it_fails_with_and_no_other() {
        let mut statuses: Vec<u16> = of_a_create()
            .iter()
            .map(|failure| failure.status().as_u16())
            .collect();
        statuses.sort_unstable();
        statuses.dedup();
        let mut documented = unified_openapi::contract::FAILURE_STATUSES.to_vec();
        documented.extend(unified_openapi::contract::KEYED_WRITE_STATUSES);
        documented.sort_unstable();
        assert_eq!(statuses, documented);
    }

    #[test]
    fn a_rate_limited_refusal_gives_the_key_back_and_passes_the_wait_on() {
        let mut limits = RateLimit::default();
        limits.limit = Some(40);
        limits.remaining = Some(0);
        limits.reset = Some(30);
        limits.retry_after = Some(30);
        let failure = Failure::ProviderRateLimited {
            provider: "Acme",
            body: json!({"error": "slow down"}),
            limits,
        };
        assert!(!failure.dispatched(), "the provider did not act");
        assert_eq!(
            failure.message(),
            "Acme is limiting this account's request rate, so it did not act on the request: \
             retry after 30 s"
        );
        let response = failure.into_response();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        let header = |name: &str| response.headers()[name].to_str().unwrap().to_owned();
        assert_eq!(header("retry-after"), "30");
        assert_eq!(header("ratelimit-limit"), "40");
        assert_eq!(header("ratelimit-remaining"), "0");
        assert_eq!(header("ratelimit-reset"), "30");

        // Nothing told: no header, and a message that still says what to do.
        let bare = Failure::ProviderRateLimited {
            provider: "Acme",
            body: Value::Null,
            limits: RateLimit::default(),
        };
        assert!(bare.message().ends_with("retry later"));
        let response = bare.into_response();
        for name in [
            RETRY_AFTER,
            RATELIMIT_LIMIT,
            RATELIMIT_REMAINING,
            RATELIMIT_RESET,
        ] {
            assert!(!response.headers().contains_key(name), "{name}");
        }
    }
}
