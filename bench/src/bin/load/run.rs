//! One store's run: a fresh database, its records made with the CLI, the gateway started on
//! it, a warm-up, then every cell (connections × path), the gateway's memory read throughout,
//! and with `--hostile` the hostile phase last. With `--compare-metrics`, a second gateway
//! without metrics on the same database, each cell measured on both back to back.

use std::sync::Arc;
use std::time::Duration;

use tokio::runtime::Runtime;

use crate::args::{Args, PathKind, StoreKind};
use crate::cli::Unified;
use crate::driver::{self, Outcome};
use crate::fake_dixa::{self, FakeDixa};
use crate::gateway::Gateway;
use crate::hostile;
use crate::memory::Memory;
use crate::requests::Template;
use crate::store::Database;

/// One measured cell.
pub struct Cell {
    /// The request kind.
    pub path: PathKind,
    /// Concurrent connections.
    pub connections: usize,
    /// What the driver saw.
    pub outcome: Outcome,
    /// Agents the fake created during the cell, warm-up included: 0 but for the 201.
    pub dispatched: u64,
    /// The gateway's memory after the cell.
    pub memory: Memory,
    /// The gateway's CPU time per measured answer, in µs.
    pub cpu_per_request_us: f64,
    /// Errors during the cell's warm-up.
    pub warmup_errors: u64,
}

/// One store's results.
pub struct StoreRun {
    /// The store.
    pub store: StoreKind,
    /// Every cell, in the order run.
    pub cells: Vec<Cell>,
    /// The gateway's memory after the store's warm-up.
    pub after_warmup: Memory,
    /// Errors during the store's warm-up.
    pub warmup_errors: u64,
    /// With `--compare-metrics`, the same cells on the gateway started with `--no-metrics`, in
    /// the same order.
    pub without_metrics: Vec<Cell>,
    /// The hostile phase, with `--hostile`.
    pub hostile: Option<hostile::Outcome>,
}

impl StoreRun {
    /// The gateway's memory after the last cell.
    pub fn after_run(&self) -> Memory {
        self.cells
            .last()
            .map_or(self.after_warmup, |cell| cell.memory)
    }

    /// The cell of `path` at `connections`.
    pub fn cell(&self, path: PathKind, connections: usize) -> Option<&Cell> {
        self.cells
            .iter()
            .find(|cell| cell.path == path && cell.connections == connections)
    }
}

/// Runs every cell of `store`; the gateway is killed on return, whichever way.
pub fn run(
    runtime: &Runtime,
    args: &Args,
    unified: &Unified,
    fake: &FakeDixa,
    store: StoreKind,
) -> Result<StoreRun, String> {
    let database = Database::new(store)?;
    let token = unified.create_token(&database)?;
    let account = unified.add_account(&database, &fake.base_url(), fake_dixa::CREDENTIAL)?;
    let gateway = Gateway::start(unified, &database, &args.serve_args)?;
    let bare = if args.compare_metrics {
        let mut serve_args = args.serve_args.clone();
        serve_args.push("--no-metrics".to_owned());
        Some(Gateway::start(unified, &database, &serve_args)?)
    } else {
        None
    };
    let most = args.connections.iter().copied().max().unwrap_or(1);

    // Every path at the highest concurrency first, so one-time growth (connections, caches,
    // pools, worker threads) is in the baseline and the run's growth is what stays.
    let mut warmup_errors = 0;
    for gateway in std::iter::once(&gateway).chain(&bare) {
        for &path in &args.paths {
            warmup_errors += warm_up(runtime, args, gateway, &token, &account, path, most);
        }
    }
    let after_warmup = gateway.memory()?;
    eprintln!(
        "{}: gateway at {}, RSS after warm-up {} KiB",
        store.name(),
        gateway.addr,
        after_warmup.rss_kib
    );

    let mut cells = Vec::new();
    let mut without_metrics = Vec::new();
    // Paths inner: the ratios compare paths at one concurrency, measured close together.
    for &connections in &args.connections {
        for &path in &args.paths {
            let measured = |gateway: &Gateway, which: &str| {
                let cell = measure(
                    runtime,
                    args,
                    fake,
                    gateway,
                    &token,
                    &account,
                    path,
                    connections,
                )?;
                eprintln!(
                    "{}: {} × {connections}{which}: {:.0} req/s, {} errors",
                    store.name(),
                    path.status(),
                    cell.outcome.rate(),
                    cell.outcome.errors
                );
                Ok::<_, String>(cell)
            };
            let Some(bare) = &bare else {
                cells.push(measured(&gateway, "")?);
                continue;
            };
            // Alternating which goes first, so a drift over the run favours neither.
            if cells.len() % 2 == 0 {
                cells.push(measured(&gateway, " with metrics")?);
                without_metrics.push(measured(bare, " without metrics")?);
            } else {
                without_metrics.push(measured(bare, " without metrics")?);
                cells.push(measured(&gateway, " with metrics")?);
            }
        }
    }
    let hostile = if args.hostile {
        let outcome = hostile::run(
            &gateway,
            &token,
            &account,
            Duration::from_secs_f64(args.hostile_hold),
            Duration::from_secs_f64(args.hostile_settle),
        )?;
        eprintln!(
            "{}: hostile phase: {} odd requests, RSS {} KiB before, {} KiB at the peak, {} KiB \
             after",
            store.name(),
            outcome.sent,
            outcome.before.rss_kib,
            outcome.peak_kib,
            outcome.after_kib.last().map_or(0, |(_, kib)| *kib)
        );
        Some(outcome)
    } else {
        None
    };
    drop(gateway);
    Ok(StoreRun {
        store,
        cells,
        after_warmup,
        warmup_errors,
        without_metrics,
        hostile,
    })
}

/// Unrecorded load of `path` on `gateway`: the errors it saw.
fn warm_up(
    runtime: &Runtime,
    args: &Args,
    gateway: &Gateway,
    token: &str,
    account: &str,
    path: PathKind,
    connections: usize,
) -> u64 {
    let template = Arc::new(Template::new(path, gateway.addr, token, account));
    let outcome = runtime.block_on(driver::run(
        gateway.addr,
        template,
        connections,
        args.warmup(),
    ));
    outcome.errors
}

/// One cell on `gateway`: a warm-up, then the measured load, with the gateway's CPU time and
/// memory.
#[allow(clippy::too_many_arguments)]
fn measure(
    runtime: &Runtime,
    args: &Args,
    fake: &FakeDixa,
    gateway: &Gateway,
    token: &str,
    account: &str,
    path: PathKind,
    connections: usize,
) -> Result<Cell, String> {
    let created = fake.created();
    let warmup_errors = warm_up(runtime, args, gateway, token, account, path, connections);
    // The measured part alone, so the CPU time is of the measured answers only.
    let cpu_before = gateway.cpu_seconds()?;
    let template = Arc::new(Template::new(path, gateway.addr, token, account));
    let outcome = runtime.block_on(driver::run(
        gateway.addr,
        template,
        connections,
        args.measure(),
    ));
    let cpu = gateway.cpu_seconds()? - cpu_before;
    let answered = outcome.latencies.len().max(1) as f64;
    Ok(Cell {
        path,
        connections,
        dispatched: fake.created() - created,
        memory: gateway.memory()?,
        cpu_per_request_us: cpu * 1e6 / answered,
        warmup_errors,
        outcome,
    })
}
