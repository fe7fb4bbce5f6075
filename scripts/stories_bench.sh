#!/usr/bin/env bash
# Story clustering benchmark: quality and speed on the three shared story
# streams (newsbrief and the single-pass TF-IDF baseline, same run), the speed
# of clustering the Multi-News stream against `newsbrief summarize` over the
# same clusters, and throughput and peak memory on a 100,000-article stream
# (the Multi-News stream repeated with fresh ids, written to a temp dir, never the
# repo). Needs ../shared/data; skips with a message when it is absent.
# Usage: scripts/stories_bench.sh [ARTICLES]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${NEWSBRIEF_DATA:-../shared/data}
streams=(ecbplus_stories uci_headlines_stories multinews_val_stories)
for s in "${streams[@]}" multinews_val; do
  if [ ! -f "$DATA/$s.jsonl.gz" ]; then
    echo "skipped: $DATA/$s.jsonl.gz not found (research corpora are not in the repo)"
    exit 0
  fi
done
big_n=${1:-100000}
cargo build --release --quiet
NB=target/release/newsbrief
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "## Quality (B-cubed and pairwise, x100) and speed per stream"
for s in "${streams[@]}"; do
  echo
  echo "### $s"
  "$NB" eval-stories "$DATA/$s.jsonl.gz"
done

. scripts/timing.sh
echo
echo "## Multi-News: clustering the stream vs summarizing its clusters"
c=$(secs "$NB" stories cluster "$DATA/multinews_val_stories.jsonl.gz")
m=$(secs "$NB" summarize "$DATA/multinews_val.jsonl.gz")
printf "stories cluster: %.1f s   summarize: %.1f s   ratio: %.2f (target <= 1.5)\n" "$c" "$m" "$(echo "$c / $m" | bc -l)"

echo
echo "## Scale: $big_n articles (the Multi-News stream repeated, fresh ids, dates shifted 31 days a round)"
python3 - "$DATA/multinews_val_stories.jsonl.gz" "$big_n" "$work/big.jsonl" <<'PY'
import datetime, gzip, json, sys
rows = [json.loads(l) for l in gzip.open(sys.argv[1], "rt")]
n, out = int(sys.argv[2]), open(sys.argv[3], "w")
for i in range(n):
    rnd, r = divmod(i, len(rows))
    r = dict(rows[r], id=f"r{rnd}-{rows[r]['id']}", cluster=f"r{rnd}-{rows[r]['cluster']}")
    t = datetime.datetime.fromisoformat(r["date"].replace("Z", "+00:00"))
    r["date"] = (t + datetime.timedelta(days=31 * rnd)).strftime("%Y-%m-%dT%H:%M:%SZ")
    out.write(json.dumps(r) + "\n")
PY
"$NB" eval-stories "$work/big.jsonl" --no-baseline
/usr/bin/time -v "$NB" stories cluster "$work/big.jsonl" 2> "$work/time.txt" > /dev/null
grep -E "Elapsed|Maximum resident" "$work/time.txt"
