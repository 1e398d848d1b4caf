//! The gateway: its records, the models it serves, the adapters it dispatches through and its
//! settings, for one provider set `S`. Handlers share it; it knows nothing of HTTP routing.

use std::sync::Arc;

use axum::http::{HeaderMap, StatusCode, header};
use schemars::Schema;
use unified_adapter::Adapters;
use unified_adapter::conventions::QueryConventions;
use unified_core::{Part, Provider, ProviderSet, Registry};

use crate::config::GatewayConfig;
use crate::dispatch::{AuthHeader, Dispatcher, auth_headers};
use crate::error::{SetupError, StoreError};
use crate::http::envelope::ApiError;
use crate::store::{EnvironmentId, Store};
use crate::unified::request::{conventions_schema, declares_property};

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
    /// The OpenAPI 3.1 documents, one per view in `View::all()`'s order, as served: made on
    /// first request, since nothing they describe changes while the gateway runs.
    pub openapi: std::sync::OnceLock<Vec<bytes::Bytes>>,
}

impl<S: ProviderSet> Gateway<S> {
    /// A gateway over `store` serving the operations of `registry` through `adapters`. Fails
    /// when an adapter's credential header cannot be sent, when one provider's adapters send it
    /// differently, when a provider has two adapters for one operation, when an adapter is for
    /// an operation the registry does not serve or for other models than the registry's, when a
    /// model declares a request convention as another kind of value, or when the HTTP client
    /// cannot be built.
    pub fn new(
        store: Store,
        registry: Registry<S>,
        adapters: Adapters<S>,
        config: GatewayConfig,
    ) -> Result<Gateway<S>, SetupError> {
        let dispatcher = Dispatcher::new(config.provider_timeout, config.provider_answer_limit)
            .map_err(SetupError::new)?;
        let auth_headers = auth_headers(&adapters)?;
        if let Some((provider, model, operation)) = adapters.duplicates().first() {
            return Err(SetupError::new(format!(
                "two adapters for {} `{model}` `{operation}`: list one adapter per provider and \
                 operation",
                provider.name()
            )));
        }
        check_conventions(&registry)?;
        check_adapters(&registry, &adapters)?;
        Ok(Gateway {
            inner: Arc::new(Inner {
                store,
                registry,
                adapters,
                auth_headers,
                dispatcher,
                config,
                openapi: std::sync::OnceLock::new(),
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
            })?;
        self.stored(self.store().environment_of_token(token))
            .await?
            .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "unknown API token"))
    }

    /// The answer of a store call, or a 500 that says no more than that storage failed (the
    /// error goes to the log).
    pub(crate) async fn stored<T>(
        &self,
        call: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, ApiError> {
        call.await.map_err(storage_failed)
    }
}

/// The 500 for a failed store call; the error itself goes to the log only.
pub(crate) fn storage_failed(error: StoreError) -> ApiError {
    tracing::error!(%error, "storage failed");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the gateway's storage failed; see its log",
    )
}

/// A model may declare a request convention itself (to document it in its own schema), but as
/// the same kind of value the gateway reads it as; otherwise a request its rules accept could
/// not be read.
fn check_conventions<S: ProviderSet>(registry: &Registry<S>) -> Result<(), SetupError> {
    let conventions = conventions_schema();
    let kind = |schema: &Schema, name: &str| schema.as_value()["properties"][name]["type"].clone();
    for operation in registry.operations() {
        let query = operation.unified_schema(Part::Query);
        for name in QueryConventions::NAMES {
            if declares_property(query, name) && kind(query, name) != kind(conventions, name) {
                return Err(SetupError::new(format!(
                    "the query of `{}` `{}` declares `{name}` as another kind of value than the \
                     gateway reads it as",
                    operation.model(),
                    operation.name()
                )));
            }
        }
    }
    Ok(())
}

/// Every adapter translates an operation of the registry, for the same models: linked by name
/// only, an adapter could otherwise validate against a model that nobody publishes, or never be
/// reached.
fn check_adapters<S: ProviderSet>(
    registry: &Registry<S>,
    adapters: &Adapters<S>,
) -> Result<(), SetupError> {
    for adapter in adapters.iter() {
        let (model, name) = (adapter.model(), adapter.operation());
        let provider = adapter.provider().name();
        match registry.find(model, name) {
            None => {
                return Err(SetupError::new(format!(
                    "the {provider} adapter translates `{model}` `{name}`, which the registry \
                     does not serve"
                )));
            }
            Some(operation) if operation.models() != adapter.models() => {
                return Err(SetupError::new(format!(
                    "the {provider} adapter of `{model}` `{name}` is written for other models \
                     than the registry's"
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value};
    use unified_adapter::Adapters;
    use unified_core::{Operation, Registry, UnifiedModel};

    use super::*;
    use crate::test_support::test_providers::{self as providers, Set};
    use crate::test_support::{NothingCreate, Presenting};

    /// A body.
    #[derive(UnifiedModel)]
    #[allow(dead_code)]
    struct Thing {
        /// A name.
        name: Option<String>,
    }

    /// A query that declares `remote_query` as a string, not the object the gateway reads.
    #[derive(UnifiedModel)]
    #[allow(dead_code)]
    struct OddQuery {
        /// Not the convention's kind.
        remote_query: Option<String>,
    }

    /// A query that declares `remote_query` as the gateway reads it.
    #[derive(UnifiedModel)]
    #[allow(dead_code)]
    struct FineQuery {
        /// The convention's kind.
        remote_query: Option<Map<String, Value>>,
    }

    fn test_store(dir: &tempfile::TempDir) -> Store {
        let location = dir.path().join("gateway.db");
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime
            .block_on(Store::open(location.to_str().unwrap()))
            .unwrap()
    }

    fn gateway<Q: UnifiedModel<Set> + 'static>(
        adapters: Adapters<Set>,
    ) -> Result<Gateway<Set>, SetupError> {
        let dir = tempfile::tempdir().unwrap();
        let store = test_store(&dir);
        let registry = Registry::new(vec![Operation::new::<Thing, Q, Thing>("things", "create")]);
        Gateway::new(store, registry, adapters, GatewayConfig::default())
    }

    #[test]
    fn a_convention_declared_as_another_kind_is_refused() {
        let error = gateway::<OddQuery>(Adapters::new()).err().unwrap();
        assert!(error.to_string().contains("`remote_query`"), "{error}");
        assert!(gateway::<FineQuery>(Adapters::new()).is_ok());
    }

    #[test]
    fn an_adapter_must_translate_an_operation_of_the_registry_with_its_models() {
        type Good = Presenting<providers::good>;
        // The registry serves `things` `create`; the adapter translates `nothing` `create`.
        let elsewhere = Adapters::new().with::<NothingCreate, _>(Good::header("x-key"));
        let error = gateway::<FineQuery>(elsewhere).err().unwrap().to_string();
        assert!(
            error.contains("translates `nothing` `create`, which the registry does not serve"),
            "{error}"
        );
        // The same names, other models.
        let dir = tempfile::tempdir().unwrap();
        let store = test_store(&dir);
        let registry = Registry::new(vec![Operation::new::<Thing, FineQuery, Thing>(
            "nothing", "create",
        )]);
        let adapters = Adapters::new().with::<NothingCreate, _>(Good::header("x-key"));
        let error = Gateway::new(store, registry, adapters, GatewayConfig::default())
            .err()
            .unwrap()
            .to_string();
        assert!(
            error.contains("is written for other models than the registry's"),
            "{error}"
        );
    }

    #[test]
    fn two_adapters_for_one_provider_are_refused() {
        let twice = Adapters::new()
            .with::<NothingCreate, _>(Presenting::<providers::good>::header("x-key"))
            .with::<NothingCreate, _>(Presenting::<providers::good>::header("x-key"));
        let error = gateway::<FineQuery>(twice).err().unwrap();
        assert!(
            error
                .to_string()
                .contains("two adapters for Good `nothing` `create`"),
            "{error}"
        );
    }
}
