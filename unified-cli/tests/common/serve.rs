//! `unified serve` running in the background for a test, stopped when dropped.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A running `unified serve` and the address it listens on.
pub struct Serving {
    child: Child,
    /// `127.0.0.1:port`.
    pub addr: String,
    /// Where `/metrics` is served when `--metrics-addr` was given: `127.0.0.1:port`.
    #[allow(dead_code)]
    pub metrics_addr: Option<String>,
    /// Reads its log as it is written, so a long run never fills the pipe and stalls it.
    log: Option<JoinHandle<String>>,
}

impl Serving {
    /// Starts `unified serve --addr 127.0.0.1:0` with `args` and `env`, and waits until it
    /// prints the address it listens on (and, given `--metrics-addr`, the metrics' address).
    pub fn start(args: &[&str], env: &[(&str, &str)]) -> Serving {
        let mut all = vec!["serve", "--addr", "127.0.0.1:0"];
        all.extend_from_slice(args);
        let mut child = super::unified_command(&all, env)
            .stdin(Stdio::null())
            .spawn()
            .expect("the binary runs");
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let addr = line
            .trim()
            .strip_prefix("listening on http://")
            .unwrap_or_else(|| panic!("serve did not start: {line:?}"))
            .to_owned();
        let metrics_addr = args.contains(&"--metrics-addr").then(|| {
            let mut line = String::new();
            stdout.read_line(&mut line).unwrap();
            line.trim()
                .strip_prefix("metrics on http://")
                .and_then(|rest| rest.strip_suffix("/metrics"))
                .unwrap_or_else(|| panic!("serve did not name the metrics' address: {line:?}"))
                .to_owned()
        });
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let log = std::thread::spawn(move || {
            let mut log = String::new();
            let _ = stderr.read_to_string(&mut log);
            log
        });
        Serving {
            child,
            addr,
            metrics_addr,
            log: Some(log),
        }
    }

    /// The process id, to send it signals.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// How it exited, waiting at most `limit`.
    pub fn exit_within(&mut self, limit: Duration) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(started.elapsed() < limit, "serve did not exit in {limit:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Kills it; everything it wrote on stderr.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        self.log
            .take()
            .map(|log| log.join().expect("the log reader ends"))
            .unwrap_or_default()
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
