//! `cargo bench -p unified-bench --bench validation`: for every provider and body kind, all the
//! measurements side by side in one run (criterion group `<kind>/<provider>`), then the tables
//! of ratios that BENCHMARKS.md quotes, printed and written to `<criterion dir>/ratios.md`.

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use unified_bench::{MEASUREMENTS, cases};

fn main() {
    // Short by default: 1200 benchmarks on a two-core machine; `--measurement-time` overrides.
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    let cases = cases();
    for case in &cases {
        let mut group = criterion.benchmark_group(case.id());
        for (name, measure) in MEASUREMENTS {
            group.bench_function(name, |b| b.iter(|| measure(black_box(case))));
        }
        group.finish();
    }
    criterion.final_summary();
    if std::env::args().any(|arg| arg == "--bench") {
        ratios::print(&cases);
    }
}

/// The ratio table, read back from criterion's estimates of this run.
mod ratios {
    use std::fmt::Write;

    use unified_bench::estimates::{criterion_dir, median_ns};
    use unified_bench::{Case, PerMeasurement};

    /// The median time of one measurement in nanoseconds, if criterion estimated it.
    fn median(case: &Case, measurement: &str) -> Option<f64> {
        median_ns(&case.id(), measurement)
    }

    /// Prints the tables and writes them beside criterion's reports.
    pub fn print(cases: &[Case]) {
        let mut table = String::from(
            "| case | parse ns | is_valid ns | validate ns | js is_valid ns | js iter_errors ns \
             | rendered ns | js rendered ns \
             | js is_valid / is_valid | js iter_errors / validate | js rendered / rendered \
             | is_valid / parse | validate / parse |\n\
             |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        );
        let mut one_pass = String::from(
            "| case | parse + is_valid ns | read is_valid ns | parse + validate ns | read validate ns \
             | typed via Value ns | typed read ns | is_valid speed-up | validate speed-up \
             | typed speed-up | read is_valid / parse |\n\
             |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        );
        let mut generated = String::from(
            "| case | generated is_valid ns | is_valid ns | generated / ours \
             | generated iter_errors ns | validate ns | generated / ours |\n\
             |---|---:|---:|---:|---:|---:|---:|\n",
        );
        let mut views = String::from(
            "| case | serde alone ns | check, then serde ns | view in one pass ns \
             | view / serde alone | check, then serde / serde alone |\n\
             |---|---:|---:|---:|---:|---:|\n",
        );
        for case in cases {
            let times: Option<Vec<f64>> = unified_bench::MEASUREMENTS
                .iter()
                .map(|(name, _)| median(case, name))
                .collect();
            let Some(t) = times
                .and_then(|times| <[f64; unified_bench::MEASUREMENTS.len()]>::try_from(times).ok())
                .map(PerMeasurement::from)
            else {
                continue;
            };
            let _ = writeln!(
                table,
                "| {} | {:.0} | {:.1} | {:.1} | {:.0} | {:.0} | {:.1} | {:.0} \
                 | {:.1}x | {:.1}x | {:.1}x | {:.1}% | {:.1}% |",
                case.id(),
                t.parse,
                t.is_valid,
                t.validate,
                t.js_is_valid,
                t.js_errors,
                t.rendered,
                t.js_rendered,
                t.js_is_valid / t.is_valid,
                t.js_errors / t.validate,
                t.js_rendered / t.rendered,
                100.0 * t.is_valid / t.parse,
                100.0 * t.validate / t.parse,
            );
            let _ = writeln!(
                one_pass,
                "| {} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.0} | {:.1}x | {:.1}x | {:.1}x | {:.0}% |",
                case.id(),
                t.parse + t.is_valid,
                t.read_is_valid,
                t.parse + t.validate,
                t.read_validate,
                t.typed_parsed,
                t.typed_read,
                (t.parse + t.is_valid) / t.read_is_valid,
                (t.parse + t.validate) / t.read_validate,
                t.typed_parsed / t.typed_read,
                100.0 * t.read_is_valid / t.parse,
            );
            let _ = writeln!(
                generated,
                "| {} | {:.1} | {:.1} | {:.2}x | {:.1} | {:.1} | {:.2}x |",
                case.id(),
                t.generated_is_valid,
                t.is_valid,
                t.generated_is_valid / t.is_valid,
                t.generated_errors,
                t.validate,
                t.generated_errors / t.validate,
            );
            let _ = writeln!(
                views,
                "| {} | {:.0} | {:.0} | {:.0} | {:.2}x | {:.2}x |",
                case.id(),
                t.serde_typed,
                t.typed_read,
                t.view_read,
                t.view_read / t.serde_typed,
                t.typed_read / t.serde_typed,
            );
        }
        let tables = format!("{table}\n{generated}\n{one_pass}\n{views}");
        println!("\n{tables}");
        let path = criterion_dir().join("ratios.md");
        if std::fs::write(&path, &tables).is_ok() {
            println!("(also written to {})", path.display());
        }
    }
}
