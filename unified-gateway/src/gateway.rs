//! The gateway: its records, the models it serves, the adapters it dispatches through and its
//! settings, for one provider set `S`. Handlers share it; it knows nothing of HTTP routing.

use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode, header};
use unified_adapter::Adapters;
use unified_core::{Provider, ProviderSet, Registry};

use crate::config::GatewayConfig;
use crate::dispatch::{AuthHeader, Dispatcher, auth_headers};
use crate::error::{SetupError, StoreError};
use crate::http::envelope::ApiError;
use crate::store::{EnvironmentId, Store};

/// A unified API gateway over the provider set `S`: its records, models, adapters and
/// settings. Cheap to clone. [`Gateway::router`] serves it with axum, [`Gateway::serve`] on a
/// listener of its own.
pub struct Gateway<S: ProviderSet> {
    pub(crate) inner: Arc<Inner<S>>,
}

impl<S: ProviderSet> Clone for Gateway<S> {
    fn clone(&self) -> Self {
        Gateway {
            inner: self.inner.clone(),
        }
    }
}

pub(crate) struct Inner<S: ProviderSet> {
    pub store: Store,
    pub registry: Registry<S>,
    pub adapters: Adapters<S>,
    pub auth_headers: Vec<(Provider<S>, AuthHeader)>,
    pub dispatcher: Dispatcher,
    pub config: GatewayConfig,
}

impl<S: ProviderSet> Gateway<S> {
    /// A gateway over `store` serving the operations of `registry` through `adapters`. Fails
    /// when an adapter's credential header cannot be sent or the HTTP client cannot be built.
    pub fn new(
        store: Store,
        registry: Registry<S>,
        adapters: Adapters<S>,
        config: GatewayConfig,
    ) -> Result<Gateway<S>, SetupError> {
        let dispatcher = Dispatcher::new(config.provider_timeout, config.provider_answer_limit)
            .map_err(SetupError::new)?;
        let auth_headers = auth_headers(&adapters)?;
        Ok(Gateway {
            inner: Arc::new(Inner {
                store,
                registry,
                adapters,
                auth_headers,
                dispatcher,
                config,
            }),
        })
    }

    /// The gateway's records (tokens and accounts).
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The operations it serves.
    pub fn registry(&self) -> &Registry<S> {
        &self.inner.registry
    }

    /// Its settings.
    pub fn config(&self) -> &GatewayConfig {
        &self.inner.config
    }

    /// The checked credential header of `provider`'s adapter.
    pub(crate) fn auth_header(&self, provider: Provider<S>) -> Option<&AuthHeader> {
        self.inner
            .auth_headers
            .iter()
            .find(|(of, _)| *of == provider)
            .map(|(_, header)| header)
    }

    /// The environment of the request's bearer token, or 401.
    pub(crate) async fn authenticate(
        &self,
        headers: &HeaderMap,
    ) -> Result<EnvironmentId, ApiError> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "missing API token: send `Authorization: Bearer <token>`",
                )
            })?
            .to_owned();
        self.blocking(move |store| store.environment_of_token(&token))
            .await?
            .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "unknown API token"))
    }

    /// Runs a store call off the async workers.
    pub(crate) async fn blocking<T: Send + 'static>(
        &self,
        call: impl FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let gateway = self.clone();
        match tokio::task::spawn_blocking(move || call(&gateway.inner.store)).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => {
                tracing::error!(%error, "storage failed");
                Err(ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "the gateway's storage failed; see its log",
                ))
            }
            Err(_) => Err(ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the gateway's storage call did not finish",
            )),
        }
    }
}
