//! The reference client: the unmodified `truto-python-sdk` 0.1.6, pointed at the gateway,
//! creates a user through each adapter (its query dict is sent in its own bracket syntax), and
//! lists, gets, updates and deletes users wherever an adapter offers the operation.
//!
//! The Python interpreter is `unified_test_tools::python`'s, with the SDK installed.

use std::path::PathBuf;
use std::process::Command;

use serde_json::{Value, json};

use crate::harness::Harness;
use crate::{cases, response_violations, without_remote_data};
use unified_test_tools::fake::Kind;
use unified_test_tools::{Package, python, with_plan};

const SDK: Package = Package {
    name: "truto-python-sdk",
    version: "0.1.6",
};

/// Runs the SDK script over `calls`; its results, one per call.
async fn through_the_sdk(harness: &Harness, calls: Vec<Value>) -> Vec<Value> {
    let plan = json!({"base_url": harness.base, "token": harness.token, "calls": calls});
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/gateway/unified_calls.py");
    let python = python(&[SDK]);
    tokio::task::spawn_blocking(move || {
        let said = with_plan(Command::new(python).arg(script), &plan, "the client script");
        serde_json::from_value::<Vec<Value>>(said).expect("the script prints a list")
    })
    .await
    .unwrap()
}

/// The query of a case as the SDK takes it: a dict, which it writes in bracket syntax.
fn query_of(kind: Kind, account: &str) -> Value {
    match kind {
        Kind::PivotalTracker => {
            json!({"integrated_account_id": account, "collections": [{"id": "99"}]})
        }
        _ => json!({"integrated_account_id": account}),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_python_sdk_creates_a_user_at_every_provider() {
    let harness = Harness::start().await;
    let cases = cases();
    let calls: Vec<Value> = cases
        .iter()
        .map(|(kind, body, ..)| {
            json!({"body": body, "query": query_of(*kind, &harness.accounts[kind.provider_id()])})
        })
        .collect();
    let results = through_the_sdk(&harness, calls).await;
    assert_eq!(results.len(), 10);
    for ((kind, _, _, native, path, unified), result) in cases.into_iter().zip(&results) {
        let record = &result["ok"];
        assert!(record.is_object(), "{kind:?}: {result:#}");
        assert_eq!(without_remote_data(record), unified, "{kind:?}");
        assert!(record["remote_data"].is_object(), "{kind:?}");
        let violations = response_violations(kind, record);
        assert!(violations.is_empty(), "{kind:?}: {violations:?}");
        let seen = harness.fake(kind.provider_id()).last();
        assert_eq!(seen.path, path, "{kind:?}");
        assert_eq!(seen.body, native, "{kind:?} native body");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_python_sdk_passes_conventions_and_gets_400s() {
    let harness = Harness::start().await;
    let account = |provider: &str| harness.accounts[provider].clone();
    let email = json!([{"email": "ada@example.org", "type": "primary"}]);
    let calls = vec![
        json!({
            "body": {"name": "Ada Lovelace", "emails": email, "roles": [{"name": "viewer"}]},
            "query": {
                "integrated_account_id": account("pivotal_tracker"),
                "collections": [{"id": "77"}],
                "truto_exclude_fields": ["username"],
                "remote_query": {"fields": "id,person"},
                "truto_ignore_remote_data": true
            }
        }),
        json!({
            "body": {"emails": email},
            "query": {"integrated_account_id": account("dixa")}
        }),
        json!({
            "body": {"first_name": "Ada", "last_name": "Lovelace"},
            "query": {"integrated_account_id": account("teamwork_project_management")}
        }),
    ];
    let results = through_the_sdk(&harness, calls).await;

    let pivotal = &results[0]["ok"];
    assert_eq!(pivotal["id"], "42", "{results:#?}");
    assert_eq!(pivotal["roles"], json!([{"name": "viewer"}]));
    assert!(pivotal.get("username").is_none() && pivotal.get("remote_data").is_none());
    let seen = harness.fake("pivotal_tracker").last();
    assert_eq!(seen.path, "/projects/77/memberships");
    assert_eq!(seen.query.as_deref(), Some("fields=id%2Cperson"));

    assert_eq!(results[1]["status"], 400, "{results:#?}");
    assert_eq!(
        results[2]["status"], 400,
        "Teamwork's address is asked for: {results:#?}"
    );
    assert_eq!(
        harness.total_calls(),
        1,
        "the invalid creates reached no provider"
    );
}

/// Whether the shipped adapters serve `operation` of the users for `kind`'s provider.
fn offers(kind: Kind, operation: &str) -> bool {
    let provider =
        unified_core::Provider::<unified_models::providers::Set>::from_id(kind.provider_id())
            .expect("a shipped provider");
    unified_providers::adapters()
        .find(provider, "ticketing/users", operation)
        .is_some()
}

/// The case's body with its addresses made the `index`th user's, so several users differ.
fn numbered(body: &Value, index: usize) -> Value {
    let mut body = body.clone();
    if let Some(emails) = body.get_mut("emails").and_then(Value::as_array_mut) {
        for email in emails {
            let address = email["email"].as_str().unwrap_or_default();
            email["email"] = json!(format!("{index}.{address}"));
        }
    }
    body
}

/// An update the provider takes (a patch, and where its native body holds the value set), then
/// one that clears a field the provider requires, refused before it is sent.
fn updates_for(kind: Kind) -> (Value, &'static str, Value) {
    let (set, native) = match kind {
        Kind::Gorgias => (json!({"name": "Grace Hopper"}), "/name"),
        Kind::Dixa => (json!({"name": "Grace Hopper"}), "/displayName"),
        Kind::SolarwindsServiceDesk => (json!({"name": "Grace Hopper"}), "/user/name"),
        Kind::QualtricsCorexm => (json!({"first_name": "Grace Hopper"}), "/firstName"),
        Kind::TeamworkProjectManagement => {
            (json!({"first_name": "Grace Hopper"}), "/person/first-name")
        }
        other => panic!("{other:?} has no update case"),
    };
    let cleared = match kind {
        // Teamwork requires a last name the spec has as merely supported (the adapter's need).
        Kind::TeamworkProjectManagement => json!({"last_name": null}),
        // The others require an address.
        _ => json!({"emails": null}),
    };
    (set, native, cleared)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_python_sdk_lists_gets_updates_and_deletes_where_a_provider_offers_it() {
    let harness = Harness::start().await;
    let mut exercised = Vec::new();
    for (kind, body, ..) in cases() {
        let offered: Vec<&str> = ["list", "get", "update", "delete"]
            .into_iter()
            .filter(|operation| offers(kind, operation))
            .collect();
        if offered.is_empty() {
            continue;
        }
        exercised.push((kind, offered));
        let fake = harness.fake(kind.provider_id());
        fake.keep_records();
        let query = query_of(kind, &harness.accounts[kind.provider_id()]);
        let creates = (1..=3)
            .map(|index| json!({"op": "create", "body": numbered(&body, index), "query": query}))
            .collect();
        let created = through_the_sdk(&harness, creates).await;
        let ids: Vec<String> = created
            .iter()
            .map(|result| {
                let id = result["ok"]["id"].as_str();
                id.unwrap_or_else(|| panic!("{kind:?}: {result:#}"))
                    .to_owned()
            })
            .collect();

        if offers(kind, "list") {
            // Two users a page: the SDK follows `next_cursor` to the second page by itself.
            let mut paged = query.clone();
            paged["limit"] = json!(2);
            let before = fake.calls();
            let listed =
                through_the_sdk(&harness, vec![json!({"op": "list", "query": paged})]).await;
            let listed_ids: Vec<&str> = listed[0]["ok"]
                .as_array()
                .unwrap_or_else(|| panic!("{kind:?}: {listed:#?}"))
                .iter()
                .map(|user| user["id"].as_str().unwrap())
                .collect();
            assert_eq!(listed_ids, ids, "{kind:?}");
            assert_eq!(fake.calls() - before, 2, "{kind:?}: two pages, two calls");
        }
        if offers(kind, "get") {
            let got = through_the_sdk(
                &harness,
                vec![json!({"op": "get", "id": ids[1], "query": query})],
            )
            .await;
            assert_eq!(got[0]["ok"]["id"], ids[1], "{kind:?}: {got:#?}");
        }
        if offers(kind, "update") {
            let (set, native, cleared) = updates_for(kind);
            let calls = fake.calls();
            let updates = vec![
                json!({"op": "update", "id": ids[1], "body": set, "query": query}),
                json!({"op": "update", "id": ids[1], "body": cleared, "query": query}),
            ];
            let updated = through_the_sdk(&harness, updates).await;
            assert_eq!(updated[0]["ok"]["id"], ids[1], "{kind:?}: {updated:#?}");
            assert_eq!(
                fake.last().body.pointer(native),
                Some(&json!("Grace Hopper")),
                "{kind:?}: only what the patch sets is sent"
            );
            assert_eq!(updated[1]["status"], 400, "{kind:?}: {updated:#?}");
            assert_eq!(
                fake.calls(),
                calls + 1,
                "{kind:?}: the clearing update was not sent"
            );
        }
        if offers(kind, "delete") {
            let deleted = through_the_sdk(
                &harness,
                vec![
                    json!({"op": "delete", "id": ids[0], "query": query}),
                    json!({"op": "get", "id": ids[0], "query": query}),
                ],
            )
            .await;
            assert_eq!(deleted[0]["ok"]["id"], ids[0], "{kind:?}: {deleted:#?}");
            assert_eq!(deleted[1]["status"], 404, "{kind:?}: {deleted:#?}");
        }
    }
    assert_eq!(
        exercised,
        [
            (Kind::Dixa, vec!["list", "get", "update", "delete"]),
            (Kind::PivotalTracker, vec!["list"]),
            (Kind::Gorgias, vec!["list", "get", "update", "delete"]),
            (Kind::QualtricsCorexm, vec!["list", "get", "update"]),
            (Kind::Reamaze, vec!["list"]),
            (Kind::SolarwindsServiceDesk, vec!["get", "update"]),
            (
                Kind::TeamworkProjectManagement,
                vec!["list", "get", "update"]
            ),
        ]
    );
}
