"""A year counted from the one before it that does not add up (part of date-mismatch, no library
needed): "In 2019 he was fired ... Five years later, on May 1st 2023, ..." cannot both be right.

A statement is a count of whole years ("five years later", "3 years after", "two years earlier")
with the year it reaches right after it ("..., on May 1st 2023", "..., in 2016"); "two years after
the 2013 law" names the year counted from, not the one reached, and is not read. It is
read against the years the two sentences before it name: when none of them is that many years
away, the count or a year is wrong. "A decade later" and "some years later" are round or vague,
and are not read.
"""

from __future__ import annotations

import re

from litcheck.scan.citations.model import YEAR
from litcheck.scan.quantities import WORD_VALUES

_COUNT = r"(?P<n>\d{1,2}|" + "|".join(w for w in WORD_VALUES if len(w) > 2 and WORD_VALUES[w] <= 30) + r")"
_ELAPSED = re.compile(r"\b" + _COUNT + r"\s+years?\s+(?P<way>later|after|on|afterwards|earlier|before|previously)"
                      # the year the count reaches, right after it: ", in 2016", " on May 1st 2023", ", by March 2020"
                      r",?\s+(?:in|on|by)\s+(?:(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[A-Z][a-z]{2,8}\.?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?)?"
                      r"(?P<year>" + YEAR + r")\b", re.I)
_YEARS = re.compile(r"(?<![\d/.-])(" + YEAR + r")(?![\d/-])")


def elapsed_year_conflicts(ctx):
    """date-mismatch flags: "N years later, in YEAR" where no year of the two sentences before it
    is N years earlier (or later, for "N years earlier")."""
    sentences = ctx.doc.sentences
    for sent in sentences:
        m = _ELAPSED.search(sent.text)
        if m is None:
            continue
        n = int(m.group("n")) if m.group("n").isdigit() else WORD_VALUES[m.group("n").lower()]
        year = int(m.group("year"))
        sign = -1 if m.group("way").lower() in ("earlier", "before", "previously") else 1
        before = [(other, int(y)) for other in sentences[max(0, sent.index - 2):sent.index]
                  for y in _YEARS.findall(other.text)]
        before += [(sent, int(y)) for y in _YEARS.findall(sent.text[:m.start()])]
        if not before or any(year - y == sign * n for _, y in before):
            continue
        other, anchor = before[-1]
        said = " ".join(sent.text[m.start():m.end()].split())
        yield ctx.flag("date-mismatch", sent,
                       f"'{said}': {m.group('n')} years {'after' if sign > 0 else 'before'} {anchor} (line {other.line}) "
                       f"is {anchor + sign * n}, not {year}", evidence=said)
