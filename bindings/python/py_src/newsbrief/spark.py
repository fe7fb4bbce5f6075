"""newsbrief on Spark: ``python -m newsbrief.spark summarize|eval ...``.

``summarize INPUT OUTPUT_DIR`` reads JSONL clusters (any form ``newsbrief
summarize`` reads, gzip too) and writes part files whose concatenation, in part
order, is byte for byte what ``newsbrief summarize INPUT`` prints: one JSON line
per cluster, same ids (a line without an id is named ``FILE.jsonl:LINE`` as the
CLI names it), same summaries, same ``{"id", "error"}`` lines for bad records.
``eval DATA`` scores a reference corpus with ROUGE across the cluster and prints
the table of ``newsbrief eval`` (its clusters/s and MB/s are the Spark job's
wall time, scoring included).

Lines keep their line number from ``zipWithIndex``, records are spread over
the cluster by ranges of line numbers, and each
partition builds one engine (``mapPartitions``), so there is no per-row set-up.
Partitions are ranges of consecutive lines, so part files come out in input
order.
"""

import argparse
import os
import sys
import time
from itertools import islice

# Rows handed to the engine at once: enough to keep its thread pool busy,
# few enough that a partition never holds more than this many clusters.
_CHUNK = 256
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


def _origin(path):
    """How the CLI names a JSONL input in ids and messages: the file name
    without ``.gz``."""
    name = os.path.basename(path.rstrip("/")) or path
    return name[:-3] if name.endswith(".gz") else name


def _chunks(rows):
    rows = iter(rows)
    while True:
        chunk = list(islice(rows, _CHUNK))
        if not chunk:
            return
        yield chunk


def _summarize_partition(config, origin, failed, rows):
    from newsbrief import _newsbrief

    engine = _newsbrief.Engine(
        config["method"], config["words"], config["sentences"], config["truncate"], False
    )
    for chunk in _chunks(rows):
        records = [(line, f"{origin}:{index + 1}") for index, line in chunk]
        for out, messages in engine.batch_lines(records):
            for m in messages:
                print(m, file=sys.stderr)
            if any(not m.startswith("newsbrief: warning:") for m in messages):
                failed.add(1)
            yield out


def _eval_partition(method, words, origin, rows):
    from newsbrief import _newsbrief

    evaluator = _newsbrief.Evaluator(method, words)
    for chunk in _chunks(rows):
        records = [(line, f"{origin}:{index + 1}") for index, line in chunk]
        for (index, _), (kind, payload) in zip(chunk, evaluator.records(records)):
            yield index, kind, payload


def _session(master, app):
    # Executors run the Python that runs the driver unless told otherwise, so
    # a venv with newsbrief installed is the one they import it from.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _check_jsonl(path):
    if not _origin(path).lower().endswith(_JSONL_SUFFIXES):
        raise SystemExit(f"newsbrief: {path}: the Spark job reads JSONL (.jsonl, .ndjson, .json, optionally .gz)")


def _lines(sc, path, partitions):
    """(0-based line number, line) of every non-blank line, in ``partitions``
    ranges of consecutive lines, each sorted: partition order is input order,
    so part files concatenate to the CLI's output without a second shuffle
    (a .gz file arrives as one partition and is spread out here). Costs one
    extra pass over the input, to count its lines."""
    lines = sc.textFile(path)
    total = max(lines.count(), 1)
    indexed = lines.zipWithIndex().filter(lambda t: t[0].strip()).map(lambda t: (t[1], t[0]))
    return indexed.repartitionAndSortWithinPartitions(
        partitions, partitionFunc=lambda k: k * partitions // total
    )


def summarize(args):
    # Settings and input name are checked before Spark starts.
    from newsbrief import _newsbrief

    try:
        _newsbrief.Engine(args.method, args.words, args.sentences, args.truncate, False)
    except ValueError as e:
        raise SystemExit(f"newsbrief: {e}")
    _check_jsonl(args.input)
    spark = _session(args.master, "newsbrief summarize")
    sc = spark.sparkContext
    config = dict(method=args.method, words=args.words, sentences=args.sentences, truncate=args.truncate)
    origin = _origin(args.input)
    partitions = args.partitions or sc.defaultParallelism
    rows = _lines(sc, args.input, partitions)
    total = sc.accumulator(0)
    failed = sc.accumulator(0)

    def count(rows):
        for r in rows:
            total.add(1)
            yield r

    out = rows.mapPartitions(count).mapPartitions(
        lambda part: _summarize_partition(config, origin, failed, part)
    )
    out.saveAsTextFile(args.output)
    spark.stop()
    if failed.value:
        print(f"newsbrief: {failed.value} of {total.value} records failed", file=sys.stderr)
        return 1
    return 0


def evaluate(args):
    from newsbrief import _newsbrief

    try:
        words, metrics = _newsbrief.eval_preset(args.preset)
    except ValueError as e:
        raise SystemExit(f"newsbrief: {e}")
    if args.words is not None:
        words = args.words
    methods = args.method or [name for name, _ in _newsbrief.methods()]
    for m in methods:
        try:
            _newsbrief.Evaluator(m, words)
        except ValueError as e:
            raise SystemExit(f"newsbrief: {e}")
    _check_jsonl(args.data)
    spark = _session(args.master, "newsbrief eval")
    sc = spark.sparkContext
    origin = _origin(args.data)
    partitions = args.partitions or sc.defaultParallelism
    rows = _lines(sc, args.data, partitions).cache()
    reports = []
    clusters = None
    for i, method in enumerate(methods):
        start = time.perf_counter()
        results = rows.mapPartitions(lambda part, m=method: _eval_partition(m, words, origin, part)).collect()
        seconds = time.perf_counter() - start
        results.sort(key=lambda r: r[0])
        if i == 0:
            for _, kind, payload in results:
                if kind == "unreadable":
                    print(f"newsbrief: skipped {payload}", file=sys.stderr)
        scored = [payload for _, kind, payload in results if kind == "scored"]
        clusters = len(scored) + sum(1 for _, kind, _ in results if kind == "no_reference")
        if not scored:
            spark.stop()
            raise SystemExit(f"newsbrief: {args.data}: no cluster has reference summaries")
        reports.append(
            _newsbrief.eval_report(
                _newsbrief.system_name(method),
                [s for s, _ in scored],
                clusters - len(scored),
                seconds,
                sum(b for _, b in scored),
            )
        )
    spark.stop()
    if args.json:
        import json

        value = {
            "data": args.data,
            "clusters": clusters,
            "words": words,
            "preset": args.preset,
            "systems": [json.loads(r) for r in reports],
        }
        print(json.dumps(value, indent=2, sort_keys=True))
    else:
        sys.stdout.write(_newsbrief.eval_table(reports, metrics, clusters, words))
    return 0


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m newsbrief.spark", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("summarize", help="summarize JSONL clusters into part files of JSONL")
    s.add_argument("input", help="JSONL clusters (.gz accepted); any path Spark reads (file:, hdfs:, s3a:)")
    s.add_argument("output", help="output directory (must not exist)")
    s.add_argument("--master", help="Spark master, e.g. local[2], spark://host:7077, yarn (default: spark-submit's)")
    s.add_argument("--method", "-m", default="learned", help="summarization method (default learned)")
    budget = s.add_mutually_exclusive_group()
    budget.add_argument("--words", "-w", type=int, default=None, help="word budget (default 100)")
    budget.add_argument("--sentences", "-s", type=int, default=None, help="sentence budget instead of words")
    s.add_argument("--truncate", action="store_true", help="cut each summary at exactly the word budget")
    s.add_argument("--partitions", type=int, help="partitions to spread the clusters over (default: the cluster's parallelism)")
    e = sub.add_parser("eval", help="score methods with ROUGE and print newsbrief eval's table")
    e.add_argument("data", help="JSONL corpus with references (\"summary\" or \"summaries\")")
    e.add_argument("--master", help="Spark master (default: spark-submit's)")
    e.add_argument("--method", "-m", action="append", help="method to evaluate (repeat; default: all)")
    e.add_argument("--preset", help="duc2004 (100 words, recall+F1) or multinews (230 words, F1)")
    e.add_argument("--words", "-w", type=int, help="cut summaries to this many words (overrides the preset)")
    e.add_argument("--partitions", type=int, help="partitions (default: the cluster's parallelism)")
    e.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(argv)
    if args.command == "summarize":
        return summarize(args)
    return evaluate(args)


if __name__ == "__main__":
    sys.exit(main())
