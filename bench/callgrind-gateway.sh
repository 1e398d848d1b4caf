#!/usr/bin/env bash
# Instructions per request in the gateway's handler for the load driver's 400 (a body Dixa
# refuses) and token-only 404, counted by callgrind on the real `unified serve`:
# `bench/callgrind-gateway.sh [REQUESTS] [UNIFIED]` (default 200 requests each, and the release
# build of `unified`, built first). Only the handler is counted (everything below
# `routes::operation::handle`), not hyper, the kernel or the wake-ups; the first request's
# cache misses are spread over the rest. Needs valgrind and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-200}"
target="${CARGO_TARGET_DIR:-target}"
if [ -n "${2:-}" ]; then
    unified="$2"
else
    cargo build --quiet --release -p unified-cli --bin unified
    unified="$target/release/unified"
fi
for tool in valgrind curl callgrind_annotate; do
    command -v "$tool" > /dev/null || { echo "$tool is needed (apt-get install valgrind curl)" >&2; exit 2; }
done
work="$(mktemp -d)"
gateway=""
trap '[ -n "$gateway" ] && kill "$gateway" 2> /dev/null; rm -rf "$work"' EXIT
export UNIFIED_DB="$work/unified.db"
UNIFIED_MASTER_KEY="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export UNIFIED_MASTER_KEY
token="$("$unified" token create --environment bench 2> /dev/null)"
account="$(echo "bench-credential" | "$unified" account add --environment bench \
    --provider dixa --base-url http://127.0.0.1:9 2> /dev/null)"
port=$((20000 + RANDOM % 20000))
body='{"emails":[{"email":"a@example.com","type":"primary"}]}'

# Instructions per request of one path: `count LABEL RESOURCE STATUS`.
count() {
    local out="$work/$1.callgrind"
    valgrind --tool=callgrind --callgrind-out-file="$out" \
        --toggle-collect='unified_gateway::routes::operation::handle::*' \
        "$unified" serve --addr "127.0.0.1:$port" > "$work/$1.log" 2>&1 &
    gateway=$!
    local url="http://127.0.0.1:$port/unified/ticketing/$2?integrated_account_id=$account"
    for _ in $(seq 1 120); do
        curl -s -o /dev/null "http://127.0.0.1:$port/" && break
        sleep 0.5
    done
    local args=() index
    for index in $(seq 1 "$requests"); do
        [ "$index" -gt 1 ] && args+=(--next)
        args+=(-s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer $token"
            -H 'Content-Type: application/json' --data "$body" "$url")
    done
    local statuses
    statuses="$(curl "${args[@]}" | sort | uniq -c | tr -s ' ')"
    if [ "$statuses" != " $requests $3" ]; then
        echo "expected $requests answers with $3, got:$statuses" >&2
        exit 1
    fi
    callgrind_control -d "$gateway" > /dev/null 2>&1
    kill "$gateway"
    wait "$gateway" 2> /dev/null || true
    gateway=""
    local total
    total="$(callgrind_annotate "$out".1 2> /dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')"
    echo "| $1 | $requests | $((total / requests)) |"
}

echo "| path | requests | handler instructions per request |"
echo "|---|---:|---:|"
count 400 users 400
count 404 nothing 404
