//! The routes of a gateway, the layers every request passes, and serving them.

use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use unified_core::ProviderSet;

use crate::connection::drain::drain_unread_body;
use crate::gateway::Gateway;
use crate::http::request_id::request_id;
use crate::routes;

impl<S: ProviderSet> Gateway<S> {
    /// The HTTP routes: the unified API, the meta endpoint, the OpenAPI documents, the form
    /// page, the liveness and readiness checks, and JSON errors for everything else.
    pub fn router(&self) -> Router {
        Router::new()
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
            )
            .fallback(routes::fallback::not_found)
            .method_not_allowed_fallback(routes::fallback::method_not_allowed)
            .layer(middleware::from_fn_with_state(
                self.config().clone(),
                drain_unread_body,
            ))
            .layer(middleware::from_fn(log_request))
            .layer(middleware::from_fn(request_id))
            .with_state(self.clone())
    }

    /// Serves on `listener` until `shutdown` completes, within the limits of the
    /// [`GatewayConfig`](crate::GatewayConfig); then stops accepting, lets the requests in
    /// flight finish, and returns.
    pub async fn serve(
        &self,
        listener: tokio::net::TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // On shutdown, `/readyz` answers 503 at once, and connections are still taken for the
        // drain delay, so a load balancer sees it and stops sending before the listener closes.
        let gateway = self.clone();
        let drain_delay = self.config().drain_delay;
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
        };
        crate::connection::server::serve(self.router(), listener, self.config().clone(), shutdown)
            .await
    }
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
