//! The traits one adapter implements for its provider. What is data is declared: how the
//! credential is sent, where a request goes, what the provider answers, what its API needs.
//! Code is written only for the mapping: the provider's views into the native body, and the
//! native answer into the unified response.

use std::borrow::Cow;

use serde::Serialize;
use serde::de::DeserializeOwned;
use unified_core::{OperationModels, ProviderType};

use crate::auth::AuthScheme;
use crate::call::Call;
use crate::error::AdapterError;
use crate::native::Endpoint;
use crate::needs::Need;
use crate::rate_limit::RateLimitHeaders;

/// The adapter of one provider.
pub trait Adapter: Send + Sync + 'static {
    /// The provider this adapter speaks to (`providers::dixa`).
    type Provider: ProviderType;

    /// How the account's credential is sent.
    const AUTH: AuthScheme;

    /// The headers in which the provider's answers tell its rate limit, as it documents them;
    /// none by default (`Retry-After`, HTTP's own, is read from every provider).
    const RATE_LIMITS: RateLimitHeaders = RateLimitHeaders::NONE;
}

/// The translation of the operation `O` for the adapter's provider, written on the provider's
/// views: a field the provider requires is a value, one it supports an `Option`, one it does
/// not take holds `NotTaken`. Registered with [`Adapters::with`](crate::Adapters::with), which checks
/// that `Body` and `Query` are the provider's views of `O`'s models; the request is then built
/// from [`ENDPOINT`](Translate::ENDPOINT) and [`native_body`](Translate::native_body), and the
/// answer read as [`Answer`](Translate::Answer) before
/// [`unified_response`](Translate::unified_response) sees it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not translate this operation",
    note = "implement `Translate<{O}>` for `{Self}` on its provider's views"
)]
pub trait Translate<O: OperationModels>: Adapter {
    /// The provider's view of the body: `ViewOf<O::Body, Self::Provider>`.
    type Body: Send + Sync;
    /// The provider's view of the query: `ViewOf<O::Query, Self::Provider>`.
    type Query: Send + Sync;
    /// The provider's successful answer in its native shape; an answer that does not read as
    /// one is a remote error that says where and what kind, never a value.
    type Answer: DeserializeOwned;

    /// Where the native request goes: method, path, headers, secrets in its body.
    const ENDPOINT: Endpoint;

    /// What the provider's API needs of the request beyond the unified model (a native field no
    /// unified field fills, values it allows, one of several fields): refused before anything
    /// is sent, and shown in the schemas a gateway serves for the provider. The adapter can
    /// rely on it in `native_body` and `path`.
    const NEEDS: &'static [Need] = &[];

    /// The native request's body. `remote_data` and `remote_query` are applied afterwards (see
    /// [`PassThrough`](crate::PassThrough)), so adapters leave them out. None by default: a
    /// get, list or delete sends no body (only `POST`, `PUT` and `PATCH` calls send one).
    fn native_body(&self, call: Call<'_, Self::Body, Self::Query>) -> impl Serialize {
        let _ = call;
    }

    /// The path below the account's base URL, segments encoded: the endpoint's, its `{id}`
    /// the record the request names, unless the request names more of it (a project id).
    fn path(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
    ) -> Result<Cow<'static, str>, AdapterError> {
        Self::ENDPOINT.path_for(call.id).map(Cow::Owned)
    }

    /// The native request's query parameters (name, value), not yet encoded: a list's page
    /// size and cursor. None by default.
    fn native_query(&self, call: Call<'_, Self::Body, Self::Query>) -> Vec<(String, String)> {
        let _ = call;
        Vec::new()
    }

    /// The unified response (without `remote_data`) for the provider's successful answer: only
    /// values the provider returned or the request sent.
    fn unified_response(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
        answer: Self::Answer,
    ) -> Result<O::Response, AdapterError>;
}
