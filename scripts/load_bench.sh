#!/usr/bin/env bash
# Load benchmark of `newsbrief serve` (not a test): wrk against loopback,
# POST /v1/summarize with the bundled example cluster, at 1, 16 and 64
# connections for DURATION seconds each; reports requests/s, p50 and p99
# latency, failed requests, and the server's peak resident memory (VmHWM).
# Usage: scripts/load_bench.sh [DURATION_SECONDS]   (default 10)
#   BRIEF=1 scripts/load_bench.sh   asks for the brief too.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
  else
    echo "wrk not found: install it (Debian: apt-get install wrk)" >&2
    exit 1
  fi
fi
cargo build --release --quiet
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
target/release/newsbrief serve --addr "127.0.0.1:$port" 2>"$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
brief=false
[ "${BRIEF:-0}" = 1 ] && brief=true
curl -sf "http://127.0.0.1:$port/v1/example" |
  python3 -c "import json,sys; d=json.load(sys.stdin); d['brief']=$( [ $brief = true ] && echo True || echo False ); print(json.dumps(d))" >"$work/body.json"
# The body goes into Lua as a long string, so no escaping is needed.
{
  echo 'wrk.method = "POST"'
  echo 'wrk.headers["Content-Type"] = "application/json"'
  printf 'wrk.body = [==[%s]==]\n' "$(cat "$work/body.json")"
} >"$work/post.lua"
# One request first: it must succeed, or the figures mean nothing.
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
  --data-binary @"$work/body.json" "http://127.0.0.1:$port/v1/summarize")
[ "$code" = 200 ] || { echo "POST /v1/summarize answered $code" >&2; exit 1; }

echo "newsbrief serve: POST /v1/summarize, example cluster (5 articles, $(wc -c <"$work/body.json") bytes), brief=$brief"
echo "$(nproc) cores; wrk 1-2 threads; ${duration} s per level; $(date -u +%Y-%m-%d)"
echo
echo "| connections | requests/s | p50 | p99 | non-2xx |"
echo "|---|---|---|---|---|"
for c in 1 16 64; do
  threads=$(( c < 2 ? 1 : 2 ))
  wrk -t"$threads" -c"$c" -d"${duration}s" --latency -s "$work/post.lua" \
    "http://127.0.0.1:$port/v1/summarize" >"$work/wrk.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
  bad=$(awk '/Non-2xx/ {print $NF}' "$work/wrk.txt")
  echo "| $c | $rps | $p50 | $p99 | ${bad:-0} |" | tee -a "$work/table.txt"
done
# The floor: the same server answering GET /healthz (HTTP and JSON only), so
# the summarize figures read as a ratio on a machine of any speed.
wrk -t2 -c16 -d"${duration}s" "http://127.0.0.1:$port/healthz" >"$work/floor.txt"
floor=$(awk '/Requests\/sec/ {print $2}' "$work/floor.txt")
echo
echo "floor: GET /healthz at 16 connections, $floor requests/s; summarize at 16 connections is $(python3 -c "print(f'{$floor / $(awk '/^\| 16 \|/ {print $4}' "$work/table.txt"):.0f}')")x slower"
echo "server peak memory (VmHWM): $(awk '/VmHWM/ {print $2, $3}' /proc/$server/status)"
