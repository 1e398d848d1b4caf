//! `unified serve` as a service manager runs it: SIGTERM lets the request in flight finish and
//! exits 0, and limits that make no sense are refused before anything is served.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

mod common;

use common::http::http;

fn unified(db: &Path, args: &[&str], stdin: &str) -> Output {
    let mut all = args.to_vec();
    all.extend(["--db", db.to_str().expect("a UTF-8 temporary path")]);
    common::run_unified(&all, stdin, &[])
}

fn line(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// A Dixa that answers its one create after `delay`, and says on `received` when the request
/// has arrived.
fn slow_dixa(delay: Duration, received: mpsc::Sender<()>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut seen = Vec::new();
        let mut chunk = [0u8; 4096];
        // Read the head and the body its Content-Length announces.
        loop {
            let count = stream.read(&mut chunk).unwrap();
            seen.extend_from_slice(&chunk[..count]);
            let text = String::from_utf8_lossy(&seen).to_ascii_lowercase();
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length: usize = head
                    .lines()
                    .find_map(|line| line.strip_prefix("content-length:"))
                    .map_or(0, |value| value.trim().parse().unwrap());
                if body.len() >= length {
                    break;
                }
            }
        }
        received.send(()).unwrap();
        std::thread::sleep(delay);
        let agent = r#"{"data": {"id": "a1", "displayName": "Ada", "email": "ada@example.org"}}"#;
        let answer = format!(
            "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{agent}",
            agent.len()
        );
        stream.write_all(answer.as_bytes()).unwrap();
    });
    url
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn sigterm_finishes_the_request_in_flight_then_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unified.db");
    let token = line(&unified(
        &db,
        &["token", "create", "--environment", "prod"],
        "",
    ));
    let (received, arrived) = mpsc::channel();
    let dixa = slow_dixa(Duration::from_millis(1500), received);
    let account = line(&unified(
        &db,
        &[
            "account",
            "add",
            "--environment",
            "prod",
            "--provider",
            "dixa",
            "--base-url",
            &dixa,
        ],
        "dixa-api-key-1234",
    ));

    let mut server = Server(
        Command::new(env!("CARGO_BIN_EXE_unified"))
            .args(["serve", "--addr", "127.0.0.1:0", "--db"])
            .arg(&db)
            .env_remove("UNIFIED_MASTER_KEY")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut listening = String::new();
    BufReader::new(server.0.stdout.take().unwrap())
        .read_line(&mut listening)
        .unwrap();
    let addr = listening
        .trim()
        .strip_prefix("listening on http://")
        .unwrap()
        .to_owned();

    let create = std::thread::spawn(move || {
        http(
            &addr,
            &format!("POST /unified/ticketing/users?integrated_account_id={account}"),
            &token,
            r#"{"name": "Ada", "emails": [{"email": "ada@example.org", "type": "primary"}]}"#,
        )
    });
    arrived
        .recv_timeout(Duration::from_secs(10))
        .expect("the create reached the provider");
    let terminated = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());

    let (status, body) = create.join().unwrap();
    assert_eq!(status, 201, "the request in flight finished: {body}");
    assert_eq!(body["id"], "a1");
    let started = Instant::now();
    let exit = loop {
        if let Some(exit) = server.0.try_wait().unwrap() {
            break exit;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "serve did not exit after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(exit.code(), Some(0), "SIGTERM is a clean stop");
}

#[test]
fn serve_refuses_limits_that_make_no_sense() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unified.db");
    for (option, value) in [
        ("--idle-timeout", "0"),
        ("--header-timeout", "-1"),
        ("--body-timeout", "nan"),
        ("--max-connections", "0"),
        ("--provider-answer-limit", "0"),
    ] {
        let given = format!("{option}={value}");
        let output = unified(&db, &["serve", "--addr", "127.0.0.1:0", &given], "");
        assert_eq!(output.status.code(), Some(2), "{option} {value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(option), "{option}: {stderr}");
    }
}
