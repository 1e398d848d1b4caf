//! Fake providers: real HTTP servers on loopback that implement the documented native create
//! endpoints of Dixa, Pivotal Tracker and Qualtrics CoreXM, check the native auth header and the
//! natively required fields, answer as the providers document, and record every call.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

/// Which provider a fake plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Dixa,
    PivotalTracker,
    QualtricsCorexm,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Dixa, Kind::PivotalTracker, Kind::QualtricsCorexm];

    pub fn provider_id(self) -> &'static str {
        match self {
            Kind::Dixa => "dixa",
            Kind::PivotalTracker => "pivotal_tracker",
            Kind::QualtricsCorexm => "qualtrics_corexm",
        }
    }

    pub fn credential(self) -> &'static str {
        match self {
            Kind::Dixa => "dixa-secret-key-7f3a",
            Kind::PivotalTracker => "tracker-token-91bc",
            Kind::QualtricsCorexm => "qualtrics-token-55de",
        }
    }

    fn auth_header(self) -> &'static str {
        match self {
            Kind::Dixa => "authorization",
            Kind::PivotalTracker => "x-trackertoken",
            Kind::QualtricsCorexm => "x-api-token",
        }
    }
}

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
    Huge { bytes: usize, chunked: bool },
    /// Promises a body, sends a few bytes of it, then closes the connection.
    CloseMidAnswer,
    /// `204 No Content`.
    NoContent,
}

/// One call as the fake saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub query: Option<String>,
    pub body: Value,
}

#[derive(Clone)]
pub struct Fake {
    pub kind: Kind,
    pub base_url: String,
    calls: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<Seen>>>,
    mode: Arc<Mutex<Mode>>,
}

impl Fake {
    pub async fn start(kind: Kind) -> Fake {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let fake = Fake {
            kind,
            base_url,
            calls: Arc::default(),
            seen: Arc::default(),
            mode: Arc::new(Mutex::new(Mode::Normal)),
        };
        let router = Router::new()
            .route("/v1/agents", post(dixa))
            .route("/projects/{project}/memberships", post(pivotal_tracker))
            .route("/API/v3/users", post(qualtrics_corexm))
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, router).await });
        fake
    }

    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    pub fn last(&self) -> Seen {
        self.seen.lock().unwrap().last().cloned().expect("a call")
    }

    pub fn set_mode(&self, mode: Mode) {
        *self.mode.lock().unwrap() = mode;
    }

    /// Records the call, checks the auth header, applies the mode, then checks the natively
    /// `required` fields; `None` means go on.
    async fn admit(
        &self,
        path: String,
        query: Option<String>,
        headers: &HeaderMap,
        body: &Value,
        required: &[&str],
    ) -> Option<Response> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        self.seen.lock().unwrap().push(Seen {
            path,
            query,
            body: body.clone(),
        });
        let presented = headers
            .get(self.kind.auth_header())
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        if presented.as_deref() != Some(self.kind.credential()) {
            return Some(
                (
                    StatusCode::UNAUTHORIZED,
                    axum::Json(json!({"error": "bad credential"})),
                )
                    .into_response(),
            );
        }
        if headers.get("content-type").and_then(|v| v.to_str().ok()) != Some("application/json") {
            return Some(StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response());
        }
        let mode = self.mode.lock().unwrap().clone();
        match mode {
            Mode::Normal => missing(body, required),
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
                missing(body, required)
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

fn missing(body: &Value, fields: &[&str]) -> Option<Response> {
    let absent: Vec<&str> = fields
        .iter()
        .copied()
        .filter(|field| {
            body.get(field)
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
        })
        .collect();
    (!absent.is_empty()).then(|| {
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({"missing": absent})),
        )
            .into_response()
    })
}

async fn dixa(
    State(fake): State<Fake>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    if let Some(answer) = fake
        .admit(
            "/v1/agents".into(),
            query,
            &headers,
            &body,
            &["displayName", "email"],
        )
        .await
    {
        return answer;
    }
    let mut agent = json!({
        "id": "8f1d0c39-2a8e-4a4c-9f0e-6d1c2b3a4f5e",
        "createdAt": "2026-11-27T10:00:00Z",
        "displayName": body["displayName"],
        "email": body["email"],
        "additionalEmails": body.get("additionalEmails").cloned().unwrap_or(json!([])),
        "roles": ["Agent"],
    });
    for (native, _) in [("firstName", ()), ("lastName", ()), ("avatarUrl", ())] {
        if let Some(value) = body.get(native) {
            agent[native] = value.clone();
        }
    }
    (StatusCode::CREATED, axum::Json(json!({"data": agent}))).into_response()
}

async fn pivotal_tracker(
    State(fake): State<Fake>,
    Path(project): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let path = format!("/projects/{project}/memberships");
    if let Some(answer) = fake
        .admit(path, query, &headers, &body, &["email", "role"])
        .await
    {
        return answer;
    }
    if !matches!(body["role"].as_str(), Some("owner" | "member" | "viewer")) {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"error": "bad role"})),
        )
            .into_response();
    }
    let answer = json!({
        "kind": "project_membership",
        "id": 1001,
        "project_id": project.parse::<u64>().unwrap_or(0),
        "role": body["role"],
        "person": {
            "kind": "person",
            "id": 42,
            "name": body["name"],
            "email": body["email"],
            "initials": body["initials"],
            "username": "ada",
        },
    });
    (StatusCode::OK, axum::Json(answer)).into_response()
}

async fn qualtrics_corexm(
    State(fake): State<Fake>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    let required = [
        "username",
        "firstName",
        "lastName",
        "userType",
        "email",
        "password",
        "language",
    ];
    if let Some(answer) = fake
        .admit("/API/v3/users".into(), query, &headers, &body, &required)
        .await
    {
        return answer;
    }
    let answer = json!({
        "result": {"id": "UR_0ABCdefGHIjklMN"},
        "meta": {"httpStatus": "200 - OK", "requestId": "5c7f2a8e-1b3d-4e5f-8a9b-0c1d2e3f4a5b"},
    });
    (StatusCode::OK, axum::Json(answer)).into_response()
}
