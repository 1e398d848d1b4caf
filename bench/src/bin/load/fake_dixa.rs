//! A fast fake Dixa on loopback: `POST /v1/agents` with the account's credential answers 201
//! with a fixed agent, the shape the Dixa adapter maps (`{"data": agent}`, as
//! `unified_test_tools::fake` documents it). It parses nothing, so its cost
//! on the shared cores stays small; anything else gets a 4xx, which the gateway turns into a 502
//! and the driver counts as an error.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::header::{AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

/// The credential the bench account holds (Dixa takes the key as the whole `Authorization`).
pub const CREDENTIAL: &str = "bench-dixa-credential";

/// The agent Dixa answers with, for the body in `examples/dixa-user.json`.
const CREATED: &[u8] = br#"{"data":{"id":"8f1d0c39-2a8e-4a4c-9f0e-6d1c2b3a4f5e","createdAt":"2026-11-27T10:00:00Z","displayName":"Grace Hopper","email":"grace@navy.example","additionalEmails":[],"firstName":"Grace","lastName":"Hopper","roles":["Agent"]}}"#;

/// The running fake.
pub struct FakeDixa {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Agents created so far, to check that only the 201 path dispatches.
    created: Arc<AtomicU64>,
}

impl FakeDixa {
    /// Binds a free loopback port and serves on the current runtime until the process ends.
    pub async fn start() -> std::io::Result<FakeDixa> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let created = Arc::new(AtomicU64::new(0));
        let counter = created.clone();
        tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    // Out of descriptors, say: let some close instead of spinning.
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let counter = counter.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |request| answer(request, counter.clone()));
                    // Keep-alive is hyper's default: the gateway's client reuses connections.
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(FakeDixa { addr, created })
    }

    /// The base URL the account is added with.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Agents created so far.
    pub fn created(&self) -> u64 {
        self.created.load(Ordering::Relaxed)
    }
}

/// One answer: the body is read whole (the connection is reused), never parsed.
async fn answer(
    request: Request<Incoming>,
    created: Arc<AtomicU64>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let routed = request.method() == Method::POST && request.uri().path() == "/v1/agents";
    let authorized = request
        .headers()
        .get(AUTHORIZATION)
        .is_some_and(|value| value.as_bytes() == CREDENTIAL.as_bytes());
    let read = request.into_body().collect().await.is_ok();
    let (status, body): (StatusCode, &'static [u8]) = match (routed, authorized && read) {
        (false, _) => (StatusCode::NOT_FOUND, br#"{"message":"no such route"}"#),
        (true, false) => (StatusCode::UNAUTHORIZED, br#"{"message":"unauthorized"}"#),
        (true, true) => {
            created.fetch_add(1, Ordering::Relaxed);
            (StatusCode::CREATED, CREATED)
        }
    };
    let mut response = Response::new(Full::new(Bytes::from_static(body)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    Ok(response)
}
