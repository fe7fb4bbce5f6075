"""Shared paths for the tests: the repository, the CLI binary built by cargo
(for comparing the package with `newsbrief` itself) and the research corpora
(../shared/data, never in the repository)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(os.environ.get("NEWSBRIEF_DATA", ROOT.parent / "shared" / "data"))
EXAMPLE = ROOT / "examples" / "tillerson-moscow-2017"


def cli_path():
    """The newest of target/{debug,release}/newsbrief: a stale binary of the
    other profile must not be what the package is compared with."""
    found = [p for p in (ROOT / "target" / prof / "newsbrief" for prof in ("debug", "release")) if p.is_file()]
    return max(found, key=lambda p: p.stat().st_mtime, default=None)


@pytest.fixture(scope="session")
def cli():
    """Runs the `newsbrief` binary; skips when cargo has not built it."""
    path = cli_path()
    if path is None:
        pytest.skip(f"skipped: no newsbrief binary in {ROOT / 'target'}/{{release,debug}} (run `cargo build` first)")

    def run(*args, check=True):
        return subprocess.run([str(path), *map(str, args)], capture_output=True, text=True, check=check)

    return run


def data_file(name):
    """A corpus from ../shared/data, or a skip saying it is absent."""
    p = DATA / name
    if not p.is_file():
        pytest.skip(f"skipped: {p} not found (research corpora are not in the repository)")
    return p


@pytest.fixture(scope="session")
def java():
    if shutil.which("java") is None:
        pytest.skip("skipped: no `java` on PATH; the Spark tests need Java 17 (Debian: apt-get install openjdk-17-jre-headless)")
