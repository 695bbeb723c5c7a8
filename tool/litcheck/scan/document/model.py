"""The parts of a read article: its body sentences, footnotes and reference-list items, with
exact offsets into the original text (kept apart from the reading so every stage can share them)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from litcheck.errors import LitcheckError

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUP_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


class DocumentError(LitcheckError):
    """The file cannot be read as text."""


@dataclass(slots=True)
class Sentence:
    index: int
    start: int  # offset of the first character in the (original) text
    end: int  # offset after the last character
    line: int  # 1-based line of `start`
    text: str  # the body text of the span, whitespace collapsed (masked parts left out)
    block: int  # index of the paragraph / list item / heading it belongs to
    # body | heading | item (a list item) | lead (ends with ':' before a list) | caption | table |
    # questionnaire | page (a page number; the last four are not prose: no claims)
    kind: str = "body"
    lead: int | None = None  # for list items: the index of the sentence that introduced the list
    end_line: int = 0


@dataclass
class Note:
    """A footnote definition or an item of a reference list (never a claim of its own)."""

    label: str  # "5", "note-a", or "" for an unnumbered reference item
    text: str  # whitespace collapsed, markers stripped
    start: int
    end: int
    line: int
    kind: str = "footnote"  # footnote | reference
    anchor: str = ""  # the id an in-document link reaches it by (`<a id="ref_lin">`)

    @property
    def number(self) -> int | None:
        return int(self.label) if self.label.isdigit() else None


@dataclass
class Document:
    path: str
    text: str  # the original text (newlines normalised to \n)
    masked: str  # same length as text: only the body is left, other regions are spaces
    sentences: list[Sentence] = field(default_factory=list)
    footnotes: dict[str, Note] = field(default_factory=dict)
    references: list[Note] = field(default_factory=list)
    # labels of numbered notes / reference items that are there but hold no text ("[12]" alone on
    # its line): a citation of one is not dangling in the usual sense, the item's text is missing
    empty_items: set[str] = field(default_factory=set)
    # the line of a reference-list heading with nothing under it (0: none): the document promises
    # a list of its sources and gives none, so no author-date citation can be traced in it
    empty_list_line: int = 0
    fmt: str = "text"
    _line_starts: list[int] = field(default_factory=list, repr=False)
    _items_by: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)  # field -> value -> item

    def list_text_lost(self) -> bool:
        """Most numbered items are empty: the list's text was lost (a conversion or an extract
        that kept only the numbers), so its citations cannot be checked one by one."""
        return len(self.empty_items) >= max(3, len(self.references) + len(self.footnotes))

    def reference_index(self, label: str) -> int | None:
        """The position in `references` of the first item numbered `label` (a numeric citation's target)."""
        return self._first_item("label", label)

    def anchored_item(self, anchor: str) -> int | None:
        """The position in `references` of the item an in-document link `(#anchor)` reaches."""
        return self._first_item("anchor", anchor)

    def _first_item(self, name: str, value: str) -> int | None:
        """The first reference item whose field `name` is `value`; each field's table is made on
        first use, once the document is parsed."""
        table = self._items_by.get(name)
        if table is None:
            table = self._items_by[name] = {}
            for i, r in enumerate(self.references):
                for key in getattr(r, name).split(",") if name == "label" else [getattr(r, name)]:
                    if key:  # ("4,5": one item for notes 4 and 5)
                        table.setdefault(key, i)
        return table.get(value)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)


def line_spans(text: str):
    """(start, end_without_newline, line_text) for each line."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the text ends with a newline (or is empty): no line after it
    start = 0
    for line in lines:
        yield start, start + len(line), line
        start += len(line) + 1
