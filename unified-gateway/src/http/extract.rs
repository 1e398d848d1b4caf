//! Validation before a handler runs, for axum apps of their own: [`Validated<T>`] reads a
//! route's JSON body, validates it for the provider the app's state resolves, and hands the
//! handler the deserialized model; [`ValidatedQuery<T>`] does the same for the query string.
//! A request that fails is answered with the gateway's envelope (400 with every violation, 413,
//! 415, 408) and the handler never runs.
//!
//! Neither wrapper can be built by hand, so a function that takes a `Validated<T>` can only be
//! given a value that passed validation.

use core::any::TypeId;
use core::ops::Deref;
use std::collections::HashMap;
use std::sync::{OnceLock, RwLock};

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use unified_core::Schema;
use unified_core::conventions::{model_from_value, with_conventions};
use unified_core::query::read_query;
use unified_core::{Code, Part, ProviderSet, Target, UnifiedModel, ValidationError};

use crate::config::GatewayConfig;
use crate::failure::Failure;
use crate::gateway::Gateway;
use crate::http::envelope::ApiError;
use crate::http::json_body::read_json;
use crate::unified::request::account_id;

/// How an app's state tells which provider a request is for (from a header, a path segment, a
/// tenant lookup, ...), and the limits its bodies are read within.
pub trait ResolveProvider: Send + Sync {
    /// The provider set the app's models are validated for.
    type Set: ProviderSet;

    /// The view to validate the request for: one provider, or [`Target::UNIFIED`]. An error is
    /// the answer to the request. Called once per request, however many extractors ask.
    fn resolve(
        &self,
        parts: &Parts,
    ) -> impl Future<Output = Result<Target<Self::Set>, ApiError>> + Send;

    /// The body limit and body timeout of [`GatewayConfig`] (by default its defaults).
    fn limits(&self) -> GatewayConfig {
        GatewayConfig::default()
    }

    /// Whether the state reads the query's request conventions itself
    /// ([`unified_core::conventions::QueryConventions`], such as `integrated_account_id`), as a
    /// gateway does: a query model is then read beside them and does not see them.
    fn reads_query_conventions(&self) -> bool {
        false
    }
}

/// The view a request was resolved to, kept so a second extractor does not resolve it again.
struct Resolved<S>(Target<S>);

impl<S> Clone for Resolved<S> {
    fn clone(&self) -> Self {
        Resolved(self.0)
    }
}

/// The request's view, resolved once.
async fn resolve_once<St: ResolveProvider>(
    state: &St,
    parts: &mut Parts,
) -> Result<Target<St::Set>, ApiError> {
    if let Some(Resolved(view)) = parts.extensions.get::<Resolved<St::Set>>() {
        return Ok(*view);
    }
    let view = state.resolve(parts).await?;
    parts.extensions.insert(Resolved(view));
    Ok(view)
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
    T: UnifiedModel<St::Set>,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &St) -> Result<Self, ApiError> {
        let (mut parts, body) = request.into_parts();
        let view = resolve_once(state, &mut parts).await?;
        let text = read_json(&parts.headers, body, &state.limits()).await?;
        // Checked and built in one pass over the text: no `Value` in between.
        let value = T::from_slice(&text, view)
            .map_err(|report| ApiError::invalid_part(Part::Body, report.into_errors()))?;
        Ok(Validated { value })
    }
}

impl<St, T> FromRequestParts<St> for ValidatedQuery<T>
where
    St: ResolveProvider,
    T: UnifiedModel<St::Set> + 'static,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &St) -> Result<Self, ApiError> {
        let view = resolve_once(state, parts).await?;
        let beside = state.reads_query_conventions();
        let query = read_query(
            parts.uri.query().unwrap_or(""),
            unified_schema::<St::Set, T>(beside),
        )
        .map_err(|error| ApiError::invalid_part(Part::Query, vec![error]))?;
        let read = if beside {
            model_from_value::<St::Set, T>(Part::Query, &query, view)
        } else {
            T::from_value(&query, view)
        };
        let value =
            read.map_err(|report| ApiError::invalid_part(Part::Query, report.into_errors()))?;
        Ok(ValidatedQuery { value })
    }
}

/// The unified-view schema of `T`, with the query conventions `beside` it when asked (what a
/// query string is read with), built once per model rather than on every request.
fn unified_schema<S: ProviderSet, T: UnifiedModel<S> + 'static>(beside: bool) -> &'static Schema {
    type Schemas = RwLock<HashMap<(TypeId, TypeId, bool), &'static Schema>>;
    static SCHEMAS: OnceLock<Schemas> = OnceLock::new();
    let schemas = SCHEMAS.get_or_init(Schemas::default);
    let key = (TypeId::of::<T>(), TypeId::of::<S>(), beside);
    let known = schemas
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .get(&key)
        .copied();
    known.unwrap_or_else(|| {
        let mut schemas = schemas
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // One schema per model type, kept for the life of the process.
        *schemas.entry(key).or_insert_with(|| {
            let schema = T::schema_for(Target::UNIFIED);
            let schema = if beside {
                with_conventions(Part::Query, schema)
            } else {
                schema
            };
            Box::leak(Box::new(schema))
        })
    })
}

/// A gateway resolves the provider of the integrated account that the query's
/// `integrated_account_id` names in the environment of the bearer token, so a route of a user's
/// own, on the gateway's state, is validated for the account's provider.
impl<S: ProviderSet> ResolveProvider for Gateway<S> {
    type Set = S;

    async fn resolve(&self, parts: &Parts) -> Result<Target<S>, ApiError> {
        let environment = self.authenticate(&parts.headers).await?;
        let named = form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
            .find(|(name, _)| name == "integrated_account_id")
            .map(|(_, value)| value.into_owned());
        let id = match named.as_deref().map(account_id) {
            Some(Some(id)) => id,
            Some(None) => return Err(account_id_problem(Code::Format).into()),
            None => return Err(account_id_problem(Code::Required).into()),
        };
        let account = self.account(environment, &id).await?;
        Ok(Target::of(account.provider))
    }

    fn reads_query_conventions(&self) -> bool {
        true
    }

    fn limits(&self) -> GatewayConfig {
        self.config().clone()
    }
}

/// The 400 for an `integrated_account_id` that is absent (`required`) or not a UUID (`format`).
fn account_id_problem(code: Code) -> Failure {
    let error = ValidationError::new(
        "/integrated_account_id",
        code,
        "must be the UUID of an integrated account",
    );
    Failure::Invalid(vec![(Part::Query, error)])
}
