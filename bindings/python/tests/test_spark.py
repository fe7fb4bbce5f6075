"""The Spark job in local mode: its part files must hold, cluster by cluster, the
lines `newsbrief summarize INPUT` prints, and `eval` the scores of `newsbrief eval`.
Needs Java and pyspark; skips saying which is missing."""

import gzip
import json
import os
import subprocess
import sys

import pytest

from conftest import data_file

pytest.importorskip("pyspark", reason="skipped: pyspark is not installed (pip install pyspark==4.3.0)")


def run_job(*args):
    env = dict(os.environ, SPARK_LOCAL_IP="127.0.0.1", PYSPARK_PYTHON=sys.executable)
    return subprocess.run(
        [sys.executable, "-m", "newsbrief.spark", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def part_lines(out_dir):
    parts = sorted(p for p in out_dir.iterdir() if p.name.startswith("part-"))
    assert parts, f"no part files in {out_dir}"
    return [line for p in parts for line in p.read_text(encoding="utf-8").splitlines()]


def test_summarize_matches_cli_on_duc2004_cluster_by_cluster(java, cli, tmp_path):
    data = data_file("duc2004.jsonl.gz")
    expected = cli("summarize", data, "--method", "lexrank", "--words", "80").stdout.splitlines()
    job = run_job("summarize", data, tmp_path / "out", "--master", "local[2]", "--method", "lexrank", "--words", 80)
    assert job.returncode == 0, job.stderr[-3000:]
    got = part_lines(tmp_path / "out")
    with gzip.open(data, "rt", encoding="utf-8") as f:
        ids = [json.loads(line)["id"] for line in f if line.strip()]
    assert [json.loads(line)["id"] for line in got] == ids
    assert len(got) == len(expected) == 50
    for g, e in zip(got, expected):
        assert g == e, json.loads(e)["id"]


def test_summarize_names_and_reports_like_the_cli(java, cli, tmp_path):
    # Lines without an id, a malformed line, an empty cluster and blank lines:
    # ids, error lines and the exit status must be the CLI's.
    text = "The talks in Moscow lasted two hours and ended without an agreement on Syria. "
    lines = [
        json.dumps({"documents": [text, text.replace("two", "three")]}),
        "",
        "{not json",
        json.dumps({"id": "empty", "documents": []}),
        json.dumps({"id": 12, "document": text + " ||||| " + text}),
        "   ",
        json.dumps({"id": "tail", "documents": [{"text": text, "title": "T", "source": "s.txt"}]}),
    ]
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = cli("summarize", src, check=False)
    job = run_job("summarize", src, tmp_path / "out", "--master", "local[2]", "--partitions", 3)
    assert expected.returncode == job.returncode == 1
    got = part_lines(tmp_path / "out")
    assert got == expected.stdout.splitlines()
    assert json.loads(got[0])["id"] == "mixed.jsonl:1"
    assert "newsbrief: 2 of 5 records failed" in job.stderr


def test_eval_prints_the_cli_table_on_duc2004(java, cli):
    data = data_file("duc2004.jsonl.gz")
    args = ("--method", "lexrank", "--method", "lead", "--preset", "duc2004")
    expected = cli("eval", data, *args).stdout.splitlines()
    job = run_job("eval", data, "--master", "local[2]", *args)
    assert job.returncode == 0, job.stderr[-3000:]
    got = job.stdout.splitlines()
    assert len(got) == len(expected) == 4
    assert got[:2] == expected[:2]
    # Every column but the last two (clusters/s and MB/s: timings) is the CLI's.
    for g, e in zip(got[2:], expected[2:]):
        assert g.split()[:-2] == e.split()[:-2]


def test_bad_settings_and_inputs_stop_before_spark_starts(tmp_path):
    job = run_job("summarize", "in.jsonl", tmp_path / "o", "--method", "nope")
    assert job.returncode != 0 and 'unknown method "nope"' in job.stderr
    job = run_job("summarize", tmp_path / "articles.txt", tmp_path / "o2", "--master", "local[1]")
    assert job.returncode != 0 and "the Spark job reads JSONL" in job.stderr
    job = run_job("eval", tmp_path / "refs.jsonl", "--method", "lexrank", "--preset", "nope")
    assert job.returncode != 0 and "unknown preset" in job.stderr
