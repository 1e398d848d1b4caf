//! The `helpdesk` binary: the `unified` commands over this crate's own providers and models, so
//! tokens and accounts for Acme Desk are added without writing code.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `helpdesk` with `args`, `stdin` on its standard input.
fn helpdesk(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_helpdesk"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("helpdesk starts");
    child
        .stdin
        .take()
        .expect("a piped stdin")
        .write_all(stdin.as_bytes())
        .expect("stdin takes the input");
    child.wait_with_output().expect("helpdesk ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn db_args(db: &Path) -> [&str; 2] {
    ["--db", db.to_str().expect("a UTF-8 temporary path")]
}

#[test]
fn tokens_and_accounts_for_its_own_providers() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("helpdesk.db");
    let mut create = vec!["token", "create", "--environment", "prod"];
    create.extend(db_args(&db));
    let token = helpdesk(&create, "");
    assert!(token.status.success(), "{}", text(&token.stderr));
    assert!(text(&token.stdout).starts_with("uni_"));

    let mut add = vec![
        "account",
        "add",
        "--environment",
        "prod",
        "--provider",
        "acme_desk",
        "--base-url",
        "https://acme.example",
    ];
    add.extend(db_args(&db));
    let added = helpdesk(&add, "acme-key-123\n");
    assert!(added.status.success(), "{}", text(&added.stderr));
    let id = text(&added.stdout).trim().to_owned();
    // Acme Desk has an adapter, so no warning about a 501.
    assert!(
        !text(&added.stderr).contains("no adapter"),
        "{}",
        text(&added.stderr)
    );

    let mut list = vec!["account", "list"];
    list.extend(db_args(&db));
    let listed = helpdesk(&list, "");
    let accounts: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(accounts[0]["id"], id.as_str());
    assert_eq!(accounts[0]["provider"], "acme_desk");
    assert!(!text(&listed.stdout).contains("acme-key-123"));

    // Zendesk is one of its providers without an adapter: added, with the warning.
    let mut zendesk = add.clone();
    zendesk[5] = "zendesk";
    let added = helpdesk(&zendesk, "zendesk-key-123\n");
    assert!(added.status.success(), "{}", text(&added.stderr));
    assert!(
        text(&added.stderr)
            .contains("helpdesk: warning: provider `zendesk` (Zendesk) has no adapter yet"),
        "{}",
        text(&added.stderr)
    );
}

#[test]
fn names_are_its_own_and_errors_say_its_name() {
    let providers = helpdesk(&["providers"], "");
    assert!(providers.status.success());
    let ids: Vec<String> = text(&providers.stdout)
        .lines()
        .map(|line| line.split_whitespace().next().unwrap_or("").to_owned())
        .collect();
    assert_eq!(ids, ["acme_desk", "zendesk"]);

    let unknown = helpdesk(&["schema", "helpdesk/tickets", "--provider", "dixa"], "");
    assert_eq!(unknown.status.code(), Some(2));
    assert_eq!(
        text(&unknown.stderr),
        "helpdesk: unknown provider `dixa` (`helpdesk providers` lists them)\n"
    );

    let help = helpdesk(&["--help"], "");
    assert!(text(&help.stdout).contains("Usage: helpdesk <COMMAND>"));
}

#[test]
fn validates_and_exports_its_own_models() {
    let models = helpdesk(&["models"], "");
    let model = text(&models.stdout)
        .split_whitespace()
        .next()
        .expect("one model")
        .to_owned();

    let invalid = helpdesk(
        &["validate", &model, "--provider", "acme_desk"],
        r#"{"requester": {}}"#,
    );
    assert_eq!(invalid.status.code(), Some(1), "{}", text(&invalid.stderr));
    let report: serde_json::Value = serde_json::from_slice(&invalid.stdout).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["errors"][0]["pointer"], "/requester/email");

    let dir = tempfile::tempdir().unwrap();
    let exported = helpdesk(&["export", dir.path().to_str().unwrap()], "");
    assert!(exported.status.success(), "{}", text(&exported.stderr));
    let body = dir
        .path()
        .join(&model)
        .join("acme_desk")
        .join("create.body.json");
    assert!(body.is_file(), "no {}", body.display());
    let document = dir.path().join("openapi/3.1/acme_desk.json");
    assert!(document.is_file(), "no {}", document.display());
}
