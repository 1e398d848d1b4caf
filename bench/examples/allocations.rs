//! Allocations per call of each measurement, for every case, as a Markdown table:
//! `cargo run --release -p unified-bench --example allocations`. Counted by a global allocator
//! (the `allocation-counter` crate), so this runs apart from the timed benchmarks.

use std::hint::black_box;

use unified_bench::{
    Case, MEASUREMENTS, Measurement, PerMeasurement, cases, reference_errors, unified_validate,
};

/// Allocations made by one call of `measure` on `case`.
fn allocations(case: &Case, measure: Measurement) -> u64 {
    allocation_counter::measure(|| {
        black_box(measure(black_box(case)));
    })
    .count_total
}

fn main() {
    println!(
        "| case | parse | is_valid | validate | js is_valid | js iter_errors | rendered | js rendered | read is_valid | read validate | typed via Value | typed read | errors (ours / js) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for case in cases() {
        let c = PerMeasurement::from(MEASUREMENTS.map(|(_, measure)| allocations(&case, measure)));
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} / {} |",
            case.id(),
            c.parse,
            c.is_valid,
            c.validate,
            c.js_is_valid,
            c.js_errors,
            c.rendered,
            c.js_rendered,
            c.read_is_valid,
            c.read_validate,
            c.typed_parsed,
            c.typed_read,
            unified_validate(&case),
            reference_errors(&case),
        );
    }
}
