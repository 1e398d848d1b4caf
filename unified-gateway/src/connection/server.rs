//! The HTTP/1.1 server loop: serves at most `max_connections` clients at once, holds at most
//! `body_memory_limit` bytes of their request bodies (see [`BodyBudget`]), drops a client
//! that stalls (headers not in within `header_timeout` of their first byte, or nothing sent for
//! `idle_timeout` between requests), and on shutdown stops accepting, lets every request in
//! flight finish, then returns.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;
use unified_openapi::contract::MAX_HEAD_LEN;

use super::activity::Activity;
use super::budget::{self, BodyBudget};
use super::inline_wake::InlineWakes;
use super::watched::Watched;
use crate::config::GatewayConfig;
use crate::metrics::Connections;

/// Serves `router` on `listener` until `shutdown` completes, then waits for the requests in
/// flight; counts its connections in `connections_open` when given.
pub async fn serve(
    router: Router,
    listener: TcpListener,
    config: GatewayConfig,
    connections_open: Option<Connections>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let budget = BodyBudget::new(&config);
    let config = Arc::new(config);
    let permits = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let (stop, stopping) = watch::channel(false);
    let mut connections = JoinSet::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            () = &mut shutdown => break,
            permit = permits.clone().acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
        };
        let stream = tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a moment rather than spin; the clients being served go on.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        while connections.try_join_next().is_some() {}
        // Counted open from here until the connection's task ends, however it ends.
        let open = connections_open.as_ref().map(Connections::opened);
        let serving = connection(
            stream,
            router.clone(),
            config.clone(),
            budget.clone(),
            stopping.clone(),
            permit,
        );
        connections.spawn(async move {
            serving.await;
            drop(open);
        });
    }
    drop(listener);
    let _ = stop.send(true);
    while connections.join_next().await.is_some() {}
    Ok(())
}

/// Serves one connection until the client leaves, stalls, or the server stops.
async fn connection(
    stream: TcpStream,
    router: Router,
    config: Arc<GatewayConfig>,
    budget: BodyBudget,
    mut stopping: watch::Receiver<bool>,
    _permit: OwnedSemaphorePermit,
) {
    let _ = stream.set_nodelay(true);
    let activity = Activity::new();
    let io = TokioIo::new(Watched::new(stream, activity.clone()));
    let on_request = activity.clone();
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        let busy = on_request.busy();
        request.extensions_mut().insert(on_request.clone());
        let (router, budget) = (router.clone(), budget.clone());
        async move {
            let response = match budget.reserve(&request).await {
                Ok(reserved) => {
                    let Ok(response) = router.oneshot(request.map(Body::new)).await;
                    budget::holding(response, reserved)
                }
                Err(refused) => refused,
            };
            drop(busy);
            Ok::<_, Infallible>(response)
        }
    });
    // The head limit is the one the documents declare; the target limit is hyper's own.
    let connection = http1::Builder::new()
        .keep_alive(true)
        .max_buf_size(MAX_HEAD_LEN)
        .serve_connection(io, service);
    let connection = std::pin::pin!(connection);
    let mut connection = InlineWakes::new(connection);
    let mut watchdog = tokio::time::interval(watch_period(&config));
    let mut shutting_down = *stopping.borrow();
    if shutting_down {
        connection.inner().as_mut().graceful_shutdown();
    }
    loop {
        tokio::select! {
            result = &mut connection => {
                if let Err(error) = result {
                    tracing::debug!(%error, "connection ended with an error");
                }
                return;
            }
            changed = stopping.changed(), if !shutting_down => {
                shutting_down = true;
                if changed.is_ok() {
                    connection.inner().as_mut().graceful_shutdown();
                }
            }
            _ = watchdog.tick() => {
                if activity.stalled(&config) {
                    tracing::debug!("dropped a stalled connection");
                    return;
                }
            }
        }
    }
}

/// How often a connection checks whether its client stalled: a quarter of the shortest
/// timeout, between 10 ms and one second.
fn watch_period(config: &GatewayConfig) -> Duration {
    (config.header_timeout.min(config.idle_timeout) / 4)
        .clamp(Duration::from_millis(10), Duration::from_secs(1))
}
