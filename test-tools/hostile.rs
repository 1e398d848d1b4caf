//! Hostile clients of a gateway, for the memory test and the load driver's hostile phase:
//! requests that trickle their heads, hold bodies at the body limit half sent, never read their
//! answers, and odd requests (one long string, deep nesting, odd bytes, chunked, over the limit,
//! bad headers and query strings). Blocking sockets: each client keeps its own pace.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::thread;
use std::time::{Duration, Instant};

/// The gateway's default body limit (`GatewayConfig::default().body_limit`).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Where the requests go and with what.
#[derive(Clone)]
pub struct Target {
    /// `host:port` of the gateway.
    pub addr: String,
    /// An API token of the gateway.
    pub token: String,
    /// An integrated account id the creates name.
    pub account: String,
}

impl Target {
    /// The head of a create, with `extra` header lines (each ending in CRLF).
    pub fn head(&self, query: &str, extra: &str) -> String {
        format!(
            "POST /unified/ticketing/users?integrated_account_id={}{query} HTTP/1.1\r\n\
             Host: {}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n{extra}\r\n",
            self.account, self.addr, self.token
        )
    }

    /// A connection to the gateway with generous timeouts.
    pub fn connect(&self) -> Option<TcpStream> {
        let stream = TcpStream::connect(&self.addr).ok()?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .ok()?;
        stream
            .set_write_timeout(Some(Duration::from_secs(60)))
            .ok()?;
        Some(stream)
    }

    /// Sends `head` then `body` and reads the answer: its status, or `None` when the gateway
    /// closed the connection first (it may, on a body it refuses unread).
    pub fn exchange(&self, head: &str, body: &[u8]) -> Option<u16> {
        let mut stream = self.connect()?;
        let sent = stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(body));
        let mut answer = Vec::new();
        let read = stream.read_to_end(&mut answer);
        if sent.is_err() && answer.is_empty() {
            return None;
        }
        read.ok()?;
        std::str::from_utf8(answer.get(9..12)?).ok()?.parse().ok()
    }
}

/// A JSON body of exactly `size` bytes: `{"name":"aaa…"}`.
pub fn long_string(size: usize) -> Vec<u8> {
    let mut body = br#"{"name":""#.to_vec();
    body.resize(size - 2, b'a');
    body.extend_from_slice(br#""}"#);
    body
}

/// The odd requests: (query, extra header lines, body), at and over the body limit.
pub fn odd_requests() -> Vec<(String, String, Vec<u8>)> {
    let json = "Content-Type: application/json\r\n";
    let sized = |body: &[u8]| format!("{json}Content-Length: {}\r\n", body.len());
    let string = long_string(BODY_LIMIT);
    let mut deep = vec![b'['; BODY_LIMIT / 2];
    deep.resize(BODY_LIMIT, b']');
    let mut odd = br#"{"name": "\ud800", "emails": [1e999999, -0, "#.to_vec();
    odd.resize(BODY_LIMIT - 1, b' ');
    odd.push(0xff);
    let chunked = {
        let chunk = vec![b' '; 64 * 1024];
        let mut body = Vec::new();
        for _ in 0..15 {
            body.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            body.extend_from_slice(&chunk);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"2\r\n{}\r\n0\r\n\r\n");
        body
    };
    let odd_query = format!(
        "&integrated_account_id=%ff%00&a[b][c][d][e]=1&{}",
        "x=%zz&".repeat(1000)
    );
    vec![
        (String::new(), sized(&string), string.clone()),
        (String::new(), sized(&deep), deep),
        (String::new(), sized(&odd), odd),
        (
            String::new(),
            format!("{json}Transfer-Encoding: chunked\r\n"),
            chunked,
        ),
        (
            String::new(),
            format!("{json}Content-Length: {}\r\n", 2 * BODY_LIMIT),
            long_string(2 * BODY_LIMIT),
        ),
        (
            String::new(),
            format!(
                "Content-Type: text/plain\r\nContent-Length: {}\r\n",
                string.len()
            ),
            string,
        ),
        (odd_query, sized(b"{}"), b"{}".to_vec()),
        (
            String::new(),
            format!("{json}X-Odd: \u{1}\u{7f}\r\nContent-Length: x\r\n"),
            b"{}".to_vec(),
        ),
    ]
}

/// Holds a body at the limit but its last bytes until `until`.
pub fn slow_body(target: &Target, until: Instant) {
    let Some(mut stream) = target.connect() else {
        return;
    };
    let head = target.head(
        "",
        &format!("Content-Type: application/json\r\nContent-Length: {BODY_LIMIT}\r\n"),
    );
    let body = long_string(BODY_LIMIT);
    // The gateway may leave it unread in the socket: the write then waits, up to `until`.
    let _ = stream.set_write_timeout(Some(
        until
            .saturating_duration_since(Instant::now())
            .max(Duration::from_millis(1)),
    ));
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(&body[..BODY_LIMIT - 16]));
    thread::sleep(until.saturating_duration_since(Instant::now()));
}

/// Trickles a request head with a 200 KiB header until `until` or the gateway closes.
pub fn slow_head(target: &Target, until: Instant) {
    let Some(mut stream) = target.connect() else {
        return;
    };
    let mut start = format!(
        "POST /unified/ticketing/users HTTP/1.1\r\nHost: {}\r\nX-Pad: ",
        target.addr
    )
    .into_bytes();
    start.resize(start.len() + 200 * 1024, b'a');
    if stream.write_all(&start).is_err() {
        return;
    }
    while Instant::now() < until {
        thread::sleep(Duration::from_millis(500));
        if stream.write_all(b"a").is_err() {
            return;
        }
    }
}

/// Sends a body at the limit and reads nothing until `until`.
pub fn slow_reader(target: &Target, until: Instant) {
    let Some(mut stream) = target.connect() else {
        return;
    };
    let body = long_string(BODY_LIMIT);
    let head = target.head(
        "",
        &format!(
            "Content-Type: application/json\r\nContent-Length: {}\r\n",
            body.len()
        ),
    );
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(&body));
    thread::sleep(until.saturating_duration_since(Instant::now()));
}
