"""A year letter with no partner: "2014a" where no other 2014 work by that author is cited. The
letter tells two works of one author and year apart; alone, it says a work was dropped, or the
citation was copied from another document's list (notes that say "European Commission. 2016b."
with no 2016a anywhere)."""

from __future__ import annotations

import re

from litcheck.scan.citations.model import YEAR

_SUFFIXED_YEAR = re.compile(r"\((" + YEAR + r")([a-z])[),]|(?<![\d/])(" + YEAR + r")([a-z])(?=[).,;:\s])")


def lonely_suffixes(ctx):
    """citation-mismatch flags for a year letter with no partner, in the reference list, or in the
    notes of a document with no list."""
    from litcheck.scan.resolve.items import item_years

    groups: dict[tuple[str, int], list[tuple[int, str]]] = {}
    author = ""
    for i, item in enumerate(ctx.doc.references):
        head = item.text[:300]
        m = _SUFFIXED_YEAR.search(head)
        years = [int(m.group(1) or m.group(3))] if m else item_years(item)[:1]
        before = head[:m.start()] if m else head[:60]
        if not re.match(r"\s*[—–-]{2,}", before):  # "———." repeats the author above
            author = _first_surname(before)
        if author and years:
            groups.setdefault((author, years[0]), []).append((i, (m.group(2) or m.group(4)) if m else ""))
    for (_, year), members in groups.items():
        if len(members) == 1 and members[0][1]:
            i, letter = members[0]
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} is dated {year}{letter}, but "
                                        f"the list holds no other {year} work by that author", evidence=f"{year}{letter}")
    if not ctx.doc.references:
        yield from _lonely_in_notes(ctx)


def _lonely_in_notes(ctx):
    """The notes' lettered years (a work cited in several notes keeps its letter in each): one letter
    for an author and year, and that year nowhere unlettered beside that author."""
    letters: dict[tuple[str, int], dict[str, str]] = {}  # (author, year) -> letter -> first note
    plain: set[tuple[str, int]] = set()
    for label, note in ctx.doc.footnotes.items():
        head = note.text[:300]
        m = _SUFFIXED_YEAR.search(head)
        author = _first_surname(head[:m.start()] if m else head[:60])
        if not author:
            continue
        if m:
            letters.setdefault((author, int(m.group(1) or m.group(3))), {}).setdefault(m.group(2) or m.group(4), label)
        plain |= {(author, int(y)) for y in re.findall(r"(?<![\d/])(" + YEAR + r")(?![a-z\d])", head)}
    for (author, year), by_letter in letters.items():
        if len(by_letter) == 1 and (author, year) not in plain:
            [(letter, label)] = by_letter.items()
            yield ctx.flag_at_note("citation-mismatch", label, f"footnote {label} dates a work {year}{letter}, but no "
                                   f"note cites another {year} work by that author", evidence=f"{year}{letter}")


def _first_surname(names: str) -> str:
    """The first author's surname: "Kelley, J. G." -> kelley; "Dawn Hawkins and ..." -> hawkins
    (year letters are given per surname, so two Hawkinses share them)."""
    first = re.split(r"\s+(?:and|&)\s+|;|\.\s", names.strip(), maxsplit=1)[0]
    if "," in first:
        first = first.split(",")[0]
    words = re.findall(r"[A-Za-z][\w'’-]+", first)
    return words[-1].lower() if words else ""
