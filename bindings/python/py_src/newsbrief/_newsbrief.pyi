"""The extension module under :mod:`newsbrief`; use the package's API instead."""

from typing import Any, Optional

__version__: str

class Engine:
    def __init__(
        self, method: str, words: Optional[int], sentences: Optional[int], truncate: bool, brief: bool
    ) -> None: ...
    def summarize_many(self, items: list[tuple[Any, str]]) -> list[dict[str, Any]]:
        """``(cluster, label)`` pairs to summaries, or ``{"id", "error"}`` dicts, in order;
        ``ValueError`` for data that is not JSON-like."""
    def batch_lines(self, records: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
        """The line ``newsbrief summarize FILE.jsonl`` prints per record, and its stderr messages."""

class Evaluator:
    def __init__(self, method: str, words: int) -> None: ...
    def records(self, records: list[tuple[str, str]]) -> list[tuple[str, Any]]:
        """Per record: ``("unreadable", message)``, ``("no_reference", None)`` or
        ``("scored", (twelve ROUGE fractions and the dangling-opener share, article bytes))``."""

def methods() -> list[tuple[str, str]]: ...
def rouge(candidate: str, references: list[str], words: Optional[int] = None) -> dict[str, dict[str, float]]: ...
def eval_report(
    system: str, per_cluster: list[list[float]], skipped: int, seconds: float, bytes: int
) -> str: ...
def eval_table(reports: list[str], metrics: list[str], clusters: int, words: int) -> str: ...
def eval_preset(name: Optional[str] = None) -> tuple[int, list[str]]: ...
def system_name(method: str) -> str: ...

class Stories:
    def __init__(self, db: Optional[str] = None) -> None: ...
    def add(self, article: str) -> str:
        """One article as JSON text to its assignment as JSON text."""
    def stories(self) -> str:
        """Every story as JSON text."""
