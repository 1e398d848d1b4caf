//! The request bodies held in memory at once, across all connections. A request with a body
//! reserves its declared length (the body limit when it declares none) before it is routed, and
//! keeps the reservation until its answer has been sent: what its handler builds from the body
//! and the answer waiting for a slow reader are counted with it. A request that finds no room
//! waits, its body left unread in the socket, up to the body timeout; then it gets a 503.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use http_body::{Frame, SizeHint};
use hyper::body::Incoming;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::GatewayConfig;
use crate::failure::Failure;

/// The room left for request bodies, shared by every connection.
#[derive(Clone, Debug)]
pub struct BodyBudget {
    room: Arc<Semaphore>,
    /// The whole budget: no request reserves more.
    total: u32,
    body_limit: usize,
    wait: Duration,
}

impl BodyBudget {
    /// The budget `config` sets, never less than one body at the limit (else such a body
    /// would wait forever).
    pub fn new(config: &GatewayConfig) -> BodyBudget {
        let total = config
            .body_memory_limit
            .max(config.body_limit)
            .min(Semaphore::MAX_PERMITS)
            .min(u32::MAX as usize);
        BodyBudget {
            room: Arc::new(Semaphore::new(total)),
            total: total as u32,
            body_limit: config.body_limit,
            wait: config.body_timeout,
        }
    }

    /// Bytes `request`'s body may hold: none without a body, its declared length within the
    /// body limit, the body limit when it declares none.
    fn need(&self, request: &hyper::Request<Incoming>) -> u32 {
        let body = request.body();
        if body.is_end_stream() {
            return 0;
        }
        let declared = body.size_hint().exact().unwrap_or(u64::MAX);
        declared
            .min(self.body_limit as u64)
            .min(u64::from(self.total)) as u32
    }

    /// Room for `request`'s body: a reservation to hold until its answer is sent, or the 503
    /// to answer with when none came within the body timeout.
    pub async fn reserve(
        &self,
        request: &hyper::Request<Incoming>,
    ) -> Result<Option<OwnedSemaphorePermit>, Response> {
        let need = self.need(request);
        if need == 0 {
            return Ok(None);
        }
        // Whatever fits goes first, so a small body does not queue behind a large one.
        if let Ok(permit) = self.room.clone().try_acquire_many_owned(need) {
            return Ok(Some(permit));
        }
        match tokio::time::timeout(self.wait, self.room.clone().acquire_many_owned(need)).await {
            Ok(Ok(permit)) => Ok(Some(permit)),
            // The semaphore is never closed; a timeout is the one way here.
            Ok(Err(_)) | Err(_) => Err(busy()),
        }
    }
}

/// 503: the body was not read, so the connection closes after the answer.
fn busy() -> Response {
    let mut response = Failure::Busy.into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    response
}

/// `response` holding `permit` until its body has been sent (or dropped with the connection).
/// An empty body holds nothing and is left as it is, so it is still sent without a length.
pub fn holding(response: Response, permit: Option<OwnedSemaphorePermit>) -> Response {
    match permit {
        Some(permit) if !response.body().is_end_stream() => response.map(|body| {
            Body::new(Held {
                body,
                _permit: permit,
            })
        }),
        _ => response,
    }
}

/// An answer's body and the reservation of the request it answers.
struct Held {
    body: Body,
    _permit: OwnedSemaphorePermit,
}

impl HttpBody for Held {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    /// Never at its end before its last frame was asked for: the connection then asks again
    /// only once it has written most of what it holds, so the reservation lasts until the
    /// answer is all but sent to a slow reader, not merely queued for it.
    fn is_end_stream(&self) -> bool {
        false
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}
