//! `load`: the gateway under load. For each store (SQLite, PostgreSQL) it makes a token and a
//! Dixa account with the real `unified` CLI, starts `unified serve` on loopback against a fake
//! Dixa served here, and measures at each connection count the throughput and p50/p99 latency
//! of four requests: a 401 (no storage), a token-only 404, a 400 (token, account, validation,
//! no dispatch) and a 201 (dispatched). It prints a Markdown report with the targets' ratios
//! and the gateway's memory. With `--hostile`, each store's run ends with a hostile phase (slow
//! and odd clients, see `load/hostile.rs`) and the gateway's memory before, during and after it.
//! With `--compare-metrics`, a second gateway runs with `--no-metrics` and every cell is
//! measured on both, for what the metrics cost.
//! `bench/load.sh` builds both binaries in release and runs it.

// The crate root is `load.rs`, not `load/main.rs`, so its modules are named by path.
#[path = "load/args.rs"]
mod args;
#[path = "load/cli.rs"]
mod cli;
#[path = "load/cpu.rs"]
mod cpu;
#[path = "load/driver.rs"]
mod driver;
#[path = "load/fake_dixa.rs"]
mod fake_dixa;
#[path = "load/gateway.rs"]
mod gateway;
#[path = "load/hostile.rs"]
mod hostile;
#[path = "load/memory.rs"]
mod memory;
#[path = "load/report.rs"]
mod report;
#[path = "load/requests.rs"]
mod requests;
#[path = "load/run.rs"]
mod run;
#[path = "load/store.rs"]
mod store;

use std::process::ExitCode;

use clap::Parser;

use crate::args::Args;
use crate::cli::Unified;
use crate::fake_dixa::FakeDixa;

fn main() -> ExitCode {
    let args = Args::parse();
    if let Err(why) = args.check() {
        eprintln!("load: {why}");
        return ExitCode::from(2);
    }
    let unified = match Unified::new(&args.unified) {
        Ok(unified) => unified,
        Err(why) => {
            eprintln!("load: {why}");
            return ExitCode::from(2);
        }
    };
    // The driver and the fake share one runtime, one worker per core as tokio's default.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime starts");
    let fake = match runtime.block_on(FakeDixa::start()) {
        Ok(fake) => fake,
        Err(error) => {
            eprintln!("load: cannot start the fake Dixa: {error}");
            return ExitCode::FAILURE;
        }
    };

    let mut runs = Vec::new();
    let mut failed = Vec::new();
    for &store in &args.stores {
        match run::run(&runtime, &args, &unified, &fake, store) {
            Ok(done) => runs.push(done),
            Err(why) => {
                eprintln!("load: {}: {why}", store.name());
                failed.push((store, why));
            }
        }
    }

    print!("{}", report::markdown(&args, &runs, &failed));
    if let Some(path) = &args.json {
        let text = serde_json::to_string_pretty(&report::json(&args, &runs, &failed))
            .expect("numbers and strings serialize");
        if let Err(error) = std::fs::write(path, text + "\n") {
            eprintln!("load: cannot write {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let errors: u64 = runs
        .iter()
        .flat_map(|run| run.cells.iter().chain(&run.without_metrics))
        .map(|cell| cell.outcome.errors)
        .sum::<u64>()
        + runs
            .iter()
            .filter_map(|run| run.hostile.as_ref())
            .map(hostile::Outcome::server_errors)
            .sum::<u64>();
    if failed.is_empty() && errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
