//! Runs the real `unified` command as a user would: records are made with `token create` and
//! `account add`, and the gateway is `unified serve`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::store::Database;

/// The `unified` binary and the environment every run of it gets.
pub struct Unified {
    /// The binary.
    exe: PathBuf,
    /// `UNIFIED_MASTER_KEY`: PostgreSQL needs one; SQLite then makes no key file.
    master_key: String,
}

impl Unified {
    /// `exe`, with a master key fresh for this run.
    pub fn new(exe: &Path) -> Result<Unified, String> {
        // Absolute, since the commands run in the database's folder.
        let exe = exe.canonicalize().map_err(|error| {
            format!(
                "cannot find {} ({error}; build it: cargo build --release -p unified-cli)",
                exe.display()
            )
        })?;
        Ok(Unified {
            exe,
            master_key: unified_test_tools::random_hex(32),
        })
    }

    /// A command running `unified args...` on `database` (named in `UNIFIED_DB`, since a URL may
    /// hold a password), in its folder, with the master key, and without the caller's
    /// `RUST_LOG` (the gateway logs at its default, info, as in production).
    pub fn command(&self, database: &Database, args: &[&str]) -> Command {
        let mut command = Command::new(&self.exe);
        command
            .args(args)
            .current_dir(database.folder.path())
            .env("UNIFIED_DB", &database.db)
            .env("UNIFIED_MASTER_KEY", &self.master_key)
            .env_remove("RUST_LOG");
        command
    }

    /// A new API token for environment `bench`.
    pub fn create_token(&self, database: &Database) -> Result<String, String> {
        let command = self.command(database, &["token", "create", "--environment", "bench"]);
        output(command, None)
    }

    /// A new Dixa account at `base_url` in environment `bench`; the credential goes on stdin.
    pub fn add_account(
        &self,
        database: &Database,
        base_url: &str,
        credential: &str,
    ) -> Result<String, String> {
        let command = self.command(
            database,
            &[
                "account",
                "add",
                "--environment",
                "bench",
                "--provider",
                "dixa",
                "--base-url",
                base_url,
            ],
        );
        output(command, Some(credential))
    }
}

/// The one line `command` prints, after writing `stdin` to it; its stderr on failure.
fn output(mut command: Command, stdin: Option<&str>) -> Result<String, String> {
    let shown = shown(&command);
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot run {shown}: {error}"))?;
    let mut input = child.stdin.take().expect("stdin is piped");
    if let Some(text) = stdin {
        input
            .write_all(text.as_bytes())
            .map_err(|error| format!("cannot write to {shown}: {error}"))?;
    }
    // Closed, so a command reading stdin sees its end.
    drop(input);
    let finished = child
        .wait_with_output()
        .map_err(|error| format!("cannot run {shown}: {error}"))?;
    let said = String::from_utf8_lossy(&finished.stderr);
    if !finished.status.success() {
        return Err(format!(
            "{shown} failed ({}): {}",
            finished.status,
            said.trim()
        ));
    }
    let printed = String::from_utf8_lossy(&finished.stdout).trim().to_owned();
    if printed.is_empty() || printed.contains('\n') {
        // Not quoted: what `token create` prints is a token.
        let lines = printed.lines().count();
        return Err(format!("{shown} printed {lines} lines, not one"));
    }
    Ok(printed)
}

/// The command line, for messages: never its environment, which holds the master key and the
/// database's URL.
pub fn shown(command: &Command) -> String {
    let mut line = command.get_program().to_string_lossy().into_owned();
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&arg.to_string_lossy());
    }
    line
}
