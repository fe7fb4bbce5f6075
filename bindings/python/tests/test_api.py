"""The Python API: same summaries and schema as the CLI, ValueError on bad input,
parallel batches that keep order and survive a bad cluster, the parity-checked ROUGE."""

import json
import pickle
import threading

import pytest

import newsbrief
from conftest import EXAMPLE, ROOT

TEXTS = [
    "Tillerson met Lavrov in Moscow on Wednesday for tense talks about Syria. "
    "The two sides agreed to set up a working group on relations between the countries.",
    "Rex Tillerson met Sergei Lavrov in Moscow on Wednesday for tense talks about Syria. "
    "Russia vetoed a United Nations resolution on the chemical attack later that day.",
    "Putin said trust between Russia and the United States had eroded since January. "
    "The Kremlin had not confirmed a meeting between Putin and Tillerson until the last minute.",
]


def example_documents():
    return [
        {"source": p.name, "text": p.read_text(encoding="utf-8")} for p in sorted(EXAMPLE.glob("*.txt"))
    ]


def example_record():
    return {"id": EXAMPLE.name, "documents": example_documents()}


@pytest.mark.parametrize("method", ["learned", "hybrid", "lexrank", "ilp"])
def test_same_summary_and_schema_as_cli_json_on_the_example(cli, method):
    expected = json.loads(cli("summarize", EXAMPLE, "--format", "json", "--method", method).stdout)
    [got] = newsbrief.Pipeline(method=method).summarize_many([example_record()])
    assert got == expected
    # The one-cluster call gives the same summary under its default id.
    single = newsbrief.summarize(example_documents(), method=method)
    assert single["id"] == "cluster"
    assert {k: v for k, v in single.items() if k != "id"} == {k: v for k, v in expected.items() if k != "id"}


def test_brief_and_sentence_budget_match_cli(cli):
    expected = json.loads(cli("summarize", EXAMPLE, "--format", "json", "--brief", "--sentences", "3").stdout)
    [got] = newsbrief.Pipeline(brief=True, sentences=3).summarize_many([example_record()])
    assert got == expected
    assert "brief" in got and len(got["sentences"]) == 3


def test_methods_match_cli(cli):
    lines = cli("methods").stdout.strip().splitlines()
    assert newsbrief.methods() == dict(line.split("\t", 1) for line in lines)


def test_summary_schema_and_citations():
    s = newsbrief.summarize(TEXTS, sentences=2)
    assert s["method"] == "learned" and s["budget"] == {"sentences": 2}
    assert len(s["sentences"]) == 2
    assert [d["name"] for d in s["documents"]] == ["cluster#1", "cluster#2", "cluster#3"]
    for sent in s["sentences"]:
        start, end = sent["span"]
        body = TEXTS[sent["article"]].encode()
        assert body[start:end].decode() == sent["text"]
        assert sent["sources"][0]["article"] == sent["article"]


def test_dict_documents_keep_source_and_title():
    docs = [{"text": TEXTS[0], "title": "Talks", "source": "a.txt"}, {"html": f"<html><body><p>{TEXTS[1]}</p></body></html>"}]
    s = newsbrief.summarize(docs)
    assert s["documents"][0] == {"name": "a.txt", "title": "Talks", "sentences": 2}
    assert s["documents"][1]["name"] == "cluster#2" and s["documents"][1]["sentences"] == 2


def test_truncate_cuts_at_exactly_the_word_budget():
    s = newsbrief.summarize(TEXTS, words=20, truncate=True)
    assert s["words"] == 20
    assert sum(len(x["text"].split()) for x in s["sentences"]) == 20


@pytest.mark.parametrize(
    "documents, message",
    [
        ([], "the cluster has no articles"),
        (["...", "   "], "no readable article"),
        ([{"title": "no body"}], 'needs a "text" or "html" string'),
        ([42], "expected a string, or an object"),
        ("one string", "expected a list of documents"),
        (None, "expected a list of documents"),
        ([{"text": {1, 2}}], "not JSON-like"),
    ],
)
def test_bad_documents_raise_value_error_with_the_reason(documents, message):
    with pytest.raises(ValueError, match=message):
        newsbrief.summarize(documents)


@pytest.mark.parametrize(
    "config, message",
    [
        (dict(method="nope"), "unknown method \"nope\""),
        (dict(words=0), "the budget must be at least 1"),
        (dict(words=-5), "the budget must be at least 1"),
        (dict(sentences=0), "the budget must be at least 1"),
        (dict(words="ten"), "invalid configuration"),
    ],
)
def test_bad_settings_raise_value_error(config, message):
    with pytest.raises(ValueError, match=message):
        newsbrief.Pipeline(**config)
    with pytest.raises(ValueError, match=message):
        newsbrief.summarize(TEXTS, **config)


def test_summarize_many_keeps_order_and_one_bad_cluster_costs_only_itself():
    clusters = [TEXTS, [], {"id": "x", "documents": TEXTS[:2]}, {"id": 7, "document": " ||||| ".join(TEXTS)}, "bad"]
    with pytest.raises(ValueError, match=r"clusters\[4\]"):
        newsbrief.Pipeline().summarize_many(clusters)
    out = newsbrief.Pipeline(method="lexrank").summarize_many(clusters[:4])
    assert [r["id"] for r in out] == ["clusters[0]", None, "x", "7"]
    assert out[1]["error"] == "clusters[1]: the cluster has no articles"
    single = newsbrief.summarize(TEXTS, method="lexrank")
    assert out[0]["sentences"] == single["sentences"]
    assert out[3]["sentences"] == single["sentences"]  # Multi-News form, same articles


def test_summarize_many_from_threads_gives_the_sequential_results():
    # The GIL is released during the batch; concurrent callers must still get
    # exactly their own, deterministic results.
    pipeline = newsbrief.Pipeline(method="textrank")
    clusters = [TEXTS[i:] + TEXTS[:i] for i in range(3)] * 20
    expected = pipeline.summarize_many(clusters)
    results = [None] * 4

    def work(k):
        results[k] = pipeline.summarize_many(clusters)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results)


def test_pipeline_pickles_by_settings():
    p = newsbrief.Pipeline(method="mmr", words=40)
    q = pickle.loads(pickle.dumps(p))
    assert q.config == p.config
    assert q.summarize(TEXTS) == p.summarize(TEXTS)


def test_rouge_matches_rouge_score_parity_fixture():
    # Pairs scored by Google's rouge-score 0.1.2 (scripts/make_rouge_fixture.py).
    path = ROOT / "crates" / "newsbrief" / "tests" / "fixtures" / "rouge_parity.jsonl"
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    assert rows
    for row in rows:
        got = newsbrief.rouge(row["candidate"], [row["reference"]])
        for metric, (p, r, f) in row["expected"].items():
            assert got[metric]["precision"] == pytest.approx(p, abs=1e-4), (row["id"], metric)
            assert got[metric]["recall"] == pytest.approx(r, abs=1e-4), (row["id"], metric)
            assert got[metric]["f1"] == pytest.approx(f, abs=1e-4), (row["id"], metric)


def test_rouge_averages_references_and_cuts_words():
    one = newsbrief.rouge("the cat sat on the mat", "the cat sat on the mat")
    assert one["rouge1"]["f1"] == 1.0 and one["rougeLsum"]["recall"] == 1.0
    two = newsbrief.rouge("the cat sat on the mat", ["the cat sat on the mat", "a dog ran"])
    assert two["rouge1"]["recall"] == pytest.approx(0.5)
    cut = newsbrief.rouge("the cat sat on the mat", ["the cat"], words=2)
    assert cut["rouge1"]["precision"] == 1.0
    with pytest.raises(ValueError):
        newsbrief.rouge("x", [3])
    with pytest.raises(ValueError):
        newsbrief.rouge("x", ["y"], words=0)
