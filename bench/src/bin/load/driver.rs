//! The closed-loop driver: N connections, each a task with its own HTTP/1 connection sending
//! the next request as soon as the last answer is read, until a deadline.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::{self, SendRequest};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

use crate::requests::Template;

/// Longer than any answer should take: a request past it counts as an error.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// What one run measured.
pub struct Outcome {
    /// Latencies of the measured answers with the expected status, in µs, sorted.
    pub latencies: Vec<u32>,
    /// Answers with another status, failed or timed-out requests, failed connects.
    pub errors: u64,
    /// Answers with an unexpected status, by status, for the report.
    pub unexpected: Vec<(u16, u64)>,
    /// The measured time.
    pub measured: Duration,
}

impl Outcome {
    /// Expected answers per second.
    pub fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.measured.as_secs_f64()
    }

    /// The latency at quantile `q` (0 to 1), nearest rank, in µs.
    pub fn percentile(&self, q: f64) -> Option<u32> {
        let last = self.latencies.len().checked_sub(1)?;
        let rank = (q * self.latencies.len() as f64).ceil() as usize;
        Some(self.latencies[rank.saturating_sub(1).min(last)])
    }
}

/// What one connection's task saw.
#[derive(Default)]
struct Tally {
    latencies: Vec<u32>,
    errors: u64,
    unexpected: Vec<(u16, u64)>,
}

impl Tally {
    /// Counts `count` answers with `status` where another was expected.
    fn count_unexpected(&mut self, status: u16, count: u64) {
        match self.unexpected.iter_mut().find(|(seen, _)| *seen == status) {
            Some((_, seen)) => *seen += count,
            None => self.unexpected.push((status, count)),
        }
    }

    /// Adds another connection's tally to this one.
    fn absorb(&mut self, other: Tally) {
        self.latencies.extend(other.latencies);
        self.errors += other.errors;
        for (status, count) in other.unexpected {
            self.count_unexpected(status, count);
        }
    }
}

/// Sends `template` over `connections` connections to `gateway` for `measure`. A warm-up is a
/// run whose latencies the caller ignores.
pub async fn run(
    gateway: SocketAddr,
    template: Arc<Template>,
    connections: usize,
    measure: Duration,
) -> Outcome {
    let until = Instant::now() + measure;
    let tasks: Vec<_> = (0..connections)
        .map(|_| tokio::spawn(connection(gateway, template.clone(), until)))
        .collect();
    let mut merged = Tally::default();
    for task in tasks {
        merged.absorb(task.await.expect("a connection task does not panic"));
    }
    merged.latencies.sort_unstable();
    Outcome {
        latencies: merged.latencies,
        errors: merged.errors,
        unexpected: merged.unexpected,
        measured: measure,
    }
}

/// One connection's loop; a failed connection is counted and replaced.
async fn connection(gateway: SocketAddr, template: Arc<Template>, until: Instant) -> Tally {
    let mut tally = Tally {
        latencies: Vec::with_capacity(1 << 16),
        ..Tally::default()
    };
    let mut sender: Option<SendRequest<Full<Bytes>>> = None;
    loop {
        let started = Instant::now();
        if started >= until {
            return tally;
        }
        let live = match sender.as_mut() {
            Some(live) => live,
            None => match connect(gateway).await {
                Ok(live) => sender.insert(live),
                Err(_) => {
                    tally.errors += 1;
                    // Not a busy loop while the gateway refuses connections.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        // The send starts the clock again: a reconnect is not the request's latency.
        let started = Instant::now();
        let answer = tokio::time::timeout(REQUEST_TIMEOUT, send(live, &template)).await;
        let elapsed = started.elapsed();
        match answer {
            Ok(Ok(status)) if status == template.expected => {
                let micros = u32::try_from(elapsed.as_micros()).unwrap_or(u32::MAX);
                tally.latencies.push(micros);
            }
            Ok(Ok(status)) => {
                tally.errors += 1;
                tally.count_unexpected(status, 1);
            }
            // The connection is in an unknown state: start a new one.
            Ok(Err(_)) | Err(_) => {
                tally.errors += 1;
                sender = None;
            }
        }
    }
}

/// A new keep-alive connection with Nagle off (requests and answers are small).
async fn connect(gateway: SocketAddr) -> Result<SendRequest<Full<Bytes>>, String> {
    let stream = TcpStream::connect(gateway)
        .await
        .map_err(|error| error.to_string())?;
    stream
        .set_nodelay(true)
        .map_err(|error| error.to_string())?;
    let (sender, connection) = http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|error| error.to_string())?;
    // Drives the socket; ends when the sender is dropped or the peer closes.
    tokio::spawn(connection);
    Ok(sender)
}

/// Sends one request and reads the whole answer; its status.
async fn send(sender: &mut SendRequest<Full<Bytes>>, template: &Template) -> Result<u16, String> {
    sender.ready().await.map_err(|error| error.to_string())?;
    let response = sender
        .send_request(template.request())
        .await
        .map_err(|error| error.to_string())?;
    let status = response.status().as_u16();
    response
        .into_body()
        .collect()
        .await
        .map_err(|error| error.to_string())?;
    Ok(status)
}
