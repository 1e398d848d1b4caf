//! What every request handler shares: the store, the models, the adapters and the HTTP client,
//! and the router that puts the handlers at their paths.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use unified_adapter::Adapters;
use unified_core::{Provider, Registry};
use unified_models::providers;

use crate::config::GatewayConfig;
use crate::dispatch::{AuthHeader, Dispatcher, auth_headers};
use crate::drain::drain_unread_body;
use crate::envelope::ApiError;
use crate::error::SetupError;
use crate::routes;
use crate::store::{EnvironmentId, Store};

/// The gateway: its records, models, adapters and settings. Cheap to clone.
#[derive(Clone)]
pub struct Gateway {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub store: Store,
    pub registry: Registry<providers::Set>,
    pub adapters: Adapters<providers::Set>,
    pub auth_headers: Vec<(Provider<providers::Set>, AuthHeader)>,
    pub dispatcher: Dispatcher,
    pub config: GatewayConfig,
}

impl Gateway {
    /// A gateway over `store` serving the shipped models through the shipped adapters.
    pub fn new(store: Store, config: GatewayConfig) -> Result<Gateway, SetupError> {
        let dispatcher = Dispatcher::new(config.provider_timeout, config.provider_answer_limit)
            .map_err(SetupError::new)?;
        let adapters = unified_adapters::adapters();
        let auth_headers = auth_headers(&adapters)?;
        Ok(Gateway {
            inner: Arc::new(Inner {
                store,
                registry: unified_models::registry(),
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

    /// The HTTP routes: the unified API, the meta endpoint, and JSON errors for everything else.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/unified/{model}/{resource}", post(routes::create::create))
            .route(
                "/unified/{model}/{resource}/{provider}/meta/{method}",
                get(routes::meta::meta),
            )
            .route("/healthz", get(healthz))
            .fallback(not_found)
            .method_not_allowed_fallback(method_not_allowed)
            .layer(middleware::from_fn_with_state(
                self.clone(),
                drain_unread_body,
            ))
            .layer(middleware::from_fn(log_request))
            .with_state(self.clone())
    }

    /// Serves on `listener` until `shutdown` completes, within the limits of the
    /// [`GatewayConfig`]; then stops accepting, lets the requests in flight finish, and returns.
    pub async fn serve(
        &self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        crate::server::serve(self.router(), listener, self.inner.config.clone(), shutdown).await
    }

    /// The checked credential header of `provider`'s adapter.
    pub(crate) fn auth_header(&self, provider: Provider<providers::Set>) -> Option<&AuthHeader> {
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
        call: impl FnOnce(&Store) -> Result<T, SetupError> + Send + 'static,
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

/// `GET /healthz`, without a token: 200 while the database answers, else 503.
async fn healthz(State(gateway): State<Gateway>) -> Response {
    match gateway.blocking(|store| store.check_health()).await {
        Ok(()) => axum::Json(serde_json::json!({"status": "ok"})).into_response(),
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "the gateway's storage does not answer; see its log",
        )
        .into_response(),
    }
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such endpoint")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "this endpoint does not take that method",
    )
}

/// One log line per request: method, route (never the query, which may carry `remote_query`
/// values), status and time taken.
async fn log_request(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "(unmatched)".to_owned(), |path| path.as_str().to_owned());
    let response = next.run(request).await.into_response();
    tracing::info!(
        %method,
        route,
        status = response.status().as_u16(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}
