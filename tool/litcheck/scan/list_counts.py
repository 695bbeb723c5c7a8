"""A count the document announces and then lists ("We surveyed 11 countries: Albania, ..., Turkey")
with another number of items: the document contradicts itself, and no library is needed to see it.

Written by hand: the list is read from punctuation alone (commas or semicolons, a final "and"),
which no parsing library does more reliably on prose, and a name with "and" in it ("Bosnia and
Herzegovina") leaves the count open, so both readings are kept and only a count neither gives is
reported. An item listed twice is counted once: "three categories: A; A + B; A + B" names two."""

from __future__ import annotations

import re
from dataclasses import dataclass

from litcheck.scan.quantities import WORD_VALUES

_NUMBER = r"\d{1,2}|" + "|".join(w for w in WORD_VALUES if 2 <= WORD_VALUES[w] <= 20 and len(w) > 2)
# a number, at most three words ending in a plural noun, a colon, then the list to the sentence's end
_ANNOUNCED = re.compile(r"(?<![\w.,$€£%-])(?P<n>" + _NUMBER + r")\s+(?P<noun>(?:[\w-]+\s+){0,3}?[a-z][\w-]*s)"
                        r"\s*:\s*(?P<list>[^.;:!?()\[\]]{3,600})(?:[.;!?]|$)", re.I)
# the same with items set apart by semicolons, which may hold commas, figures and glosses in brackets
_ANNOUNCED_SEMI = re.compile(r"(?<![\w.,$€£%-])(?P<n>" + _NUMBER + r")\s+(?P<noun>(?:[\w-]+\s+){0,3}?[a-z][\w-]*s)"
                             r"\s*:\s*(?P<list>[^.;:!?\[\]]{1,300}(?:;[^.;:!?\[\]]{1,300}){2,20})(?:[.!?]|$)", re.I)
_GLOSS = re.compile(r"\s*\([^()]{0,200}\)")
# a list that says it is not all of them: "such as", "e.g.", "including", "among others", "etc."
_PARTIAL = re.compile(r"\b(?:such as|e\.g|for example|for instance|including|among others|among them|etc|and others|"
                      r"and more|and so on)\b", re.I)


@dataclass
class ListCount:
    surface: str  # the announced count and its noun ("11 non-EU countries")
    stated: int
    counted: int  # the items listed (the nearer of the two readings when "and" leaves it open)
    repeated: str = ""  # an item listed twice, counted once


def list_count_errors(text: str) -> list[ListCount]:
    """Announced counts the list after them does not give, in `text` (one sentence)."""
    out = [e for m in _ANNOUNCED_SEMI.finditer(text) if (e := _semicolon_list(m))]
    for m in _ANNOUNCED.finditer(text) if not out else ():
        stated, listed = _stated(m), m.group("list")
        if _PARTIAL.search(listed) or listed.count(",") < 2:
            continue  # a sample, not the whole; or too short a list to count with confidence
        items = [i.strip() for i in listed.split(",")]
        items[-1] = re.sub(r"^(?:and|&)\s+", "", items[-1])
        if not all(items) or any(len(i.split()) > 5 or re.search(r"\d", i) for i in items):
            continue  # not a list of names: a clause, or figures of their own
        distinct, repeated = _distinct(items)
        counts = {distinct}
        if re.search(r"\s(?:and|&)\s", items[-1]):  # "... Serbia and Turkey", or one name such as "Trinidad and Tobago"
            counts.add(distinct + 1)
        if stated not in counts and 2 <= stated <= 99:
            out.append(ListCount(f"{m.group('n')} {m.group('noun')}", stated, min(counts, key=lambda c: abs(c - stated)),
                                 repeated))
    return out


def _stated(m: re.Match) -> int:
    raw = m.group("n").lower()
    return int(raw) if raw.isdigit() else WORD_VALUES[raw]


def _distinct(items: list[str]) -> tuple[int, str]:
    """How many different items, and the first one listed twice ("" if none)."""
    seen: set[str] = set()
    repeated = ""
    for item in items:
        key = " ".join(item.lower().split())
        if key in seen and not repeated:
            repeated = item
        seen.add(key)
    return len(seen), repeated


def _semicolon_list(m: re.Match) -> ListCount | None:
    """A count announced before items set apart by semicolons that names another number of
    different items (glosses in brackets left out)."""
    stated, listed = _stated(m), m.group("list")
    if _PARTIAL.search(listed) or not 2 <= stated <= 99:
        return None
    items = [_GLOSS.sub("", i).strip(" ,") for i in listed.split(";")]
    items[-1] = re.sub(r"^(?:and|&)\s+", "", items[-1])
    if not all(items) or any(len(i.split()) > 12 for i in items):
        return None  # clauses, not items
    distinct, repeated = _distinct(items)
    if distinct == stated:
        return None
    return ListCount(f"{m.group('n')} {m.group('noun')}", stated, distinct, repeated)


# a count that ends its sentence and introduces what follows: "... the list of all 82 companies:"
_ANNOUNCED_AT_END = re.compile(r"(?<![\w.,$€£%-])(?P<n>" + _NUMBER + r")\s+(?P<noun>(?:[\w'’-]+\s+){0,3}?[a-z][\w-]*s)"
                               r"\s*:[*_\s]*$", re.I)
# a name as an item: "Abercrombie & Fitch." "Cerruti 1881." "iFlyTek." "L.L.Bean."
_NAME_ITEM = re.compile(r"[*_\s]*[A-Za-z0-9](?:[^.;:!?]|\.(?=\S)){0,60}?[.,;]?[*_\s]*")


_BULLET = re.compile(r"[ \t]*(?:[-*•+]|\d{1,3}[.)])[ \t]+(\S[^\n]{0,300})(?:\n|\Z)|[ \t]*\n")


def _bullets(text: str, at: int) -> list[str]:
    """The one-line items of the list that starts on the line after offset `at` (blank lines between
    items allowed), read from the text itself: the document model may take a short item for a heading."""
    start = text.find("\n", at) + 1
    items = []
    while start and start < len(text) and len(items) < 400:
        m = _BULLET.match(text, start)
        if m is None:
            break
        if m.group(1):
            items.append(m.group(1))
        start = m.end()
    return items


def listed_after(doc) -> list[tuple[int, ListCount]]:
    """(sentence index, error) for counts announced at a sentence's end ("all 82 companies:") that
    the list after it does not give: its one-line items, or a paragraph of short names set apart by
    full stops ("Adidas. Amazon. Apple."), counted once each."""
    out = []
    sentences = doc.sentences
    for sent in sentences:
        m = _ANNOUNCED_AT_END.search(sent.text) if sent.text.rstrip("*_ ").endswith(":") else None
        if m is None or _PARTIAL.search(sent.text) or sent.index + 1 >= len(sentences):
            continue
        items = _bullets(doc.text, sent.end)
        if not items:  # the next paragraph, cut after each full stop (the splitter keeps "H&M. Haier." whole)
            block = sentences[sent.index + 1].block
            paragraph = " ".join(o.text for o in sentences[sent.index + 1:sent.index + 400] if o.block == block)
            items = re.split(r"(?<=[.;])\s+", paragraph)
            if not all(len(i.split()) <= 5 and _NAME_ITEM.fullmatch(i) for i in items):
                continue  # prose after the colon, not a list of names
        if len(items) < 3 or any(len(i.split()) > 12 for i in items):
            continue
        distinct, repeated = _distinct([i.strip("*_ .,;") for i in items])
        stated = _stated(m)
        if distinct != stated and 2 <= stated <= 99:
            out.append((sent.index, ListCount(f"{m.group('n')} {m.group('noun')}", stated, distinct, repeated)))
    return out
