#!/usr/bin/env bash
# Builds every fuzz target with nightly and runs each for SECONDS (default 60) on a copy of its
# seed corpus, so corpus/ stays as committed, as many at once as there are cores. Prints each target's executions; exits non-zero
# naming the target and its artifact on any crash.
#   fuzz/run.sh [SECONDS]
set -euo pipefail

seconds="${1:-60}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz --locked
fi

# No sanitizer: the fuzzed crates forbid unsafe code, so what the targets look for is a panic,
# a hang or an answer that breaks their checks, and AddressSanitizer's instrumentation would
# slow the build and every run.
sanitizer=none
build_start=$SECONDS
cargo +nightly fuzz build -O -s "$sanitizer"
echo "fuzz: built every target in $((SECONDS - build_start)) s"

# Runs `target` for SECONDS on a scratch copy of its corpus (libFuzzer writes what it finds into
# the first corpus folder); its log and exit code go to target/fuzz-TARGET.log and .code.
run_target() {
    local target="$1" scratch="target/fuzz-corpus/$1" code=0
    mkdir -p "$scratch" "artifacts/$target"
    cp -f corpus/"$target"/* "$scratch"/
    cargo +nightly fuzz run -O -s "$sanitizer" "$target" "$scratch" -- \
        -max_total_time="$seconds" -print_final_stats=1 >"target/fuzz-$target.log" 2>&1 \
        || code=$?
    echo "$code" >"target/fuzz-$target.code"
}

# One target per core at a time: each libFuzzer run is one process.
cores="$(nproc 2>/dev/null || echo 1)"
targets="$(cargo +nightly fuzz list)"
running=0
for target in $targets; do
    run_target "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$cores" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

status=0
for target in $targets; do
    log="target/fuzz-$target.log"
    code="$(cat "target/fuzz-$target.code" 2>/dev/null || echo "no exit code")"
    runs="$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -1 || true)"
    if [ "$code" != 0 ]; then
        artifact="$(grep -o 'artifacts/[^ ]*' "$log" | tail -1 || true)"
        echo "fuzz: $target CRASHED (exit $code); artifact: fuzz/${artifact:-?}; log: fuzz/$log"
        grep -m1 -A12 'panicked at\|ERROR: libFuzzer' "$log" || true
        status=1
    else
        echo "fuzz: $target: ${runs:-no run count in fuzz/$log}"
    fi
done
exit "$status"
