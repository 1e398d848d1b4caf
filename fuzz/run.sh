#!/usr/bin/env bash
# Builds every fuzz target with nightly and runs each for SECONDS (default 60) on a copy of its
# seed corpus, so corpus/ stays as committed. Prints each target's executions; exits non-zero
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

status=0
for target in $(cargo +nightly fuzz list); do
    # libFuzzer writes what it finds into the first corpus folder: a scratch copy, not corpus/.
    scratch="target/fuzz-corpus/$target"
    mkdir -p "$scratch" "artifacts/$target"
    cp -f corpus/"$target"/* "$scratch"/
    log="target/fuzz-$target.log"
    set +e
    cargo +nightly fuzz run -O -s "$sanitizer" "$target" "$scratch" -- \
        -max_total_time="$seconds" -print_final_stats=1 >"$log" 2>&1
    code=$?
    set -e
    runs="$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -1 || true)"
    if [ "$code" -ne 0 ]; then
        artifact="$(grep -o 'artifacts/[^ ]*' "$log" | tail -1 || true)"
        echo "fuzz: $target CRASHED (exit $code); artifact: fuzz/${artifact:-?}; log: fuzz/$log"
        grep -m1 -A12 'panicked at\|ERROR: libFuzzer' "$log" || true
        status=1
    else
        echo "fuzz: $target: ${runs:-no run count in fuzz/$log}"
    fi
done
exit "$status"
