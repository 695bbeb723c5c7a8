"""Writing BibTeX: the house layout of an entry, field order, and escaping plain text.

Every command that writes an entry (add, import, tidy) goes through `format_entry`, so the
library has one layout:

    @type{key,
      author       = {Family, Given and {Organisation Name}},
      title        = {...},
      year         = {2020}
    }

Values are written as *expressions*: `{...}` for text, a bare macro name (`jan`, `jfm`) or a
`#` concatenation kept exactly as the user wrote it, because inlining a macro would lose the
user's `@string` definitions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Fields in the order a reader looks for them; unknown fields follow in their own order.
FIELD_ORDER = (
    "author", "editor", "translator", "title", "subtitle", "shorttitle", "journal", "journaltitle",
    "booktitle", "maintitle", "series", "edition", "volume", "number", "issue", "pages", "chapter",
    "type", "institution", "school", "organization", "publisher", "address", "location",
    "howpublished", "month", "year", "date", "urldate", "isbn", "issn", "doi", "url", "language",
    "abstract", "keywords", "sourcekind", "verification", "note", "discrepancy", "nocheck",
)
_RANK = {name: i for i, name in enumerate(FIELD_ORDER)}
NAME_WIDTH = 12  # `verification`, `howpublished`: the longest common field names
INDENT = "  "

MONTH_MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Fields read verbatim by biblatex/hyperref: escaping `#`, `%` or `_` would break them.
VERBATIM_FIELDS = {"url", "doi", "eprint", "file", "pdf", "urlraw"}

_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
            "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
# BibTeX counts `\{` and `\}` as braces, so escaped braces are safe only when they pair up;
# otherwise each brace is written as a command whose own braces are balanced.
_LONE_BRACE = {"{": r"\textbraceleft{}", "}": r"\textbraceright{}"}
_SPECIAL_RE = re.compile(r"[\\{}&%$#_~^]")


@dataclass
class Draft:
    """A new entry before it joins a library: values are BibTeX text (the inside of `{...}`),
    already escaped. `key` is None when the source gave none (one is generated). `origin`
    says where it came from, for messages ("export.ris, record 3")."""

    type: str
    key: str | None
    fields: dict[str, str] = field(default_factory=dict)
    origin: str = ""


def escape_latex(text: str, field_name: str = "") -> str:
    """Plain text (from RIS, CSL-JSON, a form) -> safe BibTeX text. LaTeX specials are
    escaped so the value typesets as written; in verbatim fields only braces and backslashes
    are made safe (percent-encoded), since they are what can break the .bib syntax."""
    text = " ".join(text.split())
    if field_name.lower() in VERBATIM_FIELDS:
        return text.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")
    table = _SPECIAL if braces_balanced(text) else {**_SPECIAL, **_LONE_BRACE}
    return _SPECIAL_RE.sub(lambda m: table[m.group()], text)


_BARE_SPECIAL = re.compile(r"(?<!\\)([&%#])")


def escape_bare_specials(text: str, field_name: str = "") -> str:
    """BibTeX text with each unescaped `&`, `%` or `#` escaped (outside verbatim fields):
    LaTeX stops on a bare `&`/`#` and drops the rest of the line after a bare `%`."""
    if field_name.lower() in VERBATIM_FIELDS:
        return text
    return _BARE_SPECIAL.sub(r"\\\1", text)


_BRACE = re.compile(r"[{}]")


def braces_balanced(text: str) -> bool:
    """True when `{` and `}` nest properly, counting every brace as BibTeX does (a backslash
    does not hide a brace from BibTeX): the one rule a value must meet to be written."""
    depth = 0
    for m in _BRACE.finditer(text):
        depth += 1 if m.group() == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def value_expression(name: str, text: str) -> str:
    """The expression for a text value: `{text}`, or a bare month macro (`month = jan`), which
    BibTeX and Biber both understand and `{jan}` is not."""
    if name == "month" and text.strip().lower() in MONTH_MACROS:
        return text.strip().lower()
    return "{" + text + "}"


def ordered(names: list[str]) -> list[str]:
    """Field names in house order; unknown names keep their relative order, after known ones."""
    position = {name: i for i, name in enumerate(names)}
    return sorted(names, key=lambda n: (_RANK.get(n, len(_RANK)), position[n]))


def format_entry(entry_type: str, key: str, fields: list[tuple[str, str]]) -> str:
    """An entry in the house layout from (lower-case name, value expression) pairs, ordered."""
    width = max([NAME_WIDTH, *(len(n) for n, _ in fields)])
    by_name = dict(fields)
    lines = [f"{INDENT}{name.ljust(width)} = {by_name[name]}" for name in ordered(list(by_name))]
    body = ",\n".join(lines)
    return f"@{entry_type.lower()}{{{key},\n{body}\n}}" if lines else f"@{entry_type.lower()}{{{key},\n}}"


def format_draft(draft: Draft, key: str) -> str:
    return format_entry(draft.type, key, [(n, value_expression(n, v)) for n, v in draft.fields.items()])
