//! Each provider's documented rate-limit headers as its fake sends them, on every answer, and its
//! documented refusal past the limit ([`Mode::RateLimited`](super::Mode::RateLimited)):
//!
//! - Gorgias (developers.gorgias.com/reference/limitations): every answer carries
//!   `X-Gorgias-Account-Api-Call-Limit: used/limit`; a 429 carries `Retry-after: <seconds>`.
//! - Teamwork: `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset`, the
//!   reset "in UTC epoch seconds" (sent as the reset's time); 429 past the limit, remaining 0.
//! - Dixa (docs.dixa.io, API standards and rules): 429 past the limit, no header documented.
//! - The others document neither: their fakes send no header and answer 429 bare.
//!
//! The fakes' own choices: Gorgias' limit of 40 and Teamwork's of 150 a minute, a window that
//! starts again every so many calls (so `used` is the calls since), and the 429's body, which
//! no provider documents, in the provider's error shape, echoing the credential as
//! [`Mode::Refuse`](super::Mode::Refuse) does, so that a test sees it removed.

use std::sync::atomic::Ordering;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::{Fake, Kind};

/// The calls Gorgias' fake allows in a window.
pub const GORGIAS_LIMIT: usize = 40;

/// The calls Teamwork's fake allows in a window, a minute long.
pub const TEAMWORK_LIMIT: usize = 150;

/// How long a window of Teamwork's fake lasts, in seconds.
const TEAMWORK_WINDOW: u64 = 60;

impl Kind {
    /// The rate-limit headers of an answer after `calls` calls, none used past the limit.
    pub fn rate_limit_headers(self, calls: usize) -> Vec<(&'static str, String)> {
        let used = |limit: usize| calls.checked_sub(1).map_or(0, |before| before % limit + 1);
        match self {
            Kind::Gorgias => vec![(
                "x-gorgias-account-api-call-limit",
                format!("{}/{GORGIAS_LIMIT}", used(GORGIAS_LIMIT)),
            )],
            Kind::TeamworkProjectManagement => teamwork(
                TEAMWORK_LIMIT - used(TEAMWORK_LIMIT),
                epoch_seconds() + TEAMWORK_WINDOW,
            ),
            _ => Vec::new(),
        }
    }

    /// The documented refusal past the limit, with `retry_after` seconds to wait.
    pub fn rate_limited(self, retry_after: u64) -> Response {
        let problem = format!("too many requests for key {}", self.credential());
        let (headers, body) = match self {
            Kind::Gorgias => (
                vec![
                    (
                        "x-gorgias-account-api-call-limit",
                        format!("{GORGIAS_LIMIT}/{GORGIAS_LIMIT}"),
                    ),
                    ("retry-after", retry_after.to_string()),
                ],
                json!({"error": {"msg": problem}}),
            ),
            Kind::TeamworkProjectManagement => (
                teamwork(0, epoch_seconds() + retry_after),
                json!({"MESSAGE": problem, "STATUS": "Error"}),
            ),
            _ => (Vec::new(), json!({"message": problem})),
        };
        let mut response = (StatusCode::TOO_MANY_REQUESTS, axum::Json(body)).into_response();
        insert(&mut response, headers);
        response
    }
}

/// Teamwork's three headers.
fn teamwork(remaining: usize, reset_at: u64) -> Vec<(&'static str, String)> {
    vec![
        ("x-rate-limit-limit", TEAMWORK_LIMIT.to_string()),
        ("x-rate-limit-remaining", remaining.to_string()),
        ("x-rate-limit-reset", reset_at.to_string()),
    ]
}

fn epoch_seconds() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs())
}

/// Adds `headers` to `response`, leaving those it has.
fn insert(response: &mut Response, headers: Vec<(&'static str, String)>) {
    for (name, value) in headers {
        response
            .headers_mut()
            .entry(HeaderName::from_static(name))
            .or_insert_with(|| HeaderValue::from_str(&value).expect("a header value"));
    }
}

/// Every answer of `fake` with its provider's rate-limit headers (a 429's own left as they are).
pub(super) async fn on_every_answer(State(fake): State<Fake>, mut response: Response) -> Response {
    let calls = fake.calls.load(Ordering::SeqCst);
    insert(&mut response, fake.kind.rate_limit_headers(calls));
    response
}
