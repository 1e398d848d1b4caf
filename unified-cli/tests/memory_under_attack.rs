//! The gateway's memory under hostile clients, measured on the real `unified serve` from outside
//! (`/proc/<pid>/status`): hundreds of connections at once trickling request heads, holding
//! bodies at the body limit half sent, sending bodies at the limit (one long string, deep
//! nesting, odd bytes, chunked), over it, with bad headers and odd query strings, and not
//! reading their answers. The peak stays within a bound, no request gets a 500, the gateway
//! still answers afterwards, and once the clients are gone its memory comes back near where it
//! was.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

mod common;

use common::records::{Records, add_args};

const KIB: u64 = 1024;
const MIB: usize = 1024 * 1024;
/// The gateway's default body limit (`GatewayConfig::default().body_limit`).
const BODY_LIMIT: usize = MIB;

/// Clients that send a body at the limit but its last bytes, then wait.
const SLOW_BODIES: usize = 120;
/// Clients that trickle a request head with a 200 KiB header.
const SLOW_HEADS: usize = 100;
/// Clients sending a round of odd requests each, one after the other.
const SENDERS: usize = 24;
/// Clients that send a body at the limit and never read the answer.
const SLOW_READERS: usize = 16;
/// How long the slow clients hold their connections.
const HOLD: Duration = Duration::from_secs(4);

/// The most the gateway's resident memory may rise above its level at rest during the attack.
/// With the defaults: 16 MiB of bodies held at once (`--body-memory-limit`) and as much again
/// for what is parsed from them, the HTTP library's read buffer of each slow head grown to hold
/// its 200 KiB (about 40 MiB for the 100), a few KiB for each other connection, and the
/// allocator's slack: about 65 MiB measured. Without the body budget each of the 120 slow bodies
/// alone holds its 1 MiB, and the rise is about 180 MiB.
const PEAK_RISE: u64 = 128 * MIB as u64;
/// How far above its level at rest the memory may stay once the clients are gone.
const AFTER_RISE: u64 = 24 * MIB as u64;
/// How long the memory has to come back.
const SETTLE: Duration = Duration::from_secs(10);

/// One of `VmRSS` or `VmHWM` of process `pid`, in bytes.
fn memory(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.trim().strip_suffix("kB")?.trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"));
    kib * KIB
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / MIB as f64
}

/// Where the requests go and with what.
#[derive(Clone)]
struct Target {
    addr: String,
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

/// The odd requests each sender makes: (query, extra header lines, body).
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
        // Over the limit: refused, perhaps before it is read.
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
    // The gateway may leave it unread in the socket for now: the write then waits, up to `until`.
    let _ = stream.set_write_timeout(Some(until.saturating_duration_since(Instant::now())));
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

#[test]
fn memory_stays_bounded_under_hostile_clients_and_comes_back() {
    let records = Records::new();
    let token = records
        .ok(&["token", "create", "--environment", "prod"], "")
        .trim()
        .to_owned();
    // The account's provider is never reached: every request here is refused first.
    let account = records
        .ok(&add_args("dixa"), "dixa-api-key-1234")
        .trim()
        .to_owned();
    let server = records.serve(&[]);
    let pid = server.pid();
    let target = Target {
        addr: server.addr.clone(),
        token,
        account,
    };

    // Each kind once, so what the gateway builds on first use is in the level at rest.
    for (query, extra, body) in odd_requests() {
        let _ = target.exchange(&target.head(&query, &extra), &body);
    }
    thread::sleep(Duration::from_millis(500));
    let rest = memory(pid, "VmRSS");
    // The peak (`VmHWM`) restarts here, so it is the attack's; where Linux refuses, it is the
    // process's, and the warm-up's is lower.
    let _ = std::fs::write(format!("/proc/{pid}/clear_refs"), "5");

    let started = Instant::now();
    let until = started + HOLD;
    let statuses = Arc::new(Mutex::new(Vec::new()));
    let mut clients = Vec::new();
    let spawn = |clients: &mut Vec<thread::JoinHandle<()>>, run: fn(&Target, Instant)| {
        let target = target.clone();
        clients.push(
            thread::Builder::new()
                .stack_size(64 * 1024)
                .spawn(move || run(&target, until))
                .unwrap(),
        );
    };
    for _ in 0..SLOW_BODIES {
        spawn(&mut clients, slow_body);
    }
    for _ in 0..SLOW_HEADS {
        spawn(&mut clients, slow_head);
    }
    for _ in 0..SLOW_READERS {
        spawn(&mut clients, slow_reader);
    }
    let requests = Arc::new(odd_requests());
    for sender in 0..SENDERS {
        let (target, requests, statuses) = (target.clone(), requests.clone(), statuses.clone());
        clients.push(thread::spawn(move || {
            // Each starts at another kind, so every kind is in flight at once.
            for turn in 0..requests.len() {
                let (query, extra, body) = &requests[(sender + turn) % requests.len()];
                let status = target.exchange(&target.head(query, extra), body);
                statuses.lock().unwrap().push(status);
            }
        }));
    }
    for client in clients {
        client.join().unwrap();
    }
    let attack = started.elapsed();
    let peak = memory(pid, "VmHWM");

    // The clients are gone: the memory comes back, within `SETTLE`.
    let settling = Instant::now();
    let mut after = memory(pid, "VmRSS");
    while after > rest + AFTER_RISE && settling.elapsed() < SETTLE {
        thread::sleep(Duration::from_millis(250));
        after = memory(pid, "VmRSS");
    }
    // `cargo test -p unified-cli --test memory_under_attack -- --nocapture` shows the figures.
    eprintln!(
        "at rest {:.1} MiB; peak {:.1} MiB during {:.1} s of attack; {:.1} MiB {:.1} s after",
        mib(rest),
        mib(peak),
        attack.as_secs_f64(),
        mib(after),
        settling.elapsed().as_secs_f64()
    );

    let statuses = statuses.lock().unwrap();
    let answered: Vec<u16> = statuses.iter().flatten().copied().collect();
    assert!(
        answered
            .iter()
            .all(|&status| (400..500).contains(&status) || status == 503),
        "every odd request is refused as the client's fault or as busy, none fails: {answered:?}"
    );
    assert!(
        answered.len() * 2 >= statuses.len(),
        "most odd requests get an answer: {} of {}",
        answered.len(),
        statuses.len()
    );
    let probe = target.exchange(
        &target.head(
            "",
            "Content-Type: application/json\r\nContent-Length: 2\r\n",
        ),
        b"{}",
    );
    assert_eq!(
        probe,
        Some(400),
        "the gateway still answers after the attack"
    );
    assert!(
        peak <= rest + PEAK_RISE,
        "the peak was {:.1} MiB, {:.1} MiB above the {:.1} MiB at rest (at most {:.0} allowed)",
        mib(peak),
        mib(peak - rest),
        mib(rest),
        mib(PEAK_RISE)
    );
    assert!(
        after <= rest + AFTER_RISE,
        "{:.1} MiB {:.0} s after the attack, {:.1} MiB above the {:.1} MiB at rest (at most {:.0})",
        mib(after),
        SETTLE.as_secs_f64(),
        mib(after.saturating_sub(rest)),
        mib(rest),
        mib(AFTER_RISE)
    );
    drop(server);
}
