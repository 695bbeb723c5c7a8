"""Property-based tests (Hypothesis) of the editing layer: whatever the entry looks like,
setting a field changes that value and nothing else, removing it restores the exact bytes,
and tidying keeps every value and is idempotent; any text loads, and an unchanged document
renders to the bytes it was read from.

Budget: EXAMPLES = 500 cases per property, 1,500 in all, derandomized so CI runs the same
cases every time; LITCHECK_FUZZ_EXAMPLES=N multiplies it by N for a longer local run (as in
tests/test_fuzz.py).
"""

from __future__ import annotations

import os

import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litcheck.editing.bibdoc import entry_layout
from litcheck.library.bibfile import parse_text
from litcheck.editing.entryedit import remove_field, set_field
from litcheck.editing.tidy import tidy_entry

EXAMPLES = 500 * int(os.environ.get("LITCHECK_FUZZ_EXAMPLES", "1"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

_plain = st.text(alphabet=st.characters(blacklist_characters='{}"@\\\x00', blacklist_categories=("Cs",)),
                 max_size=20)
_braced = st.recursive(_plain, lambda inner: st.builds(lambda a, b, c: a + "{" + b + "}" + c, _plain, inner, _plain),
                       max_leaves=6)
_names = st.sampled_from(["title", "author", "year", "note", "journal", "x-custom", "Publisher", "URL"])

pytestmark = pytest.mark.slow  # Hypothesis budgets: the README command and CI run them, `pytest -q` skips them


@st.composite
def entries(draw):
    """An entry with 1-6 distinct fields in a random but valid layout: braces or quotes,
    bare numbers, aligned or not, trailing comma or not, CRLF or LF, paren or brace body."""
    names = draw(st.lists(_names, min_size=1, max_size=6, unique_by=str.lower))
    nl = draw(st.sampled_from(["\n", "\r\n"]))
    parts = []
    for name in names:
        kind = draw(st.sampled_from(["brace", "quote", "number"]))
        if kind == "number":
            value = str(draw(st.integers(0, 3000)))
        elif kind == "quote":
            value = '"' + draw(_braced) + '"'
        else:
            value = "{" + draw(_braced) + "}"
        gap = draw(st.sampled_from([" ", "  ", "\t"]))
        parts.append(f"{draw(st.sampled_from(['  ', '    ', chr(9)]))}{name}{gap}={gap}{value}")
    trailing = draw(st.booleans())
    open_, close = draw(st.sampled_from([("{", "}"), ("(", ")")]))
    body = ("," + nl).join(parts) + ("," if trailing else "")
    return f"@{draw(st.sampled_from(['misc', 'Article', 'BOOK']))}{open_}key2020x,{nl}{body}{nl}{close}"


def _fields(text: str) -> dict[str, str]:
    (entry,) = parse_text(text, "t.bib").entries
    return entry.fields


@SETTINGS
@given(entries(), _names, _braced)
def test_set_changes_one_value_and_remove_restores_bytes(raw, name, value):
    assert entry_layout(raw) is not None
    before = _fields(raw)
    changed = set_field(raw, "key2020x", name, "{" + value + "}")
    after = _fields(changed)
    assert after[name.lower()] == value
    assert {k: v for k, v in after.items() if k != name.lower()} == {k: v for k, v in before.items() if k != name.lower()}
    if name.lower() not in before:  # an added field is removed without a trace
        assert remove_field(changed, "key2020x", name) == raw


@SETTINGS
@given(entries())
def test_tidy_keeps_values_and_is_idempotent(raw):
    tidy = tidy_entry(raw)
    assert tidy is not None
    assert _fields(tidy) == _fields(raw)
    assert tidy_entry(tidy) == tidy


_bibish = st.lists(st.sampled_from(list('@{}(),="#%\\ \n\r\tab12') + ["@misc{", "@string{", "title = ",
                                                                        "@comment{", "\ufeff", "é"]),
                   max_size=120).map("".join)


@SETTINGS
@given(st.one_of(_bibish, st.builds(lambda a, e, b: a + e + b, _bibish, entries(), _bibish)))
def test_any_text_loads_and_an_unchanged_document_is_byte_identical(text):
    import tempfile
    from pathlib import Path

    from litcheck.editing.bibdoc import BibDocument

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.bib"
        data = text.encode("utf-8")
        path.write_bytes(data)
        doc = BibDocument.load(path)
        if not doc.blocking_problems():
            assert doc.render() == data
        for key in list(doc.spans)[:3]:  # an edit leaves the other entries' values alone
            raw = doc.entry_text(key)
            if entry_layout(raw) is None or doc.definitions[key] > 1 or not raw.startswith("@"):
                continue
            doc.replace_entry(key, set_field(raw, key, "note", "{edited}"))
            after = {e.key: e.fields for e in parse_text(doc.render().decode("utf-8-sig"), "x.bib").entries}
            before = {e.key: e.fields for e in doc.parsed.entries}
            assert after[key]["note"] == "edited"
            assert {k: v for k, v in after.items() if k != key} == {k: v for k, v in before.items() if k != key}
            doc.edits.clear()
