//! What a connection has been doing, so the server can tell a client that stalls from one
//! that is being served.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use crate::config::GatewayConfig;

/// What a connection has been doing, shared by its reader, its requests and its watchdog.
#[derive(Clone, Debug)]
pub struct Activity(Arc<Mutex<State>>);

#[derive(Debug)]
struct State {
    /// Requests being handled (a body being drained counts as one).
    busy: usize,
    /// When the connection last became idle: accepted, or its last request handled.
    idle_since: Instant,
    /// When the first byte of the next request arrived, while idle.
    first_byte: Option<Instant>,
}

/// Marks its connection busy until dropped.
#[derive(Debug)]
pub struct Busy(Activity);

impl Activity {
    pub fn new() -> Activity {
        Activity(Arc::new(Mutex::new(State {
            busy: 0,
            idle_since: Instant::now(),
            first_byte: None,
        })))
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // The state is a few counters; one left by a panic is still usable.
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Bytes arrived from the client.
    pub fn read(&self) {
        let mut state = self.state();
        if state.busy == 0 && state.first_byte.is_none() {
            state.first_byte = Some(Instant::now());
        }
    }

    /// The connection is busy with a request until the guard is dropped.
    pub fn busy(&self) -> Busy {
        let mut state = self.state();
        state.busy += 1;
        state.first_byte = None;
        Busy(self.clone())
    }

    /// Whether the client has stalled: idle too long, or too slow with its headers.
    pub fn stalled(&self, config: &GatewayConfig) -> bool {
        let state = self.state();
        state.busy == 0
            && match state.first_byte {
                Some(first) => first.elapsed() > config.header_timeout,
                None => state.idle_since.elapsed() > config.idle_timeout,
            }
    }
}

impl Drop for Busy {
    fn drop(&mut self) {
        let mut state = self.0.state();
        state.busy = state.busy.saturating_sub(1);
        if state.busy == 0 {
            state.idle_since = Instant::now();
            state.first_byte = None;
        }
    }
}
