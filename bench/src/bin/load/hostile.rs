//! The hostile phase (`--hostile`): hundreds of clients at once that trickle request heads,
//! hold bodies at the body limit half sent, send odd bodies at the limit (one long string, deep
//! nesting, odd bytes, chunked), over it, with bad headers and odd query strings, and do not read
//! their answers. The gateway's memory is read before, throughout (its peak) and after, once the
//! clients are gone. Blocking sockets on threads of their own: the clients' own pace is the
//! point, not their throughput.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::gateway::Gateway;
use crate::memory::Memory;

/// The gateway's default body limit.
const BODY_LIMIT: usize = 1024 * 1024;
/// Clients that send a body at the limit but its last bytes, then wait.
const SLOW_BODIES: usize = 120;
/// Clients that trickle a request head with a 200 KiB header.
const SLOW_HEADS: usize = 100;
/// Clients that send a body at the limit and never read the answer.
const SLOW_READERS: usize = 16;
/// Clients sending every odd request in turn, `ROUNDS` times.
const SENDERS: usize = 24;
const ROUNDS: usize = 2;

/// What the hostile phase did and the gateway's memory around it.
pub struct Outcome {
    /// Before the phase.
    pub before: Memory,
    /// The highest resident size during the phase, in KiB.
    pub peak_kib: u64,
    /// The phase's length, until the last client left.
    pub attack: Duration,
    /// Resident size right after the clients left, and after each `settle` step, in KiB.
    pub after_kib: Vec<(Duration, u64)>,
    /// Odd requests sent.
    pub sent: u64,
    /// Their answers by status; `None` where the gateway closed before answering.
    pub statuses: Vec<(Option<u16>, u64)>,
}

impl Outcome {
    /// Answers with a status of 500 or more but 503 (busy, retry): none is expected.
    pub fn server_errors(&self) -> u64 {
        self.statuses
            .iter()
            .filter(|(status, _)| status.is_some_and(|status| status >= 500 && status != 503))
            .map(|(_, count)| count)
            .sum()
    }
}

/// Runs the phase against `gateway`, then reads its memory every second for `settle`.
pub fn run(
    gateway: &Gateway,
    token: &str,
    account: &str,
    hold: Duration,
    settle: Duration,
) -> Result<Outcome, String> {
    let target = Target {
        addr: gateway.addr,
        token: token.to_owned(),
        account: account.to_owned(),
    };
    let requests = Arc::new(odd_requests());
    // Each kind once, so what the gateway builds on first use is not counted as the attack's.
    for (query, extra, body) in requests.iter() {
        let _ = target.exchange(&target.head(query, extra), body);
    }
    thread::sleep(Duration::from_millis(500));
    let before = gateway.memory()?;
    // The peak from here on: `VmHWM` restarts at the current size where Linux lets us.
    let exact_peak = gateway.reset_peak();

    let started = Instant::now();
    let until = started + hold;
    let statuses = Arc::new(Mutex::new(Vec::new()));
    let mut clients = Vec::new();
    let slow: [(usize, Client); 3] = [
        (SLOW_BODIES, slow_body),
        (SLOW_HEADS, slow_head),
        (SLOW_READERS, slow_reader),
    ];
    for (count, client) in slow {
        for _ in 0..count {
            let target = target.clone();
            let spawned = thread::Builder::new()
                .stack_size(64 * 1024)
                .spawn(move || client(&target, until))
                .map_err(|error| format!("cannot start a client thread: {error}"))?;
            clients.push(spawned);
        }
    }
    for sender in 0..SENDERS {
        let (target, requests, statuses) = (target.clone(), requests.clone(), statuses.clone());
        clients.push(thread::spawn(move || {
            // Each starts at another kind, so every kind is in flight at once.
            for turn in 0..requests.len() * ROUNDS {
                let (query, extra, body) = &requests[(sender + turn) % requests.len()];
                let status = target.exchange(&target.head(query, extra), body);
                statuses.lock().expect("no sender panics").push(status);
            }
        }));
    }
    let mut sampled = before.rss_kib;
    while clients.iter().any(|client| !client.is_finished()) {
        sampled = sampled.max(gateway.memory()?.rss_kib);
        thread::sleep(Duration::from_millis(20));
    }
    for client in clients {
        let _ = client.join();
    }
    let attack = started.elapsed();
    let now = gateway.memory()?;
    let peak_kib = if exact_peak {
        now.hwm_kib.max(sampled)
    } else {
        sampled.max(now.rss_kib)
    };

    let left = Instant::now();
    let mut after_kib = vec![(Duration::ZERO, now.rss_kib)];
    while left.elapsed() < settle {
        thread::sleep(Duration::from_secs(1));
        after_kib.push((left.elapsed(), gateway.memory()?.rss_kib));
    }

    let statuses = statuses.lock().expect("no sender panics");
    let mut counted: Vec<(Option<u16>, u64)> = Vec::new();
    for &status in statuses.iter() {
        match counted.iter_mut().find(|(seen, _)| *seen == status) {
            Some((_, count)) => *count += 1,
            None => counted.push((status, 1)),
        }
    }
    counted.sort_unstable();
    Ok(Outcome {
        before,
        peak_kib,
        attack,
        after_kib,
        sent: statuses.len() as u64,
        statuses: counted,
    })
}

/// A slow client: runs against the target until the instant given.
type Client = fn(&Target, Instant);

/// Where the requests go and with what.
#[derive(Clone)]
struct Target {
    addr: SocketAddr,
    token: String,
    account: String,
}

impl Target {
    /// The head of a create, with `extra` header lines (each ending in CRLF).
    fn head(&self, query: &str, extra: &str) -> String {
        format!(
            "POST /unified/ticketing/users?integrated_account_id={}{query} HTTP/1.1\r\n\
             Host: {}\r\nAuthorization: Bearer {}\r\nConnection: close\r\n{extra}\r\n",
            self.account, self.addr, self.token
        )
    }

    fn connect(&self) -> Option<TcpStream> {
        let stream = TcpStream::connect(self.addr).ok()?;
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
    fn exchange(&self, head: &str, body: &[u8]) -> Option<u16> {
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
fn long_string(size: usize) -> Vec<u8> {
    let mut body = br#"{"name":""#.to_vec();
    body.resize(size - 2, b'a');
    body.extend_from_slice(br#""}"#);
    body
}

/// The odd requests: (query, extra header lines, body).
fn odd_requests() -> Vec<(String, String, Vec<u8>)> {
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
fn slow_body(target: &Target, until: Instant) {
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
fn slow_head(target: &Target, until: Instant) {
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
fn slow_reader(target: &Target, until: Instant) {
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
