"""newsbrief: cited, non-redundant briefs from a cluster of news articles.

The engine is Rust (the ``newsbrief`` crate); this package is a thin layer over
its extension module ``newsbrief._newsbrief``. Documents and clusters are handed
to the engine as JSON records, read by the same code as ``newsbrief summarize
FILE.jsonl``; summaries come back as the engine's serde serialization (what
``--format json`` prints) turned into dicts, so the schema is the CLI's by
construction.
"""

import json as _json

from . import _newsbrief
from ._newsbrief import __version__

__all__ = ["Pipeline", "Stories", "summarize", "methods", "rouge", "__version__"]


class Pipeline:
    """A reusable summarizer; build it once and call it many times.

    ``Pipeline(method="learned", words=100, sentences=None, truncate=False,
    brief=False)``; the settings are checked here and raise ``ValueError``.
    """

    __slots__ = ("_engine", "_config")

    def __init__(self, *, method="learned", words=100, sentences=None, truncate=False, brief=False):
        self._config = dict(method=method, words=words, sentences=sentences, truncate=truncate, brief=brief)
        try:
            self._engine = _newsbrief.Engine(method, words, sentences, truncate, brief)
        except (TypeError, OverflowError) as e:
            raise ValueError(f"invalid configuration: {e}") from None

    @property
    def config(self):
        """The settings this pipeline was built with."""
        return dict(self._config)

    def __repr__(self):
        args = ", ".join(f"{k}={v!r}" for k, v in self._config.items())
        return f"Pipeline({args})"

    def __reduce__(self):
        # Pickled by its settings (Spark ships objects between processes).
        return (_rebuild, (self._config,))

    def summarize(self, documents):
        """Summarizes one cluster: a list of documents (str, or dict with
        ``text``/``html``, ``title``, ``source``). Returns the summary as a dict
        with the schema of ``newsbrief summarize --format json``."""
        if isinstance(documents, (str, bytes, dict)):
            raise ValueError(
                f"documents: expected a list of documents (str or dict), got a single {type(documents).__name__}"
            )
        [summary] = self._engine.summarize_many([(documents, "cluster")])
        if "error" in summary:
            raise ValueError(summary["error"])
        return summary

    def summarize_many(self, clusters):
        """Summarizes many clusters in parallel on the engine's thread pool, with
        the GIL released. Each cluster is a list of documents or a record dict
        (``{"id", "documents"}``, Multi-News ``{"document"}``). Returns one dict
        per cluster, in order; a cluster that fails gives ``{"id", "error"}``
        instead of raising, so one bad cluster costs only its own summary."""
        return self._engine.summarize_many([(c, f"clusters[{i}]") for i, c in enumerate(clusters)])


def _rebuild(config):
    return Pipeline(**config)


def summarize(documents, *, method="learned", words=100, sentences=None, truncate=False, brief=False):
    """Summarizes one cluster of documents; see :class:`Pipeline`."""
    return Pipeline(method=method, words=words, sentences=sentences, truncate=truncate, brief=brief).summarize(
        documents
    )


def methods():
    """The summarization methods: ``{name: description}``, in the CLI's order."""
    return dict(_newsbrief.methods())


def rouge(candidate, references, *, words=None):
    """ROUGE-1/2/L/Lsum of ``candidate`` against ``references`` (a string or a
    list, averaged over them), with the engine's scorer, which matches Google's
    ``rouge-score`` 0.1.2 (Porter stemming, Punkt sentences for Lsum). With
    ``words``, the candidate is first cut to that many words, as ``newsbrief
    eval`` does. Returns ``{"rouge1": {"precision", "recall", "f1"}, ...}``."""
    if isinstance(references, str):
        references = [references]
    if not isinstance(candidate, str):
        raise ValueError(f"candidate must be a str, got {type(candidate).__name__}")
    references = list(references)
    for i, r in enumerate(references):
        if not isinstance(r, str):
            raise ValueError(f"references[{i}] must be a str, got {type(r).__name__}")
    if words is not None and (not isinstance(words, int) or isinstance(words, bool) or words < 1):
        raise ValueError(f"words must be a positive int, got {words!r}")
    return _newsbrief.rouge(candidate, references, words)


class Stories:
    """Groups a stream of articles into stories, online (the engine's story clusterer).

    ``Stories()`` keeps everything in memory; ``Stories(db="newsbrief.db")`` uses the
    SQLite store that ``newsbrief stories add`` and ``newsbrief serve --db`` share, so
    the stories persist and an article already stored (same id, URL or text) changes
    nothing. Articles are dicts with ``id`` and ``title`` and/or ``text`` (or ``html``),
    and optionally ``date`` (ISO-8601), ``source``, ``url``. A bad article raises
    ``ValueError`` naming it and leaves the stories unchanged.
    """

    def __init__(self, db=None):
        self._inner = _newsbrief.Stories(None if db is None else str(db))

    def add(self, article):
        """Adds one article; returns ``{"id", "story", "status"}`` (status ``new`` or
        ``joined`` in memory, ``added`` or ``duplicate`` in a store)."""
        if not isinstance(article, dict):
            raise ValueError("an article is a dict with an id and a title or text")
        try:
            line = _json.dumps(article)
        except (TypeError, ValueError) as e:
            raise ValueError(f"article is not JSON-like data: {e}") from None
        return _json.loads(self._inner.add(line))

    def stories(self):
        """Every story: in memory ``{"id", "articles", "first_seen", "last_seen"}`` by id;
        from a store its listing, newest first, with ``headline`` and counts."""
        return _json.loads(self._inner.stories())
