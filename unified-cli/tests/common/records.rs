//! A database of the gateway's records in a directory of its own, and the `unified` commands
//! run against it.

use std::path::PathBuf;
use std::process::Output;

use serde_json::Value;

use super::serve::Serving;

/// A new database in a directory of its own; `unified` finds it through `UNIFIED_DB`.
pub struct Records {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Records {
    pub fn new() -> Records {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("unified.db");
        Records { dir, db }
    }

    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        self.run_with(args, stdin, &[])
    }

    pub fn run_with(&self, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
        let mut all = env.to_vec();
        all.push((
            "UNIFIED_DB",
            self.db.to_str().expect("a UTF-8 temporary path"),
        ));
        super::run_unified(args, stdin, &all)
    }

    /// Runs a command that must succeed; its stdout.
    pub fn ok(&self, args: &[&str], stdin: &str) -> String {
        let output = self.run(args, stdin);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        String::from_utf8(output.stdout).unwrap()
    }

    /// A prod token and a Dixa account; the account's id.
    pub fn with_account(&self, credential: &str) -> String {
        self.ok(&["token", "create", "--environment", "prod"], "");
        self.add("dixa", credential).trim().to_owned()
    }

    pub fn add(&self, provider: &str, credential: &str) -> String {
        self.ok(&add_args(provider), credential)
    }

    /// The line naming this database, which record commands print once it is open.
    pub fn named(&self) -> String {
        format!("unified: database {}", self.db.display())
    }

    /// A failed command: exit status 2 and, besides the line naming the database when it was
    /// opened, one line; that line.
    pub fn failure_line(&self, output: &Output) -> String {
        assert_eq!(output.status.code(), Some(2), "{}", stderr(output));
        let text = stderr(output);
        let lines: Vec<&str> = text.lines().filter(|line| *line != self.named()).collect();
        assert_eq!(lines.len(), 1, "{text}");
        lines[0].to_owned()
    }

    /// `unified serve` on this database, with `args`.
    pub fn serve(&self, args: &[&str]) -> Serving {
        let db = self.db.to_str().expect("a UTF-8 temporary path");
        Serving::start(args, &[("UNIFIED_DB", db)])
    }

    pub fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args, "")).unwrap()
    }
}

/// `account add` of a prod account of `provider`.
pub fn add_args(provider: &str) -> [&str; 8] {
    [
        "account",
        "add",
        "--environment",
        "prod",
        "--provider",
        provider,
        "--base-url",
        "http://127.0.0.1:9",
    ]
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}
