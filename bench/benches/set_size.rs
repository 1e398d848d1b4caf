//! `cargo bench -p unified-bench --bench set_size`: validating one provider's ticket in sets of
//! 10, 500 and 1,000 providers, side by side in one run (criterion group `set-size/<measurement>`,
//! one benchmark per size), then each size's median against the set of 10's.

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use unified_bench::estimates::median_ns;
use unified_bench::sets::{Documents, SET_MEASUREMENTS};

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let documents = Documents::new();
    for (name, sizes) in SET_MEASUREMENTS {
        let mut group = criterion.benchmark_group(format!("set-size/{name}"));
        for (size, measure) in sizes {
            group.bench_function(size.to_string(), |b| {
                b.iter(|| measure(black_box(&documents)))
            });
        }
        group.finish();
    }
    criterion.final_summary();
    if !std::env::args().any(|arg| arg == "--bench") {
        return;
    }
    println!(
        "| measurement | 10 providers ns | 500 providers ns | 1,000 providers ns | 500 / 10 | 1,000 / 10 |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for (name, sizes) in SET_MEASUREMENTS {
        let group = format!("set-size/{name}");
        let medians: Vec<Option<f64>> = sizes
            .iter()
            .map(|(size, _)| median_ns(&group, &size.to_string()))
            .collect();
        if let [Some(small), Some(middle), Some(large)] = medians[..] {
            println!(
                "| {name} | {small:.0} | {middle:.0} | {large:.0} | {:.3}x | {:.3}x |",
                middle / small,
                large / small
            );
        }
    }
}
