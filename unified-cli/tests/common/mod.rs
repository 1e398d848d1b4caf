//! Running the `unified` binary from a test, as a user would.

#![allow(dead_code)]

pub mod http;
pub mod records;
pub mod serve;

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The `unified` binary with `args` and `env` added to its environment (and no
/// `UNIFIED_MASTER_KEY` inherited from the caller's), its output piped.
pub fn unified_command(args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_unified"));
    command
        .args(args)
        .env_remove("UNIFIED_MASTER_KEY")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs `unified` with `args`, `stdin` as its input and `env` added to its environment (and no
/// `UNIFIED_MASTER_KEY` from the caller's), and waits for it.
pub fn run_unified(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = unified_command(args, env)
        .stdin(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    // A command that fails before reading its input closes the pipe; that is fine.
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}
