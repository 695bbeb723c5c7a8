"""Whether a figure or date two texts share is the same fact: what a figure counts (or is a share
of), its kind (money, a span of time, a count), what reports or cases are of, and a claim's date.

known-claim reads both texts with `claim_reading.Lexicon`, which records these per figure; the
tests here compare two of its Readings (not imported: claim_reading imports this module), so a
shared number alone ("300,000") does not make a match."""

from __future__ import annotations

import re
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
# "27 June 2018", "June 27, 2018", "in June 2018", "March": a month, its day and year when given
_DATE = re.compile(r"(?:\b(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+)?\b(?P<m>" + "|".join(MONTHS) + r")\b"
                   r"(?:\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?", re.I)


def dates_in(text: str) -> set[tuple[str, str | None, bool]]:
    """The months the text names, with their year and whether it gives the day."""
    return {(m["m"].lower(), m["y"], bool(m["d"] or m["d2"])) for m in _DATE.finditer(text)}


def same_date(sentence, claim) -> bool:
    """A claim dated to the day ("on 27 June 2018") with no figure asserts that date: the sentence
    names its month (in the same year, if it gives one). Without it, "FOSTA-SESTA amended Section
    230" would repeat "Section 230 was amended by SESTA on 27 June 2018", whose error is the date."""
    days = {(m, y) for m, y, day in claim.dates if day}
    return not days or bool(claim.figures) or any(
        (m, y) in days or (y is None and m in {d[0] for d in days}) for m, y, _ in sentence.dates)


# "in 1999", "during the year 2020": what the text says is dated to one year (not "from 2018 to 2020")
ONE_YEAR = re.compile(r"\b(?:in|during)\s+(?:the\s+(?:fiscal\s+)?year\s+)?(?:19|20)\d\d\b(?!\s*(?:[-–/]|to\b|and\b))", re.I)
_ANNUAL = "C:annual"


def same_period(sentence, claim) -> bool:
    """A claim's figure for every year is not restated by the same figure dated to one year and not
    said to recur: "800,000 children went missing in 1999" is the one-year count that "800,000 go
    missing every year" stretches."""
    return not (claim.figures and _ANNUAL in claim.terms and _ANNUAL not in sentence.terms and sentence.one_year)


# a year written as such, not a count or a sum ("2,013", "$2013", "2013.5", "2013%")
YEAR = re.compile(r"(?<![\d.,$€£])\b(?:19|20)\d\d\b(?![.,]?\d|\s*(?:%|per\s*cent|percent))", re.I)


def same_span(sentence, claim) -> bool:
    """A claim's figures over a span of years ("rose from 23,333 to 81,723 between 2013 and 2017") are not
    restated by a sentence that gives the same figures over another span ("from 23,333 in 2014 to 81,723 in
    2017"), as a correction of its dates does; a sentence naming one year or none leaves the span unsaid."""
    return not (claim.figures and len(claim.years) > 1 and len(sentence.years) > 1 and not claim.years <= sentence.years)


# between a count and the noun it counts: the range's other end, and words that do not say what is counted
_COUNT_GAP = re.compile(r"\s*(?:(?:to|and|or|-|–)\s*[\d.,]+\s*(?:thousand|million|billion)?\s*)?"
                        r"(?:(?:more|additional|other|new|extra|such|young)\s+)*")
_SHARE_GAP = re.compile(r"\s*(?:of\s+(?:(?:the|all|its|their|these|those)\s+)?)?", re.I)
_COUNT_WORD = re.compile(r"[A-Za-z_][\w'’.-]*")
# reports or cases of something, and a body's working group, committee or task force on something:
# what follows is what they count or deal with, as the words after a figure are
REPORTS_OF = re.compile(r"\b(?:(?:reports|cases|incidents|instances)\s+of|(?:working\s+groups?|committees?|"
                        r"sub-?committees?|task\s*forces?)\s+on)\b", re.I)
# what any count of people may be said to count: "36.2 million people" = "36.2 million victims"
_GENERIC_COUNT = {"C:person", "victim", "case", "individu", "everyth", "dollar", "euro"}
# victims are people of any kind: "65% of the children" may be a share of what "65% of victims" is one of,
# but "65% of the images" is not
_PEOPLE = {"C:person", "C:victims", "C:minors", "C:female", "C:male"}


def counted_after(text: str, end: int, at: dict[int, str], share: bool = False) -> frozenset:
    """The terms of the (at most two) words right after a count that say what it counts
    ("40,000 police officers", "800,000 American children"), or after a share what it is a share
    of ("60% of the victims"); empty when a verb or a stop word follows. Lets a match tell "40,000
    women" from "40,000 police officers", and "60% of victims" from "60% of the images"."""
    pos = (_SHARE_GAP if share else _COUNT_GAP).match(text, end).end()
    out = []
    for _ in range(2):
        m = _COUNT_WORD.match(text, pos)
        if m is None or pos not in at:
            break
        out.append(at[pos])
        pos = m.end() + len(text[m.end():m.end() + 3]) - len(text[m.end():m.end() + 3].lstrip(" "))
    return frozenset(out)


# a sum of money and a span of time, told apart from a count by the unit written with the figure
_CURRENCY = re.compile(r"[$€£]|US\$|USD|EUR|GBP", re.I)
_MONEY_AFTER = re.compile(r"\s*(?:(?:US|U\.S\.|American|Australian|Canadian)\s+)?(?:dollars?|euros?|pounds?(?!\s+of)|usd|eur|gbp)\b", re.I)
_DURATION_AFTER = re.compile(r"[\s-]*(?:years?|months?|weeks?|days?|hours?|decades?|minutes?)\b(?![\s-]+olds?\b)", re.I)


def figure_unit(text: str, q) -> str:
    """What kind of quantity a figure (not a share) is: "money" ("$300,000", "150 billion dollars"),
    "duration" ("ten years", "13 days") or "" (a count): "$300,000 in grants" is not "300,000 girls"."""
    if _CURRENCY.match(q.surface) or _MONEY_AFTER.match(text, q.end):
        return "money"
    return "duration" if _DURATION_AFTER.match(text, q.end) else ""


# a count given only by its size in words: "tens of thousands of images", "thousands of", "hundreds of millions of"
MAGNITUDE = re.compile(r"\b(?:(?P<times>tens|hundreds)\s+of\s+)?(?P<unit>hundreds|thousands|millions|billions)\s+of\b", re.I)
_SIZES = {"tens": 10, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}


def magnitude(m: re.Match) -> tuple[float, float]:
    """The least count a size in words says ("tens of thousands": 10,000) and a bound far above it, a
    thousand times more: only a count plainly of another size is told apart."""
    low = _SIZES[m["unit"].lower()] * (_SIZES[m["times"].lower()] if m["times"] else 1)
    return low, low * 1_000


def same_magnitude(sentence, claim) -> bool:
    """A claim's count of something given only by its size in words ("tens of thousands of AI-generated
    images") is not restated by a sentence counting the same thing with a figure of another size ("3,512
    AI-generated images"), as a correction does."""
    return not any(not low <= q.value < high for low, high, counted in claim.magnitudes for q in sentence.figures
                   if not q.percent and not sentence.units.get(q.start) and sentence.counted.get(q.start, frozenset()) & counted)


def same_measure(sentence, claim, pair) -> bool:
    """The shared figure is the same kind of quantity (money, duration or count) and counts the
    same thing in both, or either leaves what it counts unsaid or generic, or the other text names
    it in another place ("179 arrests" = "detained 179 suspects")."""
    if sentence.units.get(pair[0].start, "") != claim.units.get(pair[1].start, ""):
        return False
    return _same_thing(sentence, claim, sentence.counted.get(pair[0].start), claim.counted.get(pair[1].start))


def same_reports(sentence, claim, lexicon) -> bool:
    """The reports or cases both texts speak of are of the same thing, or one leaves it unsaid: "a
    surge in reports of domestic violence" does not restate "a surge in reports of child exploitation"
    (a name among them may be said by its description: "cases of OSEC")."""
    return _same_thing(sentence, claim, sentence.reported, claim.reported) \
        or any(lexicon.names(t, sentence) for t in claim.reported if t.startswith("E:")) \
        or any(lexicon.names(t, claim) for t in sentence.reported if t.startswith("E:"))


def _same_thing(sentence, claim, mine: frozenset | None, theirs: frozenset | None) -> bool:
    """What the sentence counts (`mine`) is what the claim counts (`theirs`): either leaves it
    unsaid or generic, or the other text names it in another place ("179 arrests" = "detained 179
    suspects"), or one counts victims and the other people of some kind."""
    return not mine or not theirs or bool((mine | theirs) & _GENERIC_COUNT) \
        or bool(mine & claim.terms) or bool(theirs & sentence.terms) \
        or "C:victims" in mine | theirs and bool(mine & _PEOPLE) and bool(theirs & _PEOPLE)


# a figure named only as what is corrected: "far above the $1-2 billion the article gives", "rather than 40
# million", "contrary to the 60% often quoted" (the text asserts another figure; this one is its baseline)
_BASELINE = re.compile(r"\b(?:(?:far|well|much|way)\s+(?:above|below)\s+the|rather\s+than(?:\s+the)?|instead\s+of(?:\s+the)?|"
                       r"contrary\s+to\s+the|compared\s+(?:with|to)\s+the)\s+(?:(?:often|widely|commonly|previously|sometimes)\s+)?"
                       r"(?:(?:claimed|quoted|reported|cited|stated|given)\s+)?[$£€]?\s*$", re.I)


def asserted(text: str, figures: list) -> list:
    """The figures a text asserts: not one it names as the baseline it corrects."""
    return [q for q in figures if not _BASELINE.search(text, max(0, q.start - 60), q.start)]
