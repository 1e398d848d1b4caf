#!/usr/bin/env bash
# The gateway under load: builds `unified` and the `load` driver in release, then runs it
# (`bench/load.sh [--seconds F] [--warmup F] [--connections 1,16,64] [--stores sqlite,postgres]
# [--paths 401,404,400,201] [--compare-metrics] [--json FILE]`). Prints a Markdown report; the
# progress goes to stderr. PostgreSQL runs in a private cluster the driver starts (see
# test-tools/postgres.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
# One build for both, so the shared crates are built once, with one set of features.
cargo build --quiet --release -p unified-cli -p unified-bench --bin unified --bin load
exec "$target/release/load" --unified "$target/release/unified" "$@"
