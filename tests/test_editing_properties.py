"""Property-based tests (Hypothesis) of the editing layer: whatever the entry looks like,
setting a field changes that value and nothing else, removing it restores the exact bytes,
and tidying keeps every value and is idempotent.

Budget: EXAMPLES cases per property (LITCHECK_FUZZ_EXAMPLES overrides), derandomized so CI
runs the same cases every time.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litcheck.bibdoc import entry_layout
from litcheck.bibfile import parse_text
from litcheck.entryedit import remove_field, set_field
from litcheck.tidy import tidy_entry

EXAMPLES = int(os.environ.get("LITCHECK_FUZZ_EXAMPLES", "300"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

_plain = st.text(alphabet=st.characters(blacklist_characters='{}"@\\\x00', blacklist_categories=("Cs",)),
                 max_size=20)
_braced = st.recursive(_plain, lambda inner: st.builds(lambda a, b, c: a + "{" + b + "}" + c, _plain, inner, _plain),
                       max_leaves=6)
_names = st.sampled_from(["title", "author", "year", "note", "journal", "x-custom", "Publisher", "URL"])


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
