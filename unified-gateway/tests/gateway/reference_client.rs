//! The reference client: the unmodified `truto-python-sdk` 0.1.6, pointed at the gateway,
//! creates a user through each adapter (its query dict is sent in its own bracket syntax).
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
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/gateway/create_users.py");
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
