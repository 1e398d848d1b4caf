//! Fake providers: real HTTP servers on loopback that implement the documented native create
//! endpoints of the ten providers (see `contract`), check the native auth (see `kind`) and the
//! natively required fields, refuse a taken email or username, answer as the providers
//! document (their rate-limit headers included, see `rate_limits`), and record every call.

mod contract;
mod kind;
mod rate_limits;
mod records;

pub use contract::Refusal;
pub use kind::Kind;
pub use rate_limits::{GORGIAS_LIMIT, TEAMWORK_LIMIT};

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value, json};

/// How the fake answers.
#[derive(Clone, Debug)]
pub enum Mode {
    /// As documented.
    Normal,
    /// An error status with a body that echoes the credential and the request.
    Refuse(u16),
    /// Answers only after this long.
    Slow(Duration),
    /// A success whose body is not what the provider documents.
    Garbled,
    /// A success whose body quotes the credential it was sent: `{"data": "key <credential>"}`.
    EchoCredential,
    /// A success as plain text that repeats the native body it was sent.
    EchoText,
    /// A success of this many bytes of text, with a `Content-Length` or chunked.
    Huge {
        /// How many bytes.
        bytes: usize,
        /// Sent chunked, without a `Content-Length`.
        chunked: bool,
    },
    /// Promises a body, sends a few bytes of it, then closes the connection.
    CloseMidAnswer,
    /// `204 No Content`.
    NoContent,
    /// A success with this JSON body.
    Answer(Value),
    /// 429, past the provider's rate limit, with its documented headers (Gorgias'
    /// `Retry-after`, Teamwork's remaining 0 and reset this many seconds ahead, none for the
    /// others).
    RateLimited {
        /// The seconds to wait.
        retry_after: u64,
    },
}

/// One call as the fake saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    /// The path, from the fake's root.
    pub path: String,
    /// The query string, if any.
    pub query: Option<String>,
    /// The JSON body.
    pub body: Value,
    /// The `x-request-id` the gateway sent, if any.
    pub request_id: Option<String>,
}

/// One fake provider, serving on its own loopback port until the test process ends.
#[derive(Clone)]
pub struct Fake {
    /// The provider it plays.
    pub kind: Kind,
    /// The base URL an integrated account of it holds (Hive's carries the workspace).
    pub base_url: String,
    calls: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<Seen>>>,
    mode: Arc<Mutex<Mode>>,
    /// The unique values of the users created so far, once uniqueness is enforced (tests that
    /// create one user many times leave it off).
    taken: Arc<Mutex<Option<Vec<Value>>>>,
    /// The users created so far, once the fake keeps them ([`Fake::keep_records`]), for the
    /// calls on existing users.
    records: Arc<Mutex<Vec<Value>>>,
    /// Whether it keeps the users it creates, each with an id of its own.
    keeping: Arc<AtomicUsize>,
}

impl Fake {
    /// A fake of `kind`, serving on a free loopback port of the current Tokio runtime.
    pub async fn start(kind: Kind) -> Fake {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!(
            "http://{}{}",
            listener.local_addr().unwrap(),
            kind.base_path()
        );
        let fake = Fake {
            kind,
            base_url,
            calls: Arc::default(),
            seen: Arc::default(),
            mode: Arc::new(Mutex::new(Mode::Normal)),
            taken: Arc::default(),
            records: Arc::default(),
            keeping: Arc::default(),
        };
        let mut router = Router::new().route(kind.route(), post(create).get(records::list));
        if let Some(record) = kind.record_route() {
            router = router.route(
                record,
                get(records::get_one)
                    .put(records::update)
                    .patch(records::update)
                    .delete(records::delete),
            );
        }
        let router = router
            .layer(axum::middleware::map_response_with_state(
                fake.clone(),
                rate_limits::on_every_answer,
            ))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        fake
    }

    /// How many calls it took, admitted or not.
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    /// The last call it took.
    pub fn last(&self) -> Seen {
        self.seen.lock().unwrap().last().cloned().expect("a call")
    }

    /// Refuses from now on a second user with the same email address (or username).
    pub fn enforce_unique(&self) {
        *self.taken.lock().unwrap() = Some(Vec::new());
    }

    /// Keeps every user it creates from now on, each with an id of its own (1, 2, ...), for
    /// the calls on existing users its provider documents.
    pub fn keep_records(&self) {
        self.keeping.store(1, Ordering::SeqCst);
    }

    /// Records a call that sends no body (get, list, delete) and checks its auth and headers
    /// as [`Fake::admit`] does; `None` means answer as documented.
    async fn admit_without_body(
        &self,
        uri: &axum::http::Uri,
        headers: &HeaderMap,
    ) -> Option<Response> {
        let mut headers = headers.clone();
        headers.insert("content-type", "application/json".parse().unwrap());
        self.admit(
            uri.path().to_owned(),
            uri.query().map(str::to_owned),
            &headers,
            &Value::Null,
        )
        .await
    }

    /// How it answers from now on.
    pub fn set_mode(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    /// Records the call, checks the auth, the headers and the media type, then applies the mode;
    /// `None` means answer as documented.
    async fn admit(
        &self,
        path: String,
        query: Option<String>,
        headers: &HeaderMap,
        body: &Value,
    ) -> Option<Response> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.seen.lock().unwrap().push(Seen {
            path,
            query: query.clone(),
            body: body.clone(),
            request_id: headers
                .get("x-request-id")
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
        });
        if !self.kind.authenticates(headers, query.as_deref()) {
            return Some(
                (
                    StatusCode::UNAUTHORIZED,
                    axum::Json(json!({"error": "bad credential"})),
                )
                    .into_response(),
            );
        }
        let presented = headers
            .get(self.kind.credential_header())
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if headers.get("content-type").and_then(|v| v.to_str().ok()) != Some("application/json") {
            return Some(StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response());
        }
        if let Some(status) = self.kind.refuses_headers(headers) {
            return Some(status.into_response());
        }
        let mode = self.mode.lock().unwrap().clone();
        match mode {
            Mode::Normal => None,
            Mode::Refuse(status) => Some(
                (
                    StatusCode::from_u16(status).unwrap(),
                    axum::Json(json!({
                        "message": format!("rejected for key {}", self.kind.credential()),
                        "request": body,
                    })),
                )
                    .into_response(),
            ),
            Mode::Slow(delay) => {
                tokio::time::sleep(delay).await;
                None
            }
            Mode::Garbled => {
                Some((StatusCode::CREATED, axum::Json(json!({"unexpected": true}))).into_response())
            }
            Mode::EchoCredential => {
                let presented = presented.unwrap_or_default();
                let answer = json!({"data": format!("key {presented}")});
                Some((StatusCode::CREATED, axum::Json(answer)).into_response())
            }
            Mode::EchoText => Some((StatusCode::OK, format!("received: {body}")).into_response()),
            Mode::Huge { bytes, chunked } => Some(huge(bytes, chunked)),
            Mode::CloseMidAnswer => Some(
                Response::builder()
                    .status(StatusCode::CREATED)
                    .header("content-type", "application/json")
                    .header("content-length", "1000")
                    .body(Body::from_stream(Broken(Some(Bytes::from_static(
                        b"{\"data\": {",
                    )))))
                    .unwrap(),
            ),
            Mode::NoContent => Some(StatusCode::NO_CONTENT.into_response()),
            Mode::Answer(answer) => Some((StatusCode::CREATED, axum::Json(answer)).into_response()),
            Mode::RateLimited { retry_after } => Some(self.kind.rate_limited(retry_after)),
        }
    }
}

/// A text answer of `bytes` bytes, sent in 64 KiB pieces made as they are sent, so that the
/// fake itself holds no more than one piece.
fn huge(bytes: usize, chunked: bool) -> Response {
    let mut answer = Response::builder()
        .status(StatusCode::OK)
        .header("content-type", "text/plain");
    if !chunked {
        answer = answer.header("content-length", bytes.to_string());
    }
    answer
        .body(Body::from_stream(Pieces { left: bytes }))
        .unwrap()
}

/// Text of `x`, one piece at a time.
struct Pieces {
    left: usize,
}

static PIECE: [u8; 64 * 1024] = [b'x'; 64 * 1024];

impl futures_core::Stream for Pieces {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        let size = self.left.min(PIECE.len());
        self.left -= size;
        std::task::Poll::Ready((size > 0).then(|| Ok(Bytes::from_static(&PIECE[..size]))))
    }
}

/// Some bytes of an answer, then a failure that cuts the connection.
struct Broken(Option<Bytes>);

impl futures_core::Stream for Broken {
    type Item = Result<Bytes, std::io::Error>;
    fn poll_next(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Self::Item>> {
        std::task::Poll::Ready(Some(match self.0.take() {
            Some(bytes) => Ok(bytes),
            None => Err(std::io::Error::other("the provider went away")),
        }))
    }
}

/// The create call: admitted, then refused as documented or answered as documented.
async fn create(
    State(fake): State<Fake>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let path = uri.path().to_owned();
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return (StatusCode::BAD_REQUEST, "not JSON").into_response();
    };
    if let Some(answer) = fake
        .admit(
            path.clone(),
            uri.query().map(str::to_owned),
            &headers,
            &body,
        )
        .await
    {
        return answer;
    }
    let kind = fake.kind;
    let missing: Vec<&str> = kind
        .required()
        .iter()
        .copied()
        .filter(|pointer| {
            body.pointer(pointer)
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
        })
        .collect();
    let unknown = kind.allowed().iter().find(|(pointer, values)| {
        body.pointer(pointer)
            .and_then(Value::as_str)
            .is_some_and(|value| !values.contains(&value))
    });
    let refusal = if !missing.is_empty() {
        Some(Refusal::Missing(missing))
    } else if let Some((pointer, _)) = unknown {
        Some(Refusal::NotAllowed(pointer))
    } else {
        let unique = body.pointer(kind.unique()).cloned().unwrap_or_default();
        match fake.taken.lock().unwrap().as_mut() {
            Some(taken) if taken.contains(&unique) => Some(Refusal::Taken),
            Some(taken) => {
                taken.push(unique);
                None
            }
            None => None,
        }
    };
    let (status, mut answer) = match refusal {
        Some(why) => kind.refusal(&why),
        None => kind.answer(&path, &body),
    };
    if refusal_free(status) && fake.keeping.load(Ordering::SeqCst) > 0 {
        let mut records = fake.records.lock().unwrap();
        let id = fake.keeping.fetch_add(1, Ordering::SeqCst);
        records.push(kind.keep(&mut answer, &body, id));
    }
    (status, axum::Json(answer)).into_response()
}

/// Whether a status is a success.
fn refusal_free(status: StatusCode) -> bool {
    status.is_success()
}
