"""The fast .bib parser gives bibtexparser 2's results: same keys, types, values, lines, raw text
and the same failed blocks, on our own tricky fixtures and on real-world files.

The one intended difference: a `#` concatenation is evaluated as BibTeX does (bibtexparser
keeps the expression as text). The reference here evaluates bibtexparser's expression with a
small evaluator of its own, written independently of litcheck's.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import bibtexparser
import pytest

from litcheck.library.bibfile import decode_bytes, parse_file, parse_text
from litcheck.library.core import load_library

DATA = Path(__file__).parent / "data"
BENCH = Path(os.environ.get("LITCHECK_BENCH", Path(__file__).resolve().parents[1].parent / "shared" / "bench"))
BIG = "beebe-fisheries-100k.bib"  # 26 s with bibtexparser: benchmarks only


def _bench_files() -> list[Path]:
    if not BENCH.is_dir():
        return []
    return sorted(p for p in BENCH.glob("*.bib") if p.name != BIG)


# ---- an independent reference evaluator for bibtexparser's unresolved expressions ----------

def _split_top(expr: str) -> list[str] | None:
    """Split `a # "b" # {c}` at top-level `#`; None if quotes/braces do not balance."""
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(expr):
        if ch == "{" and not quoted:
            depth += 1
        elif ch == "}" and not quoted:
            depth -= 1
        elif ch == '"' and depth == 0 and (i == 0 or expr[i - 1] != "\\"):
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(expr[start:i].strip())
            start = i + 1
    parts.append(expr[start:].strip())
    return None if depth or quoted else parts


def _evaluate(expr: str, strings: dict[str, str], seen=()) -> str:
    out = []
    for part in _split_top(expr) or [expr]:
        if len(part) >= 2 and part[0] + part[-1] in ("{}", '""'):
            out.append(part[1:-1])
        elif part.isdigit():
            out.append(part)
        elif part.lower() in strings and part.lower() not in seen:
            out.append(_evaluate(strings[part.lower()], strings, (*seen, part.lower())))
        else:
            out.append(part)
    return "".join(out)


def reference(text: str, previous: bibtexparser.Library | None = None):
    """bibtexparser's parse, with macros and concatenations evaluated by the reference."""
    raw = bibtexparser.parse_string(text, parse_stack=[], library=previous)
    strings = {s.key.lower(): s.value for s in raw.strings}
    entries = {}
    for e in raw.entries:
        entries[e.key] = (e.entry_type.lower(), {f.key.lower(): _evaluate(f.value, strings) for f in e.fields},
                          e.start_line + 1, e.raw)
    failed = sorted(b.start_line + 1 for b in raw.failed_blocks
                    if not isinstance(b, bibtexparser.model.DuplicateBlockKeyBlock)
                    or isinstance(b.ignore_error_block, bibtexparser.model.Entry))
    return raw, entries, failed


def assert_same(path: Path, previous_text: str | None = None):
    text, _ = decode_bytes(path.read_bytes(), str(path))
    previous = bibtexparser.parse_string(previous_text, parse_stack=[]) if previous_text else None
    env = None
    if previous_text:
        env = parse_text(previous_text, "previous.bib").strings
    _, ref, ref_failed = reference(text, previous)
    mine = parse_text(text, str(path), env)
    got = {e.key: e for e in mine.entries}
    assert list(got) == [k for k in ref if k in got] and set(got) == set(ref), path.name
    for key, (etype, fields, line, raw) in ref.items():
        entry = got[key]
        assert entry.type == etype, (path.name, key)
        assert entry.fields == fields, (path.name, key)
        assert entry.line == line, (path.name, key)
        assert entry.raw == raw, (path.name, key)
    failed = sorted(p.line for p in mine.problems if p.check in ("parse-error", "duplicate-field")
                    or (p.check == "duplicate-key" and p.key in got))
    assert failed == ref_failed, path.name
    return mine


def test_own_fixture_matches_bibtexparser():
    mine = assert_same(DATA / "parser-tricky.bib")
    checks = [p.check for p in mine.problems]
    assert checks == ["parse-error", "duplicate-key", "duplicate-field"]
    broken = mine.problems[0]
    assert broken.line == 44 and "closing" in broken.message  # file:line of the unclosed block
    e = {x.key: x for x in mine.entries}
    assert e["Macros2021b"].fields["title"] == "Macro Association for Computing Machinery and concatenation"
    assert e["Macros2021b"].fields["booktitle"] == "Proc. of the Association for Computing Machinery Conference"
    assert e["Macros2021b"].fields["author"] == "{United Nations}"  # @STRING is case-insensitive
    assert e["plain2020a"].fields["month"] == "jan"  # an undefined macro keeps its name
    assert e["paren2019c"].fields["booktitle"] == "Closing ) paren in braces"
    assert e["escaped2018d"].fields["note"] == 'A {"}quoted{"} word'
    assert "midline" in e  # a block start inside free text is a block, as for BibTeX
    assert e["last2011l"].keywords == ["csam", "grooming", "statistics"]


def test_cross_file_macros(tmp_path):
    mine = assert_same(DATA / "macros-use.bib", (DATA / "macros-defs.bib").read_text())
    fish = {e.key: e for e in mine.entries}
    assert fish["fish2001a"].fields["journal"] == "Journal of Fish Biology"
    assert fish["fish2001a"].fields["title"] == "Uses a macro Journal of Fish Biology from the other file"
    assert fish["fish2002b"].fields["note"] == "undefinedmacro"
    assert mine.external_macros == {"jfb": "Journal of Fish Biology", "ack-x": "Acknowledged by X",
                                    "undefinedmacro": None}
    # through load_library: files are read in order, earlier macros visible later
    lib = load_library([DATA / "macros-defs.bib", DATA / "macros-use.bib"], None, use_cache=False)
    assert lib.get("fish2001a").get("acknowledgement") == "Acknowledged by X"
    alone = load_library([DATA / "macros-use.bib"], None, use_cache=False)
    assert alone.get("fish2001a").get("journal") == "jfb"


@pytest.mark.parametrize("path", _bench_files(), ids=lambda p: p.name)
def test_bench_file_matches_bibtexparser(path):
    assert_same(path)


def test_bench_cross_file_macros():
    defs, papers = BENCH / "biber-definitions-macros.bib", BENCH / "biber-papers-bare-macros.bib"
    if not (defs.exists() and papers.exists()):
        pytest.skip("../shared/bench not present")
    mine = assert_same(papers, defs.read_text(encoding="utf-8"))
    resolved = [e for e in mine.entries if e.fields.get("journal") and " " in e.fields["journal"]]
    assert len(resolved) > 100  # bare `journal = or` now reads as the journal's name


def test_parallel_scan_gives_the_same_result():
    text = "\n".join((DATA / "parser-tricky.bib").read_text() for _ in range(300))
    serial = parse_text(text, "x.bib", parallel=False)
    parallel = parse_text(text, "x.bib", parallel=True)
    assert [e.key for e in serial.entries] == [e.key for e in parallel.entries]
    assert [(e.fields, e.line, e.raw, e.field_lines) for e in serial.entries] == \
           [(e.fields, e.line, e.raw, e.field_lines) for e in parallel.entries]
    assert serial.problems == parallel.problems


def test_field_lines_are_the_lines_of_the_equals_sign():
    entry = parse_file(DATA / "parser-tricky.bib").entries[0]
    lines = (DATA / "parser-tricky.bib").read_text().split("\n")
    for name, line in entry.field_lines.items():
        assert re.match(rf"\s*{name}\s*=", lines[line - 1], re.I), name
