"""Bounded YAML and bounded notes (issue 20, item 2): saved lists and notes built to exhaust
memory or stack get one clear message; oversized notes are reported by `check` and skipped by
the other commands; link-dense notes load in linear time."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from conftest import GOOD_ENTRY
from litcheck.library.notes import MAX_NOTE_BYTES, find_links, parse_note
from test_hostile_input import litcheck

LAUGHS = "\n".join(['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
                   + [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)])


def library(tmp_path: Path) -> Path:
    (tmp_path / "notes" / "lists").mkdir(parents=True)
    (tmp_path / "lib.bib").write_text(GOOD_ENTRY, encoding="utf-8")
    return tmp_path


def list_from(tmp_path: Path, text: str) -> tuple[int, str]:
    root = library(tmp_path)
    (root / "notes" / "lists" / "odd.yaml").write_text(text, encoding="utf-8")
    code, _, err = litcheck("list", "--bib", "lib.bib", "--notes", "notes", "--from", "odd", "--style", "none",
                            cwd=root)
    return code, err


@pytest.mark.parametrize("text, words", [
    (LAUGHS + "\ntitle: *a8\nsections:\n  - heading: x\n    keys: *a8\n", "aliases expand"),
    (LAUGHS + "\ntitle: x\nsections: [{heading: y, keys: [unodc2020global], commentary: *a8}]\n", "aliases expand"),
    ("title: x\nsections:\n  - filter: " + "[" * 100_000 + "]" * 100_000 + "\n", "nested more than"),
    ("title: x\nsections:\n  - filter: " + "{a: " * 5_000 + "1" + "}" * 5_000 + "\n", "nested more than"),
    ("title: x\nsections:\n  - heading: y\n    filter: [1, 2]\n", "`filter` must be a mapping"),
    ("title: x\nsections:\n  - heading: y\n    filter: {since: [a, b]}\n", "since"),
    ("title: x\nsections:\n  - heading: y\n    filter: {since: }\n", "section 1"),
    ("title: [x, y]\nsections: []\n", "`title` must be text"),
    ("title: x\nsections:\n  - keys: {a: b}\n", "`keys` must be a list"),
    ("title: x\nsections:\n  - commentary: " + "w " * 600_000 + "\n", "larger than"),
    ("title: x\nsections: [\n", "not valid YAML"),
], ids=lambda value: value[:30])  # short ids: pytest puts the id in PYTEST_CURRENT_TEST, and a 200 kB
# environment variable makes every subprocess fail to start (E2BIG) on pytest versions that do not shorten it
def test_hostile_saved_list_is_refused_with_a_message(tmp_path, text, words):
    code, err = list_from(tmp_path, text)
    assert code == 2
    assert "odd.yaml" in err and words in err


def test_check_reports_a_broken_saved_list_with_its_line(tmp_path, run_cli):
    root = library(tmp_path)
    (root / "notes" / "lists" / "bomb.yaml").write_text(LAUGHS + "\ntitle: *a8\nsections: []\n")
    (root / "notes" / "lists" / "good.yaml").write_text("title: fine\nsections:\n  - keys: [unodc2020global]\n")
    result = run_cli("check", "--bib", str(root / "lib.bib"), "--notes", str(root / "notes"), "--format", "json",
                     "--select", "saved-list-error")
    problems = json.loads(result.output)["problems"]
    assert [(Path(p["file"]).name, p["check"]) for p in problems] == [("bomb.yaml", "saved-list-error")]
    assert problems[0]["line"] > 1 and "aliases expand" in problems[0]["message"]


def test_saved_list_edits_are_seen_by_cached_check(tmp_path, run_cli):
    root = library(tmp_path)
    lst = root / "notes" / "lists" / "l.yaml"
    lst.write_text("title: fine\nsections: []\n")
    args = ("check", "--bib", str(root / "lib.bib"), "--notes", str(root / "notes"), "--format", "json",
            "--select", "saved-list-error")
    assert json.loads(run_cli(*args).output)["problems"] == []
    lst.write_text("title: [not, text]\nsections: []\n")
    assert [p["check"] for p in json.loads(run_cli(*args).output)["problems"]] == ["saved-list-error"]


def test_oversized_note_is_reported_by_check_and_skipped_elsewhere(tmp_path):
    root = library(tmp_path)
    (root / "notes" / "unodc2020global.md").write_text(
        "---\nkey: unodc2020global\n---\n" + "Words about [@unodc2020global].\n" * (MAX_NOTE_BYTES // 30))
    code, out, _ = litcheck("check", "--bib", "lib.bib", "--notes", "notes", "--format", "json", cwd=root)
    skipped = [p for p in json.loads(out)["problems"] if p["check"] == "note-skipped"]
    assert code == 1 and len(skipped) == 1 and "larger than" in skipped[0]["message"]
    code, out, _ = litcheck("show", "--bib", "lib.bib", "--notes", "notes", "unodc2020global", cwd=root)
    assert code == 0 and "Global Report on Trafficking" in out and "Words about" not in out


def test_fifo_in_notes_folder_is_skipped_not_waited_for(tmp_path):
    import os

    root = library(tmp_path)
    os.mkfifo(root / "notes" / "unodc2020global.md")
    code, out, _ = litcheck("check", "--bib", "lib.bib", "--notes", "notes", "--format", "json", cwd=root, timeout=30)
    assert [p["message"] for p in json.loads(out)["problems"] if p["check"] == "note-skipped"] == \
        ["note skipped: not a regular file"]


def test_link_lines_are_right_after_many_links():
    text = "".join(f"line {i} cites [@k{i}, p. {i}]\n\nmore\n" for i in range(2000))
    links = find_links(text, first_line=5)
    assert [(l.key, l.line) for l in links[:3]] == [("k0", 5), ("k1", 8), ("k2", 11)]
    assert (links[-1].key, links[-1].line) == ("k1999", 5 + 3 * 1999)


def test_unclosed_comment_and_fence_hide_the_rest_of_a_note():
    assert find_links("[@a]\n<!-- open\n[@b]\n") == find_links("[@a]\n") != []
    assert [l.key for l in find_links("[@a]\n```\n[@b]\n")] == ["a"]


@pytest.mark.slow
@pytest.mark.parametrize("line", ["See [@a, p. 3] and [@b] here.\n", "<!--", "```\n~~~\n"])
def test_note_loading_grows_linearly(line):
    """Four times the text may take at most about four times as long (quadratic: sixteen)."""
    def cost(repeat: int) -> float:
        text = "---\ntitle: t\n---\n" + line * repeat
        start = time.perf_counter()
        parse_note(text, "n.md", "n")
        return time.perf_counter() - start

    small_n = 200_000 // len(line)
    small = min(cost(small_n) for _ in range(3))
    large = min(cost(4 * small_n) for _ in range(3))
    assert large < 8 * small + 0.05, (small, large)
