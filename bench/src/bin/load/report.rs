//! The report: a Markdown table per cell, the ratios the targets name (each marked met or
//! missed), the gateway's memory (and around the hostile phase, with `--hostile`), what metrics
//! cost (with `--compare-metrics`), and the same numbers as JSON.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::args::{Args, PathKind, StoreKind};
use crate::run::{Cell, StoreRun};

/// A path's rate over another's, per store and concurrency: at least this on SQLite.
const PATH_TARGET: f64 = 0.8;
/// PostgreSQL's rate over SQLite's, per path and concurrency: at least this.
const STORE_TARGET: f64 = 0.7;
/// The throughput metrics may cost, as a share of the rate without them: less than this.
const METRICS_TARGET: f64 = 0.05;

/// The path ratios the targets name: (numerator, denominator).
const PATH_RATIOS: [(PathKind, PathKind); 2] = [
    (PathKind::Invalid, PathKind::NotFound),
    (PathKind::NotFound, PathKind::Unauthorized),
];

/// The Markdown report.
pub fn markdown(args: &Args, runs: &[StoreRun], failed: &[(StoreKind, String)]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Gateway load\n\n{}\n", settings(args));
    let _ = writeln!(
        out,
        "| store | path | connections | req/s | p50 µs | p99 µs | gateway CPU µs/req | RSS after, MiB | errors |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for run in runs {
        // In the order run, so a concurrency given twice shows both cells.
        for cell in &run.cells {
            let outcome = &cell.outcome;
            let micros = |q| {
                outcome
                    .percentile(q)
                    .map_or("-".to_owned(), |v| v.to_string())
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {:.0} | {} | {} | {:.1} | {:.1} | {} |",
                run.store.name(),
                cell.path.status(),
                cell.connections,
                outcome.rate(),
                micros(0.50),
                micros(0.99),
                cell.cpu_per_request_us,
                cell.memory.rss_kib as f64 / 1024.0,
                errors(cell),
            );
        }
    }

    let _ = writeln!(out, "\n## Ratios of throughput\n");
    let _ = writeln!(out, "| store | ratio | connections | value | target | |");
    let _ = writeln!(out, "|---|---|---:|---:|---:|---|");
    for run in runs {
        for (over, under) in PATH_RATIOS {
            for &connections in &args.connections {
                let target = (run.store == StoreKind::Sqlite).then_some(PATH_TARGET);
                if let Some(ratio) = ratio(run, over, run, under, connections) {
                    let name = format!("{}/{}", over.status(), under.status());
                    let _ = writeln!(
                        out,
                        "| {} | {name} | {connections} | {}",
                        run.store.name(),
                        judged(ratio, target)
                    );
                }
            }
        }
    }
    let sqlite = runs.iter().find(|run| run.store == StoreKind::Sqlite);
    let postgres = runs.iter().find(|run| run.store == StoreKind::Postgres);
    if let (Some(sqlite), Some(postgres)) = (sqlite, postgres) {
        for &path in &args.paths {
            for &connections in &args.connections {
                if let Some(ratio) = ratio(postgres, path, sqlite, path, connections) {
                    let _ = writeln!(
                        out,
                        "| PostgreSQL/SQLite | {} | {connections} | {}",
                        path.status(),
                        judged(ratio, Some(STORE_TARGET))
                    );
                }
            }
        }
    }

    let _ = writeln!(out, "\n## Gateway memory\n");
    let _ = writeln!(
        out,
        "| store | RSS after warm-up | RSS after run | growth | peak RSS |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|");
    for run in runs {
        let (before, after) = (run.after_warmup, run.after_run());
        let growth = (after.rss_kib as f64 / before.rss_kib.max(1) as f64 - 1.0) * 100.0;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {growth:+.1}% | {} |",
            run.store.name(),
            mib(before.rss_kib),
            mib(after.rss_kib),
            mib(after.hwm_kib),
        );
    }

    if runs.iter().any(|run| run.hostile.is_some()) {
        hostile_markdown(&mut out, runs);
    }
    if runs.iter().any(|run| !run.without_metrics.is_empty()) {
        metrics_markdown(&mut out, runs);
    }

    let _ = writeln!(out, "\n## Checks\n");
    for run in runs {
        let stray: Vec<String> = run
            .cells
            .iter()
            .filter(|cell| cell.path != PathKind::Created && cell.dispatched > 0)
            .map(|cell| format!("{} × {}", cell.path.status(), cell.connections))
            .collect();
        let _ = writeln!(
            out,
            "- {}: {} errors in the warm-ups; {}",
            run.store.name(),
            run.warmup_errors + run.cells.iter().map(|cell| cell.warmup_errors).sum::<u64>(),
            if stray.is_empty() {
                "only the 201 cells reached the fake Dixa".to_owned()
            } else {
                format!("these cells reached the fake Dixa: {}", stray.join(", "))
            }
        );
    }
    for (store, why) in failed {
        let _ = writeln!(out, "- {}: not measured: {why}", store.name());
    }
    out
}

/// The hostile phase's section: the gateway's memory before, at the peak and after, and the
/// answers the odd requests got.
fn hostile_markdown(out: &mut String, runs: &[StoreRun]) {
    let _ = writeln!(out, "\n## Gateway memory under a hostile phase\n");
    let _ = writeln!(
        out,
        "| store | RSS before | peak RSS during | RSS right after | RSS later | attack | odd requests | answers | 5xx but 503 |"
    );
    let _ = writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---|---:|");
    for run in runs {
        let Some(hostile) = &run.hostile else {
            continue;
        };
        let right_after = hostile.after_kib.first().map_or(0, |(_, kib)| *kib);
        let (settled, later) = hostile
            .after_kib
            .last()
            .map_or((0.0, 0), |(at, kib)| (at.as_secs_f64(), *kib));
        let answers: Vec<String> = hostile
            .statuses
            .iter()
            .map(|(status, count)| match status {
                Some(status) => format!("{status}: {count}"),
                None => format!("closed: {count}"),
            })
            .collect();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} after {settled:.0} s | {:.1} s | {} | {} | {} |",
            run.store.name(),
            mib(hostile.before.rss_kib),
            mib(hostile.peak_kib),
            mib(right_after),
            mib(later),
            hostile.attack.as_secs_f64(),
            hostile.sent,
            answers.join(", "),
            hostile.server_errors(),
        );
    }
}

/// What metrics cost: each cell with and without them, measured back to back, then the median
/// cost per path and concurrency, judged against the target.
fn metrics_markdown(out: &mut String, runs: &[StoreRun]) {
    let _ = writeln!(out, "\n## What metrics cost\n");
    let _ = writeln!(
        out,
        "| store | path | connections | req/s with | req/s without | throughput cost | CPU µs/req with | CPU µs/req without | CPU cost |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for run in runs {
        for (with, without) in run.cells.iter().zip(&run.without_metrics) {
            let (rate, bare_rate) = (with.outcome.rate(), without.outcome.rate());
            let (cost, cpu_cost) = costs(with, without);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {rate:.0} | {bare_rate:.0} | {:+.1}% | {:.1} | {:.1} | {:+.1}% |",
                run.store.name(),
                with.path.status(),
                with.connections,
                cost * 100.0,
                with.cpu_per_request_us,
                without.cpu_per_request_us,
                cpu_cost * 100.0,
            );
        }
    }
    // On a shared machine one pair swings either way: the median over the pairs of a path and
    // concurrency (give a concurrency several times) is what the target is judged on.
    let _ = writeln!(
        out,
        "\n| store | path | connections | pairs | median throughput cost | median CPU cost | target |"
    );
    let _ = writeln!(out, "|---|---|---:|---:|---:|---:|---|");
    for run in runs {
        let mut groups: Vec<(PathKind, usize, Vec<Costs>)> = Vec::new();
        for (with, without) in run.cells.iter().zip(&run.without_metrics) {
            let pair = costs(with, without);
            match groups.iter_mut().find(|(path, connections, _)| {
                *path == with.path && *connections == with.connections
            }) {
                Some((_, _, pairs)) => pairs.push(pair),
                None => groups.push((with.path, with.connections, vec![pair])),
            }
        }
        for (path, connections, pairs) in groups {
            let cost = median(pairs.iter().map(|pair| pair.0).collect());
            let cpu_cost = median(pairs.iter().map(|pair| pair.1).collect());
            let verdict = if cost < METRICS_TARGET {
                "met"
            } else {
                "**missed**"
            };
            let _ = writeln!(
                out,
                "| {} | {} | {connections} | {} | {:+.1}% | {:+.1}% | < {:.0}%: {verdict} |",
                run.store.name(),
                path.status(),
                pairs.len(),
                cost * 100.0,
                cpu_cost * 100.0,
                METRICS_TARGET * 100.0,
            );
        }
    }
}

/// What metrics cost in one pair of cells: the throughput lost and the CPU added per answer.
type Costs = (f64, f64);

/// The [`Costs`] of one pair: 1 − with/without for the throughput, with/without − 1 for the
/// CPU per answer.
fn costs(with: &Cell, without: &Cell) -> Costs {
    let rate = with.outcome.rate() / without.outcome.rate().max(f64::MIN_POSITIVE);
    let cpu = with.cpu_per_request_us / without.cpu_per_request_us.max(1e-9);
    (1.0 - rate, cpu - 1.0)
}

/// The median of `values` (the mean of the middle two when even).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    match values.len() {
        0 => f64::NAN,
        len if len % 2 == 1 => values[middle],
        _ => (values[middle - 1] + values[middle]) / 2.0,
    }
}

/// Every measurement as JSON.
pub fn json(args: &Args, runs: &[StoreRun], failed: &[(StoreKind, String)]) -> Value {
    let cells: Vec<Value> = runs
        .iter()
        .flat_map(|run| run.cells.iter().map(move |cell| cell_json(run.store, cell)))
        .collect();
    let without_metrics: Vec<Value> = runs
        .iter()
        .flat_map(|run| {
            run.without_metrics
                .iter()
                .map(move |cell| cell_json(run.store, cell))
        })
        .collect();
    let memory: Vec<Value> = runs
        .iter()
        .map(|run| {
            json!({
                "store": run.store.name(),
                "rss_kib_after_warmup": run.after_warmup.rss_kib,
                "rss_kib_after_run": run.after_run().rss_kib,
                "hwm_kib_after_run": run.after_run().hwm_kib,
                "warmup_errors": run.warmup_errors,
                "hostile": run.hostile.as_ref().map(|hostile| json!({
                    "rss_kib_before": hostile.before.rss_kib,
                    "peak_rss_kib": hostile.peak_kib,
                    "attack_seconds": hostile.attack.as_secs_f64(),
                    "rss_kib_after": hostile.after_kib
                        .iter()
                        .map(|(at, kib)| json!({"seconds": at.as_secs_f64(), "rss_kib": kib}))
                        .collect::<Vec<_>>(),
                    "odd_requests": hostile.sent,
                    "answers": hostile.statuses
                        .iter()
                        .map(|(status, count)| json!({"status": status, "count": count}))
                        .collect::<Vec<_>>(),
                })),
            })
        })
        .collect();
    json!({
        "cores": std::thread::available_parallelism().map_or(0, usize::from),
        "seconds": args.seconds,
        "warmup": args.warmup,
        "unified": args.unified.display().to_string(),
        "serve_args": args.serve_args,
        "cells": cells,
        "without_metrics": without_metrics,
        "memory": memory,
        "failed": failed
            .iter()
            .map(|(store, why)| json!({"store": store.name(), "why": why}))
            .collect::<Vec<_>>(),
    })
}

/// One cell as JSON.
fn cell_json(store: StoreKind, cell: &Cell) -> Value {
    let outcome = &cell.outcome;
    json!({
        "store": store.name(),
        "path": cell.path.status(),
        "connections": cell.connections,
        "requests": outcome.latencies.len(),
        "seconds": outcome.measured.as_secs_f64(),
        "requests_per_second": outcome.rate(),
        "latency_us": {
            "p50": outcome.percentile(0.50),
            "p90": outcome.percentile(0.90),
            "p99": outcome.percentile(0.99),
            "p999": outcome.percentile(0.999),
            "max": outcome.latencies.last(),
        },
        "errors": outcome.errors,
        "warmup_errors": cell.warmup_errors,
        "unexpected_statuses": outcome.unexpected
            .iter()
            .map(|(status, count)| json!({"status": status, "count": count}))
            .collect::<Vec<_>>(),
        "dispatched": cell.dispatched,
        "cpu_us_per_request": cell.cpu_per_request_us,
        "rss_kib_after": cell.memory.rss_kib,
        "hwm_kib_after": cell.memory.hwm_kib,
    })
}

/// The machine and the settings, in a sentence.
fn settings(args: &Args) -> String {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let sharing = if args.stores.contains(&StoreKind::Postgres) {
        "the driver, the fake Dixa, the gateway and PostgreSQL"
    } else {
        "the driver, the fake Dixa and the gateway"
    };
    let connections: Vec<String> = args.connections.iter().map(usize::to_string).collect();
    let paths: Vec<String> = args
        .paths
        .iter()
        .map(|path| path.status().to_string())
        .collect();
    let stores: Vec<&str> = args.stores.iter().map(|store| store.name()).collect();
    let mut gateway = format!("`{}", args.unified.display());
    if !args.serve_args.is_empty() {
        let _ = write!(gateway, " serve {}", args.serve_args.join(" "));
    }
    gateway.push('`');
    format!(
        "{cores} cores, shared by {sharing}; {} s measured per cell after {} s of warm-up; \
         connections {}; paths {}; stores {}; gateway {gateway}.",
        args.seconds,
        args.warmup,
        connections.join(", "),
        paths.join(", "),
        stores.join(", "),
    )
}

/// The rate of `over` in `a` over that of `under` in `b`, at `connections`.
fn ratio(
    a: &StoreRun,
    over: PathKind,
    b: &StoreRun,
    under: PathKind,
    connections: usize,
) -> Option<f64> {
    let over = a.cell(over, connections)?.outcome.rate();
    let under = b.cell(under, connections)?.outcome.rate();
    (under > 0.0).then(|| over / under)
}

/// The value, target and verdict columns of a ratio's row.
fn judged(ratio: f64, target: Option<f64>) -> String {
    match target {
        Some(target) if ratio >= target => format!("{ratio:.2} | ≥ {target} | met |"),
        Some(target) => format!("{ratio:.2} | ≥ {target} | **missed** |"),
        None => format!("{ratio:.2} | none | |"),
    }
}

/// A cell's errors, with the unexpected statuses that made them.
fn errors(cell: &Cell) -> String {
    let outcome = &cell.outcome;
    if outcome.unexpected.is_empty() {
        return outcome.errors.to_string();
    }
    let statuses: Vec<String> = outcome
        .unexpected
        .iter()
        .map(|(status, count)| format!("{status}: {count}"))
        .collect();
    format!("{} ({})", outcome.errors, statuses.join(", "))
}

/// KiB as MiB, one decimal.
fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}
