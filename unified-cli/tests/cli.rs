//! The `unified` binary as a user runs it: output shape, exit status, usage errors.

use std::path::PathBuf;
use std::process::Output;

use serde_json::{Value, json};

mod common;

fn unified(args: &[&str], stdin: Option<&str>) -> Output {
    common::run_unified(args, stdin.unwrap_or(""), &[])
}

fn json_out(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is one JSON document ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

/// `name` in a temporary directory of its own, removed when the returned guard drops.
fn temp_path(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    (dir, path)
}

#[test]
fn a_valid_body_exits_0_with_the_report() {
    let (_dir, path) = temp_path("valid.json");
    std::fs::write(
        &path,
        r#"{"name": "Grace", "emails": [{"email": "g@navy.example", "type": "primary"}]}"#,
    )
    .unwrap();
    let output = unified(
        &[
            "validate",
            "ticketing/users",
            "--provider",
            "dixa",
            path.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        json_out(&output),
        json!({"valid": true, "model": "ticketing/users", "operation": "create", "part": "body", "provider": "dixa", "errors": []})
    );
}

#[test]
fn an_invalid_body_from_stdin_exits_1_with_every_error() {
    let body = r#"{"name": "", "emails": [{"email": "grace@navy.example"}], "password": "x"}"#;
    for args in [
        vec!["validate", "ticketing/users", "--provider", "dixa", "-"],
        vec![
            "validate",
            "ticketing/users",
            "--provider",
            "dixa",
            "--op",
            "create",
            "--part",
            "body",
        ],
    ] {
        let output = unified(&args, Some(body));
        assert_eq!(output.status.code(), Some(1));
        let report = json_out(&output);
        assert_eq!(report["valid"], false);
        let mut found: Vec<(String, String)> = report["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["pointer"].as_str().unwrap().to_owned(),
                    e["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                ("/emails/0/type", "required"),
                ("/name", "empty"),
                ("/password", "unsupported")
            ]
            .map(|(p, c)| (p.to_owned(), c.to_owned()))
        );
        assert!(
            report["errors"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| !e["message"].as_str().unwrap().is_empty())
        );
    }
}

#[test]
fn malformed_json_is_invalid_with_line_and_column() {
    let output = unified(
        &["validate", "ticketing/users", "--provider", "hive"],
        Some("{\"name\": \n}"),
    );
    assert_eq!(output.status.code(), Some(1));
    let report = json_out(&output);
    assert_eq!(report["errors"][0]["code"], "json");
    assert_eq!(report["errors"][0]["pointer"], "");
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("line 2 column 1")
    );
}

#[test]
fn the_query_part_reads_a_query_string() {
    let query = "integrated_account_id=62f44730-dd91-461e-bd6a-aedd9e0ad79d&collections[][id]=123&truto_exclude_fields[]=id\n";
    let output = unified(
        &[
            "validate",
            "ticketing/users",
            "--provider",
            "pivotal_tracker",
            "--part",
            "query",
        ],
        Some(query),
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let output = unified(
        &[
            "validate",
            "ticketing/users",
            "--provider",
            "dixa",
            "--part",
            "query",
        ],
        Some(query),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_out(&output)["errors"][0]["code"], "unsupported");
}

#[test]
fn usage_errors_exit_2_with_one_line_on_stderr() {
    let cases: [&[&str]; 11] = [
        &["validate", "ticketing/user", "--provider", "dixa"],
        &["validate", "ticketing/users", "--provider", "dixxa"],
        &[
            "validate",
            "ticketing/users",
            "--provider",
            "dixa",
            "--part",
            "header",
        ],
        &[
            "validate",
            "ticketing/users",
            "--provider",
            "dixa",
            "--op",
            "upsert",
        ],
        // Delete takes no body to validate.
        &[
            "validate",
            "ticketing/users",
            "--provider",
            "dixa",
            "--op",
            "delete",
        ],
        &[
            "validate",
            "ticketing/users",
            "--provider",
            "dixa",
            "/no/such/file.json",
        ],
        &["schema", "nothing", "--provider", "dixa"],
        &["coverage", "ticketing/users", "--format", "xml"],
        &["validate", "ticketing/users"],
        &["frobnicate"],
        &[],
    ];
    for args in cases {
        let output = unified(args, Some("{}"));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    }
    let output = unified(
        &["validate", "ticketing/users", "--provider", "dixxa"],
        Some("{}"),
    );
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("did you mean `dixa`?")
    );
    assert_eq!(unified(&["validate"], None).status.code(), Some(2));
}

#[test]
fn swapped_letters_get_a_did_you_mean() {
    let said = |args: &[&str]| {
        let output = unified(args, Some("{}"));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        String::from_utf8(output.stderr).unwrap()
    };
    let provider = said(&["validate", "ticketing/users", "--provider", "dxia"]);
    assert!(provider.contains("did you mean `dixa`?"), "{provider}");
    let part = said(&[
        "validate",
        "ticketing/users",
        "--provider",
        "dixa",
        "--part",
        "qeury",
    ]);
    assert!(part.contains("did you mean `query`?"), "{part}");
}

#[test]
fn schema_prints_the_exported_schema() {
    let output = unified(
        &[
            "schema",
            "ticketing/users",
            "--provider",
            "qualtrics_corexm",
            "--part",
            "query",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let file =
        std::fs::read(root.join("schemas/ticketing/users/qualtrics_corexm/create.query.json"))
            .unwrap();
    assert_eq!(
        json_out(&output),
        serde_json::from_slice::<Value>(&file).unwrap()
    );
}

#[test]
fn export_writes_every_schema() {
    let (_dir, dir) = temp_path("export");
    let output = unified(&["export", dir.to_str().unwrap()], None);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    for view in ["dixa", "teamwork_project_management", "unified"] {
        for part in ["body", "query", "response"] {
            let relative = format!("ticketing/users/{view}/create.{part}.json");
            assert_eq!(
                std::fs::read_to_string(dir.join(&relative)).unwrap(),
                std::fs::read_to_string(root.join(&relative)).unwrap(),
                "{relative}"
            );
        }
    }
}

#[test]
fn export_removes_stale_schema_files_and_nothing_else() {
    let (_dir, dir) = temp_path("export-stale");
    let stale = dir.join("ticketing/users/dixa/create.old.json");
    let other = dir.join("notes.json");
    std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
    std::fs::write(&stale, "{}").unwrap();
    std::fs::write(&other, "{}").unwrap();
    let output = unified(&["export", dir.to_str().unwrap()], None);
    assert_eq!(output.status.code(), Some(0));
    assert!(!stale.exists(), "a schema no model produces is removed");
    assert!(
        other.exists(),
        "files outside the models' folders are left alone"
    );
    assert!(dir.join("ticketing/users/dixa/create.body.json").exists());
}

#[test]
fn coverage_as_json_and_markdown() {
    let output = unified(&["coverage", "ticketing/users", "--format", "json"], None);
    assert_eq!(output.status.code(), Some(0));
    let coverage = json_out(&output);
    assert_eq!(coverage["model"], "ticketing/users");
    assert_eq!(coverage["operation"], "create");
    assert_eq!(
        coverage["providers"][0],
        json!({"id": "dixa", "name": "Dixa"})
    );
    assert_eq!(coverage["providers"].as_array().unwrap().len(), 10);
    let name = &coverage["parts"]["body"][0];
    assert_eq!(name["field"], "name");
    assert_eq!(
        name["required"],
        json!([
            "dixa",
            "pivotal_tracker",
            "reamaze",
            "solarwinds_service_desk"
        ])
    );
    assert_eq!(name["supported"].as_array().unwrap().len(), 8);
    assert_eq!(coverage["parts"]["query"][0]["field"], "collections");
    assert_eq!(
        coverage["parts"]["response"][0]["supported"]
            .as_array()
            .unwrap()
            .len(),
        10
    );

    let output = unified(&["coverage", "ticketing/users"], None);
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(
        markdown
            .contains("| `name` | The user's name | 8 supported · 4 required | Dixa (required), "),
        "{markdown}"
    );
    assert!(
        markdown.contains("| `emails` | The user's email addresses | 9 supported · 8 required |")
    );
}

#[test]
fn providers_and_models_are_listed() {
    let providers = String::from_utf8(unified(&["providers"], None).stdout).unwrap();
    assert_eq!(providers.lines().count(), 10);
    assert!(providers.contains("qualtrics_corexm") && providers.contains("Qualtrics CoreXM"));
    let models = String::from_utf8(unified(&["models"], None).stdout).unwrap();
    assert!(models.contains("ticketing/users") && models.contains("create"));
}

#[test]
fn coverage_of_an_update_says_what_each_provider_can_set_and_clear_and_who_serves_it() {
    let output = unified(
        &[
            "coverage",
            "ticketing/users",
            "--op",
            "update",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(output.status.code(), Some(0));
    let coverage = json_out(&output);
    assert_eq!(coverage["operation"], "update");
    assert_eq!(coverage["merge_patch"], true);
    // The providers whose adapters serve updates, as `unified_providers::adapters()` has them.
    let adapters = unified_providers::adapters();
    let served: Vec<&str> = unified_core::Provider::<unified_models::providers::Set>::all()
        .filter(|provider| {
            adapters
                .find(*provider, "ticketing/users", "update")
                .is_some()
        })
        .map(|provider| provider.id())
        .collect();
    assert!(!served.is_empty());
    assert_eq!(coverage["served_by"], json!(served));
    // What adapters enforce beyond the model shows: Teamwork never clears a last name, and
    // Dixa's update cannot set the addresses.
    let row = |field: &str| {
        coverage["parts"]["body"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["field"] == field)
            .cloned()
            .unwrap()
    };
    let listed = |row: &serde_json::Value, key: &str, id: &str| {
        row[key].as_array().unwrap().contains(&json!(id))
    };
    let last_name = row("last_name");
    assert!(listed(
        &last_name,
        "required",
        "teamwork_project_management"
    ));
    let emails = row("emails");
    assert!(!listed(&emails, "supported", "dixa") && !listed(&emails, "required", "dixa"));
    // ... and only where the adapter serves the operation: a create is the model's.
    let create = json_out(&unified(
        &["coverage", "ticketing/users", "--format", "json"],
        None,
    ));
    let emails = create["parts"]["body"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["field"] == "emails")
        .cloned()
        .unwrap();
    assert!(listed(&emails, "required", "dixa"));

    let output = unified(&["coverage", "ticketing/users", "--op", "update"], None);
    let markdown = String::from_utf8(output.stdout).unwrap();
    assert!(
        markdown.contains(
            "| `name` | The user's name | 8 can set · 4 never cleared | Dixa (never cleared), "
        ),
        "{markdown}"
    );
    assert!(markdown.contains("The others answer 501: "), "{markdown}");
    // A create's JSON says nothing of patches.
    let create = json_out(&unified(
        &["coverage", "ticketing/users", "--format", "json"],
        None,
    ));
    assert!(create.get("merge_patch").is_none());
}

#[test]
fn revoke_help_says_when_a_running_gateway_refuses_the_token() {
    for args in [&["token", "--help"][..], &["token", "revoke", "--help"]] {
        let output = unified(args, None);
        assert!(output.status.success());
        let help = String::from_utf8_lossy(&output.stdout);
        let revoke = help
            .lines()
            .find(|line| line.contains("Revoke an API token"))
            .unwrap_or_else(|| panic!("`unified {}` names revoke: {help}", args.join(" ")));
        assert!(!revoke.contains("stops authenticating at once"), "{revoke}");
        assert!(
            help.contains("--cache-ttl"),
            "`unified {}`: {help}",
            args.join(" ")
        );
    }
}
