//! `GET /metrics`: after a known sequence of requests, the scrape holds the counts and the
//! latencies that sequence makes, read by the Python client's own parser of Prometheus' text
//! format (not by matching strings); no label carries a value a request sent; the metrics can
//! be moved to a listener of their own, or turned off.

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};
use unified_gateway::{Gateway, GatewayConfig, Store};
use unified_test_tools::{Package, python, random_hex, with_plan};

use crate::case;
use crate::harness::Harness;
use unified_test_tools::fake::Kind;

/// The Python client of Prometheus, whose parser reads the scrape.
const PROMETHEUS_CLIENT: Package = Package {
    name: "prometheus-client",
    version: "0.26.0",
};

/// One sample of a scrape, as the Python parser read it.
#[derive(Debug)]
struct Sample {
    family: String,
    kind: String,
    name: String,
    labels: Vec<(String, String)>,
    value: f64,
}

/// A client for the gateway under test.
fn client() -> reqwest::Client {
    unified_gateway::http_client_builder()
        .unwrap()
        .build()
        .unwrap()
}

/// The scrape of `/metrics` at `base`: its raw text and its samples.
async fn scrape(base: &str) -> (String, Vec<Sample>) {
    let response = client()
        .get(format!("{base}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let content_type = response.headers()["content-type"].to_str().unwrap();
    assert_eq!(content_type, "text/plain; version=0.0.4; charset=utf-8");
    let text = response.text().await.unwrap();
    (text.clone(), parse(&text))
}

/// `text` read by the Python client's parser.
fn parse(text: &str) -> Vec<Sample> {
    let python = python(&[PROMETHEUS_CLIENT]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gateway/metrics_parse.py");
    let mut command = Command::new(python);
    command.arg(script);
    let parsed = with_plan(&mut command, &json!(text), "the Prometheus text parser");
    parsed
        .as_array()
        .unwrap()
        .iter()
        .map(|sample| Sample {
            family: sample["family"].as_str().unwrap().to_owned(),
            kind: sample["type"].as_str().unwrap().to_owned(),
            name: sample["name"].as_str().unwrap().to_owned(),
            labels: sample["labels"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(key, value)| (key.clone(), value.as_str().unwrap().to_owned()))
                .collect(),
            value: sample["value"].as_f64().unwrap(),
        })
        .collect()
}

/// The value of the sample `name` whose labels are exactly `labels`, if there is one.
fn value(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    let mut wanted: Vec<(String, String)> = labels
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect();
    wanted.sort();
    let found: Vec<f64> = samples
        .iter()
        .filter(|sample| sample.name == name)
        .filter(|sample| {
            let mut labels = sample.labels.clone();
            labels.sort();
            labels == wanted
        })
        .map(|sample| sample.value)
        .collect();
    assert!(found.len() <= 1, "{name} {labels:?} twice");
    found.first().copied()
}

/// A body Dixa refuses: `name` is required.
fn nameless() -> Value {
    json!({"emails": [{"email": "ada@example.org", "type": "primary"}]})
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scrape_after_known_requests_holds_their_counts_and_latencies() {
    let harness = Harness::start().await;
    let (_, body, ..) = case(Kind::Dixa);
    let created = [
        harness.create_for("dixa", "", &body).await,
        harness.create_for("dixa", "", &body).await,
    ];
    for answer in &created {
        assert_eq!(answer.status, 201, "{:#}", answer.body);
    }
    let refused = harness.create_for("dixa", "", &nameless()).await;
    assert_eq!(refused.status, 400);
    assert_eq!(
        refused.violations(),
        [("body".into(), "/name".into(), "required".into())]
    );
    let anonymous = harness
        .send(
            "/unified/ticketing/users",
            "",
            None,
            "application/json",
            b"{}".to_vec(),
        )
        .await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(harness.get("/nowhere", None).await.status, 404);

    let (_, samples) = scrape(&harness.base).await;
    let family = |name: &str| -> Vec<&Sample> {
        samples
            .iter()
            .filter(|sample| sample.family == name)
            .collect()
    };
    let kinds = [
        ("unified_http_requests", "counter"),
        ("unified_validation_refusals", "counter"),
        ("unified_provider_call_duration_seconds", "histogram"),
        ("unified_store_call_duration_seconds", "histogram"),
        ("unified_store_cache_lookups", "counter"),
        ("unified_open_connections", "gauge"),
    ];
    for (name, kind) in kinds {
        let samples = family(name);
        assert!(!samples.is_empty(), "{name} is in the scrape");
        assert!(samples.iter().all(|sample| sample.kind == kind), "{name}");
    }

    // Every answer, by route template, method, status and provider; the scrape itself is
    // counted once answered, so not yet.
    let requests = "unified_http_requests_total";
    let route = "/unified/{model}/{resource}";
    let answered = |method, status, provider| {
        value(
            &samples,
            requests,
            &[
                ("route", route),
                ("method", method),
                ("status", status),
                ("provider", provider),
            ],
        )
    };
    assert_eq!(answered("POST", "201", "dixa"), Some(2.0));
    assert_eq!(answered("POST", "400", "dixa"), Some(1.0));
    assert_eq!(
        answered("POST", "401", ""),
        Some(1.0),
        "no account, no provider"
    );
    let unmatched = [
        ("route", "unmatched"),
        ("method", "GET"),
        ("status", "404"),
        ("provider", ""),
    ];
    assert_eq!(value(&samples, requests, &unmatched), Some(1.0));
    let total: f64 = family("unified_http_requests")
        .iter()
        .map(|sample| sample.value)
        .sum();
    assert_eq!(total, 5.0, "the five requests and nothing else");

    // The refusal, by provider, part and code.
    let refusals = [("provider", "dixa"), ("part", "body"), ("code", "required")];
    let refusal_total = "unified_validation_refusals_total";
    assert_eq!(value(&samples, refusal_total, &refusals), Some(1.0));
    assert_eq!(family("unified_validation_refusals").len(), 1);

    // The two calls to the fake Dixa: their count, and the bucket every loopback answer is
    // in (cumulative: 30 s holds them all, and so does +Inf).
    let calls = [("provider", "dixa"), ("status", "201")];
    let histogram = "unified_provider_call_duration_seconds";
    assert_eq!(
        value(&samples, &format!("{histogram}_count"), &calls),
        Some(2.0)
    );
    for bound in ["30", "+Inf"] {
        let bucket = [("provider", "dixa"), ("status", "201"), ("le", bound)];
        assert_eq!(
            value(&samples, &format!("{histogram}_bucket"), &bucket),
            Some(2.0),
            "le={bound}"
        );
    }
    let mut buckets: Vec<(f64, f64)> = family(histogram)
        .iter()
        .filter(|sample| sample.name.ends_with("_bucket"))
        .map(|sample| {
            let le = &sample.labels.iter().find(|(key, _)| key == "le").unwrap().1;
            let bound = if le == "+Inf" {
                f64::INFINITY
            } else {
                le.parse().unwrap()
            };
            (bound, sample.value)
        })
        .collect();
    buckets.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(
        buckets.windows(2).all(|pair| pair[0].1 <= pair[1].1),
        "the buckets are cumulative: {buckets:?}"
    );
    let sum = value(&samples, &format!("{histogram}_sum"), &calls).unwrap();
    assert!(sum > 0.0 && sum < 20.0, "{sum}");

    // The store's calls: three creates with a token, each finding its account; two opened
    // the credential. The first token and account lookups missed the cache, the others hit.
    let store = "unified_store_call_duration_seconds_count";
    for (operation, count) in [("token", 3.0), ("account", 3.0), ("credential", 2.0)] {
        assert_eq!(
            value(&samples, store, &[("operation", operation)]),
            Some(count),
            "{operation}"
        );
    }
    let lookups = "unified_store_cache_lookups_total";
    for (record, result, count) in [
        ("token", "hit", 2.0),
        ("token", "miss", 1.0),
        ("account", "hit", 2.0),
        ("account", "miss", 1.0),
    ] {
        let labels = [("record", record), ("result", result)];
        assert_eq!(
            value(&samples, lookups, &labels),
            Some(count),
            "{record} {result}"
        );
    }
    // The scrape's own connection at least.
    let open = value(&samples, "unified_open_connections", &[]).unwrap();
    assert!(open >= 1.0, "{open}");

    // The scrape is counted once answered.
    let (_, again) = scrape(&harness.base).await;
    let scraped = [
        ("route", "/metrics"),
        ("method", "GET"),
        ("status", "200"),
        ("provider", ""),
    ];
    assert_eq!(value(&again, requests, &scraped), Some(1.0));
}

#[tokio::test(flavor = "multi_thread")]
async fn no_label_carries_a_value_from_a_request() {
    let harness = Harness::start().await;
    let marker = format!("mk{}", random_hex(8));
    let (_, mut body, ..) = case(Kind::Dixa);
    body["name"] = json!(marker);
    body["remote_data"] = json!({ &marker: &marker });
    let in_query = format!("&remote_query[{marker}]={marker}");
    assert_eq!(
        harness.create_for("dixa", &in_query, &body).await.status,
        201
    );
    // A body with an unknown member named by the marker: its violation names the pointer, never
    // a label.
    let mut unknown = nameless();
    unknown[&marker] = json!(marker);
    assert_eq!(harness.create_for("dixa", "", &unknown).await.status, 400);
    let account = format!("integrated_account_id={marker}");
    assert_eq!(harness.create(&account, &body).await.status, 400);
    for path in [
        format!("/unified/ticketing/{marker}"),
        format!("/{marker}"),
        format!("/unified/ticketing/users/{marker}/meta/create"),
    ] {
        assert_eq!(
            harness.get(&path, Some(&harness.token)).await.status,
            404,
            "{path}"
        );
    }
    let method = reqwest::Method::from_bytes(marker.to_uppercase().as_bytes()).unwrap();
    let made_up = harness
        .client
        .request(method, format!("{}/unified/ticketing/users", harness.base))
        .header("x-request-id", &marker)
        .header("idempotency-key", &marker)
        .bearer_auth(&harness.token)
        .send()
        .await
        .unwrap();
    assert_eq!(made_up.status().as_u16(), 405);

    let (text, samples) = scrape(&harness.base).await;
    let lower = text.to_lowercase();
    assert!(
        !lower.contains(&marker),
        "the marker is in the scrape:\n{text}"
    );
    for sample in &samples {
        for (key, value) in &sample.labels {
            assert!(
                !value.to_lowercase().contains(&marker),
                "{}: {key}={value}",
                sample.name
            );
        }
    }
    let methods: Vec<&str> = samples
        .iter()
        .filter(|sample| sample.name == "unified_http_requests_total")
        .flat_map(|sample| &sample.labels)
        .filter(|(key, _)| key == "method")
        .map(|(_, value)| value.as_str())
        .collect();
    assert!(methods.contains(&"other"), "{methods:?}");
}

/// A free loopback address, for a listener the gateway binds itself.
fn free_addr() -> std::net::SocketAddr {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_metrics_address_moves_the_metrics_to_a_listener_of_their_own() {
    let metrics_addr = free_addr();
    let mut config = GatewayConfig::default();
    config.metrics_addr = Some(metrics_addr);
    let harness = Harness::with_config(config).await;
    let (_, body, ..) = case(Kind::Dixa);
    assert_eq!(harness.create_for("dixa", "", &body).await.status, 201);
    let on_main = harness.get("/metrics", None).await;
    assert_eq!(on_main.status, 404, "not on the gateway's listener");

    let own = format!("http://{metrics_addr}");
    let (_, samples) = scrape(&own).await;
    let created = [
        ("route", "/unified/{model}/{resource}"),
        ("method", "POST"),
        ("status", "201"),
        ("provider", "dixa"),
    ];
    assert_eq!(
        value(&samples, "unified_http_requests_total", &created),
        Some(1.0)
    );
    let probe = client().get(format!("{own}/healthz")).send().await.unwrap();
    assert_eq!(
        probe.status().as_u16(),
        404,
        "the metrics' listener serves /metrics alone"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_turned_off_are_not_served_and_need_no_address() {
    let mut config = GatewayConfig::default();
    config.metrics = false;
    let harness = Harness::with_config(config.clone()).await;
    let (_, body, ..) = case(Kind::Dixa);
    assert_eq!(harness.create_for("dixa", "", &body).await.status, 201);
    assert_eq!(harness.get("/metrics", None).await.status, 404);

    config.metrics_addr = Some(free_addr());
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("off.db").to_str().unwrap())
        .await
        .unwrap();
    let refused = Gateway::new(
        store,
        unified_models::registry(),
        unified_providers::adapters(),
        config,
    );
    let error = refused
        .err()
        .expect("an address with metrics off is refused");
    assert!(error.to_string().contains("metrics are off"), "{error}");
}
