#!/usr/bin/env bash
# Two builds of `unified` under the same load, in turns: `bench/side-by-side.sh ROUNDS BEFORE
# AFTER [LOAD ARGS..]` runs the load driver ROUNDS times on each build, alternating (before,
# after, before, ..), so that both share the machine's slow and quiet moments, then prints the
# medians of their rounds and the spread of each ratio (bench/round-medians.py). The load
# arguments default to the 400 against the token-only 404 on SQLite, six seconds a cell:
# `--stores sqlite --paths 404,400 --seconds 6 --warmup 1`. Each round's report is kept in a
# temporary directory, whose name is printed, for the rows BENCHMARKS.md links to.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$#" -lt 3 ]; then
    echo "usage: bench/side-by-side.sh ROUNDS BEFORE AFTER [LOAD ARGS..]" >&2
    exit 2
fi
rounds="$1" before="$2" after="$3"
shift 3
[ "$#" -gt 0 ] || set -- --stores sqlite --paths 404,400 --seconds 6 --warmup 1
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --release -p unified-bench --bin load
out="$(mktemp -d)"
echo "rounds in $out" >&2
for round in $(seq 1 "$rounds"); do
    for build in before after; do
        binary="$before"
        [ "$build" = after ] && binary="$after"
        echo "round $round, $build: $binary" >&2
        "$target/release/load" --unified "$binary" "$@" > "$out/$build-$round.md"
    done
done
python3 bench/round-medians.py "$out"
