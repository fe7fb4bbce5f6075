#!/usr/bin/env bash
# Times the Python package against the CLI, beside sumy, and on Spark local[2];
# writes its section of BENCHMARKS.md (see scripts/python_bench.py). Not part of
# CI: needs ../shared/data, Java 17 and PyPI (pyspark, sumy), and takes minutes.
# Usage: scripts/python_bench.sh   (NB_VENV / SUMY_VENV reuse existing venvs)
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${NEWSBRIEF_DATA:-../shared/data}
if [ ! -f "$DATA/duc2004.jsonl.gz" ] || [ ! -f "$DATA/multinews_val.jsonl.gz" ]; then
  echo "skipped: $DATA/duc2004.jsonl.gz or multinews_val.jsonl.gz not found (research corpora are not in the repo)"
  exit 0
fi
if ! command -v java >/dev/null 2>&1; then
  echo "skipped: no java on PATH (Spark needs Java 17)"
  exit 0
fi
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
nb_venv=${NB_VENV:-$work/nb-venv}
[ -x "$nb_venv/bin/python" ] || python3 -m venv "$nb_venv"
"$nb_venv/bin/pip" install --quiet ./bindings/python "pyspark==4.3.0"
sumy_venv=${SUMY_VENV:-$work/sumy-venv}
scripts/setup_sumy_venv.sh "$sumy_venv" >&2
"$sumy_venv/bin/pip" install --quiet ./bindings/python
NLTK_DATA="$sumy_venv/nltk_data" python3 scripts/python_bench.py --cli target/release/newsbrief --data "$DATA" \
  --sumy-python "$sumy_venv/bin/python" --spark-python "$nb_venv/bin/python" --out "$work/python_bench.json"
cat "$work/python_bench.json"
