//! Validation before a handler runs, for axum apps of their own: [`Validated<T>`] reads a
//! route's JSON body, validates it for the provider the app's state resolves, and hands the
//! handler the deserialized model; [`ValidatedQuery<T>`] does the same for the query string.
//! A request that fails is answered with the gateway's envelope (400 with every violation, 413,
//! 415, 408) and the handler never runs.
//!
//! Neither wrapper can be built by hand, so a function that takes a `Validated<T>` can only be
//! given a value that passed validation.

use core::ops::Deref;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use unified_core::query::{parse_query, query_to_json};
use unified_core::{Code, Part, ProviderSet, UnifiedModel, ValidationError, View};

use crate::config::GatewayConfig;
use crate::gateway::Gateway;
use crate::http::envelope::ApiError;
use crate::http::json_body::{check_json_content_type, read_body};

/// How an app's state tells which provider a request is for (from a header, a path segment, a
/// tenant lookup, ...), and the limits its bodies are read within.
pub trait ResolveProvider: Send + Sync {
    /// The provider set the app's models are validated for.
    type Set: ProviderSet;

    /// The view to validate the request for: one provider, or [`View::UNIFIED`]. An error is
    /// the answer to the request.
    fn resolve(
        &self,
        parts: &Parts,
    ) -> impl Future<Output = Result<View<Self::Set>, ApiError>> + Send;

    /// The body limit and body timeout of [`GatewayConfig`] (by default its defaults).
    fn limits(&self) -> GatewayConfig {
        GatewayConfig::default()
    }
}

/// A request body of model `T`, validated for the resolved provider and deserialized.
#[derive(Debug)]
pub struct Validated<T> {
    value: T,
}

/// The query parameters of model `T`, validated for the resolved provider and deserialized.
#[derive(Debug)]
pub struct ValidatedQuery<T> {
    value: T,
}

impl<T> Validated<T> {
    /// The validated model.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T> ValidatedQuery<T> {
    /// The validated parameters.
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T> Deref for Validated<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T> Deref for ValidatedQuery<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<St, T> FromRequest<St> for Validated<T>
where
    St: ResolveProvider,
    T: UnifiedModel<St::Set> + DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &St) -> Result<Self, ApiError> {
        let (parts, body) = request.into_parts();
        let view = state.resolve(&parts).await?;
        check_json_content_type(&parts.headers)?;
        let limits = state.limits();
        let text = read_body(body, limits.body_limit, limits.body_timeout).await?;
        let report = T::validate_json(&text, view);
        if !report.is_valid() {
            return Err(invalid(Part::Body, report.into_errors()));
        }
        let value = serde_json::from_slice(&text).map_err(|_| unreadable(Part::Body))?;
        Ok(Validated { value })
    }
}

impl<St, T> FromRequestParts<St> for ValidatedQuery<T>
where
    St: ResolveProvider,
    T: UnifiedModel<St::Set> + DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &St) -> Result<Self, ApiError> {
        let view = state.resolve(parts).await?;
        let schema = T::schema_for(View::UNIFIED);
        let query = query_to_json(parts.uri.query().unwrap_or(""), &schema).map_err(|error| {
            invalid(
                Part::Query,
                vec![ValidationError::new(
                    "",
                    Code::Json,
                    format!("malformed query string: {error}"),
                )],
            )
        })?;
        let report = T::validate(&query, view);
        if !report.is_valid() {
            return Err(invalid(Part::Query, report.into_errors()));
        }
        let value = serde::Deserialize::deserialize(&query).map_err(|_| unreadable(Part::Query))?;
        Ok(ValidatedQuery { value })
    }
}

/// A gateway resolves the provider of the integrated account that the query's
/// `integrated_account_id` names in the environment of the bearer token, so a route of a user's
/// own, on the gateway's state, is validated for the account's provider.
impl<S: ProviderSet> ResolveProvider for Gateway<S> {
    type Set = S;

    async fn resolve(&self, parts: &Parts) -> Result<View<S>, ApiError> {
        let environment = self.authenticate(&parts.headers).await?;
        let named = parse_query(parts.uri.query().unwrap_or(""))
            .ok()
            .and_then(|query| {
                query
                    .get("integrated_account_id")?
                    .as_str()
                    .map(str::to_owned)
            })
            .and_then(|text| uuid::Uuid::parse_str(&text).ok());
        let Some(id) = named else {
            return Err(invalid(
                Part::Query,
                vec![ValidationError::new(
                    "/integrated_account_id",
                    Code::Required,
                    "must be the UUID of an integrated account",
                )],
            ));
        };
        let id = id.hyphenated().to_string();
        let account = self
            .blocking(move |store| store.account::<S>(environment, &id))
            .await?
            .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "no such integrated account"))?;
        Ok(View::of(account.provider))
    }

    fn limits(&self) -> GatewayConfig {
        self.config().clone()
    }
}

fn invalid(part: Part, errors: Vec<ValidationError>) -> ApiError {
    let errors: Vec<(Part, ValidationError)> =
        errors.into_iter().map(|error| (part, error)).collect();
    ApiError::invalid(&errors)
}

/// Valid by the model's rules, yet not readable as its Rust type (a type whose `Deserialize`
/// is stricter than its rules): a 400 at the document, quoting nothing.
fn unreadable(part: Part) -> ApiError {
    invalid(
        part,
        vec![ValidationError::new(
            "",
            Code::Type,
            "is valid but cannot be read as the model's type",
        )],
    )
}
