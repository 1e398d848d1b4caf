//! The gateway's record commands with the real binary: which database they use, its file mode,
//! a lost key file, token listing and revocation, account removal and credential rotation, and
//! the credentials and providers `account add` warns about or refuses.

use std::process::Stdio;

use serde_json::Value;

mod common;

use common::records::{Records, add_args, stderr};

#[test]
fn record_commands_name_their_database() {
    let dir = tempfile::tempdir().unwrap();
    // A relative path, named in full on stderr.
    let created = common::unified_command(
        &[
            "token",
            "create",
            "--environment",
            "prod",
            "--db",
            "here.db",
        ],
        &[],
    )
    .current_dir(dir.path())
    .stdin(Stdio::null())
    .output()
    .unwrap();
    assert!(created.status.success(), "{}", stderr(&created));
    let db = dir.path().canonicalize().unwrap().join("here.db");
    let named = format!("unified: database {}\n", db.display());
    assert!(stderr(&created).starts_with(&named), "{}", stderr(&created));

    let records = Records::new();
    let id = records.with_account("a-credential-1");
    let named = format!("{}\n", records.named());
    for args in [
        vec!["token", "list"],
        vec!["account", "list"],
        vec!["account", "rotate-credential", &id],
        vec!["account", "remove", &id],
    ] {
        let output = records.run(&args, "a-credential-2");
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert!(
            stderr(&output).starts_with(&named),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[cfg(unix)]
#[test]
fn the_database_file_is_created_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let records = Records::new();
    records.with_account("a-credential-1");
    for file in ["unified.db", "unified.db.key"] {
        let path = records.dir.path().join(file);
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{file}");
    }
}

#[test]
fn a_database_whose_key_file_is_lost_is_refused_not_rekeyed() {
    let records = Records::new();
    records.with_account("a-credential-1");
    let key_file = records.dir.path().join("unified.db.key");
    let key = std::fs::read_to_string(&key_file).unwrap();
    std::fs::remove_file(&key_file).unwrap();

    for args in [
        vec!["account", "list"],
        vec!["token", "create", "--environment", "prod"],
    ] {
        let line = records.failure_line(&records.run(&args, ""));
        assert_eq!(
            line,
            format!(
                "unified: database {} holds sealed credentials but its key file {} is missing: \
                 restore that file or set UNIFIED_MASTER_KEY",
                records.db.display(),
                key_file.display()
            )
        );
        assert!(!key_file.exists(), "{args:?} wrote a new key");
    }

    // The lost key, given through the variable, opens the database again.
    let listed = records.run_with(
        &["account", "list"],
        "",
        &[("UNIFIED_MASTER_KEY", key.trim())],
    );
    assert!(listed.status.success(), "{}", stderr(&listed));
    assert!(!key_file.exists());
}

#[test]
fn tokens_are_listed_without_secrets_and_revoked_by_id() {
    let records = Records::new();
    let first = records.ok(&["token", "create", "--environment", "prod"], "");
    let second = records.ok(&["token", "create", "--environment", "staging"], "");
    let listed = records.ok(&["token", "list"], "");
    assert!(!listed.contains(first.trim()) && !listed.contains(second.trim()));
    let listed: Value = serde_json::from_str(&listed).unwrap();
    let tokens = listed.as_array().unwrap();
    assert_eq!(tokens.len(), 2);
    for token in tokens {
        let mut keys: Vec<&str> = token
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["created_at", "environment", "id"]);
    }
    assert_eq!(tokens[0]["environment"], "prod");
    let revoked = tokens[0]["id"].to_string();

    let output = records.run(&["token", "revoke", &revoked], "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let left = records.json(&["token", "list"]);
    assert_eq!(left.as_array().unwrap().len(), 1);
    assert_eq!(left[0]["environment"], "staging");

    let again = records.failure_line(&records.run(&["token", "revoke", &revoked], ""));
    assert!(
        again.contains(&format!("no token with id {revoked}")),
        "{again}"
    );
    records.failure_line(&records.run(&["token", "revoke", "first"], ""));
}

#[test]
fn accounts_are_removed_and_their_credentials_rotated() {
    let records = Records::new();
    let id = records.with_account("old-credential-1");

    let from_stdin = records.run(&["account", "rotate-credential", &id], "new-credential-2\n");
    assert!(from_stdin.status.success(), "{}", stderr(&from_stdin));
    assert!(from_stdin.stdout.is_empty());
    let from_env = records.run_with(
        &[
            "account",
            "rotate-credential",
            &id,
            "--credential-env",
            "NEW_KEY",
        ],
        "",
        &[("NEW_KEY", "new-credential-3")],
    );
    assert!(from_env.status.success(), "{}", stderr(&from_env));
    for output in [&from_stdin, &from_env] {
        assert!(!stderr(output).contains("new-credential"));
    }
    let stored = std::fs::read(&records.db).unwrap();
    assert!(!String::from_utf8_lossy(&stored).contains("new-credential"));

    let unknown = records.failure_line(&records.run(
        &["account", "rotate-credential", "no-such-id"],
        "new-credential-4",
    ));
    assert!(unknown.contains("no account `no-such-id`"), "{unknown}");

    records.ok(&["account", "remove", &id], "");
    assert_eq!(records.json(&["account", "list"]), serde_json::json!([]));
    let again = records.failure_line(&records.run(&["account", "remove", &id], ""));
    assert!(again.contains(&format!("no account `{id}`")), "{again}");
}

#[test]
fn a_credential_is_refused_when_its_provider_cannot_be_sent_it() {
    let records = Records::new();
    records.ok(&["token", "create", "--environment", "prod"], "");
    let refused = records.failure_line(&records.run(&add_args("gorgias"), "no-colon-key-1"));
    assert!(
        refused.contains("Gorgias (gorgias): the credential must be `user:secret`"),
        "{refused}"
    );
    assert!(!refused.contains("no-colon-key-1"), "{refused}");
    assert_eq!(records.json(&["account", "list"]), serde_json::json!([]));

    let added = records.run(&add_args("gorgias"), "ada@example.org:key-1");
    assert!(added.status.success(), "{}", stderr(&added));
    assert!(!stderr(&added).contains("warning"), "{}", stderr(&added));
    let id = String::from_utf8(added.stdout).unwrap().trim().to_owned();
    let rotated = records
        .failure_line(&records.run(&["account", "rotate-credential", &id], "still-no-colon"));
    assert!(rotated.contains("must be `user:secret`"), "{rotated}");
    let hive = records.failure_line(&records.run(&add_args("hive"), "only-a-key"));
    assert!(hive.contains("must be `user:key`"), "{hive}");
}

#[test]
fn a_credential_under_8_characters_is_refused_by_add_and_rotate() {
    let records = Records::new();
    let id = records.with_account("long-enough");
    let added = records.run(&add_args("dixa"), "short12");
    let rotated = records.run(&["account", "rotate-credential", &id], "short12");
    for output in [added, rotated] {
        let line = records.failure_line(&output);
        assert!(line.contains("at least 8 characters"), "{line}");
        assert!(!line.contains("short12"), "{line}");
    }
    assert_eq!(
        records.json(&["account", "list"]).as_array().unwrap().len(),
        1
    );
}
