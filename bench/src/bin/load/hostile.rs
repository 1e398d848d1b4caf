//! The hostile phase (`--hostile`): hundreds of clients at once that trickle request heads,
//! hold bodies at the body limit half sent, send odd bodies at the limit (one long string, deep
//! nesting, odd bytes, chunked), over it, with bad headers and odd query strings, and do not read
//! their answers. The gateway's memory is read before, throughout (its peak) and after, once the
//! clients are gone. Blocking sockets on threads of their own: the clients' own pace is the
//! point, not their throughput.

use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use unified_test_tools::hostile::{Target, odd_requests, slow_body, slow_head, slow_reader};

use crate::gateway::Gateway;
use crate::memory::Memory;

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
        addr: gateway.addr.to_string(),
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
