//! Runs every set-size measurement many times, for `valgrind --tool=callgrind` to count
//! instructions: `callgrind_sets <iterations> [measurement] [size]` (every measurement and size
//! unless named). `bench/callgrind-sets.sh` drives it and divides
//! each measurement's inclusive count by the iterations.

use std::hint::black_box;

use unified_bench::sets::{Documents, SET_MEASUREMENTS};

fn main() {
    let iterations: usize = std::env::args()
        .nth(1)
        .and_then(|text| text.parse().ok())
        .unwrap_or_else(|| {
            eprintln!("usage: callgrind_sets <iterations> [measurement] [size]");
            std::process::exit(2);
        });
    let only_name = std::env::args().nth(2);
    let only_size: Option<usize> = std::env::args().nth(3).and_then(|text| text.parse().ok());
    let documents = Documents::new();
    let chosen: Vec<_> = SET_MEASUREMENTS
        .iter()
        .filter(|(name, _)| only_name.as_deref().is_none_or(|only| only == *name))
        .flat_map(|(_, sizes)| sizes.iter())
        .filter(|(size, _)| only_size.is_none_or(|only| only == *size))
        .map(|(_, measure)| *measure)
        .collect();
    for _ in 0..iterations {
        for measure in &chosen {
            black_box(measure(black_box(&documents)));
        }
    }
}
