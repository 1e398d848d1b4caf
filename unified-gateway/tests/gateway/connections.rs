//! Connections as slow, partial or impatient clients use them: a stalled client is dropped
//! while others are served, and an answer given before the body was read does not cost the
//! client its next request on the same connection.

use std::time::{Duration, Instant};

use unified_gateway::GatewayConfig;

use crate::cases;
use crate::harness::Harness;
use crate::raw_http::{Raw, request};
use unified_test_tools::fake::{Kind, Mode};

/// Short limits, so stalls show within a second.
fn impatient() -> GatewayConfig {
    let mut config = GatewayConfig::default().with_provider_timeout(Duration::from_secs(10));
    config.header_timeout = Duration::from_millis(300);
    config.body_timeout = Duration::from_millis(400);
    config.idle_timeout = Duration::from_millis(600);
    config.max_connections = 4;
    config
}

const USERS: &str = "/unified/ticketing/users";

#[tokio::test(flavor = "multi_thread")]
async fn an_early_answer_leaves_the_connection_to_the_next_request() {
    let harness = Harness::start().await;
    let (_, body, ..) = cases().remove(0);
    let body = body.to_string().into_bytes();
    let target = format!("{USERS}?integrated_account_id={}", harness.accounts["dixa"]);
    let bearer = format!("Bearer {}", harness.token);
    let json = ("Content-Type", "application/json");
    let valid = request("POST", &target, &[json, ("Authorization", &bearer)], &body);
    let early: [(u16, Vec<u8>); 5] = [
        (401, request("POST", &target, &[json], &body)),
        (
            401,
            request(
                "POST",
                &target,
                &[json, ("Authorization", "Bearer uni_nope")],
                &body,
            ),
        ),
        (
            404,
            request(
                "POST",
                "/unified/crm/things",
                &[json, ("Authorization", &bearer)],
                &body,
            ),
        ),
        (
            405,
            request("PUT", &target, &[json, ("Authorization", &bearer)], &body),
        ),
        (
            415,
            request(
                "POST",
                &target,
                &[("Content-Type", "text/plain"), ("Authorization", &bearer)],
                &body,
            ),
        ),
    ];
    for (round, (status, whole)) in early.into_iter().enumerate() {
        // The headers alone, as a client that writes its body separately sends them first.
        let split = whole.len() - body.len();
        let mut raw = Raw::connect(harness.addr).await;
        raw.send(&whole[..split]).await;
        let answer = raw.answer(false).await.expect("an answer to the headers");
        assert_eq!(answer.status, status);
        assert_eq!(answer.json().unwrap()["statusCode"], status);
        raw.send(&whole[split..]).await;
        raw.send(&valid).await;
        let next = raw
            .answer(false)
            .await
            .unwrap_or_else(|| panic!("the request after a {status} was lost"));
        assert_eq!(next.status, 201, "{:?}", next.json());
        assert_eq!(harness.fake("dixa").calls(), round + 1);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_early_answer_to_a_client_awaiting_continue_closes_the_connection() {
    let harness = Harness::start().await;
    let mut whole = request(
        "POST",
        USERS,
        &[
            ("Content-Type", "application/json"),
            ("Expect", "100-continue"),
        ],
        b"{}",
    );
    whole.truncate(whole.len() - 2);
    let mut raw = Raw::connect(harness.addr).await;
    raw.send(&whole).await;
    let answer = raw.answer(false).await.expect("a 401");
    assert_eq!(answer.status, 401);
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(raw.closed_within(Duration::from_secs(3)).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn stalled_clients_are_dropped_while_others_are_served() {
    let harness = Harness::with_config(impatient()).await;
    let (_, body, ..) = cases().remove(0);

    // As many half-sent headers as there are connection slots.
    let mut stalled = Vec::new();
    for _ in 0..4 {
        let mut raw = Raw::connect(harness.addr).await;
        raw.send(b"POST /unified/ticketing/users HTTP/1.1\r\nHost: gateway\r\nContent-Ty")
            .await;
        stalled.push(raw);
    }
    let started = Instant::now();
    let served = harness.create_for("dixa", "", &body).await;
    assert_eq!(served.status, 201, "{:#}", served.body);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "a valid client waited {:?} behind stalled ones",
        started.elapsed()
    );
    for mut raw in stalled {
        assert!(
            raw.closed_within(Duration::from_secs(3)).await,
            "a client stalled in its headers stays connected"
        );
    }

    // A body that stops arriving: 408, then the connection closes.
    let mut slow_body = Raw::connect(harness.addr).await;
    let bearer = format!("Bearer {}", harness.token);
    let target = format!("{USERS}?integrated_account_id={}", harness.accounts["dixa"]);
    let mut whole = request(
        "POST",
        &target,
        &[
            ("Content-Type", "application/json"),
            ("Authorization", &bearer),
        ],
        &[b' '; 100],
    );
    whole.truncate(whole.len() - 90);
    slow_body.send(&whole).await;
    let answer = slow_body.answer(false).await.expect("a 408");
    assert_eq!(answer.status, 408);
    assert_eq!(answer.json().unwrap()["statusCode"], 408);
    assert_eq!(answer.header("connection"), Some("close"));
    assert!(slow_body.closed_within(Duration::from_secs(3)).await);

    // A connection that never sends anything, and one that goes quiet after a request.
    let mut silent = Raw::connect(harness.addr).await;
    assert!(silent.closed_within(Duration::from_secs(3)).await);
    let mut quiet = Raw::connect(harness.addr).await;
    quiet
        .send(&request(
            "GET",
            "/unified/ticketing/users/dixa/meta/create",
            &[],
            b"",
        ))
        .await;
    assert_eq!(quiet.answer(false).await.expect("a 401").status, 401);
    assert!(quiet.closed_within(Duration::from_secs(3)).await);

    // A request waiting on a slow provider is not a stalled client.
    harness
        .fake("dixa")
        .set_mode(Mode::Slow(Duration::from_millis(1500)));
    let slow = harness.create_for("dixa", "", &body).await;
    assert_eq!(slow.status, 201, "{:#}", slow.body);
    assert_eq!(harness.fake(Kind::Dixa.provider_id()).calls(), 2);
}
