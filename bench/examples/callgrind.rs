//! Runs every measurement of one case many times, for `valgrind --tool=callgrind` to count
//! instructions: `callgrind <case id> <iterations> [measurement,..]` (every measurement unless
//! some are named; `callgrind --list` prints the case ids).
//! `bench/callgrind.sh` drives it for every case and divides each measurement's inclusive
//! instruction count by the iterations.

use std::hint::black_box;

use unified_bench::{MEASUREMENTS, cases};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cases = cases();
    if args.first().map(String::as_str) == Some("--list") {
        for case in &cases {
            println!("{}", case.id());
        }
        return;
    }
    let (id, iterations, only) = match args.as_slice() {
        [id, iterations] => (id, iterations, None),
        [id, iterations, only] => (id, iterations, Some(only.split(',').collect::<Vec<_>>())),
        _ => {
            eprintln!(
                "usage: callgrind <case id> <iterations> [measurement,..] | callgrind --list"
            );
            std::process::exit(2);
        }
    };
    let measurements: Vec<_> = MEASUREMENTS
        .iter()
        .filter(|(name, _)| only.as_ref().is_none_or(|only| only.contains(name)))
        .collect();
    let iterations: usize = iterations.parse().expect("iterations is a number");
    let case = cases
        .iter()
        .find(|case| &case.id() == id)
        .unwrap_or_else(|| panic!("no case `{id}`"));
    for _ in 0..iterations {
        for (_, measure) in &measurements {
            black_box(measure(black_box(case)));
        }
    }
}
