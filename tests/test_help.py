"""Every command documents itself with examples (`litcheck CMD --help`), and every example
runs: each is executed on a copy of the bundled library from a copy of the checkout's
folders, so an example that names a missing key, file or option fails here."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from litcheck.cli import commands, main

ROOT = Path(__file__).resolve().parent.parent
# Folders the examples may name, copied so that examples that write change only the copy.
COPIED = ("refs", "notes", "docs/examples", "tests/data/import", "tests/data/scan", "tool/litcheck/data/styles")


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_help_with_examples(run_cli, name):
    result = run_cli(name, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.output and f"litcheck {name}" in result.output


PIPED = re.compile(r"^cat (\S+) \| (litcheck .*)$")


def examples(help_text: str) -> list[str]:
    """The `litcheck ...` lines of the Examples section (also `cat FILE | litcheck ...`)."""
    section = help_text.split("Examples:", 1)[1] if "Examples:" in help_text else ""
    lines = [line.strip() for line in section.splitlines()]
    return [line for line in lines if line.startswith("litcheck ") or PIPED.match(line)]


def help_of(name: str | None) -> str:
    return CliRunner().invoke(main, [name, "--help"] if name else ["--help"], terminal_width=200).output


ALL_EXAMPLES = [(name, ex) for name in [None, *sorted(commands())] for ex in examples(help_of(name))]


@pytest.fixture
def checkout(tmp_path_factory):
    """A fresh copy for each example, so no example depends on another's edits."""
    root = tmp_path_factory.mktemp("checkout")
    for folder in COPIED:
        shutil.copytree(ROOT / folder, root / folder)
    return root


@pytest.mark.parametrize("name, example", ALL_EXAMPLES, ids=[ex for _, ex in ALL_EXAMPLES])
def test_every_help_example_runs_on_the_bundled_library(checkout, monkeypatch, name, example):
    if "--online" in example:
        pytest.skip("needs the network; tests stay offline (the online commands' own tests use recorded answers)")
    monkeypatch.chdir(checkout)
    piped = PIPED.match(example)
    stdin = (checkout / piped.group(1)).read_text(encoding="utf-8") if piped else None
    args = shlex.split(piped.group(2) if piped else example, comments=True)[1:]
    env = {"LITCHECK_BIB": str(checkout / "refs"), "LITCHECK_NOTES": str(checkout / "notes"),
           "LITCHECK_BACKUPS": "0"}
    result = CliRunner().invoke(main, args, env=env, input=stdin, catch_exceptions=False)
    # Exit 1 means "problems found" only for check and scan; anything else must succeed.
    allowed = (0, 1) if args[0] in ("check", "scan") else (0,)
    assert result.exit_code in allowed, f"{example}\n{result.output}"


def test_examples_are_found():
    assert len(ALL_EXAMPLES) >= 2 * len(commands())
    plumbing = [ex for _, ex in ALL_EXAMPLES if not PIPED.match(ex) and re.search(r"[|<>]", ex.split("#")[0])]
    assert not plumbing, "examples the test cannot run as written"
