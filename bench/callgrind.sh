#!/usr/bin/env bash
# Instruction counts per call of every measurement, for every case, under callgrind:
# `bench/callgrind.sh [ITERATIONS] [CASE-PATTERN]` (default 200 iterations, every case).
# Each count is a function's inclusive instruction count divided by the iterations, so the
# fixtures' setup (compiling the reference validators) is left out. Prints two Markdown tables:
# against `jsonschema` and the parse, then reading the text in one pass.
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-200}"
pattern="${2:-.}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --release -p unified-bench --example callgrind
driver="$target/release/examples/callgrind"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

for case in $("$driver" --list | grep -E -- "$pattern"); do
    file="$out/$(echo "$case" | tr / _).out"
    valgrind --tool=callgrind --callgrind-out-file="$file" "$driver" "$case" "$iterations" 2>/dev/null
    callgrind_annotate --inclusive=yes --threshold=100 "$file" 2>/dev/null | awk -v n="$iterations" -v id="$case" '
        { gsub(",", "", $1) }
        $0 ~ /:unified_bench::parse / { p = $1 / n }
        $0 ~ /:unified_bench::unified_is_valid / { v = $1 / n }
        $0 ~ /:unified_bench::unified_validate / { r = $1 / n }
        $0 ~ /:unified_bench::reference_is_valid / { jv = $1 / n }
        $0 ~ /:unified_bench::reference_errors / { jr = $1 / n }
        $0 ~ /:unified_bench::unified_validate_rendered / { t = $1 / n }
        $0 ~ /:unified_bench::reference_errors_rendered / { jt = $1 / n }
        $0 ~ /:unified_bench::read_is_valid / { rv = $1 / n }
        $0 ~ /:unified_bench::read_validate / { rr = $1 / n }
        $0 ~ /:unified_bench::typed_parsed / { tp = $1 / n }
        $0 ~ /:unified_bench::typed_read / { tr = $1 / n }
        $0 ~ /:unified_bench::serde_typed / { st = $1 / n }
        $0 ~ /:unified_bench::view_read / { vr = $1 / n }
        $0 ~ /:unified_bench::generated_is_valid / { gv = $1 / n }
        $0 ~ /:unified_bench::generated_errors / { ge = $1 / n }
        END {
            printf "A| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1fx | %.1fx | %.1fx | %.1f%% | %.1f%% |\n",
                id, p, v, r, jv, jr, t, jt, jv / v, jr / r, jt / t, 100 * v / p, 100 * r / p
            printf "B| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1fx | %.1fx | %.1fx | %.0f%% |\n",
                id, p + v, rv, p + r, rr, tp, tr, (p + v) / rv, (p + r) / rr, tp / tr, 100 * rv / p
            printf "C| %s | %.0f | %.0f | %.0f | %.2fx | %.2fx |\n", id, st, tr, vr, vr / st, tr / st
            printf "D| %s | %.0f | %.0f | %.2fx | %.0f | %.0f | %.2fx |\n", id, gv, v, gv / v, ge, r, ge / r
        }'
done > "$out/rows"

echo "| case | parse Ir | is_valid Ir | validate Ir | js is_valid Ir | js iter_errors Ir | rendered Ir | js rendered Ir | js is_valid / is_valid | js iter_errors / validate | js rendered / rendered | is_valid / parse | validate / parse |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
sed -n 's/^A//p' "$out/rows"
echo
echo "| case | parse + is_valid Ir | read is_valid Ir | parse + validate Ir | read validate Ir | typed via Value Ir | typed read Ir | is_valid speed-up | validate speed-up | typed speed-up | read is_valid / parse |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
sed -n 's/^B//p' "$out/rows"
echo
echo "| case | serde alone Ir | check, then serde Ir | view in one pass Ir | view / serde alone | check, then serde / serde alone |"
echo "|---|---:|---:|---:|---:|---:|"
sed -n 's/^C//p' "$out/rows"
echo
echo "| case | generated is_valid Ir | is_valid Ir | generated / ours | generated iter_errors Ir | validate Ir | generated / ours |"
echo "|---|---:|---:|---:|---:|---:|---:|"
sed -n 's/^D//p' "$out/rows"
