#!/usr/bin/env bash
# Instructions per call of each set-size measurement (validating provider p0001's ticket in sets
# of 10, 500 and 1,000 providers) under callgrind: `bench/callgrind-sets.sh [ITERATIONS]`
# (default 200). Prints a Markdown table with each size against the set of 10.
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-200}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --release -p unified-bench --example callgrind_sets
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out" \
    "$target/release/examples/callgrind_sets" "$iterations" 2>/dev/null
callgrind_annotate --inclusive=yes --threshold=100 "$out" 2>/dev/null | python3 -c '
import re, sys
n = int(sys.argv[1])
count = {}
for line in sys.stdin:
    found = re.search(r"unified_bench::sets::(is_valid|validate|missing|view)_(10|500|1000)\b", line)
    if found:
        count[found.group(1), found.group(2)] = int(line.split()[0].replace(",", "")) / n
print("| measurement | 10 providers | 500 providers | 1,000 providers | 500 / 10 | 1,000 / 10 |")
print("|---|---:|---:|---:|---:|---:|")
for name in ("is_valid", "validate", "missing", "view"):
    small, middle, large = (count[name, size] for size in ("10", "500", "1000"))
    print(f"| {name} | {small:.0f} | {middle:.0f} | {large:.0f} | {middle / small:.3f}x | {large / small:.3f}x |")
' "$iterations"
