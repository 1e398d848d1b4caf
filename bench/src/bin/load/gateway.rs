//! `unified serve` as a child process on a free loopback port, killed when dropped.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, ChildStdout, Stdio};

use crate::cli::{self, Unified};
use crate::memory::Memory;
use crate::store::Database;

/// A running gateway.
pub struct Gateway {
    /// The `serve` process.
    child: Child,
    /// Kept open: a closed pipe would fail a later write of the gateway's.
    _stdout: BufReader<ChildStdout>,
    /// Where it listens.
    pub addr: SocketAddr,
}

impl Gateway {
    /// Starts `unified serve` on `database`, with `extra` arguments, and waits for the address
    /// it prints. Its log (stderr, a line per request) goes to /dev/null: formatted as in
    /// production, not stored.
    pub fn start(
        unified: &Unified,
        database: &Database,
        extra: &[String],
    ) -> Result<Gateway, String> {
        let mut command = unified.command(database, &["serve", "--addr", "127.0.0.1:0"]);
        command.args(extra);
        let shown = cli::shown(&command);
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| format!("cannot run {shown}: {error}"))?;
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
        let mut line = String::new();
        let read = stdout.read_line(&mut line);
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .and_then(|addr| addr.parse().ok());
        let Some(addr) = addr else {
            let _ = child.kill();
            let status = child.wait().map(|status| status.to_string());
            return Err(format!(
                "{shown} did not print its address (printed {line:?}, read {read:?}, exit \
                 {status:?}); run it by hand to see its log"
            ));
        };
        Ok(Gateway {
            child,
            _stdout: stdout,
            addr,
        })
    }

    /// The CPU time it has used so far, in seconds.
    pub fn cpu_seconds(&self) -> Result<f64, String> {
        crate::cpu::cpu_seconds(self.child.id())
    }

    /// Its memory now.
    pub fn memory(&self) -> Result<Memory, String> {
        Memory::of(self.child.id())
    }

    /// Restarts its peak (`VmHWM`) at its current size; whether Linux let us.
    pub fn reset_peak(&self) -> bool {
        std::fs::write(format!("/proc/{}/clear_refs", self.child.id()), "5").is_ok()
    }
}

impl Drop for Gateway {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
