#!/usr/bin/env python3
"""Runs sumy (the Python peer users would otherwise pick) on a JSONL corpus at a word budget.

usage: sumy_baseline.py DATA.jsonl[.gz] --words 100 --methods lexrank textrank --out PREDS.jsonl [--timing T.json]

Setup as sumy's documentation recommends: PlaintextParser over the cluster's articles joined
by blank lines, Tokenizer("english") (NLTK Punkt), Stemmer("english") and its English stop
words. sumy's API counts sentences, not words. Its summarizers rank every sentence and keep the
`count` best (`_get_best_sentences`); here `count` is a callable, which sumy accepts, that
keeps the best-rated sentences until the word budget is reached (the last one may cross it,
as in newsbrief), so each method's own ranking decides, with no change to its scoring.
Writes {"id", "system": "sumy-<method>", "summary"} lines and times each method over the
whole set (wall clock, parsing included, Python start-up and imports excluded).
"""
import argparse, gzip, json, sys, time

from sumy.nlp.stemmers import Stemmer
from sumy.nlp.tokenizers import Tokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

SUMMARIZERS = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}

ap = argparse.ArgumentParser()
ap.add_argument("data")
ap.add_argument("--words", type=int, default=100)
ap.add_argument("--methods", nargs="+", default=["lexrank", "textrank"])
ap.add_argument("--out", required=True)
ap.add_argument("--timing")
a = ap.parse_args()

class WordBudget:
    """A sentence "count" for sumy: best-rated sentences until `words` words are reached."""

    def __init__(self, words):
        self.words = words

    def __call__(self, infos):
        kept, total = [], 0
        for info in infos:  # sumy passes them best first
            if total >= self.words:
                break
            kept.append(info)
            total += len(str(info.sentence).split())
        return kept


opener = gzip.open if a.data.endswith(".gz") else open
clusters = [json.loads(l) for l in opener(a.data, "rt") if l.strip()]
tokenizer = Tokenizer("english")
timing = {}
with open(a.out, "w") as out:
    for name in a.methods:
        summarizer = SUMMARIZERS[name](Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        start = time.perf_counter()
        lines = []
        for c in clusters:
            docs = c.get("documents") or c.get("document", "").split("|||||")
            parser = PlaintextParser.from_string("\n\n".join(d for d in docs if d.strip()), tokenizer)
            chosen = [str(x) for x in summarizer(parser.document, WordBudget(a.words))]
            lines.append(json.dumps({"id": c["id"], "system": f"sumy-{name}", "summary": "\n".join(chosen)}))
        secs = time.perf_counter() - start
        timing[f"sumy-{name}"] = {"clusters": len(clusters), "seconds": secs, "clusters_per_s": len(clusters) / secs}
        out.write("\n".join(lines) + "\n")
        print(f"sumy-{name}: {len(clusters)} clusters in {secs:.1f} s", file=sys.stderr)
if a.timing:
    json.dump(timing, open(a.timing, "w"), indent=2)
