//! The gateway: its records, the models it serves, the adapters it dispatches through and its
//! settings, for one provider set `S`. Handlers share it; it knows nothing of HTTP routing.

use std::sync::Arc;
use std::time::Instant;

use axum::http::{HeaderMap, header};
use unified_adapter::{Adapters, Need};
use unified_core::{Action, Operation, Part, Provider, ProviderSet, Registry, Target};

use crate::auth_header::{AuthHeader, auth_headers};
use crate::config::GatewayConfig;
use crate::error::SetupError;
use crate::failure::Failure;
use crate::metrics::{Metrics, StoreCall};
use crate::provider_client::ProviderClient;
use crate::routes::did_you_mean;
use unified_openapi::contract::{LIST_CURSOR, LIST_RESULT, route_needs};
use unified_store::StoreError;
use unified_store::{Account, EnvironmentId, Store};

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
    pub client: ProviderClient,
    pub config: GatewayConfig,
    /// What a create needs of its query, per operation of the registry and per view in
    /// `Target::all()`'s order (empty for other operations).
    pub route_needs: Vec<Vec<Vec<Need>>>,
    /// The OpenAPI 3.1 documents, one per view in `Target::all()`'s order, as served: made on
    /// first request, since nothing they describe changes while the gateway runs.
    pub openapi: std::sync::OnceLock<Vec<bytes::Bytes>>,
    /// Set once shutdown began: `/readyz` answers 503 from then on.
    pub draining: std::sync::atomic::AtomicBool,
    /// What `GET /metrics` serves; `None` when the config turns metrics off.
    pub metrics: Option<Arc<Metrics>>,
}

impl<S: ProviderSet> Gateway<S> {
    /// A gateway over `store` serving the operations of `registry` through `adapters`. Fails
    /// when an adapter's credential header cannot be sent, when one provider's adapters send it
    /// differently, when a provider has two adapters for one operation, when an adapter is for
    /// an operation the registry does not serve, when an adapter declares a need that is not
    /// well formed, when a model declares a request convention itself, when the config gives a
    /// metrics address with metrics off, or when the HTTP client cannot be built.
    pub fn new(
        store: Store,
        registry: Registry<S>,
        adapters: Adapters<S>,
        config: GatewayConfig,
    ) -> Result<Gateway<S>, SetupError> {
        if !config.metrics && config.metrics_addr.is_some() {
            return Err(SetupError::new(
                "a metrics address is set but metrics are off: leave out one of the two",
            ));
        }
        let client = ProviderClient::new(config.provider_timeout, config.provider_answer_limit)
            .map_err(SetupError::new)?;
        let auth_headers = auth_headers(&adapters)?;
        if let Some((provider, model, operation)) = adapters.duplicates().first() {
            return Err(SetupError::new(format!(
                "two adapters for {} `{model}` `{operation}`: list one adapter per provider and \
                 operation",
                provider.name()
            )));
        }
        check_models_leave_conventions(&registry)?;
        check_lists_page_by_cursor(&registry)?;
        check_adapters(&registry, &adapters)?;
        let route_needs = registry
            .operations()
            .iter()
            .map(|operation| {
                Target::<S>::all()
                    .map(|view| route_needs(operation, view))
                    .collect()
            })
            .collect();
        let metrics = config
            .metrics
            .then(|| Arc::new(Metrics::new(store.cache_counters())));
        Ok(Gateway {
            inner: Arc::new(Inner {
                metrics,
                store,
                registry,
                adapters,
                auth_headers,
                client,
                config,
                route_needs,
                openapi: std::sync::OnceLock::new(),
                draining: std::sync::atomic::AtomicBool::new(false),
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

    /// Its metrics, unless the config turns them off.
    pub(crate) fn metrics(&self) -> Option<&Arc<Metrics>> {
        self.inner.metrics.as_ref()
    }

    /// Whether shutdown began, so the gateway should get no new requests.
    pub(crate) fn draining(&self) -> bool {
        self.inner
            .draining
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The adapters it dispatches through.
    pub(crate) fn adapters(&self) -> &Adapters<S> {
        &self.inner.adapters
    }

    /// The checked credential header of `provider`'s adapter.
    pub(crate) fn auth_header(&self, provider: Provider<S>) -> Option<&AuthHeader> {
        self.inner
            .auth_headers
            .iter()
            .find(|(of, _)| *of == provider)
            .map(|(_, header)| header)
    }

    /// What a create of `operation` needs of its query for `view`.
    pub(crate) fn route_needs(&self, operation: &Operation<S>, view: Target<S>) -> &[Need] {
        let operation = self
            .registry()
            .operations()
            .iter()
            .position(|each| core::ptr::eq(each, operation));
        let view = Target::<S>::all().position(|each| each == view);
        operation
            .zip(view)
            .and_then(|(operation, view)| self.inner.route_needs.get(operation)?.get(view))
            .map_or(&[], Vec::as_slice)
    }

    /// The environment of the request's bearer token: the first step of every route that needs
    /// one.
    pub(crate) async fn authenticate(&self, headers: &HeaderMap) -> Result<EnvironmentId, Failure> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| !token.is_empty())
            .ok_or(Failure::MissingToken)?;
        self.stored(StoreCall::Token, self.store().environment_of_token(token))
            .await?
            .ok_or(Failure::UnknownToken)
    }

    /// The integrated account `id` names in `environment`.
    pub(crate) async fn account(
        &self,
        environment: EnvironmentId,
        id: &str,
    ) -> Result<Account<S>, Failure> {
        self.stored(
            StoreCall::Account,
            self.store().account::<S>(environment, id),
        )
        .await?
        .ok_or(Failure::NoAccount)
    }

    /// The operation `name` of the model at `model`/`resource`.
    pub(crate) fn operation(
        &self,
        model: &str,
        resource: &str,
        name: &'static str,
    ) -> Result<&Operation<S>, Failure> {
        let path = format!("{model}/{resource}");
        let registry = self.registry();
        registry.find(&path, name).ok_or_else(|| Failure::NoModel {
            operation: name,
            suggestion: did_you_mean(&path, registry.models()),
        })
    }

    /// The answer of a store call, or a 500 that says no more than that storage failed (the
    /// error goes to the log); timed as `call`.
    pub(crate) async fn stored<T>(
        &self,
        call: StoreCall,
        work: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, Failure> {
        self.timed(call, work).await.map_err(storage_failed)
    }

    /// `work`, a store call on the request path, timed in the metrics as `call`: every such
    /// call goes through here, so the histogram's operations are named in one place.
    pub(crate) async fn timed<T>(&self, call: StoreCall, work: impl Future<Output = T>) -> T {
        let Some(metrics) = self.metrics() else {
            return work.await;
        };
        let started = Instant::now();
        let done = work.await;
        metrics.store_calls.observe(call, started.elapsed());
        done
    }
}

/// The failure of a store call; the error itself goes to the log only.
pub(crate) fn storage_failed(error: StoreError) -> Failure {
    tracing::error!(%error, "storage failed");
    Failure::Storage
}

/// The request conventions are every operation's: a model that declares one itself would have
/// two readers for one member.
fn check_models_leave_conventions<S: ProviderSet>(
    registry: &Registry<S>,
) -> Result<(), SetupError> {
    for operation in registry.operations() {
        for part in operation.parts() {
            if let Some(name) = operation.redeclared_conventions(part).first() {
                return Err(SetupError::new(format!(
                    "the {part} of `{}` `{}` declares `{name}`, a request convention every \
                     operation has: leave it out of the model",
                    operation.model(),
                    operation.name()
                )));
            }
        }
    }
    Ok(())
}

/// Every list's query takes the cursor and its answer holds the page and the next cursor, as
/// the reference client pages: the routes read the cursor by that name (a refused one is a 400).
fn check_lists_page_by_cursor<S: ProviderSet>(registry: &Registry<S>) -> Result<(), SetupError> {
    for operation in registry.operations() {
        if operation.action() != Action::List {
            continue;
        }
        let missing = [
            (Part::Query, LIST_CURSOR),
            (Part::Response, LIST_RESULT),
            (Part::Response, LIST_CURSOR),
        ]
        .into_iter()
        .find(|(part, member)| {
            operation.unified_schema(*part).to_value()["properties"]
                .get(*member)
                .is_none()
        });
        if let Some((part, member)) = missing {
            return Err(SetupError::new(format!(
                "the {part} of `{}` `{}` has no `{member}`: a list's query takes `{LIST_CURSOR}` \
                 and its response holds `{LIST_RESULT}` and `{LIST_CURSOR}`",
                operation.model(),
                operation.name()
            )));
        }
    }
    Ok(())
}

/// Every adapter translates an operation of the registry, as the registry declares it, and its
/// needs are well formed: linked by name only, an adapter could otherwise validate against a
/// model that nobody publishes, or never be reached.
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
            Some(operation) if operation.declared_by() != adapter.declared_by() => {
                return Err(SetupError::new(format!(
                    "the {provider} adapter of `{model}` `{name}` is written for another \
                     declaration of the operation than the registry's"
                )));
            }
            Some(_) => {}
        }
        for need in adapter.needs() {
            if let Some(mistake) = need.mistake() {
                return Err(SetupError::new(format!(
                    "a need of the {provider} adapter of `{model}` `{name}` {mistake}"
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value};
    use unified_adapter::Adapters;
    use unified_core::{Operation, OperationModels, Registry, UnifiedModel};

    use super::*;
    use crate::test_support::test_providers::{self as providers, Set};
    use crate::test_support::{Mistaken, NothingCreate, Presenting};

    /// A body.
    #[derive(UnifiedModel, serde::Serialize)]
    #[allow(dead_code)]
    struct Thing {
        /// A name.
        name: Option<String>,
    }

    /// A query that declares `remote_query`, a convention every operation has.
    #[derive(UnifiedModel)]
    #[allow(dead_code)]
    struct RedeclaringQuery {
        /// The convention again.
        remote_query: Option<Map<String, Value>>,
    }

    /// A query of its own.
    #[derive(UnifiedModel)]
    #[allow(dead_code)]
    struct OwnQuery {
        /// Not a convention.
        page: Option<String>,
    }

    /// `things` `create` with the query `Q`.
    struct ThingsCreate<Q>(core::marker::PhantomData<Q>);

    impl<Q: UnifiedModel<Set> + 'static> OperationModels for ThingsCreate<Q> {
        type Set = Set;
        type Body = Thing;
        type Query = Q;
        type Response = Thing;
        const MODEL: &'static str = "things";
        const ACTION: unified_core::Action = unified_core::Action::Create;
    }

    /// Another declaration of `nothing` `create` than the adapters translate.
    struct OtherNothingCreate;

    impl OperationModels for OtherNothingCreate {
        type Set = Set;
        type Body = Thing;
        type Query = OwnQuery;
        type Response = Thing;
        const MODEL: &'static str = "nothing";
        const ACTION: unified_core::Action = unified_core::Action::Create;
    }

    fn test_store(dir: &tempfile::TempDir) -> Store {
        let location = dir.path().join("gateway.db");
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime
            .block_on(Store::open(location.to_str().unwrap()))
            .unwrap()
    }

    fn serving(
        registry: Registry<Set>,
        adapters: Adapters<Set>,
    ) -> Result<Gateway<Set>, SetupError> {
        let dir = tempfile::tempdir().unwrap();
        Gateway::new(
            test_store(&dir),
            registry,
            adapters,
            GatewayConfig::default(),
        )
    }

    fn gateway<Q: UnifiedModel<Set> + 'static>(
        adapters: Adapters<Set>,
    ) -> Result<Gateway<Set>, SetupError> {
        serving(
            Registry::new(vec![Operation::of::<ThingsCreate<Q>>()]),
            adapters,
        )
    }

    /// `things` `list` with the query `Q`.
    struct ThingsList<Q>(core::marker::PhantomData<Q>);

    impl<Q: UnifiedModel<Set> + 'static> OperationModels for ThingsList<Q> {
        type Set = Set;
        type Body = ();
        type Query = Q;
        type Response = Thing;
        const MODEL: &'static str = "things";
        const ACTION: unified_core::Action = unified_core::Action::List;
    }

    #[test]
    fn a_list_without_the_cursor_is_refused() {
        let error = serving(
            Registry::new(vec![Operation::of::<ThingsList<OwnQuery>>()]),
            Adapters::new(),
        )
        .err()
        .unwrap();
        assert_eq!(
            error.to_string(),
            "the query of `things` `list` has no `next_cursor`: a list's query takes \
             `next_cursor` and its response holds `result` and `next_cursor`"
        );
    }

    #[test]
    fn a_model_that_declares_a_convention_is_refused() {
        let error = gateway::<RedeclaringQuery>(Adapters::new()).err().unwrap();
        assert_eq!(
            error.to_string(),
            "the query of `things` `create` declares `remote_query`, a request convention every \
             operation has: leave it out of the model"
        );
        assert!(gateway::<OwnQuery>(Adapters::new()).is_ok());
    }

    #[test]
    fn an_adapter_must_translate_an_operation_of_the_registry_as_declared() {
        type Good = Presenting<providers::good>;
        // The registry serves `things` `create`; the adapter translates `nothing` `create`.
        let elsewhere = Adapters::new().with::<NothingCreate, _>(Good::new());
        let error = gateway::<OwnQuery>(elsewhere).err().unwrap().to_string();
        assert!(
            error.contains("translates `nothing` `create`, which the registry does not serve"),
            "{error}"
        );
        // The same names, another declaration.
        let registry = Registry::new(vec![Operation::of::<OtherNothingCreate>()]);
        let adapters = Adapters::new().with::<NothingCreate, _>(Good::new());
        let error = serving(registry, adapters).err().unwrap().to_string();
        assert!(
            error.contains("is written for another declaration of the operation"),
            "{error}"
        );
    }

    #[test]
    fn an_adapter_whose_need_is_not_well_formed_is_refused() {
        let registry = Registry::new(vec![Operation::of::<NothingCreate>()]);
        let adapters = Adapters::new().with::<NothingCreate, _>(Mistaken);
        let error = serving(registry, adapters).err().unwrap().to_string();
        assert_eq!(
            error,
            "a need of the Good adapter of `nothing` `create` has `*` among several places"
        );
    }

    #[test]
    fn two_adapters_for_one_provider_are_refused() {
        let twice = Adapters::new()
            .with::<NothingCreate, _>(Presenting::<providers::good>::new())
            .with::<NothingCreate, _>(Presenting::<providers::good>::new());
        let error = gateway::<OwnQuery>(twice).err().unwrap();
        assert!(
            error
                .to_string()
                .contains("two adapters for Good `nothing` `create`"),
            "{error}"
        );
    }
}
