#!/usr/bin/env bash
# Counts articles that yield no sentence on a JSONL corpus (issue 11's
# "no lost articles" target: Multi-News validation, articles of >= 50 words).
#
#   scripts/lost_articles.sh [CORPUS.jsonl.gz] [MIN_WORDS]
#
# Runs `newsbrief summarize CORPUS --format json` (method lead: the
# warnings come from the stages before any method, and lead is the fastest),
# reads every "no usable sentence" warning ("<id>#<n>: ..."), and prints the
# exit status, how many clusters failed, how many articles of at least
# MIN_WORDS words were lost, and the first words of each.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/data/multinews_val.jsonl.gz}"
min_words="${2:-50}"
[ -f "$corpus" ] || { echo "no corpus at $corpus" >&2; exit 2; }
cargo build --release --locked -q -p newsbrief-cli
out="$(mktemp)"; err="$(mktemp)"
trap 'rm -f "$out" "$err"' EXIT
set +e
target/release/newsbrief summarize "$corpus" --format json --method lead >"$out" 2>"$err"
status=$?
set -e
python3 - "$corpus" "$out" "$min_words" "$status" <<'PY'
import gzip, json, re, sys
corpus, out, min_words, status = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
opener = gzip.open if corpus.endswith(".gz") else open
articles = {}
with opener(corpus, "rt") as f:
    for line in f:
        r = json.loads(line)
        docs = r.get("documents")
        if docs is None:
            docs = [d.strip() for d in r.get("document", "").split("|||||") if d.strip()]
        for i, d in enumerate(docs):
            text = d if isinstance(d, str) else (d.get("text") or d.get("html") or "")
            articles[f"{r['id']}#{i + 1}"] = text
failed, lost, total_lost = 0, [], 0
with open(out) as f:
    for line in f:
        rec = json.loads(line)
        if "error" in rec:
            failed += 1
            print("failed:", rec.get("id"), rec["error"][:200])
            continue
        for w in rec.get("warnings", []):
            m = re.match(r"^(.*?#\d+): .*(no usable sentence)", w)
            if not m:
                continue
            total_lost += 1
            text = articles.get(m.group(1), "")
            if len(text.split()) >= min_words:
                lost.append((m.group(1), text))
print(f"exit status: {status}")
print(f"clusters: {sum(1 for _ in open(out))}, failed: {failed}")
print(f"articles with no usable sentence: {total_lost}; of them >= {min_words} words: {len(lost)}")
for source, text in lost:
    print(f"  {source} ({len(text.split())} words): {text[:120]!r}")
PY
