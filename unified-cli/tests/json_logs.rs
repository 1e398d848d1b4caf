//! `unified serve --log-format json`: one JSON object per line, and one request id followed from
//! the client through the provider's call to the log lines of its request.

use std::io::{Read, Write};
use std::net::TcpStream;

use serde_json::Value;
use unified_test_tools::fake::{Fake, Kind};

mod common;

use common::records::Records;

/// A create for `account` with `request_id` as its `x-request-id`; the answer's head and body.
fn create(addr: &str, token: &str, account: &str, request_id: &str) -> String {
    let body = include_str!("../../examples/dixa-user.json");
    let mut stream = TcpStream::connect(addr).unwrap();
    let request = format!(
        "POST /unified/ticketing/users?integrated_account_id={account} HTTP/1.1\r\n\
         Host: {addr}\r\nAuthorization: Bearer {token}\r\nx-request-id: {request_id}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[tokio::test(flavor = "multi_thread")]
async fn one_request_id_goes_from_the_client_to_the_provider_and_the_json_log() {
    let records = Records::new();
    let token = records.ok(&["token", "create", "--environment", "prod"], "");
    let token = token.trim().to_owned();
    let fake = Fake::start(Kind::Dixa).await;
    let account = records
        .ok(
            &[
                "account",
                "add",
                "--environment",
                "prod",
                "--provider",
                "dixa",
                "--base-url",
                &fake.base_url,
            ],
            Kind::Dixa.credential(),
        )
        .trim()
        .to_owned();
    let serving = records.serve(&["--log-format", "json"]);
    let addr = serving.addr.clone();
    let answer =
        tokio::task::spawn_blocking(move || create(&addr, &token, &account, "trace-me-17"))
            .await
            .unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    assert!(
        answer
            .to_ascii_lowercase()
            .contains("x-request-id: trace-me-17"),
        "{answer}"
    );
    assert_eq!(fake.last().request_id.as_deref(), Some("trace-me-17"));

    let log = serving.stop();
    let lines: Vec<Value> = log
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    for line in &lines {
        for field in ["timestamp", "level", "target", "message"] {
            assert!(line.get(field).is_some(), "no `{field}`: {line}");
        }
    }
    let of_the_request: Vec<&Value> = lines
        .iter()
        .filter(|line| line["span"]["request_id"] == "trace-me-17")
        .collect();
    let messages: Vec<&str> = of_the_request
        .iter()
        .filter_map(|line| line["message"].as_str())
        .collect();
    assert!(messages.contains(&"dispatched"), "{log}");
    assert!(messages.contains(&"request"), "{log}");
    let dispatched = of_the_request
        .iter()
        .find(|line| line["message"] == "dispatched")
        .unwrap();
    assert_eq!(dispatched["provider"], "dixa");
    assert!(
        !log.contains(Kind::Dixa.credential()),
        "no secret in the log"
    );
}
