"""Type stubs for newsbrief: cited, non-redundant briefs from a cluster of news articles."""

import os
from typing import Any, Iterable, Literal, Mapping, Optional, Sequence, TypedDict, Union

__version__: str

class DocumentDict(TypedDict, total=False):
    """An article: ``text`` or ``html`` (one is required), optional ``title`` and ``source``."""

    text: str
    html: str
    title: str
    source: str

Document = Union[str, DocumentDict]
"""An article: its plain text, or a dict with ``text``/``html``, ``title``, ``source``."""

Cluster = Union[Sequence[Document], Mapping[str, Any]]
"""A list of documents, or a record dict as in JSONL input: ``{"id", "documents"}`` or
Multi-News ``{"document": "a ||||| b"}``."""

MethodName = Literal[
    "lead", "lexrank", "textrank", "centroid", "mmr", "ilp", "submodular", "learned", "hybrid"
]

class Citation(TypedDict):
    article: int
    sentence: int
    similarity: float

class SummarySentence(TypedDict):
    text: str
    article: int
    """0-based index into ``documents``."""
    sentence: int
    span: list[int]
    """Byte span ``[start, end)`` in the article's UTF-8 text."""
    score: float
    sources: list[Citation]
    """Every article carrying the sentence, its own first."""

class SourceInfo(TypedDict):
    name: str
    title: Optional[str]
    sentences: int

class Summary(TypedDict, total=False):
    """The schema of ``newsbrief summarize --format json``."""

    id: str
    method: str
    budget: dict[str, int]
    """``{"words": n}`` or ``{"sentences": n}``."""
    words: int
    sentences: list[SummarySentence]
    documents: list[SourceInfo]
    brief: dict[str, Any]
    """Present with ``brief=True``: quotes, conflicts, exclusives, entities."""
    warnings: list[str]

class Failure(TypedDict):
    """What :meth:`Pipeline.summarize_many` gives for a cluster that failed."""

    id: Optional[str]
    error: str

class Prf(TypedDict):
    precision: float
    recall: float
    f1: float

class Rouge(TypedDict):
    rouge1: Prf
    rouge2: Prf
    rougeL: Prf
    rougeLsum: Prf

class Pipeline:
    """A reusable summarizer; build it once and call it many times.

    Settings are checked here: a bad one raises ``ValueError`` with the engine's message.
    ``sentences``, when given, replaces the word budget. ``truncate`` cuts the summary at
    exactly ``words`` words (for evaluation); ``brief`` adds quotes, conflicts and exclusives.
    """

    def __init__(
        self,
        *,
        method: Union[MethodName, str] = "learned",
        words: Optional[int] = 100,
        sentences: Optional[int] = None,
        truncate: bool = False,
        brief: bool = False,
    ) -> None: ...
    @property
    def config(self) -> dict[str, Any]:
        """The settings this pipeline was built with."""
    def summarize(self, documents: Sequence[Document]) -> Summary:
        """Summarizes one cluster. Raises ``ValueError`` on bad input (an empty list, a
        document without text, a cluster with no readable sentence)."""
    def summarize_many(self, clusters: Iterable[Cluster]) -> list[Union[Summary, Failure]]:
        """Summarizes many clusters in parallel (GIL released, Rust thread pool). One result
        per cluster, in order; a failed cluster gives ``{"id", "error"}`` instead of raising.
        Clusters without an id are named ``clusters[i]``."""

def summarize(
    documents: Sequence[Document],
    *,
    method: Union[MethodName, str] = "learned",
    words: Optional[int] = 100,
    sentences: Optional[int] = None,
    truncate: bool = False,
    brief: bool = False,
) -> Summary:
    """Summarizes one cluster of documents, returning the schema of ``newsbrief summarize
    --format json`` with the same sentences as the CLI. Raises ``ValueError`` on bad input."""

def methods() -> dict[str, str]:
    """The summarization methods, ``{name: description}``, in the CLI's order."""

def rouge(candidate: str, references: Union[str, Sequence[str]], *, words: Optional[int] = None) -> Rouge:
    """ROUGE-1/2/L/Lsum (fractions) of ``candidate`` against ``references``, averaged over
    them; identical to Google's ``rouge-score`` 0.1.2 with stemming and Punkt sentences for
    Lsum. ``words`` first cuts the candidate to that many words, as ``newsbrief eval`` does."""

class Stories:
    """Groups a stream of articles into stories, online; in memory, or in the SQLite store
    at ``db`` shared with ``newsbrief stories add`` and ``newsbrief serve --db``."""
    def __init__(self, db: Optional[Union[str, "os.PathLike[str]"]] = None) -> None: ...
    def add(self, article: dict[str, Any]) -> dict[str, Any]:
        """Adds one article (``id``, ``title`` and/or ``text`` or ``html``, optional ``date``,
        ``source``, ``url``); returns ``{"id", "story", "status"}``. Raises ``ValueError``
        on a bad article, which changes nothing."""
    def stories(self) -> list[dict[str, Any]]:
        """Every story with its article ids and first/last dates (from a store: newest first,
        with headline and counts)."""
