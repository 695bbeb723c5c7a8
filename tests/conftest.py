"""Shared helpers: write small libraries into a temp folder and run the CLI on them."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from litcheck.cli import main

GOOD_ENTRY = """
@techreport{unodc2020global,
  author = {{United Nations Office on Drugs and Crime}},
  title = {Global Report on Trafficking in Persons 2020},
  institution = {United Nations Office on Drugs and Crime},
  year = {2020},
  keywords = {statistics, recruitment},
  sourcekind = {official-report},
  verification = {confirmed},
}
"""


@pytest.fixture(autouse=True)
def private_cache_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own index cache, so tests never read or write the user's cache."""
    monkeypatch.setenv("LITCHECK_CACHE_DIR", str(tmp_path_factory.mktemp("litcheck-cache")))


@pytest.fixture
def write_bib(tmp_path: Path):
    """Write a .bib file from dedented text and return its path."""

    def write(text: str, name: str = "lib.bib") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture
def run_cli(monkeypatch):
    """Invoke `litcheck` in-process with no environment leaking in; returns the click Result."""

    def run(*args: str, env: dict | None = None):
        monkeypatch.delenv("LITCHECK_BIB", raising=False)
        monkeypatch.delenv("LITCHECK_NOTES", raising=False)
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)

    return run


@pytest.fixture(scope="module")
def scanner():
    """A scanner over the test library of tests/data/scan (files that need another define their own)."""
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    data = Path(__file__).parent / "data" / "scan"
    return Scanner(load_library([data / "lib.bib"], data / "notes", use_cache=False))


@pytest.fixture
def small_lists(monkeypatch):
    """Stored best hits (`index.tophits`) for a generated library of a few hundred entries."""
    from litcheck.index import tophits

    monkeypatch.setattr(tophits, "MIN_HITS", 40)
    monkeypatch.setattr(tophits, "TOP", 12)
