"""A citation found in a sentence, and the bookkeeping the finders share (the year pattern, the
bounded look-back, the characters already taken)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# A court case by its parties, "Smith v. Jones", "United States v Ulbricht": the ruling is the work
# a book's publisher and date inside a reference written in the prose ("(Oxford University Press, 2019)",
# "(Verlag Hans-Bredow-Institut, July 2021)"): a publication detail naming a work, and a publisher is no author
PUBLISHER_DATE = re.compile(r"[^;()]{0,80}\b(?:Verlag|Press|Publishing|Publishers|Publications|Editions|Éditions|"
                            r"Editora|Editorial)\b[^;()\d]{0,60},?\s+(?:(?:\d{1,2}\s+)?[A-Z][a-z]+\.?\s+)?" + YEAR)
CASE_NAME = re.compile(r"\b[A-Z][\w.'’&-]*+(?:\s+(?:of\s+)?[A-Z][\w.'’&-]*+){0,4}+\s+v\.?\s+[A-Z][\w'’-]")
# How far back from a match the look-behind tests read. Bounded so that one very long sentence
# (a 5 MB line without a full stop) is scanned in linear time, not quadratic.
LOOKBACK = 200


@dataclass(slots=True)
class Citation:
    kind: str  # footnote | pandoc | numeric | author-date | title | link | named
    text: str  # as written (for `named`, the attributing phrase)
    start: int
    end: int
    sentence: int  # index of the sentence
    labels: list[str] = field(default_factory=list)  # footnote labels, numeric labels, pandoc keys
    names: list[str] = field(default_factory=list)  # author / organisation names as written
    year: int | None = None
    year_text: str = ""  # "2018a", "n.d."
    locator: str = ""
    et_al: bool = False
    title: str = ""  # a title the citation gives: "(Title, Author, 2018)", a report named in the prose
    # filled in by resolve
    key: str | None = None
    keys: list[str] = field(default_factory=list)
    score: float = 0.0
    note: str = ""  # how it was resolved (or why not)
    via_reference: int | None = None  # index of the reference item it matched
    via_note: str | None = None  # label of the footnote that gives the work it names
    year_mismatch: bool = False
    ref_diffs: list[str] = field(default_factory=list)  # how it disagrees with its reference item
    inherited: bool = False  # a list item covered by the lead-in sentence's citation
    anchor: str = ""  # the in-document link target it is written as: "[(Lin 2022)](#ref_lin)" -> "ref_lin"

    @property
    def display(self) -> str:
        """How a flag names the citation: "footnote 3, 4" for footnotes, else the text as written."""
        return f"footnote {', '.join(self.labels)}" if self.kind == "footnote" else self.text


def inside(spans, pos) -> bool:
    return spans.covers(pos)


class Spans:
    """The character positions of a sentence already taken by a citation. A mask, not a list of
    spans searched one by one: a long run of text with thousands of citations stays linear."""

    def __init__(self, length: int):
        self.mask = bytearray(length + 1)

    def add(self, start: int, end: int) -> None:
        start, end = max(0, start), min(len(self.mask), end)
        if end > start:
            self.mask[start:end] = b"\x01" * (end - start)

    def covers(self, pos: int) -> bool:
        return 0 <= pos < len(self.mask) and self.mask[pos] == 1

