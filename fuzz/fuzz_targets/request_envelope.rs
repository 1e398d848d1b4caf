//! How the gateway reads a request before dispatch: the `Authorization` bearer token, the body's
//! declared type and size, and the query string and body read as one request with its
//! `integrated_account_id`.
//!
//! The input is lines: the `Authorization` value (`$TOKEN` stands for the one token the store
//! knows), the `Content-Type` value, the query string, then the body, cut into the chunks it
//! arrives in at each byte 0x1F.
//!
//! Invariants:
//! - nothing panics;
//! - the token authenticates exactly when the header is `Bearer` (any case), a space and the
//!   token with optional surrounding spaces; any other header is a 401 whose message does not
//!   hold the token;
//! - the body is read exactly when its type is `application/json` or `application/*+json`
//!   (parameters and case aside) and it is within the limit (else 415, then 413), and what is
//!   read is every chunk, in order;
//! - each operation reads the query and body exactly when the query string parses and the body
//!   is JSON, into what the operation's `read` gives; a refusal is one `json` violation;
//! - the account id is a lowercase hyphenated UUID, read again as itself, and there is always a
//!   violation to answer a request without a usable account.
#![no_main]

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, header};
use bytes::Bytes;
use http_body::Frame;
use libfuzzer_sys::fuzz_target;
use unified_core::{Code, Part, Secret};
use unified_gateway::fuzzing::{account_id, authenticate, read_json, read_request};
use unified_gateway::{EnvironmentId, Gateway, GatewayConfig, Store};
use unified_models::providers::Set;

/// The body limit here: small, so both sides of it are reached with small inputs.
const BODY_LIMIT: usize = 64;

/// What each run shares: a runtime, a gateway over a store in a scratch folder, its one token
/// and that token's environment.
struct Setup {
    runtime: tokio::runtime::Runtime,
    gateway: Gateway<Set>,
    token: Secret,
    environment: EnvironmentId,
    limits: GatewayConfig,
}

fn setup() -> &'static Setup {
    static SETUP: OnceLock<Setup> = OnceLock::new();
    SETUP.get_or_init(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let folder = std::env::temp_dir().join(format!("unified-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&folder).expect("a scratch folder");
        let location = folder.join("store.db");
        let key = Secret::new("11".repeat(32));
        let (gateway, token, environment) = runtime.block_on(async {
            let store = Store::open_with_key(location.to_str().expect("a UTF-8 path"), &key)
                .await
                .expect("a store");
            let token = store.create_token("fuzz").await.expect("a token");
            let environment = store
                .environment_of_token(token.expose())
                .await
                .expect("a lookup")
                .expect("the token's environment");
            let gateway = Gateway::new(
                store,
                unified_models::registry(),
                unified_providers::adapters(),
                GatewayConfig::default(),
            )
            .expect("a gateway");
            (gateway, token, environment)
        });
        let mut limits = GatewayConfig::default();
        limits.body_limit = BODY_LIMIT;
        Setup {
            runtime,
            gateway,
            token,
            environment,
            limits,
        }
    })
}

fuzz_target!(|input: &[u8]| {
    let setup = setup();
    let mut lines = input.splitn(4, |byte| *byte == b'\n');
    let authorization = lines.next().unwrap_or_default();
    let content_type = lines.next().unwrap_or_default();
    let query = String::from_utf8_lossy(lines.next().unwrap_or_default());
    let body = lines.next().unwrap_or_default();

    check_bearer(setup, authorization);
    check_body(setup, content_type, body);
    let chunks: Vec<u8> = body.iter().copied().filter(|byte| *byte != 0x1f).collect();
    check_request(&query, &chunks);
    check_account_id(&query);
});

/// The token authenticates exactly when the header presents it as a bearer token.
fn check_bearer(setup: &Setup, authorization: &[u8]) {
    let token = setup.token.expose();
    let value: Vec<u8> = replace(authorization, b"$TOKEN", token.as_bytes());
    let mut headers = HeaderMap::new();
    let Ok(value) = HeaderValue::from_bytes(&value) else {
        // A value no HTTP request can carry; the request without one is refused.
        let refused = setup
            .runtime
            .block_on(authenticate(&setup.gateway, &headers))
            .unwrap_err();
        assert_eq!(refused.status(), 401);
        return;
    };
    headers.insert(header::AUTHORIZATION, value.clone());
    let presents = value.to_str().ok().is_some_and(|text| {
        text.get(..7)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("bearer "))
            && text[7..].trim() == token
    });
    match setup
        .runtime
        .block_on(authenticate(&setup.gateway, &headers))
    {
        Ok(environment) => {
            assert!(presents, "authenticated by {value:?}");
            assert_eq!(environment, setup.environment);
        }
        Err(refused) => {
            assert!(!presents, "refused the token: {}", refused.message());
            assert_eq!(refused.status(), 401, "{}", refused.message());
            assert!(
                !refused.message().contains(token),
                "the message holds the token"
            );
        }
    }
}

/// The body is read exactly when declared JSON and within the limit, chunk for chunk.
fn check_body(setup: &Setup, content_type: &[u8], body: &[u8]) {
    let mut headers = HeaderMap::new();
    let mut declared = false;
    if let Ok(value) = HeaderValue::from_bytes(content_type) {
        declared = value.to_str().ok().is_some_and(|text| {
            let essence = text
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            essence == "application/json"
                || (essence.starts_with("application/") && essence.ends_with("+json"))
        });
        headers.insert(header::CONTENT_TYPE, value);
    }
    let chunks: VecDeque<Bytes> = body
        .split(|byte| *byte == 0x1f)
        .map(Bytes::copy_from_slice)
        .collect();
    let whole: Vec<u8> = chunks.iter().flatten().copied().collect();
    let read = setup.runtime.block_on(read_json(
        &headers,
        Body::new(Chunks(chunks)),
        &setup.limits,
    ));
    match read {
        Ok(text) => {
            assert!(declared, "read a body not declared JSON");
            assert!(whole.len() <= BODY_LIMIT, "read {} bytes", whole.len());
            assert_eq!(text.as_ref(), whole.as_slice(), "the body as read");
        }
        Err(refused) if !declared => assert_eq!(refused.status(), 415),
        Err(refused) => {
            assert!(whole.len() > BODY_LIMIT, "refused {} bytes", whole.len());
            assert_eq!(refused.status(), 413);
        }
    }
}

/// Each operation reads the query and body exactly when both can be read.
fn check_request(query: &str, body: &[u8]) {
    let registry = registry();
    let body_json = serde_json::from_slice::<serde_json::Value>(body).ok();
    for operation in registry.operations() {
        let query_read = operation.read(Part::Query, query.as_bytes()).ok();
        match read_request(operation, query, body) {
            Ok(request) => {
                assert_eq!(Some(&request.query), query_read.as_ref());
                assert_eq!(Some(&request.body), body_json.as_ref());
                assert!(
                    !request.without_account.is_empty(),
                    "nothing to answer a request without an account"
                );
                if let Some(id) = &request.account_id {
                    let named = request.query["integrated_account_id"].as_str();
                    assert_eq!(named.and_then(account_id).as_ref(), Some(id));
                }
            }
            Err(refused) => {
                assert!(
                    query_read.is_none() || body_json.is_none(),
                    "refused a readable request"
                );
                assert_eq!(refused.len(), 1, "{refused:?}");
                assert_eq!(refused[0].1.code, Code::Json);
                let part = if query_read.is_none() {
                    Part::Query
                } else {
                    Part::Body
                };
                assert_eq!(refused[0].0, part);
            }
        }
    }
}

/// An account id is a lowercase hyphenated UUID that reads as itself.
fn check_account_id(text: &str) {
    if let Some(id) = account_id(text) {
        assert_eq!(id.len(), 36, "{id}");
        assert!(
            id.bytes()
                .enumerate()
                .all(|(at, byte)| if matches!(at, 8 | 13 | 18 | 23) {
                    byte == b'-'
                } else {
                    byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte)
                }),
            "{id}"
        );
        assert_eq!(account_id(&id).as_ref(), Some(&id));
    }
}

/// `text` with every `from` replaced by `to`.
fn replace(text: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if rest.starts_with(from) {
            out.extend_from_slice(to);
            rest = &rest[from.len()..];
        } else {
            out.push(rest[0]);
            rest = &rest[1..];
        }
    }
    out
}

/// A body that arrives in the given chunks, each at once.
struct Chunks(VecDeque<Bytes>);

impl http_body::Body for Chunks {
    type Data = Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Poll::Ready(self.0.pop_front().map(|chunk| Ok(Frame::data(chunk))))
    }
}

/// The shipped registry, made once: each operation builds the schema it reads queries with
/// once per registry.
fn registry() -> &'static unified_core::Registry<Set> {
    static REGISTRY: std::sync::OnceLock<unified_core::Registry<Set>> = std::sync::OnceLock::new();
    REGISTRY.get_or_init(unified_models::registry)
}
