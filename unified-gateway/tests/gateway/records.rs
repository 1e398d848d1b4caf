//! The routes of existing records, end to end: a provider's users listed a page at a time, read,
//! updated with a merge patch and deleted through its adapter, and a provider without an adapter
//! for an operation answered 501 before anything is sent.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{Backend, Harness};
use crate::raw_http::{Raw, request};

const USERS: &str = "/unified/ticketing/users";

fn ada(index: usize) -> Value {
    json!({
        "name": format!("Ada {index}"),
        "emails": [{"email": format!("ada{index}@example.org"), "type": "primary"}]
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn gorgias_users_are_listed_a_page_at_a_time_read_updated_and_deleted() {
    let harness = Harness::on(Backend::Sqlite).await;
    let fake = harness.fake("gorgias");
    fake.keep_records();
    for index in 1..=3 {
        let created = harness.create_for("gorgias", "", &ada(index)).await;
        assert_eq!(created.status, 201, "{:#}", created.body);
        assert_eq!(created.body["id"], index.to_string());
    }
    let account = format!("integrated_account_id={}", harness.accounts["gorgias"]);

    // Two pages: Gorgias' cursor travels as the opaque `next_cursor`.
    let first = harness
        .call(Method::GET, &format!("{USERS}?{account}&limit=2"), None)
        .await;
    assert_eq!(first.status, 200, "{:#}", first.body);
    let names: Vec<&str> = first.body["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|user| user["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Ada 1", "Ada 2"]);
    let cursor = first.body["next_cursor"]
        .as_str()
        .expect("a next page")
        .to_owned();
    assert_eq!(fake.last().query.as_deref(), Some("limit=2"));
    let second = harness
        .call(
            Method::GET,
            &format!("{USERS}?{account}&limit=2&next_cursor={cursor}"),
            None,
        )
        .await;
    assert_eq!(second.status, 200, "{:#}", second.body);
    assert_eq!(second.body["result"].as_array().unwrap().len(), 1);
    assert_eq!(second.body["result"][0]["name"], "Ada 3");
    assert!(second.body.get("next_cursor").is_none_or(Value::is_null));

    // One user, by the id Gorgias gave it.
    let got = harness
        .call(Method::GET, &format!("{USERS}/2?{account}"), None)
        .await;
    assert_eq!(got.status, 200, "{:#}", got.body);
    assert_eq!(
        (got.body["id"].as_str(), got.body["name"].as_str()),
        (Some("2"), Some("Ada 2"))
    );
    assert_eq!(fake.last().path, "/api/users/2");

    // A merge patch: only what it sets is sent.
    let patch = json!({"name": "Grace Hopper"});
    let updated = harness
        .call(
            Method::PATCH,
            &format!("{USERS}/2?{account}"),
            Some(("application/merge-patch+json", &patch)),
        )
        .await;
    assert_eq!(updated.status, 200, "{:#}", updated.body);
    assert_eq!(updated.body["name"], "Grace Hopper");
    assert_eq!(updated.body["last_name"], "Hopper");
    let seen = fake.last();
    assert_eq!((seen.path.as_str(), &seen.body), ("/api/users/2", &patch));

    // Gorgias requires an address: clearing it is refused before anything is sent.
    let calls = fake.calls();
    let cleared = harness
        .call(
            Method::PATCH,
            &format!("{USERS}/2?{account}"),
            Some(("application/json", &json!({"emails": null, "avatar": "x"}))),
        )
        .await;
    assert_eq!(cleared.status, 400, "{:#}", cleared.body);
    // In key order, as the gateway reads a body (see the guide's errors).
    assert_eq!(
        cleared.violations(),
        [
            (
                "body".to_owned(),
                "/avatar".to_owned(),
                "unsupported".to_owned()
            ),
            (
                "body".to_owned(),
                "/emails".to_owned(),
                "cleared".to_owned()
            ),
        ]
    );
    assert_eq!(fake.calls(), calls);

    // Deleted: Gorgias answers 204; the unified answer is the id.
    let deleted = harness
        .call(Method::DELETE, &format!("{USERS}/2?{account}"), None)
        .await;
    assert_eq!(deleted.status, 200, "{:#}", deleted.body);
    assert_eq!(deleted.body["id"], "2");
    let gone = harness
        .call(Method::GET, &format!("{USERS}/2?{account}"), None)
        .await;
    assert_eq!(gone.status, 404, "{:#}", gone.body);
    assert_eq!(gone.body["truto_is_remote_error"], true);
    assert_eq!(gone.body["remote_status"], 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn routes_without_an_adapter_answer_501() {
    let harness = Harness::on(Backend::Sqlite).await;
    let account = format!("integrated_account_id={}", harness.accounts["hive"]);
    let fake = harness.fake("hive");
    for (method, path, body) in [
        (Method::GET, format!("{USERS}?{account}"), None),
        (Method::GET, format!("{USERS}/1?{account}"), None),
        (
            Method::PATCH,
            format!("{USERS}/1?{account}"),
            Some(json!({"name": "Ada"})),
        ),
        (Method::DELETE, format!("{USERS}/1?{account}"), None),
    ] {
        let answer = harness
            .call(
                method.clone(),
                &path,
                body.as_ref().map(|body| ("application/json", body)),
            )
            .await;
        assert_eq!(answer.status, 501, "{method} {path}: {:#}", answer.body);
        let message = answer.body["message"].as_str().unwrap();
        assert!(
            message.contains("Hive") && message.contains("`ticketing/users`"),
            "{message}"
        );
    }
    assert_eq!(fake.calls(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cursor_the_provider_refuses_is_the_clients_mistake() {
    let harness = Harness::on(Backend::Sqlite).await;
    let fake = harness.fake("gorgias");
    fake.keep_records();
    let account = format!("integrated_account_id={}", harness.accounts["gorgias"]);
    let refused = harness
        .call(
            Method::GET,
            &format!("{USERS}?{account}&next_cursor=made-up"),
            None,
        )
        .await;
    assert_eq!(refused.status, 400, "{:#}", refused.body);
    let message = refused.body["message"].as_str().unwrap();
    assert!(
        message.starts_with("Gorgias did not take `next_cursor` (it answered 400)"),
        "{message}"
    );
    assert!(!message.contains("made-up"), "{message}");
    assert_eq!(refused.body["remote_status"], 400);
    assert_eq!(refused.body["truto_is_remote_error"], true);
    assert_eq!(fake.last().query.as_deref(), Some("cursor=made-up"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_number_cursor_that_is_not_one_is_refused_before_it_is_sent() {
    let harness = Harness::on(Backend::Sqlite).await;
    let fake = harness.fake("teamwork_project_management");
    let account = format!(
        "integrated_account_id={}",
        harness.accounts["teamwork_project_management"]
    );
    let refused = harness
        .call(
            Method::GET,
            &format!("{USERS}?{account}&next_cursor=after-2"),
            None,
        )
        .await;
    assert_eq!(refused.status, 400, "{:#}", refused.body);
    assert_eq!(
        refused.violations(),
        [(
            "query".to_owned(),
            "/next_cursor".to_owned(),
            "pattern".to_owned()
        )]
    );
    assert_eq!(fake.calls(), 0);
    // A page number goes to Teamwork as its page.
    let first = harness
        .call(
            Method::GET,
            &format!("{USERS}?{account}&next_cursor=2"),
            None,
        )
        .await;
    assert_eq!(first.status, 200, "{:#}", first.body);
    assert_eq!(fake.last().query.as_deref(), Some("pageSize=50&page=2"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dot_segment_id_never_climbs_out_of_the_providers_path() {
    let harness = Harness::on(Backend::Sqlite).await;
    let fake = harness.fake("gorgias");
    fake.keep_records();
    let bearer = format!("Bearer {}", harness.token);
    // Sent as written: an HTTP client would resolve the dot-segments before sending.
    for id in ["%2E%2E", "%2e", ".."] {
        let target = format!(
            "{USERS}/{id}?integrated_account_id={}",
            harness.accounts["gorgias"]
        );
        let mut raw = Raw::connect(harness.addr).await;
        raw.send(&request("GET", &target, &[("Authorization", &bearer)], b""))
            .await;
        let answer = raw.answer(false).await.expect("an answer");
        assert_eq!(answer.status, 400, "{id}: {:?}", answer.json());
        let body = answer.json().unwrap();
        assert_eq!(body["errors"][0]["code"], "enum", "{id}: {body:#}");
    }
    assert_eq!(fake.calls(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_update_a_provider_cannot_take_is_refused_before_it_is_sent_and_its_schema_says_so() {
    let harness = Harness::on(Backend::Sqlite).await;
    // (provider, a patch it cannot take, where, the code)
    let cases = [
        // Teamwork requires a last name, which the spec has as merely supported.
        (
            "teamwork_project_management",
            json!({"first_name": "Grace", "last_name": null}),
            "/last_name",
            "cleared",
        ),
        // Dixa's update cannot change the primary address.
        (
            "dixa",
            json!({"name": "Grace", "emails": [{"email": "g@example.org", "type": "primary"}]}),
            "/emails",
            "unsupported",
        ),
        // A SolarWinds user always has a role.
        (
            "solarwinds_service_desk",
            json!({"roles": null}),
            "/roles",
            "cleared",
        ),
    ];
    for (provider, patch, pointer, code) in cases {
        let fake = harness.fake(provider);
        let account = format!("integrated_account_id={}", harness.accounts[provider]);
        let refused = harness
            .call(
                Method::PATCH,
                &format!("{USERS}/1?{account}"),
                Some(("application/merge-patch+json", &patch)),
            )
            .await;
        assert_eq!(refused.status, 400, "{provider}: {:#}", refused.body);
        assert_eq!(
            refused.violations(),
            [("body".to_owned(), pointer.to_owned(), code.to_owned())],
            "{provider}"
        );
        assert_eq!(fake.calls(), 0, "{provider}: nothing was sent");

        // The served update schema, read by an independent validator, says the same.
        let meta = harness
            .get(
                &format!("{USERS}/{provider}/meta/update"),
                Some(&harness.token),
            )
            .await;
        assert_eq!(meta.status, 200, "{provider}: {:#}", meta.body);
        let validator = jsonschema::validator_for(&meta.body["request_body_schema"]).unwrap();
        assert!(!validator.is_valid(&patch), "{provider}: {patch}");
        let mut taken = patch.clone();
        taken.as_object_mut().unwrap().remove(&pointer[1..]);
        assert!(validator.is_valid(&taken), "{provider}: {taken}");
    }
}
