//! Running the `unified` binary from a test, as a user would.

#![allow(dead_code)]

pub mod http;

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `unified` with `args`, `stdin` as its input and `env` added to its environment (and no
/// `UNIFIED_MASTER_KEY` from the caller's), and waits for it.
pub fn run_unified(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_unified"))
        .args(args)
        .envs(env.iter().copied())
        .env_remove("UNIFIED_MASTER_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    // A command that fails before reading its input closes the pipe; that is fine.
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    child.wait_with_output().unwrap()
}
