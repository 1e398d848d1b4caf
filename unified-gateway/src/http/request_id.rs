//! Request ids: every request gets one (the client's `x-request-id` when it is a usable id, else
//! a new UUID), answers with it, passes it to the provider it calls, and carries it on every log
//! line of its handling, so one id follows a request from the client to the provider and back.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;
use unified_openapi::contract::{REQUEST_ID, is_usable_request_id};

tokio::task_local! {
    /// The id of the request this task is handling, for the call to the provider.
    static CURRENT: HeaderValue;
}

/// The id of the request being handled, if any: what the provider client sends on.
pub(crate) fn current() -> Option<HeaderValue> {
    CURRENT.try_with(HeaderValue::clone).ok()
}

/// Gives the request its id, handles it in a span that names the id, and answers with it.
pub(crate) async fn request_id(request: Request, next: Next) -> Response {
    let id = request
        .headers()
        .get(REQUEST_ID)
        .filter(|value| is_usable_request_id(value.as_bytes()))
        .cloned()
        .unwrap_or_else(new_id);
    let span = tracing::info_span!("request", request_id = id.to_str().unwrap_or_default());
    let mut response = CURRENT
        .scope(id.clone(), next.run(request))
        .instrument(span)
        .await;
    response.headers_mut().insert(REQUEST_ID, id);
    response
}

fn new_id() -> HeaderValue {
    HeaderValue::from_str(&uuid::Uuid::new_v4().to_string())
        .unwrap_or_else(|_| HeaderValue::from_static("unknown"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ids_the_gateway_makes_are_ids_it_would_take() {
        assert!(is_usable_request_id(new_id().as_bytes()));
    }
}
