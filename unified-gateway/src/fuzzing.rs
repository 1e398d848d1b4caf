//! Entry points for the fuzz targets in `fuzz/`: the steps that read a request's untrusted
//! bytes before dispatch (the bearer token, the body's declared type and size, the query string
//! and body as one request, the account id), which are private to the crate. Not part of the
//! API: nothing here is covered by semver, and nothing but the fuzz targets should call it.
#![doc(hidden)]

use axum::body::Body;
use axum::http::HeaderMap;
use serde_json::Value;
use unified_core::{Operation, Part, ProviderSet, Target, ValidationError};

use crate::config::GatewayConfig;
use crate::failure::Failure;
use crate::gateway::Gateway;
use crate::http::envelope::ApiError;
use crate::unified::request::UnifiedRequest;

/// An integrated account's id, hyphenated, when `text` is a UUID: how the gateway reads the
/// query's `integrated_account_id`.
pub use crate::unified::request::account_id;

/// The environment of the request's bearer token, as every authenticated route finds it; the
/// refusal is the answer the route gives (401, or 500 if the store fails).
pub async fn authenticate<S: ProviderSet>(
    gateway: &Gateway<S>,
    headers: &HeaderMap,
) -> Result<unified_store::EnvironmentId, ApiError> {
    gateway.authenticate(headers).await.map_err(ApiError::from)
}

/// The whole body, read as the create and update routes read it: declared JSON (415), at most
/// `limits.body_limit` bytes (413), all in within `limits.body_timeout` (408).
pub async fn read_json(
    headers: &HeaderMap,
    body: Body,
    limits: &GatewayConfig,
) -> Result<bytes::Bytes, ApiError> {
    crate::http::json_body::read_json(headers, body, limits)
        .await
        .map_err(ApiError::from)
}

/// A request's query string and body text as the operation routes read them, before any
/// provider is known.
pub struct ReadRequest {
    /// The query, its values converted to the types the schema asks for.
    pub query: Value,
    /// The body, parsed.
    pub body: Value,
    /// The integrated account the query names, when its id is a UUID.
    pub account_id: Option<String>,
    /// The violations of the conventions of the query, then of the body.
    pub conventions: Vec<(Part, ValidationError)>,
    /// What the route answers when the account id is unusable: every violation for the
    /// unified target.
    pub without_account: Vec<(Part, ValidationError)>,
    /// The body's `remote_data`, when it is an object.
    pub remote_data: Option<serde_json::Map<String, Value>>,
    /// The query's `remote_query`, in the order the client wrote it, when it is an object.
    pub remote_query: Option<unified_core::json::Map>,
}

/// Reads `raw_query` and `body` for `operation` as the operation routes do (a 400 with the
/// part that cannot be read otherwise), then everything the route reads of the request before
/// it looks up the account.
pub fn read_request<S: ProviderSet>(
    operation: &Operation<S>,
    raw_query: &str,
    body: &[u8],
) -> Result<ReadRequest, Vec<(Part, ValidationError)>> {
    let request =
        UnifiedRequest::read(operation, raw_query, body).map_err(|failure| match failure {
            Failure::Invalid(errors) => errors,
            // Reading refuses only with violations; anything else would be a new kind of answer.
            other => vec![(
                Part::Body,
                ValidationError::new("", unified_core::Code::Json, format!("{other:?}")),
            )],
        })?;
    let (query_conventions, body_conventions) = request.conventions_violations();
    let mut conventions = crate::unified::request::by_part(Part::Query, query_conventions);
    conventions.extend(crate::unified::request::by_part(
        Part::Body,
        body_conventions,
    ));
    let pass_through = request.pass_through();
    Ok(ReadRequest {
        account_id: request.account_id(),
        without_account: request.without_account(Target::UNIFIED),
        remote_data: pass_through.remote_data.cloned(),
        remote_query: pass_through.remote_query.cloned(),
        conventions,
        query: request.query().clone(),
        body: request.body().clone(),
    })
}
