//! A provider's rate limit reaching the client: the `ratelimit-*` headers its answers imply on
//! every answer after a call to it (Gorgias, Teamwork; none for Dixa, which documents none),
//! and its 429 passed on as a 429 with its `Retry-After`, never retried, and leaving a write's
//! idempotency key free for the request to be sent again.

use std::ops::RangeInclusive;

use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::case;
use crate::harness::{Backend, Harness};
use crate::on_each_store;
use unified_test_tools::fake::{GORGIAS_LIMIT, Kind, Mode, TEAMWORK_LIMIT};

const USERS: &str = "/unified/ticketing/users";

/// The seconds a rate-limited fake asks to wait.
const WAIT: u64 = 30;

/// What the gateway answered, headers included.
struct Answered {
    status: u16,
    headers: HeaderMap,
    body: Value,
}

impl Answered {
    /// A header's value as a number, if it is there.
    fn number(&self, name: &str) -> Option<u64> {
        let value = self.headers.get(name)?.to_str().unwrap();
        Some(value.parse().unwrap_or_else(|_| panic!("{name}: {value}")))
    }

    /// The three `ratelimit-*` headers.
    fn limits(&self) -> [Option<u64>; 3] {
        ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"].map(|name| self.number(name))
    }

    fn message(&self) -> &str {
        self.body["message"].as_str().unwrap()
    }
}

/// `method` to `path_and_query` with the prod token, `key` as the idempotency key and `body`
/// as JSON, when given.
async fn send(
    harness: &Harness,
    method: Method,
    path_and_query: &str,
    key: Option<&str>,
    body: Option<&Value>,
) -> Answered {
    let mut request = harness
        .client
        .request(method, format!("{}{path_and_query}", harness.base))
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
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.unwrap();
    Answered {
        status,
        headers,
        body: serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    }
}

/// A create for the prod account of `kind`, with its case's body and query.
async fn create(harness: &Harness, kind: Kind, key: Option<&str>) -> Answered {
    let (_, body, query, ..) = case(kind);
    let path = format!(
        "{USERS}?integrated_account_id={}{query}",
        harness.accounts[kind.provider_id()]
    );
    send(harness, Method::POST, &path, key, Some(&body)).await
}

/// Whether `seconds` is within `range`, allowing for the clock to turn between fake and gateway.
fn within(seconds: Option<u64>, range: RangeInclusive<u64>) -> bool {
    seconds.is_some_and(|seconds| range.contains(&seconds))
}

#[tokio::test(flavor = "multi_thread")]
async fn every_answer_after_a_call_carries_the_limits_the_provider_told() {
    let harness = Harness::start().await;
    let limit = GORGIAS_LIMIT as u64;

    // Gorgias tells `used/limit` and no reset outside a 429.
    let created = create(&harness, Kind::Gorgias, None).await;
    assert_eq!(created.status, 201, "{:#}", created.body);
    assert_eq!(created.limits(), [Some(limit), Some(limit - 1), None]);
    assert!(!created.headers.contains_key("retry-after"));

    // A refusal that is not for the rate (a 502) carries them too, as does a raw answer.
    let gorgias = harness.fake("gorgias");
    gorgias.set_mode(Mode::Refuse(400));
    let refused = create(&harness, Kind::Gorgias, None).await;
    assert_eq!(refused.status, 502, "{:#}", refused.body);
    assert_eq!(refused.limits(), [Some(limit), Some(limit - 2), None]);
    gorgias.set_mode(Mode::Normal);
    let raw = send(
        &harness,
        Method::GET,
        &format!(
            "{USERS}?integrated_account_id={}&truto_response_format=raw",
            harness.accounts["gorgias"]
        ),
        None,
        None,
    )
    .await;
    assert_eq!(raw.status, 200, "{:#}", raw.body);
    assert_eq!(raw.limits(), [Some(limit), Some(limit - 3), None]);

    // Teamwork tells all three, its reset as an epoch time: seconds from now here.
    let created = create(&harness, Kind::TeamworkProjectManagement, None).await;
    assert_eq!(created.status, 201, "{:#}", created.body);
    let [limit, remaining, reset] = created.limits();
    assert_eq!(limit, Some(TEAMWORK_LIMIT as u64));
    assert_eq!(remaining, Some(TEAMWORK_LIMIT as u64 - 1));
    assert!(within(reset, 58..=60), "{reset:?}");

    // Dixa documents none.
    let created = create(&harness, Kind::Dixa, None).await;
    assert_eq!(created.status, 201, "{:#}", created.body);
    assert_eq!(created.limits(), [None; 3]);

    // A request refused before any call carries none.
    let (_, mut body, ..) = case(Kind::Gorgias);
    body["emails"] = Value::Null;
    let invalid = send(
        &harness,
        Method::POST,
        &format!(
            "{USERS}?integrated_account_id={}",
            harness.accounts["gorgias"]
        ),
        None,
        Some(&body),
    )
    .await;
    assert_eq!(invalid.status, 400, "{:#}", invalid.body);
    assert_eq!(invalid.limits(), [None; 3]);
    assert_eq!(gorgias.calls(), 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_providers_429_reaches_the_client_as_a_429_and_is_not_retried() {
    let harness = Harness::start().await;
    for kind in [Kind::Gorgias, Kind::TeamworkProjectManagement, Kind::Dixa] {
        let fake = harness.fake(kind.provider_id());
        fake.set_mode(Mode::RateLimited { retry_after: WAIT });
        let limited = create(&harness, kind, None).await;
        assert_eq!(limited.status, 429, "{kind:?}: {:#}", limited.body);
        assert_eq!(fake.calls(), 1, "{kind:?}: sent once, never retried");

        // The envelope of a remote error, the provider's answer scrubbed.
        assert_eq!(limited.body["statusCode"], 429);
        assert_eq!(limited.body["error"], "Too Many Requests");
        assert_eq!(limited.body["truto_is_remote_error"], true);
        assert_eq!(limited.body["remote_status"], 429);
        let remote = limited.body["remote_body"].to_string();
        assert!(
            remote.contains("too many requests for key [redacted]"),
            "{remote}"
        );
        assert!(!limited.body.to_string().contains(kind.credential()));

        let message = limited.message();
        let name =
            unified_core::Provider::<unified_models::providers::Set>::from_id(kind.provider_id())
                .unwrap()
                .name();
        assert!(
            message.starts_with(&format!(
                "{name} is limiting this account's request rate, so it did not act on the \
                 request: "
            )),
            "{message}"
        );
        assert!(!message.contains("too many requests"), "{message}");

        let retry_after = limited.number("retry-after");
        match kind {
            Kind::Gorgias => {
                let limit = GORGIAS_LIMIT as u64;
                assert_eq!(retry_after, Some(WAIT));
                assert_eq!(limited.limits(), [Some(limit), Some(0), Some(WAIT)]);
                assert!(message.ends_with("retry after 30 s"), "{message}");
            }
            Kind::TeamworkProjectManagement => {
                // Teamwork sends no `Retry-After`: its reset says when.
                assert_eq!(retry_after, None);
                let [limit, remaining, reset] = limited.limits();
                assert_eq!(limit, Some(TEAMWORK_LIMIT as u64));
                assert_eq!(remaining, Some(0));
                assert!(within(reset, WAIT - 2..=WAIT), "{reset:?}");
                assert!(message.contains("its limit resets in "), "{message}");
            }
            _ => {
                assert_eq!(retry_after, None);
                assert_eq!(limited.limits(), [None; 3]);
                assert!(message.ends_with("retry later"), "{message}");
            }
        }
    }

    // A read is passed on the same way.
    let list = send(
        &harness,
        Method::GET,
        &format!(
            "{USERS}?integrated_account_id={}",
            harness.accounts["gorgias"]
        ),
        None,
        None,
    )
    .await;
    assert_eq!(list.status, 429, "{:#}", list.body);
    assert_eq!(list.number("retry-after"), Some(WAIT));
    assert_eq!(harness.fake("gorgias").calls(), 2);

    // The document served for Gorgias describes each header its 429 carries, as a number.
    let document = harness.get("/openapi/gorgias.json", None).await.body;
    let documented = &document["paths"][USERS]["get"]["responses"]["429"]["headers"];
    for (name, value) in &list.headers {
        let name = name.as_str();
        if !name.starts_with("ratelimit-") && name != "retry-after" {
            continue;
        }
        let header = documented
            .as_object()
            .and_then(|headers| {
                headers
                    .iter()
                    .find(|(key, _)| key.eq_ignore_ascii_case(name))
            })
            .map(|(_, header)| header)
            .unwrap_or_else(|| panic!("{name} is not documented: {documented:#}"));
        let component = header["$ref"].as_str().unwrap().rsplit('/').next().unwrap();
        let schema = &document["components"]["headers"][component]["schema"];
        assert_eq!(schema["type"], "integer", "{name}");
        assert!(value.to_str().unwrap().parse::<u64>().is_ok(), "{name}");
    }
}

on_each_store!(a_keyed_write_refused_for_the_rate_is_sent_again_under_its_key);

/// A 429 means the provider did not act: the key is given back, and the same request with the
/// same key, once the wait is over, is dispatched (not given the 429 again).
async fn a_keyed_write_refused_for_the_rate_is_sent_again_under_its_key(backend: Backend) {
    let harness = Harness::on(backend).await;
    let fake = harness.fake("gorgias");
    fake.set_mode(Mode::RateLimited { retry_after: WAIT });
    let limited = create(&harness, Kind::Gorgias, Some("rate-1")).await;
    assert_eq!(limited.status, 429, "{:#}", limited.body);
    assert_eq!(fake.calls(), 1);

    fake.set_mode(Mode::Normal);
    let created = create(&harness, Kind::Gorgias, Some("rate-1")).await;
    assert_eq!(created.status, 201, "{:#}", created.body);
    assert!(!created.headers.contains_key("idempotent-replayed"));
    assert_eq!(fake.calls(), 2, "dispatched again");

    // From now on the key holds the creation.
    let repeat = create(&harness, Kind::Gorgias, Some("rate-1")).await;
    assert_eq!(repeat.status, 201);
    assert_eq!(repeat.headers["idempotent-replayed"], "true");
    assert_eq!(repeat.body, created.body);
    assert_eq!(fake.calls(), 2);
}
