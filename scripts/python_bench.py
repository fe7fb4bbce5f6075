#!/usr/bin/env python3
"""Times newsbrief from Python against its own CLI, against sumy, and on Spark.

usage: python_bench.py [--results RESULTS.json] --cli target/release/newsbrief --data ../shared/data \
           --sumy-python VENV/bin/python --spark-python VENV/bin/python --out RESULTS.json

Run by scripts/python_bench.sh, which builds and installs what this needs. Three
measurements, all in this one run so that they share the machine's load:

1. Python overhead: `newsbrief summarize multinews_val.jsonl.gz` (release CLI,
   default settings) against a Python process that reads the same file, parses
   its lines and calls `Pipeline().summarize_many` on all 5,622 clusters. Both
   are timed wall clock as whole processes (start-up and reading included),
   interleaved, best of 3.
2. From Python beside sumy: one Python process, one thread
   (RAYON_NUM_THREADS=1), DUC 2004; each system summarizes the 50 clusters in a
   loop, one call per cluster, timed over the loop (parsing of the articles
   included, as sumy_baseline.py times sumy; reading the file excluded).
3. Spark: `python -m newsbrief.spark summarize` on the whole Multi-News
   validation set with --master local[2], wall clock as a whole process (JVM
   start included), against the CLI timed in the same run; its output is
   checked to be the CLI's, byte for byte.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time

ap = argparse.ArgumentParser()
ap.add_argument("--cli")
ap.add_argument("--data")
ap.add_argument("--sumy-python", help="a Python with sumy, NLTK Punkt data and newsbrief installed")
ap.add_argument("--spark-python", help="a Python with newsbrief and pyspark installed")
ap.add_argument("--repeat", type=int, default=3)
ap.add_argument("--results", help="render BENCHMARKS.md from this results JSON of an earlier run, measuring nothing")
ap.add_argument("--out")
a = ap.parse_args()

if not a.results and not all([a.cli, a.data, a.sumy_python, a.spark_python, a.out]):
    ap.error("--cli, --data, --sumy-python, --spark-python and --out are needed to measure")
MN = os.path.join(a.data or "", "multinews_val.jsonl.gz")
DUC = os.path.join(a.data or "", "duc2004.jsonl.gz")


def timed(cmd, env=None, stdout=subprocess.DEVNULL):
    # Exit status 1 is expected: one Multi-News cluster (multinews-val-774) has
    # no usable sentence, and the CLI and the Spark job report it and go on.
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=stdout, stderr=subprocess.DEVNULL, env=env)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed with status {proc.returncode}")
    return time.perf_counter() - start


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def measure():
    results = {"commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()}
    # 1. Python overhead on Multi-News validation.
    PY_BATCH = textwrap.dedent(r"""
    import gzip, json, sys, time
    import newsbrief
    start = time.perf_counter()
    with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
        clusters = [json.loads(line) for line in f if line.strip()]
    read = time.perf_counter() - start
    out = newsbrief.Pipeline().summarize_many(clusters)
    total = time.perf_counter() - start
    assert len(out) == len(clusters)
    errors = sum(1 for s in out if "error" in s)
    json.dump({"clusters": len(out), "errors": errors, "read_s": read, "in_process_s": total}, sys.stdout)
    """)
    cli_times, py_times, inner = [], [], []
    for i in range(a.repeat):
        cli_times.append(timed([a.cli, "summarize", MN]))
        start = time.perf_counter()
        proc = subprocess.run([a.spark_python, "-c", PY_BATCH, MN], check=True, capture_output=True, text=True)
        py_times.append(time.perf_counter() - start)
        inner.append(json.loads(proc.stdout))
        log(f"overhead run {i + 1}: CLI {cli_times[-1]:.2f} s, Python {py_times[-1]:.2f} s")
    clusters = inner[0]["clusters"]
    results["overhead"] = {
        "data": "multinews_val.jsonl.gz",
        "clusters": clusters,
        "cli_s": min(cli_times),
        "python_s": min(py_times),
        "python_in_process_s": min(r["in_process_s"] for r in inner),
        "python_read_s": min(r["read_s"] for r in inner),
        "failed_clusters": inner[0]["errors"],
        "ratio": min(py_times) / min(cli_times),
        "cli_runs": cli_times,
        "python_runs": py_times,
    }

    # 2. From Python, one thread, beside sumy (same interpreter, same process).
    PY_SUMY = textwrap.dedent(r"""
    import gzip, json, os, sys, time
    os.environ["RAYON_NUM_THREADS"] = "1"
    import newsbrief
    from sumy.nlp.stemmers import Stemmer
    from sumy.nlp.tokenizers import Tokenizer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    WORDS = 100
    with gzip.open(sys.argv[1], "rt", encoding="utf-8") as f:
        clusters = [json.loads(line) for line in f if line.strip()]

    def budget(infos):
        kept, total = [], 0
        for info in infos:
            if total >= WORDS:
                break
            kept.append(info)
            total += len(str(info.sentence).split())
        return kept

    out = {}
    tokenizer = Tokenizer("english")
    for name, cls in [("lexrank", LexRankSummarizer), ("textrank", TextRankSummarizer)]:
        summarizer = cls(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        start = time.perf_counter()
        for c in clusters:
            parser = PlaintextParser.from_string("\n\n".join(d for d in c["documents"] if d.strip()), tokenizer)
            summarizer(parser.document, budget)
        out[f"sumy-{name}"] = time.perf_counter() - start
    for method in ["lexrank", "textrank", "hybrid"]:
        pipeline = newsbrief.Pipeline(method=method, words=WORDS)
        start = time.perf_counter()
        for c in clusters:
            pipeline.summarize(c["documents"])
        out[f"newsbrief {method} (from Python)"] = time.perf_counter() - start
    json.dump({"clusters": len(clusters), "seconds": out}, sys.stdout)
    """)
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    proc = subprocess.run([a.sumy_python, "-c", PY_SUMY, DUC], check=True, capture_output=True, text=True, env=env)
    sumy = json.loads(proc.stdout)
    results["from_python"] = {
        "data": "duc2004.jsonl.gz",
        "clusters": sumy["clusters"],
        "clusters_per_s": {k: sumy["clusters"] / v for k, v in sumy["seconds"].items()},
    }
    log("from Python:", json.dumps(results["from_python"]["clusters_per_s"]))

    # 3. Spark local[2] against the CLI, same run, output checked.
    with tempfile.TemporaryDirectory() as work:
        cli_out = os.path.join(work, "cli.jsonl")
        with open(cli_out, "w") as f:
            cli_s = timed([a.cli, "summarize", MN], stdout=f)
        spark_env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=a.spark_python)
        spark_dir = os.path.join(work, "spark")
        spark_s = timed(
            [a.spark_python, "-m", "newsbrief.spark", "summarize", MN, spark_dir, "--master", "local[2]"],
            env=spark_env,
        )
        parts = sorted(p for p in os.listdir(spark_dir) if p.startswith("part-"))
        spark_text = "".join(open(os.path.join(spark_dir, p), encoding="utf-8").read() for p in parts)
        identical = spark_text == open(cli_out, encoding="utf-8").read()
        # A job over a 1-line input: JVM and Spark start-up, for reading the overhead.
        tiny = os.path.join(work, "one.jsonl")
        with open(tiny, "w") as f:
            f.write(json.dumps({"id": "one", "documents": ["A single short sentence about nothing in particular today."]}) + "\n")
        startup_s = timed(
            [a.spark_python, "-m", "newsbrief.spark", "summarize", tiny, os.path.join(work, "tiny"), "--master", "local[2]"],
            env=spark_env,
        )
    results["spark"] = {
        "data": "multinews_val.jsonl.gz",
        "master": "local[2]",
        "clusters": clusters,
        "cli_s": cli_s,
        "spark_s": spark_s,
        "spark_one_cluster_s": startup_s,
        "clusters_per_s": clusters / spark_s,
        "cli_clusters_per_s": clusters / cli_s,
        "ratio": spark_s / cli_s,
        "output_identical_to_cli": identical,
    }
    log(f"Spark: {spark_s:.1f} s vs CLI {cli_s:.2f} s; one-cluster job {startup_s:.1f} s; identical output: {identical}")
    return results


if a.results:
    with open(a.results) as f:
        results = json.load(f)
else:
    results = measure()
    with open(a.out, "w") as f:
        json.dump(results, f, indent=2)

# BENCHMARKS.md: this script's section, between markers, replaced in place
# (scripts/benchmarks.sh rewrites the rest of the file).
commit = results.get("commit") or "?"
o, fp, s = results["overhead"], results["from_python"], results["spark"]
rate = fp["clusters_per_s"]
rows = "\n".join(
    f"| {'**' + k + '**' if k.startswith('newsbrief') else k} | {v:.2f} |"
    for k, v in sorted(rate.items(), key=lambda kv: -kv[1])
)
section = f"""<!-- python_bench:start -->
## From Python and on Spark

Generated by `scripts/python_bench.sh` on {time.strftime('%Y-%m-%d')} at commit `{commit}`, 2 cores shared with other work; all figures from one run, as ratios within it.

**Python overhead** (Multi-News validation, {o['clusters']} clusters, default settings, best of 3): a Python process that reads and parses the file itself (`gzip` + `json.loads`) and calls `Pipeline().summarize_many` on every cluster takes **{o['ratio']:.2f}×** the time of `newsbrief summarize multinews_val.jsonl.gz` as whole processes ({o['python_s']:.2f} s vs {o['cli_s']:.2f} s). The `summarize_many` call alone takes {o['python_in_process_s'] - o['python_read_s']:.2f} s, **{(o['python_in_process_s'] - o['python_read_s']) / o['cli_s']:.2f}×** the CLI's whole run; reading the file in Python takes {o['python_read_s']:.2f} s. Target: within 1.2×. Runs (the machine was shared with other builds): CLI {', '.join(f'{t:.2f}' for t in o['cli_runs'])} s; Python {', '.join(f'{t:.2f}' for t in o['python_runs'])} s. ({o['failed_clusters']} cluster, `multinews-val-774`, has no usable sentence: both report it and go on.)

**From Python beside sumy** (DUC 2004, {fp['clusters']} clusters, 100 words; one Python process, one thread, one call per cluster, parsing included):

| system | clusters/s (1 thread, from Python) |
|---|---|
{rows}

newsbrief LexRank called from Python is **{rate['newsbrief lexrank (from Python)'] / rate['sumy-lexrank']:.0f}×** as fast as sumy's LexRank in the same process.

**Spark, local[2]** (`python -m newsbrief.spark summarize multinews_val.jsonl.gz OUT --master local[2]`, whole process with JVM start): {s['clusters']} clusters in {s['spark_s']:.1f} s, **{s['clusters_per_s']:.0f} clusters/s**, {s['ratio']:.1f}× the CLI's {s['cli_s']:.2f} s in the same run ({s['cli_clusters_per_s']:.0f} clusters/s). A one-cluster job run right after takes {s['spark_one_cluster_s']:.1f} s, {100 * s['spark_one_cluster_s'] / s['spark_s']:.0f}% of the full job's time: Spark's fixed start-up (JVM, Spark context, Python workers), which a longer corpus amortizes. Output identical to the CLI's, byte for byte: {'yes' if s['output_identical_to_cli'] else '**no**'}.
<!-- python_bench:end -->
"""
path = "BENCHMARKS.md"
text = open(path, encoding="utf-8").read()
start, end = text.find("<!-- python_bench:start -->"), text.find("<!-- python_bench:end -->")
if start >= 0 and end > start:
    text = text[:start] + section + text[end + len("<!-- python_bench:end -->\n"):]
else:
    text = text.rstrip("\n") + "\n\n" + section
open(path, "w", encoding="utf-8").write(text)
log("updated BENCHMARKS.md")
