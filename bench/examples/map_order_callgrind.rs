//! Parses one case's text both ways many times, for `valgrind --tool=callgrind` to count the
//! instructions of each: `map_order_callgrind <case id> <iterations>`.

use std::hint::black_box;

use unified_bench::cases;
use unified_bench::map_order::{parse_insertion_ordered, parse_sorted};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [id, iterations] = args.as_slice() else {
        eprintln!("usage: map_order_callgrind <case id> <iterations>");
        std::process::exit(2);
    };
    let iterations: usize = iterations.parse().expect("iterations is a number");
    let cases = cases();
    let case = cases
        .iter()
        .find(|case| &case.id() == id)
        .unwrap_or_else(|| panic!("no case `{id}`"));
    for _ in 0..iterations {
        black_box(parse_insertion_ordered(black_box(&case.text)));
        black_box(parse_sorted(black_box(&case.text)));
    }
}
