//! Several `unified` processes opening one new database at the same moment: every one succeeds
//! (the schema is created once, the key file written whole once), the database lists every token
//! they printed, and the key they agreed on seals a credential.

use std::path::Path;
use std::process::Stdio;

use serde_json::Value;

mod common;

/// Processes started together per round.
const PROCESSES: usize = 8;
/// Rounds, each on a fresh database file; one round alone may miss the race.
const ROUNDS: usize = 6;

#[test]
fn token_creates_racing_on_a_new_database_all_succeed() {
    // Every round races first, so a lost race fails the test before anything else is asked.
    let rounds: Vec<(tempfile::TempDir, Vec<String>)> = (0..ROUNDS)
        .map(|round| {
            let dir = tempfile::tempdir().unwrap();
            let tokens = race_token_creates(&dir.path().join("unified.db"), round);
            (dir, tokens)
        })
        .collect();

    for (dir, tokens) in &rounds {
        let db = dir.path().join("unified.db");
        let db = db.to_str().expect("a UTF-8 temporary path");
        assert!(tokens.iter().all(|token| token.starts_with("uni_")));
        let distinct: std::collections::HashSet<&String> = tokens.iter().collect();
        assert_eq!(distinct.len(), PROCESSES);

        let listed = common::run_unified(&["token", "list", "--db", db], "", &[]);
        assert!(
            listed.status.success(),
            "{}",
            String::from_utf8_lossy(&listed.stderr)
        );
        let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
        assert_eq!(listed.as_array().unwrap().len(), PROCESSES);

        // The key file they raced to write is whole: an account's credential seals with it.
        let add = common::run_unified(
            &[
                "account",
                "add",
                "--environment",
                "prod",
                "--provider",
                "dixa",
                "--base-url",
                "http://127.0.0.1:9",
                "--db",
                db,
            ],
            "round-credential",
            &[],
        );
        assert!(
            add.status.success(),
            "{}",
            String::from_utf8_lossy(&add.stderr)
        );
    }
}

/// Starts [`PROCESSES`] `unified token create` on `db` at once; the tokens they print, once
/// every one has succeeded.
fn race_token_creates(db: &Path, round: usize) -> Vec<String> {
    let db = db.to_str().expect("a UTF-8 temporary path");
    let args = ["token", "create", "--environment", "prod", "--db", db];
    let children: Vec<_> = (0..PROCESSES)
        .map(|_| {
            common::unified_command(&args, &[])
                .stdin(Stdio::null())
                .spawn()
                .expect("the binary runs")
        })
        .collect();
    children
        .into_iter()
        .map(|child| {
            let output = child.wait_with_output().unwrap();
            assert!(
                output.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8(output.stdout).unwrap().trim().to_owned()
        })
        .collect()
}
