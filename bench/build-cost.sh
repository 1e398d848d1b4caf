#!/usr/bin/env bash
# What a provider set's size costs its model crate's build: `bench/build-cost.sh [SIZES..]`
# (default 10 100 500 1000). Generates the many-providers crate for each size, builds it in
# debug and release, and prints build times, rlib sizes and the bytes each added provider costs
# per model (the table BENCHMARKS.md quotes).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --release -p unified-bench --bin build-cost -- "$@"
