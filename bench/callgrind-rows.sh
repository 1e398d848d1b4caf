#!/usr/bin/env bash
# Instruction counts per call of chosen measurements, one row per case, for bench/case-summary.py:
# `bench/callgrind-rows.sh [ITERATIONS] [CASE-PATTERN] [MEASUREMENT,..]` (default 50 iterations,
# every case, every measurement). Each row is `<case> <function>=<count> ..`: a function's
# inclusive count divided by the iterations, the fixtures' setup left out.
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-50}"
pattern="${2:-.}"
only="${3:-}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --release -p unified-bench --example callgrind
driver="$target/release/examples/callgrind"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for case in $("$driver" --list | grep -E -- "$pattern"); do
    file="$out/$(echo "$case" | tr / _).out"
    valgrind --tool=callgrind --callgrind-out-file="$file" "$driver" "$case" "$iterations" $only 2>/dev/null
    callgrind_annotate --inclusive=yes --threshold=100 "$file" 2>/dev/null | awk -v n="$iterations" -v id="$case" '
        { gsub(",", "", $1) }
        /:unified_bench::[a-z_]+ / {
            match($0, /unified_bench::[a-z_]+ /)
            name = substr($0, RSTART + 15, RLENGTH - 16)
            if (!(name in count)) { count[name] = $1 / n; order[++k] = name }
        }
        END { printf "%s", id; for (i = 1; i <= k; i++) printf " %s=%.0f", order[i], count[order[i]]; printf "\n" }'
done
