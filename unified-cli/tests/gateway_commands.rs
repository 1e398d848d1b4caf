//! docs/gateway.md's walk-through with the real binary: a token, an account whose credential
//! arrives on stdin or from a variable, the listing, and `unified serve` answering over HTTP.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

mod common;

use common::http::http;
use common::serve::Serving;

fn unified(db: &Path, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut all = args.to_vec();
    all.extend(["--db", db.to_str().expect("a UTF-8 temporary path")]);
    common::run_unified(&all, stdin, env)
}

fn stdout_line(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .trim()
        .to_owned()
}

#[test]
fn token_account_and_serve_as_the_guide_shows() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unified.db");

    let token = stdout_line(&unified(
        &db,
        &["token", "create", "--environment", "prod"],
        "",
        &[],
    ));
    assert!(token.starts_with("uni_"));

    // A provider that is not listening, so the dispatch fails visibly and harmlessly.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead_url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let add = |args: &[&str], stdin: &str, env: &[(&str, &str)]| {
        let mut all = vec![
            "account",
            "add",
            "--environment",
            "prod",
            "--base-url",
            &dead_url,
        ];
        all.extend_from_slice(args);
        unified(&db, &all, stdin, env)
    };
    let from_stdin = stdout_line(&add(&["--provider", "dixa"], "stdin-credential-1\n", &[]));
    let from_env = stdout_line(&add(
        &[
            "--provider",
            "pivotal_tracker",
            "--credential-env",
            "TRACKER_TOKEN",
        ],
        "",
        &[("TRACKER_TOKEN", "env-credential-2")],
    ));
    assert!(uuid_like(&from_stdin), "{from_stdin}");
    assert!(uuid_like(&from_env), "{from_env}");

    let empty = add(&["--provider", "dixa"], "\n", &[]);
    assert_eq!(empty.status.code(), Some(2));
    // A credential long enough to keep, so each failure below is for the cause it names.
    let usable = "usable-credential";
    let misspelt = add(&["--provider", "dixxa"], usable, &[]);
    assert_eq!(misspelt.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&misspelt.stderr).contains("did you mean `dixa`"));
    let unknown_env = unified(
        &db,
        &[
            "account",
            "add",
            "--environment",
            "nope",
            "--provider",
            "dixa",
            "--base-url",
            &dead_url,
        ],
        usable,
        &[],
    );
    assert_eq!(unknown_env.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unknown_env.stderr).contains("no environment `nope`"),
        "{}",
        String::from_utf8_lossy(&unknown_env.stderr)
    );

    let listed = unified(&db, &["account", "list"], "", &[]);
    let text = String::from_utf8_lossy(&listed.stdout).into_owned();
    let accounts: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(accounts.as_array().unwrap().len(), 2);
    assert!(!text.contains("credential-1") && !text.contains("credential-2"));

    let server = Serving::start(
        &["--provider-timeout", "5", "--db", db.to_str().unwrap()],
        &[("RUST_LOG", "debug")],
    );
    let addr = server.addr.clone();

    let users = format!("POST /unified/ticketing/users?integrated_account_id={from_stdin}");
    let valid = r#"{"name": "Ada", "emails": [{"email": "ada@example.org", "type": "primary"}]}"#;
    let (status, body) = http(&addr, &users, &token, valid);
    assert_eq!(status, 502, "{body}");
    assert_eq!(body["truto_is_remote_error"], true);
    let (status, body) = http(&addr, &users, &token, r#"{"emails": []}"#);
    assert_eq!(status, 400, "{body}");
    let (status, _) = http(&addr, &users, "uni_wrong", valid);
    assert_eq!(status, 401);
    let (status, body) = http(
        &addr,
        "GET /unified/ticketing/users/dixa/meta/create",
        &token,
        "",
    );
    assert_eq!(status, 200);
    assert_eq!(body["method"], "create");

    let log = server.stop();
    assert!(log.contains("dispatched"), "{log}");
    for secret in [
        token.as_str(),
        "stdin-credential-1",
        "env-credential-2",
        "ada@example.org",
    ] {
        assert!(!log.contains(secret), "the log shows `{secret}`");
    }
}

fn uuid_like(text: &str) -> bool {
    text.len() == 36 && text.chars().filter(|&c| c == '-').count() == 4
}
