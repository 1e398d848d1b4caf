//! Writes sent with an `Idempotency-Key`: dispatched once, their answer kept and given again to
//! a repeat of the same request (after a restart, and by another instance on PostgreSQL), a
//! refusal for another request under a used key and for a repeat while the first is in flight,
//! and the key free again after its retention.

use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use unified_gateway::GatewayConfig;

use crate::harness::{Backend, Harness};
use crate::on_each_store;
use crate::{case, cases};
use unified_test_tools::fake::{Kind, Mode};

const USERS: &str = "/unified/ticketing/users";

/// What the gateway answered a keyed request.
struct Keyed {
    status: u16,
    replayed: bool,
    content_type: Option<String>,
    body: Value,
}

/// Sends `method` to `base` + `path_and_query` with the prod token, `key` as the idempotency
/// key (when given) and `body` as JSON (when given).
async fn keyed(
    harness: &Harness,
    base: &str,
    method: Method,
    path_and_query: &str,
    key: Option<&str>,
    body: Option<&Value>,
) -> Keyed {
    let mut request = harness
        .client
        .request(method, format!("{base}{path_and_query}"))
        .bearer_auth(&harness.token);
    if let Some(key) = key {
        request = request.header("Idempotency-Key", key);
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let response = request.send().await.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|value| value.to_str().unwrap().to_owned())
    };
    let replayed = header("idempotent-replayed").is_some_and(|value| value == "true");
    let content_type = header("content-type");
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    Keyed {
        status,
        replayed,
        content_type,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

fn create_path(harness: &Harness, provider: &str) -> String {
    format!(
        "{USERS}?integrated_account_id={}",
        harness.accounts[provider]
    )
}

on_each_store!(a_repeated_write_reaches_the_provider_once);

async fn a_repeated_write_reaches_the_provider_once(backend: Backend) {
    let harness = Harness::on(backend).await;
    let base = harness.base.clone();
    let (_, body, ..) = cases().remove(0);
    let path = create_path(&harness, "dixa");
    let fake = harness.fake("dixa");
    let post = |key: &'static str, body: Value| {
        let (harness, base, path) = (&harness, base.clone(), path.clone());
        async move { keyed(harness, &base, Method::POST, &path, Some(key), Some(&body)).await }
    };

    let first = post("create-1", body.clone()).await;
    assert_eq!(first.status, 201, "{:#}", first.body);
    assert!(!first.replayed);
    assert_eq!(fake.calls(), 1);
    for _ in 0..2 {
        let repeat = post("create-1", body.clone()).await;
        assert_eq!(repeat.status, 201);
        assert!(repeat.replayed, "a repeat says it is one");
        assert_eq!(repeat.body, first.body, "the same answer, byte for byte");
        assert_eq!(repeat.content_type.as_deref(), Some("application/json"));
        assert_eq!(fake.calls(), 1, "never dispatched again");
    }

    // Another request under the used key: refused, not dispatched.
    let mut other = body.clone();
    other["name"] = json!("Grace");
    let reused = post("create-1", other.clone()).await;
    assert_eq!(reused.status, 422, "{:#}", reused.body);
    assert!(
        reused.body["message"]
            .as_str()
            .unwrap()
            .contains("was used for another request"),
        "{:#}",
        reused.body
    );
    assert_eq!(fake.calls(), 1);

    // A request refused before dispatch leaves its key free for the corrected request.
    let invalid = post("create-2", json!({"emails": []})).await;
    assert_eq!(invalid.status, 400);
    let corrected = post("create-2", other.clone()).await;
    assert_eq!(corrected.status, 201, "{:#}", corrected.body);
    assert_eq!(fake.calls(), 2);

    // A provider's refusal is an answer too: given again, never retried.
    fake.set_mode(Mode::Refuse(500));
    assert_eq!(post("create-3", body.clone()).await.status, 502);
    fake.set_mode(Mode::Normal);
    let refused_again = post("create-3", body.clone()).await;
    assert_eq!(refused_again.status, 502);
    assert!(refused_again.replayed);
    assert_eq!(fake.calls(), 3);

    // Keys belong to their environment: the staging token's key is its own.
    let staging = harness
        .client
        .post(format!(
            "{base}{USERS}?integrated_account_id={}",
            harness.foreign_account
        ))
        .bearer_auth(&harness.other_token)
        .header("Idempotency-Key", "create-1")
        .header("content-type", "application/json")
        .body(other.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(staging.status(), 201);
    assert_eq!(fake.calls(), 4);

    // A key that is not one visible key.
    let long = "k".repeat(256);
    for key in [long.as_str(), "caf\u{e9}"] {
        let mut request = harness
            .client
            .post(format!("{base}{path}"))
            .bearer_auth(&harness.token)
            .header("content-type", "application/json")
            .body(body.to_string());
        request = match key.is_ascii() {
            true => request.header("Idempotency-Key", key),
            false => request.header(
                "Idempotency-Key",
                reqwest::header::HeaderValue::from_bytes(key.as_bytes()).unwrap(),
            ),
        };
        let answer = request.send().await.unwrap();
        assert_eq!(answer.status(), 400);
        let message: Value = serde_json::from_slice(&answer.bytes().await.unwrap()).unwrap();
        assert!(
            message["message"]
                .as_str()
                .unwrap()
                .contains("must be one key of 1 to 255 visible ASCII characters"),
            "{message}"
        );
    }
    assert_eq!(fake.calls(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn updates_and_deletes_take_a_key_and_reads_ignore_it() {
    let harness = Harness::on(Backend::Sqlite).await;
    let base = harness.base.clone();
    let fake = harness.fake("gorgias");
    fake.keep_records();
    let (_, body, ..) = case(Kind::Gorgias);
    let created = harness.create_for("gorgias", "", &body).await;
    assert_eq!(created.status, 201, "{:#}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    let record = format!(
        "{USERS}/{id}?integrated_account_id={}",
        harness.accounts["gorgias"]
    );
    let calls = fake.calls();

    let patch = json!({"name": "Ada L."});
    let first = keyed(
        &harness,
        &base,
        Method::PATCH,
        &record,
        Some("u"),
        Some(&patch),
    )
    .await;
    assert_eq!(first.status, 200, "{:#}", first.body);
    let repeat = keyed(
        &harness,
        &base,
        Method::PATCH,
        &record,
        Some("u"),
        Some(&patch),
    )
    .await;
    assert!(repeat.replayed);
    assert_eq!(repeat.body, first.body);
    assert_eq!(fake.calls(), calls + 1);

    for _ in 0..2 {
        let read = keyed(&harness, &base, Method::GET, &record, Some("u"), None).await;
        assert_eq!(read.status, 200, "a read ignores the key: {:#}", read.body);
        assert!(!read.replayed);
    }
    assert_eq!(fake.calls(), calls + 3);

    let deleted = keyed(&harness, &base, Method::DELETE, &record, Some("d"), None).await;
    assert_eq!(deleted.status, 200, "{:#}", deleted.body);
    let again = keyed(&harness, &base, Method::DELETE, &record, Some("d"), None).await;
    assert_eq!(
        again.status, 200,
        "the record is gone, yet the kept answer is given"
    );
    assert!(again.replayed);
    assert_eq!(fake.calls(), calls + 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_repeat_while_the_first_is_in_flight_is_refused_with_409() {
    let harness = Harness::on(Backend::Sqlite).await;
    let base = harness.base.clone();
    let (_, body, ..) = cases().remove(0);
    let path = create_path(&harness, "dixa");
    harness
        .fake("dixa")
        .set_mode(Mode::Slow(Duration::from_millis(1500)));
    let first = keyed(
        &harness,
        &base,
        Method::POST,
        &path,
        Some("slow"),
        Some(&body),
    );
    let repeat = async {
        tokio::time::sleep(Duration::from_millis(400)).await;
        keyed(
            &harness,
            &base,
            Method::POST,
            &path,
            Some("slow"),
            Some(&body),
        )
        .await
    };
    let (first, repeat) = tokio::join!(first, repeat);
    assert_eq!(first.status, 201, "{:#}", first.body);
    assert_eq!(repeat.status, 409, "{:#}", repeat.body);
    assert!(
        repeat.body["message"]
            .as_str()
            .unwrap()
            .contains("is still in flight"),
        "{:#}",
        repeat.body
    );
    let after = keyed(
        &harness,
        &base,
        Method::POST,
        &path,
        Some("slow"),
        Some(&body),
    )
    .await;
    assert!(after.replayed);
    assert_eq!(harness.fake("dixa").calls(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_key_is_free_again_once_its_retention_has_passed() {
    let mut config = GatewayConfig::default();
    config.idempotency_retention = Duration::from_millis(800);
    let harness = Harness::with_config(config).await;
    let base = harness.base.clone();
    let (_, body, ..) = cases().remove(0);
    let path = create_path(&harness, "dixa");
    let send = || {
        keyed(
            &harness,
            &base,
            Method::POST,
            &path,
            Some("brief"),
            Some(&body),
        )
    };
    assert_eq!(send().await.status, 201);
    assert!(send().await.replayed);
    tokio::time::sleep(Duration::from_millis(1000)).await;
    let later = send().await;
    assert_eq!(later.status, 201);
    assert!(!later.replayed, "dispatched again once the key expired");
    assert_eq!(harness.fake("dixa").calls(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_restarted_gateway_gives_the_answer_its_database_kept() {
    let harness = Harness::on(Backend::Sqlite).await;
    let (_, body, ..) = cases().remove(0);
    let path = create_path(&harness, "dixa");
    let first = keyed(
        &harness,
        &harness.base,
        Method::POST,
        &path,
        Some("k"),
        Some(&body),
    )
    .await;
    assert_eq!(first.status, 201);
    let restarted = harness.another_instance(GatewayConfig::default()).await;
    let repeat = keyed(
        &harness,
        &restarted,
        Method::POST,
        &path,
        Some("k"),
        Some(&body),
    )
    .await;
    assert!(repeat.replayed, "{:#}", repeat.body);
    assert_eq!(repeat.body, first.body);
    assert_eq!(harness.fake("dixa").calls(), 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn instances_on_one_postgres_database_racing_one_key_dispatch_once() {
    let harness = Harness::on(Backend::Postgres).await;
    let second = harness.another_instance(GatewayConfig::default()).await;
    let (_, body, ..) = cases().remove(0);
    let path = create_path(&harness, "dixa");
    let fake = harness.fake("dixa");
    fake.set_mode(Mode::Slow(Duration::from_millis(300)));
    for round in 0..5 {
        let key = format!("race-{round}");
        let racers: Vec<_> = (0..8)
            .map(|index| {
                let base = if index % 2 == 0 {
                    &harness.base
                } else {
                    &second
                };
                let sent = harness
                    .client
                    .post(format!("{base}{path}"))
                    .bearer_auth(&harness.token)
                    .header("Idempotency-Key", &key)
                    .header("content-type", "application/json")
                    .body(body.to_string())
                    .send();
                tokio::spawn(async move {
                    let response = sent.await.unwrap();
                    let status = response.status().as_u16();
                    (status, response.bytes().await.unwrap())
                })
            })
            .collect();
        let mut created = Vec::new();
        let mut in_flight = 0;
        for racer in racers {
            match racer.await.unwrap() {
                (201, bytes) => created.push(bytes),
                (409, _) => in_flight += 1,
                (status, bytes) => panic!("{status}: {}", String::from_utf8_lossy(&bytes)),
            }
        }
        assert!(!created.is_empty(), "round {round}");
        assert_eq!(created.len() + in_flight, 8, "round {round}");
        assert!(
            created.iter().all(|answer| answer == &created[0]),
            "round {round}: one record, however many saw it"
        );
        assert_eq!(fake.calls(), round + 1, "round {round}: dispatched once");
    }
}
