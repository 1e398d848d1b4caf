//! Keeps a kept-alive connection usable when a request is answered before its body was read
//! (a 401, 404, 405 or 415 is decided from the headers alone). Without this, HTTP/1.1 closes the
//! connection under a client that sends its body after the headers, and the client's next
//! request on it is lost. The rest of the body is read and discarded after the answer, bounded
//! by the body limit and the body timeout; past either, the connection is closed.

use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Frame, SizeHint};
use http_body_util::{BodyExt, Limited};

use super::activity::{Activity, Busy};
use crate::config::GatewayConfig;

/// A request body the handler reads while the middleware keeps hold of what it leaves.
#[derive(Clone)]
struct Shared(Arc<Mutex<Option<Body>>>);

impl Shared {
    fn slot(&self) -> MutexGuard<'_, Option<Body>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl HttpBody for Shared {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        match self.slot().as_mut() {
            Some(body) => Pin::new(body).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.slot().as_ref().is_none_or(HttpBody::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.slot()
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), HttpBody::size_hint)
    }
}

/// The middleware: runs the handler, then reads whatever of the body it left.
pub async fn drain_unread_body(
    State(config): State<GatewayConfig>,
    request: Request,
    next: Next,
) -> Response {
    let (limit, timeout) = (config.body_limit, config.body_timeout);
    // A client that waits for `100 Continue` sends no body after a final answer, so there is
    // nothing to drain: the connection is closed instead.
    let awaits_continue = request.headers().contains_key(header::EXPECT);
    let declared_too_large = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<u64>().ok())
        .is_some_and(|length| length > limit as u64);
    let activity = request.extensions().get::<Activity>().cloned();
    let (parts, body) = request.into_parts();
    let shared = Shared(Arc::new(Mutex::new(Some(body))));
    let mut response = next
        .run(Request::from_parts(parts, Body::new(shared.clone())))
        .await;
    let rest = shared.slot().take();
    let Some(rest) = rest.filter(|body| !body.is_end_stream()) else {
        return response;
    };
    if closes(&response) {
        return response;
    }
    if declared_too_large || awaits_continue {
        // It will not be read: say so, so the client does not send another request here.
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    let busy = activity.as_ref().map(Activity::busy);
    tokio::spawn(discard(rest, limit, timeout, busy));
    response
}

/// Whether the answer already closes the connection (a 408 does).
fn closes(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONNECTION)
        .is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"close"))
}

/// Reads and drops `body` a chunk at a time, so a drained body holds no memory; past `limit`
/// bytes or `timeout` it is dropped unread, which closes the connection.
async fn discard(body: Body, limit: usize, timeout: Duration, busy: Option<Busy>) {
    let mut body = Limited::new(body, limit);
    let read = async { while let Some(Ok(_)) = body.frame().await {} };
    let _ = tokio::time::timeout(timeout, read).await;
    drop(busy);
}
