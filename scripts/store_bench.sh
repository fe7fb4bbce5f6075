#!/usr/bin/env bash
# Story store benchmark (issue 10), one run:
# 1. ingest speed: `stories add` into a fresh store against `stories cluster`
#    on the Multi-News stream, same machine, same run (target: add >= 0.8x);
# 2. `stories list` / `stories show` latency on a store of ARTICLES articles
#    (default 100000), built in a temp dir by repeating the shared streams
#    with fresh ids (never in the repo). Times are whole process runs
#    (start-up included), median of 11.
# Needs ../shared/data; skips with a message when it is absent.
# Usage: scripts/store_bench.sh [ARTICLES]
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${NEWSBRIEF_DATA:-../shared/data}
streams=(multinews_val_stories ecbplus_stories uci_headlines_stories)
for s in "${streams[@]}"; do
  if [ ! -f "$DATA/$s.jsonl.gz" ]; then
    echo "skipped: $DATA/$s.jsonl.gz not found (research corpora are not in the repo)"
    exit 0
  fi
done
big_n=${1:-100000}
cargo build --release --quiet -p newsbrief-cli
NB=target/release/newsbrief
work=$(mktemp -d "${TMPDIR:-/tmp}/store_bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

. scripts/timing.sh

echo "## Ingest: stories add (fresh store) vs stories cluster, Multi-News stream"
mn="$DATA/multinews_val_stories.jsonl.gz"
c=$(secs "$NB" stories cluster "$mn")
a=$(secs "$NB" stories add --db "$work/mn.db" "$mn")
printf "stories cluster: %.2f s   stories add: %.2f s   add speed / cluster speed: %.2f (target >= 0.8)\n" \
  "$c" "$a" "$(echo "$c / $a" | bc -l)"

echo
echo "## List and show on a store of $big_n articles"
# Fresh ids, and a round marker in the title: without it the text hash would
# (rightly) refuse every repeat as a duplicate. Dates shift 31 days a round.
python3 - "$big_n" "$work/big.jsonl" "${streams[@]/#/$DATA/}" <<'PY'
import datetime, gzip, json, sys
n, out = int(sys.argv[1]), open(sys.argv[2], "w")
rows = [json.loads(l) for p in sys.argv[3:] for l in gzip.open(p + ".jsonl.gz", "rt")]
for i in range(n):
    rnd, k = divmod(i, len(rows))
    r = dict(rows[k], id=f"r{rnd}-{rows[k]['id']}", url=None)
    if rnd:
        r["title"] = f"{r.get('title') or ''} (round {rnd})".strip()
    if r.get("date"):
        t = datetime.datetime.fromisoformat(r["date"].replace("Z", "+00:00"))
        r["date"] = (t + datetime.timedelta(days=31 * rnd)).strftime("%Y-%m-%dT%H:%M:%SZ")
    out.write(json.dumps(r) + "\n")
PY
b=$(secs "$NB" stories add --db "$work/big.db" "$work/big.jsonl")
printf "built in %.1f s: " "$b"
"$NB" stories list --db "$work/big.db" --format json | python3 -c '
import json, sys
s = [json.loads(l) for l in sys.stdin]
n = sum(x["articles"] for x in s)
print(n, "articles,", len(s), "stories")'
ls -l "$work/big.db" | awk '{printf "store file: %.0f MB\n", $5 / 1e6}'
id=$("$NB" stories list --db "$work/big.db" --format json --limit 1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["id"])')
big=$("$NB" stories list --db "$work/big.db" --format json | python3 -c '
import json, sys
print(max((json.loads(l) for l in sys.stdin), key=lambda s: s["articles"])["id"])')
median_ms() { # median wall ms of 11 runs
  for _ in $(seq 11); do secs "$@"; done | sort -n | sed -n 6p | awk '{printf "%.1f ms", $1 * 1000}'
}
echo "stories list (all stories):        $(median_ms "$NB" stories list --db "$work/big.db" --format json)"
echo "stories list --limit 50:           $(median_ms "$NB" stories list --db "$work/big.db" --limit 50)"
first=$(secs "$NB" stories show "$id" --db "$work/big.db" --brief)
printf "stories show (newest story, first: summary computed): %.1f ms\n" "$(echo "$first * 1000" | bc -l)"
echo "stories show (newest story, cached):  $(median_ms "$NB" stories show "$id" --db "$work/big.db" --brief)"
first=$(secs "$NB" stories show "$big" --db "$work/big.db" --brief)
printf "stories show (largest story $big, first: summary computed): %.1f ms\n" "$(echo "$first * 1000" | bc -l)"
echo "stories show (largest story, cached): $(median_ms "$NB" stories show "$big" --db "$work/big.db" --brief)"
echo "process start-up floor (newsbrief --version): $(median_ms "$NB" --version)"
