"""Arithmetic a document shows, redone from the document alone (so a slip is found in any
article, with no library): a share stated next to the counts it is computed from ("230 of the
1,103 NGOs (20.1%)", "41% (52 of 127)", "52 (41%) of the 127 respondents"), a share and its count
against a total the paragraph gave before ("160 million child laborers ... 5.5 percent of all
child laborers, or 26.3 million"), a total split in two that does not add up ("5,789 out of which
2,287 were male and 3,052 were female"), a calculation written out ("516 beds x $89.55 per
day = $46,208"), and one rate restated over another period ("7,000 a year - or 200,000 in the last
decade").

Written by hand: number parsers on PyPI (word2number, quantulum3) read a number, not the
part-of-whole shapes above, and the check is one division.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SMALL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_WORD = r"(?:" + "|".join(sorted(_SMALL, key=len, reverse=True)) + r"|hundred|thousand|and)"
# a count in words is at most six words ("one thousand one hundred and three"); bounded and possessive,
# so a long run of number words is read in linear time
_WORDS = r"(?:" + _WORD + r")(?:[- ]" + _WORD + r"){{0,5}}+"  # doubled braces: _COUNT is str.format-ed
# a count: digits ("1,103") or words ("two hundred thirty"), not a year-like decimal
_COUNT = r"(?P<{0}>\d{{1,3}}(?:,\d{{3}})+|\d+|" + _WORDS + r")"
_PCT = r"(?P<p>\d{1,3}(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)"
_NOUNS = r"(?:\s+[\w’'-]+){0,6}?"
_SHAPES = [
    # "230 of the 1,103 NGOs (20.1%)", "52 out of 127 respondents (41%)"
    re.compile(r"\b" + _COUNT.format("x") + r"\s+(?:of|out of)\s+(?:the\s+|all\s+|these\s+|those\s+)?"
               + _COUNT.format("y") + _NOUNS + r"\s*\(\s*" + _PCT + r"\s*\)", re.I),
    # "52 (41%) of the 127 respondents"
    re.compile(r"\b" + _COUNT.format("x") + r"\s*\(\s*" + _PCT + r"\s*\)\s+(?:of|out of)\s+(?:the\s+|all\s+)?"
               + _COUNT.format("y") + r"\b", re.I),
    # "41% (52 of 127)", "41% (52/127)"
    re.compile(_PCT + r"\s*\(\s*(?:n\s*=\s*)?" + _COUNT.format("x") + r"\s*(?:/|of|out of)\s*" + _COUNT.format("y")
               + r"\s*\)", re.I),
]


_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class ShareError:
    surface: str  # the words as written
    stated: str  # the percentage as written
    computed: float  # what the counts give
    total: str = ""  # the total given before, as written (a share against a paragraph's total)


def count_value(text: str) -> int | None:
    """The integer a count is written as ("1,103", "two hundred thirty", "one thousand and five")."""
    text = text.strip().lower()
    if re.fullmatch(r"[\d,]+", text):
        return int(text.replace(",", ""))
    total = current = 0
    for word in re.split(r"[- ]+", text):
        if word == "and":
            continue
        if word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total, current = total + (current or 1) * 1000, 0
        elif word in _SMALL:
            current += _SMALL[word]
        else:
            return None
    return total + current or None


def share_errors(text: str) -> list[ShareError]:
    """Stated shares that the stated counts do not give. A share written to d decimals is right
    when the true value rounds to it or is cut to it ("20.9" for 20.96), so only a real slip is
    reported."""
    found, seen = [], set()
    if "(" not in text or not _DIGIT.search(text) or "%" not in text and "cent" not in text.lower():
        return found  # every shape holds a parenthesis and a share in digits: most sentences have neither
    # the first two shapes also need "of" (no other letter folds to "o" or "f" under re.I), and
    # trying their number words at every word of a sentence without it was most of their cost
    shapes = _SHAPES if "of" in text.lower() else _SHAPES[2:]
    for shape in shapes:
        for m in shape.finditer(text):
            x, y = count_value(m.group("x")), count_value(m.group("y"))
            if not x or not y or x > y or (m.start(), m.end()) in seen:
                continue
            stated = m.group("p")
            unit = 10.0 ** -(len(stated.split(".")[1]) if "." in stated else 0)
            value, true = float(stated), 100.0 * x / y
            if value - unit / 2 - 1e-9 <= true < value + unit + 1e-9:
                continue
            seen.add((m.start(), m.end()))
            found.append(ShareError(" ".join(m.group(0).split()), stated, true))
    return found


_AMOUNT = r"\**\$?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\**"
_UNIT = r"(?:\s+(?:[a-z][\w'’-]*\s+){0,3}?(?:per\s+\w+|[a-z][\w'’-]*))?"
_CALCULATION = re.compile(_AMOUNT + _UNIT + r"\s*([x×*/÷+])\s*" + _AMOUNT + _UNIT + r"\s*=\s*" + _AMOUNT)
_OPS = {"x": lambda a, b: a * b, "×": lambda a, b: a * b, "*": lambda a, b: a * b, "/": lambda a, b: a / b,
        "÷": lambda a, b: a / b, "+": lambda a, b: a + b}


@dataclass(frozen=True)
class Calculation:
    surface: str
    result: str  # as written
    computed: float
    right: bool


def calculations(text: str) -> list[Calculation]:
    """Calculations written out in `text`, each redone. A result is right when it equals the
    computed value to the precision it is written to, or within half a per cent (rounded money)."""
    found = []
    if "=" not in text:
        return found  # (a cheap test: most sentences hold no calculation)
    for m in _CALCULATION.finditer(text):
        a, op, b, c = float(m.group(1).replace(",", "")), m.group(2), float(m.group(3).replace(",", "")), m.group(4)
        if op in "/÷" and b == 0:
            continue
        value, result = _OPS[op](a, b), float(c.replace(",", ""))
        unit = 10.0 ** -(len(c.split(".")[1]) if "." in c else 0)
        right = abs(value - result) <= max(unit / 2, 0.005 * abs(value)) + 1e-9
        found.append(Calculation(" ".join(m.group(0).split()), c, value, right))
    return found


_NUMBER, _SCALE = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?", r"thousand|million|billion|bn|m"
_AMOUNT_SCALED = rf"({_NUMBER})(?:\s*({_SCALE})\b)?"
# "5.5 percent of all child laborers, or 26.3 million", "12% of the victims (about 3,000)"
_SHARE_AND_COUNT = re.compile(_PCT + r"\s+of\s+(?:all\s+|the\s+|total\s+)?(?P<noun>[a-z][\w’'-]{2,})(?:\s+[a-z][\w’'-]*){0,3}?"
                              r"\s*(?:,\s*or|\(\s*)\s*(?:about\s+|some\s+|nearly\s+|roughly\s+|around\s+|almost\s+)?"
                              rf"(?P<n>{_NUMBER})(?:\s*(?P<ns>{_SCALE})\b)?", re.I)


def _scaled(number: str, scale: str | None) -> float:
    """The value of "26.3" and "million", read as `quantities` reads every figure."""
    from litcheck.scan.quantities import quantities

    found = quantities(f"{number} {scale or ''}".strip())
    return found[0].value if found else 0.0


def total_share_errors(text: str, before: str) -> list[ShareError]:
    """Shares whose stated count disagrees with the total the text `before` gives for the same
    noun: "160 million child laborers" then "5.5 percent of all child laborers, or 26.3 million"
    (26.3 of 160 is 16.4%). The total is the count right before the noun's first word in
    `before`, so "63 million girls" is not a total of "child laborers"."""
    found = []
    if "of" not in text or not _DIGIT.search(before):
        return found
    for m in _SHARE_AND_COUNT.finditer(text):
        noun = m.group("noun").lower()
        total = re.search(_AMOUNT_SCALED + r"\s+(?:" + re.escape(noun) + r")\b", before, re.I)
        if total is None:
            continue
        whole, count = _scaled(total.group(1), total.group(2)), _scaled(m.group("n"), m.group("ns"))
        if not whole or count > whole:
            continue
        true, stated = 100.0 * count / whole, float(m.group("p"))
        if abs(true - stated) > max(0.5, 0.1 * stated):  # (the counts are rounded: only a real slip)
            found.append(ShareError(" ".join(m.group(0).split()), m.group("p"), true, " ".join(total.group(0).split())))
    return found


_SEXES = r"(?:male|males|men|boys|female|females|women|girls)"
# "5789 out of which 2287 were male and 3052 were female", "4,709 victims, of whom 1,912 were men and 2,717 women"
_SPLIT_TOTAL = re.compile(rf"(?<![\d,.])(?P<t>{_NUMBER})\s+(?:[\w-]+\s+){{0,3}}?(?:out of which|of which|of whom|out of whom),?\s+"
                          rf"(?P<a>{_NUMBER})\s+(?:were\s+|are\s+)?{_SEXES}\s+and\s+(?P<b>{_NUMBER})\s+(?:were\s+|are\s+)?"
                          rf"{_SEXES}\b", re.I)


@dataclass(frozen=True)
class SplitError:
    surface: str
    total: float
    parts: float  # what the two parts add up to


def split_errors(text: str) -> list[SplitError]:
    """A total split by sex whose two parts do not add up to it ("5,789 out of which 2,287 were
    male and 3,052 were female": 5,339). A split by sex is the one the writer states as whole."""
    found = []
    if "which" not in text and "whom" not in text:
        return found
    for m in _SPLIT_TOTAL.finditer(text):
        total, a, b = (float(m.group(k).replace(",", "")) for k in ("t", "a", "b"))
        if a + b != total:
            found.append(SplitError(" ".join(m.group(0).split()), total, a + b))
    return found


# One quantity restated at another rate ("nearly 7,000 girls ... every year - or 200,000 in the last
# decade", "$4,308,391 per day, $129,251,730 per month, or $1,572,562,715 per year"): the restatements
# must agree, whatever a month's length. Days a period can last, shortest and longest:
_DAYS = {"day": (1, 1), "week": (7, 7), "month": (28, 31), "year": (365, 366), "decade": (3652, 3653)}
_SPAN_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "twenty": 20}
_RATE = re.compile(rf"(?P<cur>[$€£])?(?P<num>{_NUMBER})(?:\s*(?P<scale>{_SCALE})\b)?(?:\s+(?!\d)[\w’'-]+){{0,10}}?\s*"
                   r"(?:(?:per|a|an|each|every)\s+(?P<unit>day|week|month|year)\b|(?P<adv>daily|weekly|monthly|annually|yearly)\b|"
                   r"(?:in|over|during)\s+the\s+(?:last|past|previous)\s+(?:(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|"
                   r"nine|ten|twenty)\s+)?(?P<span>days?|weeks?|months?|years?|decades?)\b)", re.I)
_ADVERB_UNIT = {"daily": "day", "weekly": "week", "monthly": "month", "annually": "year", "yearly": "year"}
# between two restatements: a comma of a list, or the word that says "the same, put otherwise"
# (a few words may finish the first phrase: "sold every year into the district - or 200,000 in the last decade")
_RESTATE = re.compile(r"(?:\s+(?!\d)[\w’'-]+){0,6}?\s*(?:[,;—–-]\s*)?(?:or|i\.e\.,?|that is,?|equivalent to|equal to|"
                      r"amounting to|which (?:is|comes to))\s*", re.I)
_LIST_COMMA = re.compile(r"\s*,\s*")


@dataclass(frozen=True)
class RateError:
    surface: str  # the restatement that disagrees
    first: str  # the rate it restates
    expected: float  # what the first rate comes to over the restatement's period


def _rate(m: re.Match) -> tuple[float, float, float, bool]:
    """A rate phrase's value, the fewest and most days its period lasts, and whether it is money."""
    value = _scaled(m.group("num"), m.group("scale"))
    if m.group("span"):
        unit, count = m.group("span").lower().rstrip("s"), m.group("n")
        count = int(count) if count and count.isdigit() else _SPAN_WORDS.get((count or "").lower(), 1)
    else:
        unit, count = (m.group("unit") or _ADVERB_UNIT[m.group("adv").lower()]).lower(), 1
    low, high = _DAYS[unit]
    return value, low * count, high * count, m.group("cur") is not None


def _disagree(first: re.Match, other: re.Match) -> float | None:
    """What `first` comes to over `other`'s period, when `other` is more than 5% from every value
    the two periods' lengths allow (written figures are rounded: only a real slip is reported)."""
    value, low, high, money = _rate(first)
    o_value, o_low, o_high, o_money = _rate(other)
    if money != o_money or not value or (low, high) == (o_low, o_high):
        return None  # (two figures for one period are two quantities, not one restated)
    least, most = value * o_low / high, value * o_high / low
    if least / 1.05 <= o_value <= most * 1.05:
        return None
    return value * ((o_low + o_high) / 2) / ((low + high) / 2)


def rate_errors(text: str) -> list[RateError]:
    """Restatements of one rate that do not agree: rate phrases joined by "or", "that is", "equivalent
    to" (a list's commas before the last of them)."""
    found = []
    chain: list[re.Match] = []
    for m in (list(_RATE.finditer(text)) if _DIGIT.search(text) else []) + [None]:
        if chain and m is not None:
            between = text[chain[-1].end():m.start()]
            if _RESTATE.fullmatch(between) or _LIST_COMMA.fullmatch(between):
                chain.append(m)
                continue
        if any(_RESTATE.fullmatch(text[a.end():b.start()]) for a, b in zip(chain, chain[1:])):
            for other in chain[1:]:
                expected = _disagree(chain[0], other)
                if expected is not None:
                    found.append(RateError(" ".join(other.group(0).split()), " ".join(chain[0].group(0).split()), expected))
                    break
        chain = [m] if m is not None else []
    return found
