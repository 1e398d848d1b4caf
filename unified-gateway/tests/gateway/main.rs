//! The gateway end to end: a real server on loopback, fake providers behind it, requests over
//! HTTP. Every rejected request is also checked to have made no provider call.

mod browser;
mod connections;
mod corpus;
mod harness;
mod health;
mod http_layer;
mod idempotency;
mod metrics;
mod openapi;
mod provider_answers;
mod rate_limits;
mod raw_http;
mod records;
mod reference_client;
mod remote_contracts;
mod request_ids;
mod secrets;
mod suggestions;

use std::time::Duration;

use serde_json::{Value, json};
use unified_core::{Part, Target};
use unified_gateway::GatewayConfig;
use unified_models::providers::Set;

use harness::{Answer, Backend, Harness, log_text};
use unified_test_tools::fake::{Kind, Mode};

const PASSWORD: &str = "correct horse battery";

/// A valid body for each adapter's provider, the extra query it needs, the native body the fake
/// must receive, the native path, and the unified record expected back (without remote_data).
fn cases() -> Vec<(Kind, Value, &'static str, Value, &'static str, Value)> {
    vec![
        (
            Kind::Dixa,
            json!({
                "name": "Ada Lovelace",
                "first_name": "Ada",
                "last_name": "Lovelace",
                "avatar": "https://example.org/ada.png",
                "emails": [
                    {"email": "ada@work.example", "type": "other"},
                    {"email": "ada@example.org", "type": "primary"}
                ]
            }),
            "",
            json!({
                "displayName": "Ada Lovelace",
                "email": "ada@example.org",
                "firstName": "Ada",
                "lastName": "Lovelace",
                "avatarUrl": "https://example.org/ada.png",
                "additionalEmails": ["ada@work.example"]
            }),
            "/v1/agents",
            json!({
                "id": "8f1d0c39-2a8e-4a4c-9f0e-6d1c2b3a4f5e",
                "name": "Ada Lovelace",
                "avatar": "https://example.org/ada.png",
                "created_at": "2026-11-27T10:00:00Z",
                "emails": [
                    {"email": "ada@example.org", "type": "primary"},
                    {"email": "ada@work.example", "type": "other"}
                ],
                "first_name": "Ada",
                "last_name": "Lovelace",
                "roles": [{"name": "Agent"}]
            }),
        ),
        (
            Kind::PivotalTracker,
            json!({
                "name": "Ada King Lovelace",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "roles": [{"name": "owner"}]
            }),
            "&collections[][id]=99",
            json!({"email": "ada@example.org", "name": "Ada King Lovelace", "initials": "AKL", "role": "owner"}),
            "/projects/99/memberships",
            json!({
                "id": "42",
                "name": "Ada King Lovelace",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "username": "ada",
                "roles": [{"name": "owner"}]
            }),
        ),
        (
            Kind::Freshchat,
            json!({
                "name": "Ada King Lovelace",
                "avatar": "https://example.org/ada.png",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "roles": [{"id": "r-7", "name": "Agent"}],
                "team_ids": ["g-1", "g-2"]
            }),
            "",
            json!({
                "email": "ada@example.org",
                "first_name": "Ada King",
                "last_name": "Lovelace",
                "avatar": {"url": "https://example.org/ada.png"},
                "role_id": "r-7",
                "groups": ["g-1", "g-2"]
            }),
            "/v2/agents",
            json!({
                "id": "0f3c1b7e-5a2d-4c8e-9b1f-2d3e4f5a6b7c",
                "name": "Ada King Lovelace",
                "avatar": "https://example.org/ada.png",
                "created_at": "2026-11-27T10:00:00.000Z",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "first_name": "Ada King",
                "last_name": "Lovelace",
                "is_active": true,
                "roles": [{"id": "r-7"}],
                "team_ids": ["g-1", "g-2"]
            }),
        ),
        (
            Kind::Gorgias,
            json!({
                "first_name": "Ada",
                "last_name": "Lovelace",
                "emails": [{"email": "ada@example.org", "type": "primary"}]
            }),
            "",
            json!({"name": "Ada Lovelace", "email": "ada@example.org", "role": {"name": "agent"}}),
            "/api/users",
            json!({
                "id": "7",
                "name": "Ada Lovelace",
                "created_at": "2026-11-27T10:00:00.123456Z",
                "updated_at": "2026-11-27T10:00:00.123456Z",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "first_name": "Ada",
                "last_name": "Lovelace",
                "is_active": true,
                "roles": [{"name": "agent"}]
            }),
        ),
        (
            Kind::Hive,
            json!({
                "name": "Ada Lovelace",
                "emails": [
                    {"email": "ada@work.example", "type": "other"},
                    {"email": "ada@example.org", "type": "primary"}
                ]
            }),
            "",
            json!({"email": "ada@example.org", "fullName": "Ada Lovelace"}),
            "/api/v1/workspaces/ws-5/users",
            json!({
                "id": "hUsr8QzK2",
                "name": "Ada Lovelace",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "first_name": "Ada",
                "last_name": "Lovelace"
            }),
        ),
        (
            Kind::Planhat,
            json!({
                "name": "Ada Lovelace",
                "first_name": "Ada",
                "last_name": "Lovelace",
                "nick_name": "ada",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "roles": [{"id": "5f1a"}],
                "custom_fields": {"Seats": 3}
            }),
            "",
            json!({
                "email": "ada@example.org",
                "nickName": "ada",
                "firstName": "Ada",
                "lastName": "Lovelace",
                "roles": ["5f1a"],
                "inactive": false,
                "custom": {"Seats": 3}
            }),
            "/users",
            json!({
                "id": "64f0c2a1e4b0a1b2c3d4e5f6",
                "name": "Ada Lovelace",
                "created_at": "2026-11-27T10:00:00.000Z",
                "updated_at": "2026-11-27T10:00:00.000Z",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "first_name": "Ada",
                "last_name": "Lovelace",
                "is_active": true,
                "roles": [{"id": "5f1a"}]
            }),
        ),
        (
            Kind::QualtricsCorexm,
            json!({
                "first_name": "Ada",
                "last_name": "Lovelace",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "languages": ["en"],
                "password": PASSWORD,
                "user_type": "UT_BRANDADMIN",
                "username": "ada@example.org"
            }),
            "",
            json!({
                "username": "ada@example.org",
                "firstName": "Ada",
                "lastName": "Lovelace",
                "userType": "UT_BRANDADMIN",
                "email": "ada@example.org",
                "password": PASSWORD,
                "language": "en"
            }),
            "/API/v3/users",
            json!({"id": "UR_0ABCdefGHIjklMN"}),
        ),
        (
            Kind::Reamaze,
            json!({
                "name": "Ada Lovelace",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "roles": [{"name": "Staff"}]
            }),
            "",
            json!({"staff": {"name": "Ada Lovelace", "email": "ada@example.org"}}),
            "/api/v1/staff",
            json!({
                "id": "ada@example.org",
                "name": "Ada Lovelace",
                "created_at": "2026-11-27T10:00:00.000Z",
                "emails": [{"email": "ada@example.org", "type": "primary"}]
            }),
        ),
        (
            Kind::SolarwindsServiceDesk,
            json!({
                "name": "Ada Lovelace",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "roles": [{"name": "Administrator"}],
                "status": "inactive",
                "team_ids": ["11", "12"]
            }),
            "",
            json!({"user": {
                "name": "Ada Lovelace",
                "email": "ada@example.org",
                "role": {"name": "Administrator"},
                "group_ids": ["11", "12"],
                "disabled": true
            }}),
            "/users.json",
            json!({
                "id": "4406",
                "name": "Ada Lovelace",
                "created_at": "2026-11-27T10:00:00.000+00:00",
                "updated_at": "2026-11-27T10:00:00.000+00:00",
                "emails": [{"email": "ada@example.org", "type": "primary"}],
                "is_active": false,
                "roles": [{"id": "3", "name": "Administrator"}],
                "team_ids": ["11", "12"]
            }),
        ),
        (
            Kind::TeamworkProjectManagement,
            json!({
                "first_name": "Ada",
                "last_name": "Lovelace",
                "avatar": "https://example.org/ada.png",
                "remote_data": {"person": {"email-address": "ada@example.org"}}
            }),
            "",
            json!({"person": {
                "first-name": "Ada",
                "last-name": "Lovelace",
                "email-address": "ada@example.org"
            }}),
            "/people.json",
            json!({
                "id": "501",
                "avatar": "https://s3.amazonaws.com/tw-avatars/501.png",
                "first_name": "Ada",
                "last_name": "Lovelace"
            }),
        ),
    ]
}

/// The case of `kind`.
fn case(kind: Kind) -> (Kind, Value, &'static str, Value, &'static str, Value) {
    cases()
        .into_iter()
        .find(|case| case.0 == kind)
        .expect("a case per provider")
}

fn view(kind: Kind) -> Target<Set> {
    Target::from_id(kind.provider_id()).unwrap()
}

fn response_violations(kind: Kind, body: &Value) -> Vec<String> {
    let registry = unified_models::registry();
    let operation = registry.find("ticketing/users", "create").unwrap();
    let report = operation.validate(Part::Response, body, view(kind));
    report.errors().iter().map(ToString::to_string).collect()
}

fn without_remote_data(body: &Value) -> Value {
    let mut body = body.clone();
    body.as_object_mut().unwrap().remove("remote_data");
    body
}

on_each_store!(
    each_adapter_creates_a_user_and_answers_in_the_unified_shape,
    response_formats_and_trimming,
    remote_query_and_remote_data_pass_through,
    slow_and_absent_providers,
    invalid_requests_are_400_and_reach_no_provider,
    auth_routing_size_and_media_type_errors,
    provider_errors_are_502_without_secrets,
);

async fn each_adapter_creates_a_user_and_answers_in_the_unified_shape(backend: Backend) {
    let harness = Harness::on(backend).await;
    for (kind, body, query, native, path, unified) in cases() {
        let answer = harness.create_for(kind.provider_id(), query, &body).await;
        assert_eq!(answer.status, 201, "{kind:?}: {:#}", answer.body);
        assert!(answer.content_type.starts_with("application/json"));
        let fake = harness.fake(kind.provider_id());
        assert_eq!(fake.calls(), 1, "{kind:?}");
        let seen = fake.last();
        assert_eq!(seen.path, path);
        assert_eq!(seen.body, native, "{kind:?} native body");
        assert_eq!(without_remote_data(&answer.body), unified, "{kind:?}");
        assert!(answer.body["remote_data"].is_object(), "{kind:?}");
        let violations = response_violations(kind, &answer.body);
        assert!(violations.is_empty(), "{kind:?}: {violations:?}");
    }
}

async fn response_formats_and_trimming(backend: Backend) {
    let harness = Harness::on(backend).await;
    let (kind, body, ..) = cases().remove(0);
    let dixa = kind.provider_id();

    let raw = harness
        .create_for(dixa, "&truto_response_format=raw", &body)
        .await;
    assert_eq!(raw.status, 201);
    assert_eq!(
        raw.content_type, "application/vnd.unified.raw+json",
        "a raw answer says it is the provider's own"
    );
    assert_eq!(
        raw.body["data"]["displayName"], "Ada Lovelace",
        "raw is the native body"
    );
    assert!(raw.body.get("remote_data").is_none());

    let unified = harness.create_for(dixa, "", &body).await;
    assert_eq!(
        unified.body["remote_data"], raw.body,
        "remote_data is the native answer"
    );
    let normalized = harness
        .create_for(dixa, "&truto_response_format=normalized", &body)
        .await;
    assert_eq!(normalized.status, 201);
    assert_eq!(normalized.body, unified.body);

    let trimmed = harness
        .create_for(
            dixa,
            "&truto_ignore_remote_data=true&truto_exclude_fields[]=avatar&truto_exclude_fields[]=roles",
            &body,
        )
        .await;
    assert_eq!(trimmed.status, 201);
    let mut expected = without_remote_data(&unified.body);
    expected.as_object_mut().unwrap().remove("avatar");
    expected.as_object_mut().unwrap().remove("roles");
    assert_eq!(trimmed.body, expected);
    assert_eq!(harness.total_calls(), 4);

    // A field the provider's response requires cannot be left out: the record would break the
    // response model that the 201 promises.
    let without_id = harness
        .create_for(
            dixa,
            "&truto_exclude_fields[]=etag&truto_exclude_fields[]=id",
            &body,
        )
        .await;
    assert_eq!(without_id.status, 400, "{:#}", without_id.body);
    assert_eq!(
        without_id.violations(),
        [(
            "query".into(),
            "/truto_exclude_fields/1".into(),
            "enum".into()
        )]
    );

    let stream = harness
        .create_for(dixa, "&truto_response_format=stream", &body)
        .await;
    assert_eq!(stream.status, 400);
    assert_eq!(
        stream.violations(),
        [(
            "query".into(),
            "/truto_response_format".into(),
            "enum".into()
        )]
    );
    assert_eq!(
        stream.body["errors"][0]["message"],
        "must be one of unified, raw, normalized for this gateway's create"
    );
    assert_eq!(
        harness.total_calls(),
        4,
        "a refused stream reaches no provider"
    );
}

async fn remote_query_and_remote_data_pass_through(backend: Backend) {
    let harness = Harness::on(backend).await;
    let (kind, mut body, ..) = cases().remove(0);
    body["remote_data"] = json!({"phoneNumber": "+4512345678", "displayName": "Countess"});
    let query = "&remote_query[foo]=bar%20baz&remote_query[tags][]=a&remote_query[tags][]=b%26c\
                 &remote_query[page][size]=10";
    let answer = harness.create_for(kind.provider_id(), query, &body).await;
    assert_eq!(answer.status, 201, "{:#}", answer.body);
    let seen = harness.fake(kind.provider_id()).last();
    assert_eq!(seen.body["phoneNumber"], "+4512345678");
    assert_eq!(
        seen.body["displayName"], "Countess",
        "remote_data wins over the mapping"
    );
    let sent = seen.query.expect("a query string");
    let pairs: Vec<(String, String)> = form_urlencoded::parse(sent.as_bytes())
        .into_owned()
        .collect();
    let expected = [
        ("foo", "bar baz"),
        ("tags[]", "a"),
        ("tags[]", "b&c"),
        ("page[size]", "10"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    assert_eq!(pairs, expected);
}

async fn invalid_requests_are_400_and_reach_no_provider(backend: Backend) {
    let harness = Harness::on(backend).await;
    let dixa = &harness.accounts["dixa"];

    // Per-provider validation: every error at once, with the missing fields grouped.
    let answer = harness
        .create_for(
            "dixa",
            "&truto_ignore_remote_data=maybe",
            &json!({"emails": [{"email": "not-an-email", "type": "primary"}], "nick_name": "ada"}),
        )
        .await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.body["statusCode"], 400);
    assert_eq!(answer.body["error"], "Bad Request");
    let expected = [
        ("query", "/truto_ignore_remote_data", "type"),
        ("body", "/emails/0/email", "format"),
        ("body", "/nick_name", "unsupported"),
        ("body", "/name", "required"),
    ];
    let expected: Vec<(String, String, String)> = expected
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
    assert_eq!(answer.violations(), expected);
    let insight = &answer.body["truto_error_insight"];
    assert_eq!(
        insight["missing_required_body_fields"]["value"],
        json!(["name"])
    );
    assert_eq!(
        insight["missing_required_query_parameters"]["value"],
        json!([])
    );

    // The same body is judged by the account's provider: Qualtrics needs other fields.
    let qualtrics = harness
        .create_for("qualtrics_corexm", "", &json!({"name": "Ada"}))
        .await;
    assert_eq!(qualtrics.status, 400);
    let missing = &qualtrics.body["truto_error_insight"]["missing_required_body_fields"]["value"];
    assert_eq!(
        missing,
        &json!([
            "emails",
            "first_name",
            "languages",
            "last_name",
            "password",
            "user_type",
            "username"
        ])
    );

    // Pivotal Tracker needs the project in collections.
    let (_, body, ..) = case(Kind::PivotalTracker);
    let pivotal = harness.create_for("pivotal_tracker", "", &body).await;
    assert_eq!(pivotal.status, 400);
    assert_eq!(
        pivotal.body["truto_error_insight"]["missing_required_query_parameters"]["value"],
        json!(["collections"])
    );
    let no_id = harness
        .create_for("pivotal_tracker", "&collections[][name]=x", &body)
        .await;
    assert_eq!(no_id.status, 400, "{:#}", no_id.body);
    // A project id that would be a dot-segment in the native path never leaves the gateway.
    let escaping = harness
        .create_for("pivotal_tracker", "&collections[][id]=%2E%2E", &body)
        .await;
    assert_eq!(escaping.status, 400, "{:#}", escaping.body);
    assert_eq!(
        escaping.violations(),
        [("query".into(), "/collections/0/id".into(), "pattern".into())]
    );

    // No account id: query and body are judged for all providers.
    let no_account = harness.create("", &json!({"name": 5})).await;
    assert_eq!(no_account.status, 400);
    assert_eq!(
        no_account.body["truto_error_insight"]["missing_required_query_parameters"]["value"],
        json!(["integrated_account_id"])
    );
    assert!(
        no_account
            .violations()
            .contains(&("body".into(), "/name".into(), "type".into()))
    );
    let bad_id = harness.create("integrated_account_id=12", &json!({})).await;
    assert_eq!(bad_id.status, 400);
    assert_eq!(bad_id.violations()[0].1, "/integrated_account_id");

    // Malformed query string and body.
    let query = format!("integrated_account_id={dixa}&a[b=1");
    let bad_query = harness.create(&query, &json!({})).await;
    assert_eq!(bad_query.status, 400);
    assert_eq!(
        bad_query.violations(),
        [("query".into(), "".into(), "json".into())]
    );
    let query = format!("integrated_account_id={dixa}");
    let bad_json = harness
        .send(
            "/unified/ticketing/users",
            &query,
            Some(&harness.token),
            "application/json",
            b"{\"name\": ".to_vec(),
        )
        .await;
    assert_eq!(bad_json.status, 400);
    assert_eq!(
        bad_json.violations(),
        [("body".into(), "".into(), "json".into())]
    );
    assert!(
        bad_json.body["message"]
            .as_str()
            .unwrap()
            .contains("line 1"),
        "{:#}",
        bad_json.body
    );

    assert_eq!(
        harness.total_calls(),
        0,
        "no rejected request reached a provider"
    );
}

/// An expected status, and the path, token, content type and body of the request.
type Request<'a> = (u16, &'a str, Option<&'a str>, &'a str, &'a [u8]);

async fn auth_routing_size_and_media_type_errors(backend: Backend) {
    let harness = Harness::on(backend).await;
    let (_, body, ..) = cases().remove(0);
    let query = format!("integrated_account_id={}", harness.accounts["dixa"]);
    let json_body = body.to_string().into_bytes();
    let users = "/unified/ticketing/users";

    let token = Some(harness.token.as_str());
    let json = "application/json";
    let large = vec![b' '; 1024 * 1024 + 1];
    let requests: [Request<'_>; 8] = [
        (401, users, None, json, &json_body),
        (401, users, Some("uni_unknown"), json, &json_body),
        (404, "/unified/ticketing/tickets", token, json, &json_body),
        (404, "/unified/crm/users", token, json, &json_body),
        (404, "/nowhere", token, json, &json_body),
        (415, users, token, "text/plain", &json_body),
        (415, users, token, "", &json_body),
        (413, users, token, json, &large),
    ];
    let mut cases: Vec<(u16, Answer)> = Vec::new();
    for (status, path, token, content_type, body) in requests {
        let answer = harness
            .send(path, &query, token, content_type, body.to_vec())
            .await;
        cases.push((status, answer));
    }
    // A list names its account like a create: without one, the query is refused.
    cases.push((400, harness.get(users, token).await));
    for (status, answer) in &cases {
        assert_eq!(answer.status, *status, "{:#}", answer.body);
        assert_eq!(answer.body["statusCode"], *status);
        assert!(
            answer.body["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty())
        );
    }

    // Unknown account, and another environment's account: the same answer.
    let unknown = harness
        .create(
            "integrated_account_id=00000000-0000-4000-8000-000000000000",
            &body,
        )
        .await;
    let foreign = harness
        .create(
            &format!("integrated_account_id={}", harness.foreign_account),
            &body,
        )
        .await;
    assert_eq!(unknown.status, 404);
    assert_eq!(foreign.status, 404);
    assert_eq!(
        unknown.body, foreign.body,
        "a token cannot tell another environment's accounts exist"
    );
    // The other environment's token does reach its own account.
    let own = harness
        .send(
            users,
            &format!("integrated_account_id={}", harness.foreign_account),
            Some(&harness.other_token),
            json,
            json_body,
        )
        .await;
    assert_eq!(own.status, 201, "{:#}", own.body);
    assert_eq!(
        harness.total_calls(),
        1,
        "only the last request reached a provider"
    );
}

async fn provider_errors_are_502_without_secrets(backend: Backend) {
    let harness = Harness::on(backend).await;
    let (kind, body, query, ..) = case(Kind::QualtricsCorexm);
    let fake = harness.fake(kind.provider_id());
    fake.set_mode(Mode::Refuse(422));
    let answer = harness.create_for(kind.provider_id(), query, &body).await;
    assert_eq!(answer.status, 502, "{:#}", answer.body);
    assert_eq!(answer.body["truto_is_remote_error"], true);
    assert_eq!(answer.body["remote_status"], 422);
    assert_eq!(
        answer.body["remote_body"]["message"],
        "rejected for key [redacted]"
    );
    assert_eq!(
        answer.body["remote_body"]["request"]["password"],
        "[redacted]"
    );
    let text = answer.body.to_string();
    assert!(
        !text.contains(kind.credential()) && !text.contains(PASSWORD),
        "{text}"
    );
    assert_eq!(fake.calls(), 1, "a failed create is not retried");

    fake.set_mode(Mode::Garbled);
    let garbled = harness.create_for(kind.provider_id(), query, &body).await;
    assert_eq!(garbled.status, 502);
    assert_eq!(
        garbled.body["remote_body"],
        json!({"unexpected": true}),
        "nothing is lost"
    );

    // A provider echoing the credential in the record itself: the unified fields are scrubbed
    // as well as remote_data.
    let (_, mut echo, ..) = cases().remove(0);
    echo["name"] = json!(Kind::Dixa.credential());
    let echoed = harness.create_for("dixa", "", &echo).await;
    assert_eq!(echoed.status, 201, "{:#}", echoed.body);
    assert_eq!(echoed.body["name"], "[redacted]");
    assert!(!echoed.body.to_string().contains(Kind::Dixa.credential()));

    let log = log_text();
    for secret in [kind.credential(), PASSWORD, harness.token.as_str()] {
        assert!(!log.contains(secret), "the log shows a secret");
    }
    assert!(log.contains("dispatched"), "the log has the dispatch lines");
}

async fn slow_and_absent_providers(backend: Backend) {
    let config = GatewayConfig::default().with_provider_timeout(Duration::from_millis(300));
    let harness = Harness::with_config_on(config, backend).await;
    let (kind, body, ..) = cases().remove(0);
    harness
        .fake(kind.provider_id())
        .set_mode(Mode::Slow(Duration::from_secs(3)));
    let slow = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(slow.status, 504, "{:#}", slow.body);
    assert_eq!(slow.body["truto_is_remote_error"], true);
    assert_eq!(harness.fake(kind.provider_id()).calls(), 1, "not retried");

    // An account whose provider is not listening.
    let closed = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let account = harness
        .add_account("dixa", &format!("http://127.0.0.1:{port}"))
        .await;
    let absent = harness
        .create(&format!("integrated_account_id={account}"), &body)
        .await;
    assert_eq!(absent.status, 502, "{:#}", absent.body);
    assert_eq!(absent.body["truto_is_remote_error"], true);
    assert!(absent.body.get("remote_status").is_none());
}

#[tokio::test(flavor = "multi_thread")]
async fn meta_endpoint_serves_the_exported_schemas_with_what_each_provider_needs() {
    let harness = Harness::start().await;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas/ticketing/users");
    let read = |view: &str, part: &str| -> Value {
        let text =
            std::fs::read_to_string(root.join(view).join(format!("create.{part}.json"))).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let mut needs_seen = Vec::new();
    for view in Target::<Set>::all() {
        let path = format!("/unified/ticketing/users/{}/meta/create", view.id());
        let answer = harness.get(&path, Some(&harness.token)).await;
        assert_eq!(answer.status, 200, "{}", view.id());
        assert_eq!(answer.body["method"], "create");
        for (member, part) in [
            ("request_body_schema", "body"),
            ("query_schema", "query"),
            ("response_schema", "response"),
        ] {
            // The exported schema, with what the provider's API and the create need beside it.
            let mut served = answer.body[member].clone();
            let needs = served.as_object_mut().unwrap().remove("allOf");
            assert_eq!(served, read(view.id(), part), "{} {part}", view.id());
            for branch in needs.iter().flat_map(|all| all.as_array().unwrap()) {
                let description = branch["description"].as_str().unwrap();
                needs_seen.push((view.id(), part, description.to_owned()));
            }
        }
    }
    let whose = |view: &str, part: &str| -> Vec<String> {
        needs_seen
            .iter()
            .filter(|(v, p, _)| *v == view && *p == part)
            .map(|(_, _, description)| description.clone())
            .collect()
    };
    let create = "What this gateway's create needs beyond the unified model.";
    assert_eq!(whose("unified", "body"), Vec::<String>::new());
    assert_eq!(whose("unified", "query"), [create]);
    assert_eq!(whose("response", "response"), Vec::<String>::new());
    assert_eq!(
        whose("teamwork_project_management", "body"),
        ["What Teamwork Project Management's API needs beyond the unified model."]
    );
    assert_eq!(
        whose("pivotal_tracker", "query"),
        [
            "What Pivotal Tracker's API needs beyond the unified model.",
            create
        ]
    );
    // Read by an independent validator, Teamwork's served body needs its address.
    let teamwork = harness
        .get(
            "/unified/ticketing/users/teamwork_project_management/meta/create",
            Some(&harness.token),
        )
        .await;
    let validator = jsonschema::validator_for(&teamwork.body["request_body_schema"]).unwrap();
    let named = json!({"first_name": "Ada", "last_name": "Lovelace"});
    assert!(!validator.is_valid(&named));
    let addressed = json!({
        "first_name": "Ada",
        "last_name": "Lovelace",
        "remote_data": {"person": {"email-address": "ada@example.org"}},
    });
    assert!(validator.is_valid(&addressed));
    for (path, status) in [
        ("/unified/ticketing/users/nobody/meta/create", 404),
        ("/unified/ticketing/users/dixa/meta/upsert", 404),
        ("/unified/ticketing/people/dixa/meta/create", 404),
    ] {
        assert_eq!(
            harness.get(path, Some(&harness.token)).await.status,
            status,
            "{path}"
        );
    }
    let lower_case_scheme = harness
        .client
        .get(format!(
            "{}/unified/ticketing/users/dixa/meta/create",
            harness.base
        ))
        .header("authorization", format!("bearer {}", harness.token))
        .send()
        .await
        .unwrap();
    assert_eq!(
        lower_case_scheme.status().as_u16(),
        200,
        "the scheme is case-insensitive"
    );
    assert_eq!(
        harness
            .get("/unified/ticketing/users/dixa/meta/create", None)
            .await
            .status,
        401
    );
}
