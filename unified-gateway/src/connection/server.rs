//! The HTTP/1.1 server loop: serves at most `max_connections` clients at once, drops a client
//! that stalls (headers not in within `header_timeout` of their first byte, or nothing sent for
//! `idle_timeout` between requests), and on shutdown stops accepting, lets every request in
//! flight finish, then returns.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::config::GatewayConfig;
use crate::watched::Watched;

/// What a connection has been doing, shared by its reader, its requests and its watchdog.
#[derive(Clone, Debug)]
pub struct Activity(Arc<Mutex<State>>);

#[derive(Debug)]
struct State {
    /// Requests being handled (a body being drained counts as one).
    busy: usize,
    /// When the connection last became idle: accepted, or its last request handled.
    idle_since: Instant,
    /// When the first byte of the next request arrived, while idle.
    first_byte: Option<Instant>,
}

/// Marks its connection busy until dropped.
#[derive(Debug)]
pub struct Busy(Activity);

impl Activity {
    fn new() -> Activity {
        Activity(Arc::new(Mutex::new(State {
            busy: 0,
            idle_since: Instant::now(),
            first_byte: None,
        })))
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // The state is a few counters; one left by a panic is still usable.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Bytes arrived from the client.
    pub fn read(&self) {
        let mut state = self.state();
        if state.busy == 0 && state.first_byte.is_none() {
            state.first_byte = Some(Instant::now());
        }
    }

    /// The connection is busy with a request until the guard is dropped.
    pub fn busy(&self) -> Busy {
        let mut state = self.state();
        state.busy += 1;
        state.first_byte = None;
        Busy(self.clone())
    }

    /// Whether the client has stalled: idle too long, or too slow with its headers.
    fn stalled(&self, config: &GatewayConfig) -> bool {
        let state = self.state();
        state.busy == 0
            && match state.first_byte {
                Some(first) => first.elapsed() > config.header_timeout,
                None => state.idle_since.elapsed() > config.idle_timeout,
            }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        let mut state = self.0.state();
        state.busy = state.busy.saturating_sub(1);
        if state.busy == 0 {
            state.idle_since = Instant::now();
            state.first_byte = None;
        }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then waits for the requests in
/// flight.
pub async fn serve(
    router: Router,
    listener: TcpListener,
    config: GatewayConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
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
        connections.spawn(connection(
            stream,
            router.clone(),
            config.clone(),
            stopping.clone(),
            permit,
        ));
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
        let handled = router.clone().oneshot(request.map(Body::new));
        async move {
            let response = handled.await;
            drop(busy);
            response
        }
    });
    let connection = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(io, service);
    let mut connection = std::pin::pin!(connection);
    let mut watchdog = tokio::time::interval(watch_period(&config));
    let mut shutting_down = *stopping.borrow();
    if shutting_down {
        connection.as_mut().graceful_shutdown();
    }
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%error, "connection ended with an error");
                }
                return;
            }
            changed = stopping.changed(), if !shutting_down => {
                shutting_down = true;
                if changed.is_ok() {
                    connection.as_mut().graceful_shutdown();
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
