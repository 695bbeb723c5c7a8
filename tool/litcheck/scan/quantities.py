"""Quantities in prose, normalised so that one figure written several ways compares equal.

    36.2 million = 36,200,000 = 36.2m = 36.2 mn          -> 36200000
    60% = 60 per cent = six in ten = three-fifths = 3 out of 5   -> 60 (percent)
    of every five visits ..., three                      -> 60 (percent)
    $1-2 billion                                          -> 1e9 and 2e9 (a range: both ends)

Used by the scanner wherever a figure in a document is compared with another figure: a claim
in a claims register (`known-claim`), a figure the library records (`figure-mismatch`), or the
same figure stated earlier in a cited sentence (`uncited-statistic`). Written by hand because
the libraries that parse numbers from text (e.g. quantulum3, word2number) either pull in
models and units we do not need or read only one of these shapes; the shapes here are the
ones articles in this field use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from litcheck.scan.alternation import lowered

# the value of each number word ("five" -> 5); elapsed_years reads counts of years with it
WORD_VALUES = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
               "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
               "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
               "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1}
_SCALES = {"hundred": 100, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
           "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12}
_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                 "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
                 "eighth": 8, "eighths": 8, "tenth": 10, "tenths": 10}

_NUMBER_PARTS = {w for w in WORD_VALUES if len(w) > 2} | {"hundred", "thousand", "million", "billion", "trillion"} | set(_DENOMINATORS)


def is_number_word(word: str) -> bool:
    """The word is a number written out ("ninety-two", "two-thirds", "million"): its value is read
    as a figure, so it is not also a word of what the text says."""
    return all(part in _NUMBER_PARTS for part in word.lower().split("-"))


_WORD = r"(?:" + "|".join(sorted((w for w in WORD_VALUES if len(w) > 2), key=len, reverse=True)) + r")"
_WORDNUM = _WORD + r"(?:[- ]" + _WORD + r")?"
# "six hundred", "one hundred and seventy-nine", "a hundred and fifty": a number of hundreds, then a scale may follow
_HUNDREDS = r"\s+hundred(?:\s+(?:and\s+)?" + _WORDNUM + r")?(?![\w-])"
_WORDNUM = r"(?:" + _WORDNUM + r"(?:" + _HUNDREDS + r")?|\ban?" + _HUNDREDS + r")"
# thousands grouped by commas ("100,000") or by spaces, as SI and many house styles write them ("100 000")
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?![\d.,])|\d+(?:\.\d+)?"
_NUMBER = r"(?:" + _DIGITS + r"|" + _WORDNUM + r")"
_SCALE = r"(?:hundred|thousand|million|billion|trillion|mln|mn|bn|tn|[mbk](?![\w']))"

_ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                  "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                  "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
                  "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "hundredth": 100}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?")
# a day of a date ("12 June", "June 12", "12th of June") is no figure
# an age ("aged 11 to 13", "12-17 years old") is no figure either
_AGE = re.compile(r"\b(?:aged?|ages(?:\s+of)?|age\s+of|between\s+the\s+ages\s+of)\s+\d+(?:\s*(?:to|and|-|–)\s*\d+)?|"
                  r"\b\d+(?:\s*(?:to|-|–)\s*\d+)?[- ]years?[- ]old\b", re.I)
# a year after "in", closing a phrase ("1,200 in 2010, ...", "... in 2010 to ..."): a date, not a ratio's whole
_IN_A_YEAR = re.compile(r"\s+in\s+(?:19|20)\d\d$", re.I)
# "in 2013 to 81,723": a year and the next figure, no range (a range of years stays one)
_NOT_FROM_A_YEAR = r"(?!(?<=\bin (?:19|20)\d\d)\s*(?:[-–]|to)\s*(?!(?:19|20)\d\d\b)\d)"
_NO_NOUN = re.compile(r"\s*(?:[,.;:!?)\u2013-]|to\b|and\b|$)")
_DATE_DAY = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTH + r"|" + _MONTH + r"\s+\d{1,2}(?:st|nd|rd|th)?\b")

def _patterns(number: str, words: bool) -> list[tuple[str, re.Pattern]]:
    """The figure patterns with `number` for a number; `words`: also ordinal words."""
    ordinal_words = "|".join(_ORDINAL_WORDS) if words else "(?!)"
    return [
        # ordinals: "19th", "the nineteenth" (a rank or an edition; compared only with ordinals)
        ("ordinal", re.compile(r"\b(?P<a>\d+)(?:st|nd|rd|th)\b|\b(?P<w>" + ordinal_words + r")\b", re.I)),
        # ratios: "six in ten", "1 in 5", "three out of every four"
        ("ratio", re.compile(r"\b(?P<a>" + number + r")\s+(?:in|out of)\s+(?:every\s+)?(?P<b>" + number + r")\b"
                             r"(?!\s*(?:years?|months?|weeks?|days?|hours?|cases where))", re.I)),
        # a ratio split round what it counts: "of every five visits to such sites, upwards of four"
        ("split", re.compile(r"\bof\s+every\s+(?P<b>" + number + r")\b[^.;:!?\d]{1,150}?,\s*(?:(?:upwards\s+of|more\s+than|"
                             r"over|about|around|nearly|almost|roughly|some|just|only)\s+)?(?P<a>" + number + r")\b", re.I)),
        # fractions: "three-fifths", "two thirds", "a quarter of", "half of"
        ("fraction", re.compile(r"\b(?:(?P<a>" + _WORD + r")[- ])?(?P<d>" + "|".join(_DENOMINATORS) + r")\b"
                                r"(?=\s+(?:of\b|are\b|were\b|said\b|reported\b))", re.I)),
        # percentages: "60%", "60 per cent", "12.5 percent", "sixty per cent"
        ("percent", re.compile(r"(?<![\w.])(?P<a>" + number + r")(?:\s*[-–]\s*(?P<b>" + _DIGITS + r"))?\s*"
                               r"(?:%|per\s?cent\b|percent\b)", re.I)),
        # counts and money: "36.2 million", "$1-2 billion", "36,200,000", "forty million", "1.5bn",
        # "$150-billion-a-year" (a headline's compound; a hyphen before a scale word only, so "5-m" stays 5)
        # (not a name's number: "COVID-19", "H-2A", "Form I-9")
        ("count", re.compile(r"(?<![\w.,])(?<![A-Za-z]-)(?:[$€£]|US\$|USD\s?|EUR\s?)?(?P<a>" + number + r")"
                             r"(?:" + _NOT_FROM_A_YEAR + r"\s*(?:[-–]|to)\s*(?P<b>" + _DIGITS + r"))?(?:(?:\s*|-(?=(?:thousand|million|billion|trillion)\b))(?P<s>" + _SCALE + r"))?"
                             r"(?![\w])", re.I)),
    ]


_PATTERNS = _patterns(_NUMBER, True)
# Python's engine tries every word of an alternation at every character, which made these
# patterns cost 2 µs a character; a text without number words (nearly every sentence) is read
# with the same patterns less their word branches, which cannot match in it anyway.
_DIGIT_PATTERNS = _patterns(_DIGITS, False)


class _Words:
    """Whether a lowered text has a word starting with one of `words` (a cheap substring test
    first; the look-behind rules out "one" in "someone")."""

    def __init__(self, words) -> None:
        self.words = tuple(sorted(words, key=len, reverse=True))
        self.start = re.compile(r"(?<![a-z])(?:" + "|".join(self.words) + ")")

    def __call__(self, low: str | None) -> bool:
        return low is None or (any(w in low for w in self.words) and self.start.search(low) is not None)


_NUMBER_WORDS = _Words([*(w for w in WORD_VALUES if len(w) > 2), "hundred"])  # "a hundred"
_NEEDS = {  # kind -> the words (besides a digit) one of which the pattern needs to match at all
    "ordinal": _Words(_ORDINAL_WORDS),
    "ratio": _NUMBER_WORDS,
    "split": _NUMBER_WORDS,
    "fraction": _Words(_DENOMINATORS),  # without them, never: it needs a denominator word
    "percent": _NUMBER_WORDS,
    "count": _NUMBER_WORDS,
}


@dataclass(frozen=True)
class Quantity:
    value: float
    percent: bool  # a share, expressed in percent (a ratio or fraction is converted)
    surface: str
    start: int
    end: int
    exact: bool = True  # False for shares read from words ("two-thirds" = 66.7)
    ordinal: bool = False  # "19th", "nineteenth"


def _number(text: str) -> float | None:
    text = text.strip().lower().replace(",", "")
    if text[:1].isdigit():
        text = re.sub(r"\s", "", text)  # "100 000"
    try:
        return float(text)
    except ValueError:
        pass
    total = 0.0
    for part in re.split(r"[- ]+", text):
        if part == "hundred":  # "one hundred and seventy-nine": what comes before it is hundreds
            total *= 100
        elif part in WORD_VALUES:
            total += WORD_VALUES[part]
        elif part != "and":
            return None
    return total


@lru_cache(maxsize=4096)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every quantity in `text`, left to right; a range gives one Quantity per end. Cached: the
    rules read the same sentence's figures several times."""
    low = lowered(text)  # None: any word may be there
    digit = re.search(r"\d", text) is not None
    taken = bytearray(len(text) + 1)
    if digit:  # a date or an age has digits
        for m in (*_DATE_DAY.finditer(text), *_AGE.finditer(text)):
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    found: list[Quantity] = []
    for (kind, pattern), (_, digits_only) in zip(_PATTERNS, _DIGIT_PATTERNS, strict=True):
        if not _NEEDS[kind](low):
            if not digit or kind == "fraction":
                continue
            pattern = digits_only
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            if kind == "ordinal":
                value = int(m.group("a")) if m.group("a") else _ORDINAL_WORDS[m.group("w").lower()]
                if m.group("w") and value < 11:
                    continue  # "first", "second": mostly order in a text, not a figure
                found.append(Quantity(float(value), False, m.group(0), m.start(), m.end(), True, True))
                taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
                continue
            a = _number(m.group("a")) if m.group("a") else None
            if kind == "fraction":
                a = 1.0 if a is None else a
                d = _DENOMINATORS[m.group("d").lower()]
                values, percent, exact = [100.0 * a / d], True, False
            elif kind in ("ratio", "split"):
                b = _number(m.group("b"))
                if a is None or not b or a > b or _IN_A_YEAR.search(m.group(0)) and _NO_NOUN.match(text, m.end()):
                    continue  # "1,200 in 2010 to 3,650 in 2015": a count in a year, no ratio
                values, percent, exact = [100.0 * a / b], True, False
            else:
                if a is None:
                    continue
                if kind == "count" and not re.search(r"\d", m.group("a")) and not m.group("s") and a < 11:
                    continue  # a small number word ("one", "ten") is rarely a figure to compare
                scale = _SCALES.get((m.group("s") or "").lower(), 1) if kind == "count" else 1
                b = _number(m.group("b")) if m.group("b") else None
                values = [a * scale] + ([b * scale] if b is not None else [])
                percent, exact = kind == "percent", True
            for v in values:
                found.append(Quantity(v, percent, m.group(0).strip(), m.start(), m.end(), exact))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    found.sort(key=lambda q: q.start)
    return tuple(found)


def is_year(q: Quantity) -> bool:
    return not q.percent and not q.ordinal and q.value.is_integer() and 1500 <= q.value <= 2099 \
        and re.fullmatch(r"\d{4}", q.surface) is not None


def same(a: Quantity, b: Quantity) -> bool:
    """Equal as figures: the same kind (share or count) and value, within the rounding a writer
    uses (0.5% of the value; one percentage point when a share is written in words)."""
    if a.percent != b.percent or a.ordinal != b.ordinal:
        return False
    if not (a.exact and b.exact):
        return abs(a.value - b.value) <= 1.0
    return abs(a.value - b.value) <= 0.005 * max(abs(a.value), abs(b.value), 1e-9)


def shared(first: list[Quantity], second: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Pairs (x from first, y from second) that are the same figure."""
    return [(x, y) for x in first for y in second if same(x, y)]


def computed_from(share: Quantity, counts: list[Quantity]) -> bool:
    """`share` (a percentage) is what two of `counts` give as a change or a part of a whole
    ("5,603 entries in 2017 ... 7,406 in 2020 ... a 32% increase"), to the precision it is
    written with: a figure the reader can check from the text, not a new claim."""
    decimals = len(share.surface.split("%")[0].split(".")[1]) if "." in share.surface.split("%")[0] else 0
    tolerance = 0.5 * 10 ** -decimals + 1e-9
    values = [q.value for q in counts if q.value > 0][:12]
    for a in values:
        for b in values:
            if a != b and (abs(abs(b - a) / a * 100 - share.value) <= tolerance or abs(a / b * 100 - share.value) <= tolerance):
                return True
    return False
