//! The traits one adapter implements for its provider: how the credential is sent, and per
//! operation, the translation of the provider's views into a native request and of the native
//! answer into the unified response.

use unified_core::ProviderType;

use crate::auth::AuthScheme;
use crate::call::Call;
use crate::error::AdapterError;
use crate::native::{NativeRequest, NativeResponse};
use crate::needs::Need;
use unified_core::OperationModels;

/// The adapter of one provider.
pub trait Adapter: Send + Sync + 'static {
    /// The provider this adapter speaks to (`providers::dixa`).
    type Provider: ProviderType;

    /// How the account's credential is sent.
    fn auth(&self) -> AuthScheme;
}

/// The translation of the operation `O` for the adapter's provider, written on the provider's
/// views: a field the provider requires is a value, one it supports an `Option`, one it does
/// not take is absent. Registered with [`Adapters::with`](crate::Adapters::with), which checks
/// that `Body` and `Query` are the provider's views of `O`'s models.
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not translate this operation",
    note = "implement `Translate<{O}>` for `{Self}` on its provider's views"
)]
pub trait Translate<O: OperationModels>: Adapter {
    /// The provider's view of the body: `ViewOf<O::Body, Self::Provider>`.
    type Body: Send + Sync;
    /// The provider's view of the query: `ViewOf<O::Query, Self::Provider>`.
    type Query: Send + Sync;

    /// What the provider's API needs of the request beyond the unified model (a native field no
    /// unified field fills, values it allows, one of several fields): refused before anything
    /// is sent, and shown in the schemas a gateway serves for the provider. The adapter can
    /// rely on it in `native_request`.
    const NEEDS: &'static [Need] = &[];

    /// The native request. `remote_data` and `remote_query` are applied afterwards (see
    /// [`PassThrough`](crate::PassThrough)), so adapters leave them out.
    fn native_request(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
    ) -> Result<NativeRequest, AdapterError>;

    /// The unified response (without `remote_data`) for the provider's successful answer: only
    /// values the provider returned or the request sent.
    fn unified_response(
        &self,
        call: Call<'_, Self::Body, Self::Query>,
        native: &NativeResponse,
    ) -> Result<O::Response, AdapterError>;
}
