//! Allocations per call of each measurement, for every case, as a Markdown table:
//! `cargo run --release -p unified-bench --example allocations`. Counted by a global allocator
//! (the `allocation-counter` crate), so this runs apart from the timed benchmarks.

use std::hint::black_box;

use unified_bench::{
    Case, cases, parse, reference_errors, reference_is_valid, unified_is_valid, unified_validate,
};

/// Allocations made by one call of `measure` on `case`.
fn allocations(case: &Case, measure: fn(&Case) -> usize) -> u64 {
    allocation_counter::measure(|| {
        black_box(measure(black_box(case)));
    })
    .count_total
}

fn main() {
    let measurements: [fn(&Case) -> usize; 5] = [
        |case| usize::from(parse(case)),
        |case| usize::from(unified_is_valid(case)),
        unified_validate,
        |case| usize::from(reference_is_valid(case)),
        reference_errors,
    ];
    println!(
        "| case | parse | is_valid | validate | js is_valid | js iter_errors | errors (ours / js) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---|");
    for case in cases() {
        let counts = measurements.map(|measure| allocations(&case, measure));
        let [parse, is_valid, validate, js_is_valid, js_errors] = counts;
        println!(
            "| {} | {parse} | {is_valid} | {validate} | {js_is_valid} | {js_errors} | {} / {} |",
            case.id(),
            unified_validate(&case),
            reference_errors(&case),
        );
    }
}
