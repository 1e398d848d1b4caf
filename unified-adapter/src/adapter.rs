//! The trait one adapter implements per provider, and the list a gateway dispatches through.

use serde_json::{Map, Value};
use unified_core::{Provider, ProviderSet};

use crate::auth::AuthScheme;
use crate::call::Call;
use crate::error::AdapterError;
use crate::native::{NativeRequest, NativeResponse};

/// The translation for one provider. One implementation per provider, registered in one
/// [`Adapters`] list.
pub trait Adapter<S: ProviderSet>: Send + Sync {
    /// The provider this adapter speaks to.
    fn provider(&self) -> Provider<S>;

    /// How the account's credential is sent.
    fn auth(&self) -> AuthScheme;

    /// The (model, operation) pairs this adapter implements.
    fn operations(&self) -> &'static [(&'static str, &'static str)];

    /// The native request for a validated unified request. `remote_data` and `remote_query` are
    /// applied afterwards by [`prepare_request`](crate::prepare_request), so adapters ignore them.
    fn native_request(&self, call: &Call<'_>) -> Result<NativeRequest, AdapterError>;

    /// The unified response (without `remote_data`) for the provider's successful answer.
    fn unified_response(
        &self,
        call: &Call<'_>,
        native: &NativeResponse,
    ) -> Result<Map<String, Value>, AdapterError>;

    /// Whether this adapter implements `model` `operation`.
    fn implements(&self, model: &str, operation: &str) -> bool {
        self.operations()
            .iter()
            .any(|&(m, o)| m == model && o == operation)
    }
}

/// Every adapter a gateway can dispatch to, one per provider.
pub struct Adapters<S: ProviderSet> {
    adapters: Vec<Box<dyn Adapter<S>>>,
}

impl<S: ProviderSet> Adapters<S> {
    /// The list of adapters; a provider listed twice is a mistake that [`Adapters::duplicates`]
    /// reports (the first one is used).
    pub fn new(adapters: Vec<Box<dyn Adapter<S>>>) -> Self {
        Adapters { adapters }
    }

    /// The adapter of `provider`, if there is one.
    pub fn find(&self, provider: Provider<S>) -> Option<&dyn Adapter<S>> {
        self.adapters
            .iter()
            .find(|adapter| adapter.provider() == provider)
            .map(|adapter| adapter.as_ref())
    }

    /// Every adapter, in registration order.
    pub fn iter(&self) -> impl Iterator<Item = &dyn Adapter<S>> {
        self.adapters.iter().map(|adapter| adapter.as_ref())
    }

    /// Providers registered more than once.
    pub fn duplicates(&self) -> Vec<Provider<S>> {
        let mut seen = Vec::new();
        let mut twice = Vec::new();
        for adapter in &self.adapters {
            let provider = adapter.provider();
            if seen.contains(&provider) {
                twice.push(provider);
            }
            seen.push(provider);
        }
        twice
    }
}
