//! `unified serve` as a service manager runs it: it names its database and what it holds,
//! SIGTERM lets the request in flight finish and exits 0, limits that make no sense are
//! refused before anything is served, and the metrics go where `--metrics-addr` and
//! `--no-metrics` say.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

mod common;

use common::http::http;
use common::records::{Records, add_args};

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

#[test]
fn sigterm_finishes_the_request_in_flight_then_exits_0() {
    let records = Records::new();
    let token = records
        .ok(&["token", "create", "--environment", "prod"], "")
        .trim()
        .to_owned();
    let (received, arrived) = mpsc::channel();
    let dixa = slow_dixa(Duration::from_millis(1500), received);
    let mut add = add_args("dixa");
    add[7] = &dixa;
    let account = records.ok(&add, "dixa-api-key-1234").trim().to_owned();

    let mut server = records.serve(&[]);
    let addr = server.addr.clone();
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
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());

    let (status, body) = create.join().unwrap();
    assert_eq!(status, 201, "the request in flight finished: {body}");
    assert_eq!(body["id"], "a1");
    let exit = server.exit_within(Duration::from_secs(10));
    assert_eq!(exit.code(), Some(0), "SIGTERM is a clean stop");
}

#[test]
fn serve_names_its_database_and_warns_when_it_just_created_it() {
    let records = Records::new();
    let log = records.serve(&[]).stop();
    assert!(log.contains(&records.named()), "{log}");
    assert!(
        log.contains("0 environments, 0 tokens, 0 accounts"),
        "{log}"
    );
    assert!(
        log.contains("warning: this database was just created"),
        "{log}"
    );

    records.with_account("dixa-api-key-1234");
    let log = records.serve(&[]).stop();
    assert!(log.contains("1 environment, 1 token, 1 account"), "{log}");
    assert!(!log.contains("warning"), "{log}");
}

#[test]
fn serve_refuses_limits_that_make_no_sense() {
    let records = Records::new();
    for (option, value) in [
        ("--idle-timeout", "0"),
        ("--header-timeout", "-1"),
        ("--body-timeout", "nan"),
        ("--max-connections", "0"),
        ("--provider-answer-limit", "0"),
    ] {
        let given = format!("{option}={value}");
        let output = records.run(&["serve", "--addr", "127.0.0.1:0", &given], "");
        assert_eq!(output.status.code(), Some(2), "{option} {value}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(option), "{option}: {stderr}");
    }
}

/// `GET` of `path` without a token; its status and JSON body.
fn probe(addr: &str, path: &str) -> (u16, serde_json::Value) {
    http(addr, &format!("GET {path}"), "", "")
}

#[test]
fn readiness_turns_503_on_sigterm_while_the_drain_delay_keeps_serving() {
    let records = Records::new();
    records.ok(&["token", "create", "--environment", "prod"], "");
    let mut server = records.serve(&["--drain-delay", "2"]);
    let addr = server.addr.clone();
    assert_eq!(probe(&addr, "/readyz").0, 200);
    assert_eq!(probe(&addr, "/healthz").0, 200);

    let terminated = Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());
    std::thread::sleep(Duration::from_millis(300));
    let (status, body) = probe(&addr, "/readyz");
    assert_eq!(status, 503, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("shutting down"),
        "{body}"
    );
    assert_eq!(
        probe(&addr, "/healthz").0,
        200,
        "still alive while draining"
    );
    let exit = server.exit_within(Duration::from_secs(10));
    assert_eq!(exit.code(), Some(0));
}

/// `GET /metrics` at `addr`: its status, content type and body.
fn scrape(addr: &str) -> (u16, String, String) {
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    let request = format!("GET /metrics HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let status = answer[9..12].parse().unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let content_type = head
        .lines()
        .find_map(|line| {
            line.to_ascii_lowercase()
                .strip_prefix("content-type: ")
                .map(str::to_owned)
        })
        .unwrap_or_default();
    (status, content_type, body.to_owned())
}

#[test]
fn metrics_are_on_the_main_listener_on_their_own_address_or_off() {
    let records = Records::new();
    records.ok(&["token", "create", "--environment", "prod"], "");

    let server = records.serve(&[]);
    let (status, content_type, body) = scrape(&server.addr);
    assert_eq!(status, 200, "{body}");
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    // Before any other request, the gauge (a family with no series yet is not written).
    assert!(
        body.contains("# TYPE unified_open_connections gauge"),
        "{body}"
    );
    drop(server);

    // On their own address: there only, and the gateway's listener answers 404.
    let server = records.serve(&["--metrics-addr", "127.0.0.1:0"]);
    let metrics_addr = server.metrics_addr.clone().unwrap();
    assert_ne!(metrics_addr, server.addr);
    assert_eq!(probe(&server.addr, "/healthz").0, 200);
    assert_eq!(scrape(&server.addr).0, 404);
    let (status, _, body) = scrape(&metrics_addr);
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains(r#"unified_http_requests_total{route="/healthz",method="GET",status="200",provider=""} 1"#),
        "the gateway's requests are counted: {body}"
    );
    assert_eq!(
        probe(&metrics_addr, "/healthz").0,
        404,
        "/metrics alone there"
    );
    drop(server);

    let server = records.serve(&["--no-metrics"]);
    assert_eq!(scrape(&server.addr).0, 404);
    drop(server);

    let both = records.run(
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--metrics-addr",
            "127.0.0.1:0",
            "--no-metrics",
        ],
        "",
    );
    assert_eq!(both.status.code(), Some(2), "the two options conflict");
}
