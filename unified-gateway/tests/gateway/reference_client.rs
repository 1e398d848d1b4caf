//! The reference client: the unmodified `truto-python-sdk` 0.1.6, pointed at the gateway,
//! creates a user through each adapter (its query dict is sent in its own bracket syntax).
//!
//! The Python interpreter comes from `UNIFIED_SDK_PYTHON` (which `.ci/run` sets after installing
//! the SDK into a virtual environment); without it, the test makes that environment itself
//! under the target directory.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::fake_provider::Kind;
use crate::harness::Harness;
use crate::{cases, response_violations, without_remote_data};

const SDK: &str = "truto-python-sdk==0.1.6";

fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("UNIFIED_SDK_PYTHON") {
        return PathBuf::from(python);
    }
    let venv = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("truto-sdk-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        quietly(
            Command::new("python3").arg("-m").arg("venv").arg(&venv),
            "cannot make a Python virtual environment with `python3 -m venv` (on Debian: \
             apt-get install python3-venv)",
        );
    }
    // Asked without importing, so a first run prints no traceback.
    let installed = Command::new(&python)
        .args([
            "-c",
            "import importlib.util, sys; \
             sys.exit(0 if importlib.util.find_spec('truto_python_sdk') else 1)",
        ])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !installed {
        quietly(
            Command::new(&python).args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--ignore-requires-python",
                SDK,
            ]),
            &format!(
                "cannot install {SDK} with pip; install it into a virtual environment and set \
                 UNIFIED_SDK_PYTHON to that environment's python"
            ),
        );
    }
    python
}

/// Runs `command` with its output captured; on failure, panics with one line: `failure` and
/// the last line the command printed.
fn quietly(command: &mut Command, failure: &str) {
    let output = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|error| panic!("{failure} ({error})"));
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let last = said.lines().rev().find(|line| !line.trim().is_empty());
        panic!("{failure} ({})", last.unwrap_or("no output").trim());
    }
}

/// Runs the SDK script over `calls`; its results, one per call.
async fn through_the_sdk(harness: &Harness, calls: Vec<Value>) -> Vec<Value> {
    let plan = json!({"base_url": harness.base, "token": harness.token, "calls": calls});
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/gateway/create_users.py");
    let python = python();
    tokio::task::spawn_blocking(move || {
        let mut child = Command::new(python)
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("python starts");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(plan.to_string().as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "the client script failed");
        serde_json::from_slice::<Vec<Value>>(&output.stdout).expect("the script prints a list")
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
