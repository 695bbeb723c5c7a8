"""One author spelt two ways in one reference list ("Whittle, H. C." in one item, "Writtle, H. C."
in the next): the list contradicts itself, so one spelling is wrong, and the work under it cannot
be found by its author. Found from the document alone, with no library.

Written by hand: the pairing is a comparison of the list's own names (rapidfuzz scores them), not
something a bibliography parser does.
"""

from __future__ import annotations

import re

# "Whittle, H. C.", "De Santisteban, P.", "Hamilton-Giachritsis, C." in an APA, Harvard or Chicago list
_NAME = re.compile(r"(?:^|[,&;]\s*|\band\s+)(?P<surname>(?:[A-Z][a-z]{0,3}\s)?[A-Z][\w'’-]{2,40}),\s+"
                   r"(?P<initials>(?:[A-Z]\.\s?-?){1,3})(?=[\s,&(]|$)")
_YEAR = re.compile(r"[(.]\s*(?:19|20)\d\d")


def _names(text: str) -> list[tuple[str, str]]:
    """(surname, initials as written) of the authors an item opens with (the part before its year)."""
    year = _YEAR.search(text, 0, 400)
    head = text[:year.start() if year else 200]
    return [(m.group("surname"), m.group("initials").strip()) for m in _NAME.finditer(head)]


def respelt_authors(ctx):
    """citation-mismatch flags at the reference item that spells an author otherwise than an
    earlier item by a co-author of theirs does: the same initials and a surname a letter or two
    apart (two people "Smith, J." and "Smyth, J." share no co-author). The spelling the body cites
    is kept as the right one when it cites only one."""
    from rapidfuzz import fuzz

    seen: dict[str, list[tuple[str, int, set[str]]]] = {}  # initials -> (surname, item, its co-authors)
    body = ctx.doc.masked
    for i, item in enumerate(ctx.doc.references):
        names = _names(item.text)
        surnames, flagged = {n for n, _ in names}, False
        for surname, initials in names:
            key = initials.replace(" ", "")
            for other, j, coauthors in seen.get(key, ()):
                if other == surname or other[0] != surname[0] or min(len(other), len(surname)) < 4 \
                        or not (coauthors & surnames - {surname}) or fuzz.ratio(other.lower(), surname.lower()) < 80:
                    continue
                wrong, right, at = (other, surname, j) if surname in body and other not in body else (surname, other, i)
                yield ctx.flag_at_reference(
                    "citation-mismatch", at, f"reference item {at + 1} spells an author '{wrong}, {initials}' where "
                    f"reference item {(i if at == j else j) + 1}, with a co-author in common, has '{right}, {initials}': "
                    "one of the two spellings is wrong", evidence=wrong)
                flagged = True
                break
            if flagged:
                break  # (one flag an item)
            seen.setdefault(key, []).append((surname, i, surnames - {surname}))
