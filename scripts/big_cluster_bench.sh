#!/usr/bin/env bash
# Big-cluster benchmark (issue 11): time and peak memory of one cluster made
# of 2,000 Multi-News validation articles against the same articles
# summarized as their ordinary clusters, for every method, and a cluster of
# ~9.5 MB of short sentences. One thread for both sides, so the ratio
# compares work, not parallelism. Needs ../shared/data (or SHARED_DATA) and
# GNU time.
#
#   scripts/big_cluster_bench.sh [BINARY] [METHODS...]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/newsbrief}
shift || true
data=${SHARED_DATA:-../shared/data}/multinews_val.jsonl.gz
[ -f "$data" ] || { echo "skipped: $data not found"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$data" "$work" <<'PY'
import gzip, json, random, sys
data, work = sys.argv[1], sys.argv[2]
big, small, n = [], [], 0
with gzip.open(data, "rt", encoding="utf-8") as f:
    for line in f:
        c = json.loads(line)
        docs = c["documents"][: 2000 - n]
        small.append({"id": c["id"], "documents": docs})
        big.extend(docs)
        n += len(docs)
        if n >= 2000:
            break
with open(f"{work}/big.jsonl", "w") as f:
    f.write(json.dumps({"id": "big-2000", "documents": big}) + "\n")
with open(f"{work}/small.jsonl", "w") as f:
    for c in small:
        f.write(json.dumps(c) + "\n")
# ~9.5 MB of short sentences (five to nine words from a 5,000-word
# vocabulary), 100 articles.
rng = random.Random(11)
vocab = ["w%d" % i for i in range(5000)]
arts, size = [], 0
while size < 9_500_000:
    sents = []
    for _ in range(1000):
        s = " ".join(rng.choice(vocab) for _ in range(rng.randint(5, 9)))
        sents.append(s.capitalize() + ".")
    text = " ".join(sents)
    arts.append(text)
    size += len(text)
with open(f"{work}/short.jsonl", "w") as f:
    f.write(json.dumps({"id": "short-sentences", "documents": arts}) + "\n")
print(f"{len(small)} ordinary clusters, {len(big)} articles; short sentences {size/1e6:.1f} MB", file=sys.stderr)
PY
methods=("$@")
[ ${#methods[@]} -gt 0 ] || mapfile -t methods < <("$bin" methods | cut -f1)
run() { # label, input, method -> seconds and peak RSS (MB)
    /usr/bin/time -f "%e %M" -o "$work/time" env RAYON_NUM_THREADS=1 \
        "$bin" summarize "$2" -m "$3" --format json > /dev/null 2> "$work/err" || true
    read -r secs kb < "$work/time"
    echo "$secs $((kb / 1024))"
}
printf "%-11s %10s %10s %8s %12s %12s\n" method "big (s)" "ordinary" "ratio" "big RSS MB" "short (s/MB)"
for m in "${methods[@]}"; do
    read -r bs bm < <(run big "$work/big.jsonl" "$m")
    read -r ss _ < <(run small "$work/small.jsonl" "$m")
    read -r hs hm < <(run short "$work/short.jsonl" "$m")
    ratio=$(python3 -c "print(f'{$bs / max($ss, 1e-3):.1f}')")
    printf "%-11s %10s %10s %8s %12s %12s\n" "$m" "$bs" "$ss" "${ratio}x" "$bm" "$hs/$hm"
done
