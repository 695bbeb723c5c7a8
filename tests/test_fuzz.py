"""Property-based fuzzing (Hypothesis) of the BibTeX loader and the document scanner.

Budget: every test has an explicit `max_examples` (the constants below), `deadline=None` and
`derandomize=True`, so CI runs the same cases every time and finishes within about a minute on
two cores (about 35 s on a 2-core machine here). The CI total is

    FUZZ_TOTAL = 10,000 generated examples per run

(BIB_TEXT 1,500 + BIB_BYTES 800 + BIB_MUTATED 1,500 + BIB_VALID 800 + BIB_SPLIT 600
+ BIB_CHECKS 200 + DOC_TEXT 3,000 + DOC_BYTES 600 + DOC_FORMATS 1,000).

For a longer local hunt set LITCHECK_FUZZ_EXAMPLES: a number N multiplies every budget by N
(`LITCHECK_FUZZ_EXAMPLES=20`), and `LITCHECK_FUZZ_SEED=random` drops `derandomize` so each run
explores new cases:

    LITCHECK_FUZZ_EXAMPLES=20 LITCHECK_FUZZ_SEED=random python -m pytest -q tests/test_fuzz.py

What is asserted: the loader never raises; every problem names the file and a line inside it;
every entry has a key and its raw text is a slice of the input; valid generated entries come
back exactly (keys, types, values, lines); parsing a text in two parts gives the same entries
as parsing it whole, and a large file parsed on two cores gives the same blocks as on one. The scanner never raises on any text, bytes or format; every sentence,
citation and flag points inside the document; the JSON contract and every report format render.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

# ---------------------------------------------------------------------------------------------
# Budget (examples per test in CI). FUZZ_TOTAL is their sum.
# ---------------------------------------------------------------------------------------------
BIB_TEXT = 1_500  # arbitrary text over a BibTeX alphabet
BIB_BYTES = 800  # arbitrary bytes through the decoder
BIB_MUTATED = 1_500  # well-formed entries with pieces deleted, inserted, duplicated
BIB_VALID = 800  # well-formed entries must come back exactly
BIB_SPLIT = 600  # parse(A + B) == parse(A) + parse(B)
BIB_CHECKS = 200  # every check runs on the mutated library
DOC_TEXT = 3_000  # the scanner on citation-shaped text
DOC_BYTES = 600  # the scanner on arbitrary bytes read from a file
DOC_FORMATS = 1_000  # the scanner on Markdown / HTML shaped text
FUZZ_TOTAL = (BIB_TEXT + BIB_BYTES + BIB_MUTATED + BIB_VALID + BIB_SPLIT + BIB_CHECKS
              + DOC_TEXT + DOC_BYTES + DOC_FORMATS)

_SCALE = os.environ.get("LITCHECK_FUZZ_EXAMPLES", "").strip()
_RANDOM = os.environ.get("LITCHECK_FUZZ_SEED", "").strip().lower() == "random"

pytestmark = pytest.mark.slow  # Hypothesis budgets: the README command and CI run them, `pytest -q` skips them


def budget(examples: int):
    """Hypothesis settings for one test: its CI budget, or that times LITCHECK_FUZZ_EXAMPLES."""
    n = examples * int(_SCALE) if _SCALE.isdigit() and int(_SCALE) > 0 else examples
    return settings(max_examples=n, deadline=None, derandomize=not _RANDOM, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])


# ---------------------------------------------------------------------------------------------
# BibTeX strategies
# ---------------------------------------------------------------------------------------------
BIB_CHARS = list("@{}()\"',=#%\\ \t\n\r") + list("abcikmstxyz") + list("ACMS") + list("0129_-:./;$`~") \
    + ["é", "ß", "\x00", "\x0b", "\u2028", "\ufeff", "😀"]
BIB_WORDS = ["@misc{", "@article{", "@string{", "@comment{", "@preamble{", "@misc(", "@{", "@", "{", "}",
             "\"", "=", ",", "#", "%", "\n", " ", "title", "author", "year = 2020", "k2020a", "\\{", "\\}",
             "{\"}", "jan", "@string{jan = {January}}", "title = {A {B} c}", "\\", "\r\n"]

bib_text = st.one_of(
    st.text(alphabet=st.sampled_from(BIB_CHARS), max_size=200),
    st.lists(st.sampled_from(BIB_WORDS) | st.text(alphabet=st.sampled_from(BIB_CHARS), max_size=4),
             max_size=60).map("".join),
    st.text(max_size=80),
)

_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_key = st.builds(lambda first, rest: first + rest, st.sampled_from(_ALNUM),
                 st.text(alphabet=st.sampled_from(_ALNUM + "_:-./"), max_size=12))
_name = st.builds(lambda first, rest: first + rest, st.sampled_from("abcdefghijklmnopqrstuvwxyz"),
                  st.text(alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyz_"), max_size=8))
_VALUE_TOKENS = ["a", "b", "xyz", " ", "  ", ",", ".", "-", "0", "12", ";", ":", "!", "?", "é", "'", "{", "{", "}", "}"]


def _balance(tokens: list[str]) -> str:
    """Join value tokens, dropping a `}` that closes nothing and closing what is left open."""
    out, depth = [], 0
    for tok in tokens:
        if tok == "}":
            if depth == 0:
                continue
            depth -= 1
        elif tok == "{":
            depth += 1
        out.append(tok)
    return "".join(out) + "}" * depth


_brace_content = st.lists(st.sampled_from(_VALUE_TOKENS), max_size=16).map(_balance)
_quote_content = _brace_content


_field_value = st.one_of(  # (as written, the raw value the parser must return)
    _brace_content.map(lambda inner: ("{" + inner + "}", inner)),
    _quote_content.map(lambda inner: ('"' + inner + '"', inner)),
    st.integers(0, 99999).map(lambda n: (str(n), str(n))),
)
_entry_parts = st.tuples(
    st.sampled_from(["misc", "article", "book", "Misc", "ARTICLE", "techreport"]),
    _key,
    st.lists(st.tuples(_name, _field_value), max_size=5, unique_by=lambda f: f[0].lower()),
    st.sampled_from([",\n", ", ", ",\n\n"]),
    st.sampled_from(["", ","]),
    st.sampled_from([("{", "}"), ("(", ")")]),
    st.sampled_from(["", "\n", "% a comment\n", "\n\n", "free text\n"]),
)


def _render_entry(parts):
    """(text of one well-formed entry, key, type, {field: value})."""
    etype, key, fields, sep, trailing, (open_, close), gap = parts
    body = sep.join(f"  {name} = {written}" for name, (written, _) in fields)
    text = f"{gap}@{etype}{open_}{key},\n{body}{trailing if fields else ''}\n{close}\n"
    return text, key, etype.lower(), {name.lower(): raw for name, (_, raw) in fields}


def _render_library(entries):
    return "".join(e[0] for e in entries), entries


valid_library = st.lists(_entry_parts.map(_render_entry), max_size=6, unique_by=lambda e: e[1]).map(_render_library)


@st.composite
def mutated_library(draw):
    """Well-formed entries with random damage: deletions, insertions, duplicated pieces."""
    text, _ = draw(valid_library)
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["delete", "insert", "duplicate", "truncate"]))
        i = draw(st.integers(0, len(text)))
        if op == "delete":
            j = draw(st.integers(i, min(len(text), i + 12)))
            text = text[:i] + text[j:]
        elif op == "insert":
            text = text[:i] + draw(st.sampled_from(BIB_WORDS) | st.text(alphabet=st.sampled_from(BIB_CHARS), max_size=3)) + text[i:]
        elif op == "duplicate":
            j = draw(st.integers(i, min(len(text), i + 40)))
            text = text[:j] + text[i:j] + text[j:]
        else:
            text = text[:i]
    return text


# ---------------------------------------------------------------------------------------------
# BibTeX properties
# ---------------------------------------------------------------------------------------------

def assert_loaded_sanely(parsed, text: str, path: str) -> None:
    """The invariants every load must keep, whatever the input."""
    lines = text.count("\n") + 1
    for problem in parsed.problems:
        assert problem.file == path, problem
        assert 1 <= problem.line <= lines, (problem, lines)
        assert problem.message and problem.severity in ("info", "warning", "error")
    for entry in parsed.entries:
        assert isinstance(entry.key, str) and entry.key == entry.key.strip(), entry.key
        assert entry.raw in text, entry.raw[:200]
        assert 1 <= entry.line <= lines
        assert all(1 <= line <= lines for line in entry.field_lines.values()), entry.field_lines
        # the views every command uses must not raise either
        entry.title, entry.authors, entry.year  # noqa: B018


@budget(BIB_TEXT)
@given(text=bib_text)
def test_loader_never_raises_on_arbitrary_text(text):
    from litcheck.library.bibfile import parse_text

    parsed = parse_text(text, "fuzz.bib")
    assert_loaded_sanely(parsed, text, "fuzz.bib")


@budget(BIB_BYTES)
@given(data=st.binary(max_size=300) | bib_text.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_loader_never_raises_on_arbitrary_bytes(data):
    from litcheck.library.bibfile import decode_bytes, parse_text

    text, problems = decode_bytes(data, "fuzz.bib")
    parsed = parse_text(text, "fuzz.bib")
    parsed.problems[:0] = problems
    assert text.count("\n") == data.count(b"\n")  # decoding keeps every line break: lines stay file lines
    assert_loaded_sanely(parsed, text, "fuzz.bib")
    for problem in problems:
        assert problem.check == "encoding-error" and 1 <= problem.line <= data.count(b"\n") + 1


@budget(BIB_MUTATED)
@given(text=mutated_library())
def test_loader_never_raises_on_damaged_entries(text):
    from litcheck.library.bibfile import parse_text

    assert_loaded_sanely(parse_text(text, "fuzz.bib"), text, "fuzz.bib")


@budget(BIB_VALID)
@given(lib=valid_library)
def test_valid_entries_come_back_exactly(lib):
    from litcheck.library.bibfile import parse_text

    text, entries = lib
    parsed = parse_text(text, "valid.bib")
    assert parsed.problems == []
    got = [(e.key, e.type, e.fields) for e in parsed.entries]
    assert got == [(key, etype, fields) for _, key, etype, fields in entries]
    starts = [i + 1 for i, line in enumerate(text.split("\n")) if line.startswith("@")]
    assert [e.line for e in parsed.entries] == starts
    for entry in parsed.entries:
        assert entry.raw.startswith("@") and entry.raw in text
        for name, line in entry.field_lines.items():
            assert f"{name} = " in text.split("\n")[line - 1].lower()


@budget(BIB_SPLIT)
@given(head=mutated_library() | bib_text, tail=valid_library)
def test_parsing_in_two_parts_equals_parsing_whole(head, tail):
    """Every `@type{` at the start of a line starts a block whatever came before, so whatever
    damage the first part holds, the second part's entries load the same, lines shifted."""
    from litcheck.library.bibfile import parse_text

    tail_text, entries = tail
    head = head if head.endswith("\n") or not head else head + "\n"
    first = parse_text(head, "f.bib")
    assume(not {key for _, key, _, _ in entries} & {e.key for e in first.entries})
    second = parse_text(tail_text, "f.bib")
    whole = parse_text(head + tail_text, "f.bib")
    shift = head.count("\n")

    def view(parsed, offset=0):
        return [(e.key, e.type, e.fields, e.line + offset, {k: v + offset for k, v in e.field_lines.items()})
                for e in parsed.entries]

    assert view(whole) == view(first) + view(second, shift)
    # a block left open at the end of the first part is still one problem on the same line
    assert sorted((p.check, p.line) for p in whole.problems) == sorted((p.check, p.line) for p in first.problems)


def test_parallel_parse_agrees_with_sequential():
    """A large file is parsed on two cores, split at a block start: same blocks, same order."""
    import random

    from litcheck.library.bibfile import scan_text

    rng = random.Random(1)
    pieces = []
    for i in range(3_000):
        entry = f"@misc{{k{i}, title = {{Work {{{i}}}}}, note = \"a {{b}} c\", year = {1900 + i % 120}}}\n"
        if rng.random() < 0.2:  # damage one in five: cut, stray brace or quote, junk line
            cut = rng.randrange(len(entry))
            entry = entry[:cut] + rng.choice(["", "{", "}", '"', "\n@", "\njunk\n"]) + entry[cut:]
        pieces.append(entry)
    text = "".join(pieces)
    assert scan_text(text, parallel=True) == scan_text(text, parallel=False)


@budget(BIB_CHECKS)
@given(text=mutated_library())
def test_every_check_runs_on_a_damaged_library(text):
    from litcheck.library.bibfile import parse_text
    from litcheck.checks import run_checks
    from litcheck.library.core import build_library

    parsed = parse_text(text, "fuzz.bib")
    lib = build_library([parsed], {}, [], ["fuzz.bib"], None)
    lines = text.count("\n") + 1
    for finding in run_checks(lib):
        assert finding.file == "fuzz.bib" and 0 <= finding.line <= lines, finding


# ---------------------------------------------------------------------------------------------
# Scanner strategies and properties
# ---------------------------------------------------------------------------------------------

DOC_TOKENS = [
    "The", "report", "found", "that", "children", "were", "contacted", "online", "in", "2019", "2021", "12%",
    "3,400", "4.5 million", "more than", "according to", "Europol", "UNODC", "experts say", "the largest",
    "[12]", "[3, 5]", "[3–5]", "^3", "¹", "²³", "[^1]", "[^note]", "[@lindqvist2021play]", "[@nokey, p. 4]",
    "@hartmann2012markets", "(Smith, 2020)", "(Hartmann, 2012, p. 4)", "(UNODC)", "(Lindqvist & Osei, 2021)",
    "Lindqvist (2021) found", "(DSA)", "Digital Services Act", "et al.", "e.g.", "U.S.", "No. 5", "J. R.",
    ".", ". ", "!", "?", "…", ",", ";", ":", "\"", "”", "(", ")", "[", "]", "*", "_", "#", "## ", "- ", "1. ",
    "> ", "|", "---", "```", "<!--", "-->", "<sup>1</sup>", "<p>", "</p>", "\n", "\n\n", " ", "\t", "\r\n",
    "References", "Notes", "[^1]: Europol, Hidden Markets, 2019.", "¹ UNICEF, report, 2020.",
    "1. Smith, J. (2020). Title.", "[1] Hartmann (2012).", "Comments", "www.example.org", "https://x.org/a",
    "\x00", "\ufeff", "\u2028", "é", "😀",
]
doc_text = st.one_of(
    st.lists(st.sampled_from(DOC_TOKENS) | st.text(max_size=3), max_size=200).map(" ".join),
    st.lists(st.sampled_from(DOC_TOKENS), max_size=300).map("".join),
    st.text(max_size=200),
)


def assert_scanned_sanely(result) -> None:
    doc = result.doc
    lines = doc.text.count("\n") + 1
    assert len(doc.masked) == len(doc.text)
    for i, sent in enumerate(doc.sentences):
        assert sent.index == i and 0 <= sent.start < sent.end <= len(doc.text)
        assert 1 <= sent.line <= sent.end_line <= lines, (sent, lines)
        assert sent.text
    for note in [*doc.footnotes.values(), *doc.references]:
        assert 1 <= note.line <= lines
    for cite in result.citations:
        assert 0 <= cite.sentence < len(doc.sentences)
        assert 0 <= cite.start <= cite.end <= len(doc.text)
    for flag in result.flags:
        assert 1 <= flag.line <= lines, (flag, lines)
    json.dumps(result.as_dict())


@budget(DOC_TEXT)
@given(text=doc_text)
def test_scanner_never_raises_on_text(scanner, text):
    assert_scanned_sanely(scanner.scan_text(text, "fuzz.txt"))


@budget(DOC_FORMATS)
@given(text=doc_text, fmt=st.sampled_from(["markdown", "html", "text"]), front=st.booleans())
def test_scanner_never_raises_on_markdown_and_html(scanner, text, fmt, front):
    from litcheck.scan.report import render

    if front:
        text = "---\ntitle: x\n---\n" + text
    if fmt == "html":
        text = "<html><body><p>" + text.replace("\n\n", "</p><p>") + "</p></body></html>"
    result = scanner.scan_text(text, "fuzz", fmt)
    assert_scanned_sanely(result)
    for out in ("text", "json", "csv", "md"):
        render([result], out, False)


@budget(DOC_BYTES)
@given(data=st.binary(max_size=400) | doc_text.map(lambda s: s.encode("utf-8", "surrogatepass"))
       | doc_text.map(lambda s: s.encode("cp1252", "replace")),
       suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_scanner_reads_any_bytes_or_refuses_clearly(scanner, data, suffix):
    from litcheck.scan.document import read_document
    from litcheck.scan.document.model import DocumentError

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"doc{suffix}"
        path.write_bytes(data)
        try:
            doc = read_document(path)
        except DocumentError as exc:
            assert str(path) in str(exc)
            return
    assert_scanned_sanely(scanner.scan_document(doc))
