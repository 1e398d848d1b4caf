//! `cargo bench -p unified-bench --bench map_order`: what `serde_json`'s `preserve_order`, which
//! `unified-core` turns on so schemas keep their declaration order, costs a parse. Each body is
//! parsed into `serde_json::Value` (objects in an insertion-ordered map under that feature) and,
//! side by side, into an equivalent value whose objects are `BTreeMap`s (what `Value` holds
//! without the feature). Prints the ratio per case.

use std::hint::black_box;
use std::time::Duration;

use criterion::Criterion;
use unified_bench::map_order::{parse_insertion_ordered, parse_sorted};
use unified_bench::{Kind, cases};

/// A parse of JSON text; whether it succeeded.
type Parse = fn(&[u8]) -> bool;

const MEASUREMENTS: [(&str, Parse); 2] = [
    ("insertion-ordered", parse_insertion_ordered),
    ("sorted", parse_sorted),
];

fn main() {
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1))
        .configure_from_args();
    let cases: Vec<_> = cases()
        .into_iter()
        .filter(|case| matches!(case.kind, Kind::Full | Kind::ManyErrors))
        .collect();
    for case in &cases {
        let mut group = criterion.benchmark_group(format!("map-order/{}", case.id()));
        for (name, parse) in MEASUREMENTS {
            group.bench_function(name, |b| b.iter(|| parse(black_box(&case.text))));
        }
        group.finish();
    }
    criterion.final_summary();
}
