//! The providers' native contracts through the gateway: their documented refusals, the values
//! only `remote_data` can supply, deep merging into native envelopes, two-part credentials, and
//! the response contract that a created record carries its id and name.

use serde_json::{Value, json};
use unified_core::Secret;

use crate::harness::{Backend, Harness};
use crate::{case, cases, response_violations};
use unified_test_tools::fake::{Kind, Mode, Refusal};

#[tokio::test(flavor = "multi_thread")]
async fn documented_refusals_are_502_remote_errors() {
    let harness = Harness::start().await;
    for (kind, body, query, ..) in cases() {
        let fake = harness.fake(kind.provider_id());
        fake.enforce_unique();
        let first = harness.create_for(kind.provider_id(), query, &body).await;
        assert_eq!(first.status, 201, "{kind:?}: {:#}", first.body);
        let again = harness.create_for(kind.provider_id(), query, &body).await;
        assert_eq!(again.status, 502, "{kind:?}: {:#}", again.body);
        assert_eq!(again.body["truto_is_remote_error"], true, "{kind:?}");
        let (status, documented) = kind.refusal(&Refusal::Taken);
        assert_eq!(again.body["remote_status"], status.as_u16(), "{kind:?}");
        assert_eq!(again.body["remote_body"], documented, "{kind:?}");
        assert_eq!(fake.calls(), 2, "{kind:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn natively_required_values_are_asked_for_before_anything_is_sent() {
    let harness = Harness::start().await;
    let email = json!([{"email": "ada@example.org", "type": "primary"}]);
    let gaps = [
        (
            Kind::TeamworkProjectManagement,
            json!({"first_name": "Ada", "last_name": "Lovelace"}),
            "/remote_data/person/email-address",
        ),
        (
            Kind::TeamworkProjectManagement,
            json!({
                "first_name": "Ada",
                "remote_data": {"person": {"email-address": "ada@example.org"}}
            }),
            "/last_name",
        ),
        (Kind::Gorgias, json!({"emails": email}), "/name"),
        (Kind::Freshchat, json!({"emails": email}), "/first_name"),
        (Kind::Hive, json!({"emails": email}), "/name"),
    ];
    for (kind, body, pointer) in gaps {
        let answer = harness.create_for(kind.provider_id(), "", &body).await;
        assert_eq!(answer.status, 400, "{kind:?}: {:#}", answer.body);
        // Where the provider takes it from either, the message names the other.
        let message = answer.body["errors"][0]["message"].as_str().unwrap();
        assert!(message.contains("'s API"), "{kind:?}: {message}");
        assert_eq!(
            answer.violations(),
            [("body".into(), pointer.into(), "required".into())],
            "{kind:?}"
        );
    }
    assert_eq!(harness.total_calls(), 0, "none of them was sent");

    // Either name does for Freshchat.
    let last_only = json!({"last_name": "Lovelace", "emails": email});
    let answer = harness.create_for("freshchat", "", &last_only).await;
    assert_eq!(answer.status, 201, "{:#}", answer.body);
    assert_eq!(answer.body["name"], "Lovelace");

    // A role the provider cannot identify is refused at the role, not replaced by a default.
    let gorgias_by_id = json!({"name": "Ada", "emails": email, "roles": [{"id": "5"}]});
    let answer = harness.create_for("gorgias", "", &gorgias_by_id).await;
    assert_eq!(
        answer.violations(),
        [("body".into(), "/roles/0/name".into(), "required".into())]
    );
    let gorgias_unknown = json!({"name": "Ada", "emails": email, "roles": [{"name": "boss"}]});
    let answer = harness.create_for("gorgias", "", &gorgias_unknown).await;
    assert_eq!(
        answer.violations(),
        [("body".into(), "/roles/0/name".into(), "enum".into())]
    );
    // Planhat takes roles by id.
    let (_, mut planhat, ..) = case(Kind::Planhat);
    planhat["roles"] = json!([{"id": "5f1a"}, {"name": "Admin"}]);
    let answer = harness.create_for("planhat", "", &planhat).await;
    assert_eq!(
        answer.violations(),
        [("body".into(), "/roles/1/id".into(), "required".into())]
    );

    // What remote_data supplies is merged into the native envelope, key by key.
    let (kind, mut body, ..) = case(Kind::SolarwindsServiceDesk);
    body["remote_data"] = json!({"user": {"title": "Countess", "role": {"id": 9}}});
    let answer = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(answer.status, 201, "{:#}", answer.body);
    let sent = harness.fake(kind.provider_id()).last().body;
    assert_eq!(sent["user"]["title"], "Countess");
    assert_eq!(sent["user"]["email"], "ada@example.org", "kept beside it");
    assert_eq!(
        sent["user"]["role"],
        json!({"name": "Administrator", "id": 9}),
        "merged one level further down"
    );
}

crate::on_each_store!(two_part_credentials_are_presented_as_each_provider_documents);

async fn two_part_credentials_are_presented_as_each_provider_documents(backend: Backend) {
    let harness = Harness::on(backend).await;
    // The fakes check Basic for Gorgias, Re:amaze and Teamwork and Hive's key and user id (see
    // `unified_test_tools::fake`); the cases pass only if the gateway presents them so.
    for kind in [
        Kind::Gorgias,
        Kind::Hive,
        Kind::Reamaze,
        Kind::TeamworkProjectManagement,
    ] {
        let (_, body, query, ..) = case(kind);
        let answer = harness.create_for(kind.provider_id(), query, &body).await;
        assert_eq!(answer.status, 201, "{kind:?}: {:#}", answer.body);
    }
    let hive = harness.fake("hive").last();
    assert_eq!(hive.query.as_deref(), Some("user_id=hive-user-31"));

    // A provider echoing the Basic header it got: every form of the credential is removed.
    let (kind, body, ..) = case(Kind::Gorgias);
    harness
        .fake(kind.provider_id())
        .set_mode(Mode::EchoCredential);
    let echoed = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(echoed.status, 502, "{:#}", echoed.body);
    assert_eq!(
        echoed.body["remote_body"],
        json!({"data": "key Basic [redacted]"})
    );
    harness.fake(kind.provider_id()).set_mode(Mode::Normal);

    // A credential without its second part cannot be presented: a 502 that names the shape,
    // never the credential, and no call.
    let provider =
        unified_core::Provider::<unified_models::providers::Set>::from_id("gorgias").unwrap();
    let account = harness
        .gateway
        .store()
        .add_account(
            "prod",
            provider,
            &harness.fake("gorgias").base_url,
            &Secret::new("lone-key-0d9e"),
        )
        .await
        .unwrap();
    let (_, body, ..) = case(Kind::Gorgias);
    let calls = harness.total_calls();
    let answer = harness
        .create(&format!("integrated_account_id={account}"), &body)
        .await;
    assert_eq!(answer.status, 502, "{:#}", answer.body);
    assert_eq!(answer.body["truto_is_remote_error"], false);
    let message = answer.body["message"].as_str().unwrap();
    assert!(message.contains("`user:secret`"), "{message}");
    assert!(!answer.body.to_string().contains("lone-key-0d9e"));
    assert_eq!(harness.total_calls(), calls);
}

#[tokio::test(flavor = "multi_thread")]
async fn passwords_sent_through_remote_data_are_removed_from_answers() {
    let harness = Harness::start().await;
    let (kind, mut body, ..) = case(Kind::Reamaze);
    body["remote_data"] = json!({"staff": {"password": "hunter2-but-longer"}});
    harness.fake(kind.provider_id()).set_mode(Mode::EchoText);
    let answer = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(answer.status, 502, "{:#}", answer.body);
    let echoed = answer.body["remote_body"].as_str().unwrap();
    assert!(echoed.contains("[redacted]"), "{echoed}");
    assert!(!answer.body.to_string().contains("hunter2"));
    assert_eq!(
        harness.fake(kind.provider_id()).last().body["staff"]["password"],
        "hunter2-but-longer",
        "sent as given"
    );

    // The account's login is not a secret: a user whose address contains it keeps it whole.
    let (kind, mut body, ..) = case(Kind::Gorgias);
    harness.fake(kind.provider_id()).set_mode(Mode::Normal);
    body["emails"] = json!([{"email": "devowner@example.org", "type": "primary"}]);
    let answer = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(answer.status, 201, "{:#}", answer.body);
    assert_eq!(answer.body["emails"][0]["email"], "devowner@example.org");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_unified_record_without_its_id_or_name_is_a_502_with_everything_said() {
    let harness = Harness::start().await;
    let (kind, body, ..) = case(Kind::Dixa);
    let fake = harness.fake(kind.provider_id());
    fake.set_mode(Mode::Answer(
        json!({"data": {"id": "d-1", "displayName": ""}}),
    ));
    let answer = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(answer.status, 502, "{:#}", answer.body);
    assert_eq!(answer.body["truto_is_remote_error"], false);
    assert_eq!(
        answer.violations(),
        [("response".into(), "/name".into(), "empty".into())]
    );
    assert_eq!(answer.body["remote_body"]["data"]["id"], "d-1");

    // Re:amaze has no ids; its record's id is the address it was created with.
    let (kind, body, ..) = case(Kind::Reamaze);
    harness
        .fake(kind.provider_id())
        .set_mode(Mode::Answer(json!({"staff": {"name": "Ada Lovelace"}})));
    let answer = harness.create_for(kind.provider_id(), "", &body).await;
    assert_eq!(answer.status, 201, "{:#}", answer.body);
    assert_eq!(answer.body["id"], "ada@example.org");
    assert!(response_violations(kind, &answer.body).is_empty());
}

#[test]
fn the_response_contract_requires_id_everywhere_and_name_where_supported() {
    for kind in Kind::ALL {
        let violations = response_violations(kind, &json!({}));
        assert!(
            violations.iter().any(|v| v.starts_with("/id")),
            "{kind:?}: {violations:?}"
        );
        let names_required = violations.iter().any(|v| v.starts_with("/name"));
        let supports_name = !matches!(
            kind,
            Kind::QualtricsCorexm | Kind::TeamworkProjectManagement
        );
        assert_eq!(names_required, supports_name, "{kind:?}: {violations:?}");
        let null_name = response_violations(kind, &json!({"id": "1", "name": Value::Null}));
        let null_required = null_name
            .iter()
            .any(|v| v.starts_with("/name") && v.ends_with("[required]"));
        assert_eq!(null_required, supports_name, "{kind:?}: {null_name:?}");
    }
}
