//! The routes of a gateway, the layers every request passes, and serving them.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use tokio::net::TcpListener;
use unified_core::ProviderSet;

use crate::connection::drain::drain_unread_body;
use crate::gateway::Gateway;
use crate::http::request_id::request_id;
use crate::metrics::{AnsweredFor, Metrics};
use crate::routes;

/// Where `GET /metrics` is served.
const METRICS_PATH: &str = "/metrics";

impl<S: ProviderSet> Gateway<S> {
    /// The HTTP routes: the unified API, the meta endpoint, the OpenAPI documents, the form
    /// page, the liveness and readiness checks, the metrics (unless turned off or given a
    /// listener of their own by [`GatewayConfig::metrics_addr`](crate::GatewayConfig)), and
    /// JSON errors for everything else.
    pub fn router(&self) -> Router {
        self.routes(self.config().metrics_addr.is_none())
    }

    /// The routes, with `/metrics` among them when `with_metrics` (and metrics are on).
    fn routes(&self, with_metrics: bool) -> Router {
        let mut router = Router::new()
            .route(
                "/unified/{model}/{resource}",
                post(routes::operation::create::<S>).get(routes::operation::list::<S>),
            )
            .route(
                "/unified/{model}/{resource}/{id}",
                get(routes::operation::get::<S>)
                    .patch(routes::operation::update::<S>)
                    .delete(routes::operation::delete::<S>),
            )
            .route(
                "/unified/{model}/{resource}/{provider}/meta/{method}",
                get(routes::meta::meta::<S>),
            )
            .route("/healthz", get(routes::health::healthz::<S>))
            .route("/readyz", get(routes::health::readyz::<S>))
            .route("/form", get(routes::page::index::<S>))
            .route("/form/form.js", get(routes::page::script))
            .route(
                unified_openapi::OPENAPI_PATH,
                get(routes::openapi::unified::<S>),
            )
            .route(
                unified_openapi::OPENAPI_VIEW_PATH,
                get(routes::openapi::of_view::<S>),
            );
        if with_metrics && self.metrics().is_some() {
            router = router.route(METRICS_PATH, get(routes::metrics::metrics::<S>));
        }
        self.layered(router)
    }

    /// The routes of the metrics' own listener: `/metrics` alone.
    fn metrics_routes(&self) -> Router {
        self.layered(Router::new().route(METRICS_PATH, get(routes::metrics::metrics::<S>)))
    }

    /// `router` with JSON errors for other paths and methods, and the layers every request
    /// passes.
    fn layered(&self, router: Router<Gateway<S>>) -> Router {
        router
            .fallback(routes::fallback::not_found)
            .method_not_allowed_fallback(routes::fallback::method_not_allowed)
            .layer(middleware::from_fn_with_state(
                self.config().clone(),
                drain_unread_body,
            ))
            .layer(middleware::from_fn_with_state(
                self.metrics().cloned(),
                log_request,
            ))
            .layer(middleware::from_fn(request_id))
            .with_state(self.clone())
    }

    /// Serves on `listener` until `shutdown` completes, within the limits of the
    /// [`GatewayConfig`](crate::GatewayConfig); then stops accepting, lets the requests in
    /// flight finish, and returns. With a
    /// [`metrics_addr`](crate::GatewayConfig::metrics_addr), binds it first and serves
    /// `GET /metrics` there (see [`Gateway::serve_with_metrics_on`]).
    pub async fn serve(
        &self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let metrics = match self.config().metrics_addr {
            Some(addr) => Some(TcpListener::bind(addr).await?),
            None => None,
        };
        self.serve_on(listener, metrics, shutdown).await
    }

    /// [`Gateway::serve`], with `GET /metrics` served on `metrics` alone, a listener the
    /// caller bound (on port 0, say, to learn the port), and not on `listener`. It stops with
    /// the gateway.
    pub async fn serve_with_metrics_on(
        &self,
        listener: TcpListener,
        metrics: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        self.serve_on(listener, Some(metrics), shutdown).await
    }

    /// Serves the gateway on `listener` and, when given, `/metrics` alone on `metrics`.
    async fn serve_on(
        &self,
        listener: TcpListener,
        metrics: Option<TcpListener>,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // On shutdown, `/readyz` answers 503 at once, and connections are still taken for the
        // drain delay, so a load balancer sees it and stops sending before the listener closes.
        let gateway = self.clone();
        let drain_delay = self.config().drain_delay;
        // The metrics' listener closes with the gateway's (or when the gateway's server ends).
        let (closing, closed) = tokio::sync::oneshot::channel::<()>();
        let shutdown = async move {
            shutdown.await;
            gateway
                .inner
                .draining
                .store(true, std::sync::atomic::Ordering::Relaxed);
            tracing::info!(
                seconds = drain_delay.as_secs_f64(),
                "draining: /readyz answers 503"
            );
            tokio::time::sleep(drain_delay).await;
            let _ = closing.send(());
        };
        let config = self.config().clone();
        let connections = self.metrics().map(|metrics| metrics.connections.clone());
        let router = self.routes(metrics.is_none());
        let serving = crate::connection::server::serve(
            router,
            listener,
            config.clone(),
            connections,
            shutdown,
        );
        let Some(metrics) = metrics else {
            return serving.await;
        };
        let closed = async move {
            let _ = closed.await;
        };
        let metrics_serving =
            crate::connection::server::serve(self.metrics_routes(), metrics, config, None, closed);
        let (served, metrics_served) = tokio::join!(serving, metrics_serving);
        served.and(metrics_served)
    }
}

/// One log line per request: method, route (never the query, which may carry `remote_query`
/// values), status and time taken; and the request counted in the metrics, when kept.
async fn log_request(
    State(metrics): State<Option<Arc<Metrics>>>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned());
    let response = next.run(request).await.into_response();
    let status = response.status().as_u16();
    tracing::info!(
        %method,
        route = route.as_deref().unwrap_or("(unmatched)"),
        status,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "request"
    );
    if let Some(metrics) = metrics {
        let route = route.unwrap_or_else(|| crate::metrics::UNMATCHED.to_owned());
        let provider = response.extensions().get::<AnsweredFor>().copied();
        metrics.requests.count(route, &method, status, provider);
    }
    response
}
