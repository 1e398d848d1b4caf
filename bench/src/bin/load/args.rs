//! The command line of the load driver.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Parser, ValueEnum};

/// Starts `unified serve` against a fake Dixa on loopback and measures, per store, request kind
/// and connection count, the throughput and p50/p99 latency, and the gateway's memory.
#[derive(Parser, Debug)]
#[command(name = "load")]
pub struct Args {
    /// The `unified` binary to run (build it with `--release` for numbers worth keeping).
    #[arg(long, value_name = "PATH")]
    pub unified: PathBuf,
    /// Seconds measured per cell (store, path, connections).
    #[arg(long, default_value_t = 5.0, value_name = "F")]
    pub seconds: f64,
    /// Seconds of unrecorded load before each cell, and per path before a store's first cell.
    #[arg(long, default_value_t = 1.0, value_name = "F")]
    pub warmup: f64,
    /// Concurrent connections, each sending requests back to back.
    #[arg(long, value_delimiter = ',', default_value = "1,16,64")]
    pub connections: Vec<usize>,
    /// The stores the gateway keeps its records in.
    #[arg(long, value_delimiter = ',', default_value = "sqlite,postgres")]
    pub stores: Vec<StoreKind>,
    /// The request kinds, by the status each expects.
    #[arg(long, value_delimiter = ',', default_value = "401,404,400,201")]
    pub paths: Vec<PathKind>,
    /// An extra argument for `unified serve`, repeatable: `--serve-arg=--cache-ttl=0` makes
    /// every request look its token and account up in the database.
    #[arg(long = "serve-arg", value_name = "ARG", allow_hyphen_values = true)]
    pub serve_args: Vec<String>,
    /// Also start a second gateway with `--no-metrics` on the same database and measure every
    /// cell on both, one right after the other (the order alternating from cell to cell), for
    /// what the metrics cost.
    #[arg(long)]
    pub compare_metrics: bool,
    /// End each store's run with a hostile phase: hundreds of slow and odd clients at once, and
    /// the gateway's memory before, during (its peak) and after.
    #[arg(long)]
    pub hostile: bool,
    /// Seconds the hostile phase's slow clients hold their connections.
    #[arg(long, default_value_t = 4.0, value_name = "F")]
    pub hostile_hold: f64,
    /// Seconds the gateway's memory is followed after the hostile phase.
    #[arg(long, default_value_t = 10.0, value_name = "F")]
    pub hostile_settle: f64,
    /// Also write every measurement (with the latencies' percentiles) as JSON here.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
}

impl Args {
    /// The measured time per cell.
    pub fn measure(&self) -> Duration {
        Duration::from_secs_f64(self.seconds)
    }

    /// The warm-up time.
    pub fn warmup(&self) -> Duration {
        Duration::from_secs_f64(self.warmup)
    }

    /// Refuses settings that would measure nothing.
    pub fn check(&self) -> Result<(), String> {
        if !(self.seconds.is_finite() && self.seconds > 0.0) {
            return Err("--seconds must be a positive number".to_owned());
        }
        if !(self.warmup.is_finite() && self.warmup >= 0.0) {
            return Err("--warmup must be zero or a positive number".to_owned());
        }
        if !(self.hostile_hold.is_finite() && self.hostile_hold > 0.0) {
            return Err("--hostile-hold must be a positive number".to_owned());
        }
        if !(self.hostile_settle.is_finite() && self.hostile_settle >= 0.0) {
            return Err("--hostile-settle must be zero or a positive number".to_owned());
        }
        if self.connections.contains(&0) {
            return Err("--connections must all be at least 1".to_owned());
        }
        Ok(())
    }
}

/// Where the gateway keeps its records.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoreKind {
    /// A SQLite file in a temporary folder.
    Sqlite,
    /// A fresh database in a private PostgreSQL cluster.
    Postgres,
}

impl StoreKind {
    /// The name in reports.
    pub fn name(self) -> &'static str {
        match self {
            StoreKind::Sqlite => "SQLite",
            StoreKind::Postgres => "PostgreSQL",
        }
    }
}

/// A request kind, named by the status it must get.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    /// No token: refused before any storage.
    #[value(name = "401")]
    Unauthorized,
    /// A valid token and an unknown model: one token lookup, no account lookup.
    #[value(name = "404")]
    NotFound,
    /// A body Dixa refuses: token, account lookup and validation, no dispatch.
    #[value(name = "400")]
    Invalid,
    /// A valid body, dispatched to the fake Dixa.
    #[value(name = "201")]
    Created,
}

impl PathKind {
    /// The status every answer must have.
    pub fn status(self) -> u16 {
        match self {
            PathKind::Unauthorized => 401,
            PathKind::NotFound => 404,
            PathKind::Invalid => 400,
            PathKind::Created => 201,
        }
    }
}
