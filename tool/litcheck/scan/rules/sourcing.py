"""Rules about sentences that state something checkable without a source:
uncited-statistic and vague-attribution (superlative is in superlatives.py).

What counts as a statistic (decided once, here): a percentage; an amount of money; a count with
a scale word ("168.9 million", "tens of thousands"); a ratio ("one in ten", "two-thirds of");
a multiplier ("doubled", "threefold"); a plain number of 10 or more (or any decimal) that counts
something. Not statistics: years and year ranges, dates, ordinals, section / article / goal /
list numbers, ages ("aged 11 to 13", "between 12 and 17 years of age"), durations ("ten years"),
numbers inside names ("COVID-19", "Web3", "Section 230"), and numbers inside citations.

Whose figure it is: a document's own results need no citation (litcheck.scan.own_results). A
figure restated from a cited sentence earlier in the same paragraph is covered by that citation.
"""

from __future__ import annotations

import re
from operator import itemgetter

from litcheck.scan.alternation import lowered, matchable
from litcheck.scan.arithmetic import calculations
from litcheck.scan.attribution import (BRACKETED_WORK, PROVISION, REPORTED, carries_on, named_report_goes_on, names_a_work,
                                      opened_by_work)
from litcheck.scan.note_claims import discursive_sentences
from litcheck.scan.own_results import OWN_WORK_VERBS, OwnResults
from litcheck.scan.quantities import computed_from, is_year, quantities, shared
from litcheck.scan.quotations import (guest_turn, in_quoted_run, in_spoken_quotation, in_testimony, open_at_start,
                                      unsourced_quotation)
from litcheck.scan.rules import rule
from litcheck.scan.vague_wording import VAGUE_PATTERNS

NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_SCALE = r"(?:million|billion|trillion|thousand|bn|mn)"
_MONTHS = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
_WORDNUM = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|\d+)"

FIGURE_PATTERNS = [
    ("percentage", re.compile(r"(?<![\w.])" + NUM + r"(?:\s?[-–]\s?" + NUM + r")?\s?(?:%|per\s?cent\b|percent\b|percentage points?\b)|"
                              # in words: "around one percent of calls", "ninety-five per cent"
                              r"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|"
                              r"six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                              r"a hundred|one hundred) (?:per\s?cent|percent)\b", re.I)),
    ("money", re.compile(r"(?:[$€£¥]|\bUSD\s?|\bUS\$\s?|\bEUR\s?)" + NUM + r"(?:\s?[-–]\s?" + NUM + r")?(?:\s?" + _SCALE + r"\b|\s?[mkb]\b)?", re.I)),
    ("money", re.compile(r"(?<![\w.])" + NUM + r"(?:k|\s?" + _SCALE + r")?\s?(?:dollars|euros|pounds|USD|EUR|GBP)\b", re.I)),
    ("scaled count", re.compile(r"(?<![\w.])" + NUM + r"(?:\s?[-–]\s?" + NUM + r")?[\s-]?" + _SCALE + r"\b", re.I)),
    # the news-magazine "1m Uighurs", "a nearly 3m-strong corps" (not "a 5m wall": a length), "10k videos"
    ("scaled count", re.compile(r"(?<![\w.$€£])\d{1,3}(?:\.\d{1,2})?[mk]\b"
                                r"(?=[- ]?strong\b|\s+(?:[a-z]+s|people|children|men|women|[A-Z][a-z]+)\b)")),
    ("scaled count", re.compile(r"\b(?:tens|hundreds) of (?:thousands|millions|billions)\b|\b(?:a|one|two|three|several|many) (?:million|billion)\b(?! (?:times|years))", re.I)),
    # in words: "some six hundred thousand people", "almost ten million euros a year", "forty thousand"
    ("scaled count", re.compile(r"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|"
                                r"seven|eight|nine))?|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|(?:one|two|three|a) "
                                r"hundred)(?: hundred)? (?:thousand|million|billion)\b(?! (?:times|years|ways|reasons))", re.I)),
    ("ratio", re.compile(r"\b" + _WORDNUM + r"\s+(?:in|out of)\s+(?:every\s+)?" + _WORDNUM + r"\b(?!\s*(?:years?|months?|days?|hours?|minutes?))", re.I)),
    ("ratio", re.compile(r"(?<!second )(?<!first )(?<!latter )(?<!former )\b(?:half|a third|one[- ]third|two[- ]thirds|a quarter|one[- ]quarter|three[- ]quarters|one[- ]fifth|a fifth)\s+of\s+(?:all\s+|the\s+)?(?!the (?:year|century|decade))(?=[a-z])", re.I)),
    # a share with no figure: "most victims", "the majority of cases", "a large proportion of users"
    # ("a large majority of US-made surveillance technology": a majority of anything is a share)
    ("share", re.compile(r"\b(?:the|an?) (?:vast |overwhelming |great |large |clear |slim )majority of\s+(?=[a-zA-Z])", re.I)),
    ("share", re.compile(r"(?<!\bthe )(?<!\bat )(?<!\bof )\b(?:most|(?:the|an?) (?:vast |overwhelming |great |large |clear |slim )?"
                         r"majority of|a (?:large|high|significant|substantial|small|tiny) (?:proportion|share|percentage|"
                         r"fraction|minority) of|a minority of)\s+(?:the\s+|these\s+|those\s+|all\s+)?(?:[a-z]+\s+)?"
                         r"(?:victims|survivors|children|minors|girls|boys|women|men|offenders|traffickers|perpetrators|"
                         r"cases|users|people|adults|adolescents|teenagers|youth|workers|migrants|platforms|countries|"
                         r"reports|ads|advertisements|buyers|customers|sellers|vendors|parents|families|agencies|"
                         r"organi[sz]ations|NGOs|companies|firms|businesses|states|governments|schools|students|"
                         r"teens|citizens|residents|households|crimes|offen[cs]es|prosecutions|convictions|arrests|"
                         r"websites|sites|apps|accounts|images|videos|them)\b", re.I)),
    # none at all, as a count: "released zero illegal aliens", "zero deaths" (not "zero tolerance", "zero-hours")
    ("count", re.compile(r"\bzero\s+(?!hours?\b)(?:[a-z-]+\s+){0,2}?(?:people|persons|aliens|migrants|children|minors|"
                         r"victims|cases|deaths|arrests|prosecutions|convictions|reports|incidents|crossings|releases|"
                         r"applications|complaints|days|months|years)\b", re.I)),
    # dozens and hundreds counted: "more than a dozen Republican attorneys general", "over a hundred services" (not
    # "dozens of": a manner of speaking)
    ("scaled count", re.compile(r"\b(?:more than|over|nearly|almost|about|around|at least|some) (?:a|two|three|several) "
                                r"(?:dozen|hundred)\b(?! (?:years|times|ways|reasons)\b)", re.I)),
    # many of something, with no figure: "thousands of victims", "billions of dollars each year"
    # (a manner of speaking, not a count: "millions of questions", "thousands of ways")
    ("scaled count", re.compile(r"\b(?:thousands|millions|billions) of (?!years\b|miles\b|kilometres\b|kilometers\b|pages\b|"
                                r"words\b|lines\b|times\b|questions\b|reasons\b|ways\b|things\b|possibilities\b|ideas\b|"
                                r"stories\b|opinions\b)(?=[a-z])", re.I)),
    # a trend stated as fact, with no figure: "increased dramatically", "has skyrocketed", "a sharp rise"
    ("trend", re.compile(r"\b(?:(?:increased|risen|rose|grown|grew|declined|fallen|fell|dropped|decreased|surged|spiked|jumped)\s+"
                         r"(?:dramatically|sharply|exponentially|significantly|substantially|rapidly|drastically|steeply|"
                         r"markedly|enormously|massively|tremendously)|(?:skyrocket|soar|explod|balloon)(?:ed|ing)\b|"
                         r"(?:dramatic|sharp|exponential|massive|drastic|steep|explosive|huge|rapid)\s+"
                         r"(?:increase|rise|growth|surge|spike|jump|decline|drop|fall)s?|"
                         r"(?:a|an|the)\s+(?:growing|increasing|rising|escalating|mounting)\s+(?:problem|threat|trend|"
                         r"number|phenomenon|concern|risk|epidemic|crisis)|on the rise|at an? (?:alarming|staggering|unprecedented|"
                         r"astonishing|record) (?:rate|pace)|at (?:an\s+)?(?:all-time|record) "
                         r"(?:high|low|levels?)|"
                         # a growth rate ranked, hedged: "one of the fastest-growing online crimes", "among the most
                         # rapidly increasing risks" still claims a fast trend (unhedged, it is a superlative)
                         r"(?:one of|among)\s+(?:the|its|their)\s+(?:fastest[- ]growing|most\s+rapidly\s+"
                         r"(?:increasing|growing|rising|expanding)))\b",
                         re.I)),
    # hours of work or captivity as a rate ("16 hours a day", "20 hours or longer", "12-hour shifts"):
    # a claim about conditions, unlike a duration in a narrative ("the hearing lasted 3 hours") or a
    # service's hours ("open 24 hours a day")
    ("rate", re.compile(r"(?<![\w.])(?!24\b)(?:\d{1,2}|twelve|fourteen|fifteen|sixteen|eighteen|twenty)(?:\s?[-–]\s?\d{1,2})?"
                        r"(?:\s+hours?\s+(?:a|per|each)\s+(?:day|week|shift)|\s+hours?\s+or\s+(?:more|longer)|"
                        r"[- ]hours?\s+(?:days|shifts|workdays|working days))\b", re.I)),
    # people counted by the year: "at least ten people a year are wrongly deported", "200 children per month"
    ("rate", re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})*|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
                        r"forty|fifty|hundreds|thousands|dozens)\s+(?:people|persons|children|women|men|migrants|victims|workers|"
                        r"deaths|girls|boys)\s+(?:a|per|each|every)\s+(?:year|month|week|day)\b", re.I)),
    # how often something happens, as a rate: "every 39 seconds, there is a new attack", "a business every 11 minutes"
    ("rate", re.compile(r"\bevery\s+(?:\d{1,3}(?:\.\d)?|few|two|three|four|five|ten|fifteen|thirty|forty)\s+"
                        r"(?:seconds|minutes|hours)\b", re.I)),
    ("multiplier", re.compile(r"\b(?:doubled|tripled|quadrupled|(?:two|three|four|five|ten|hundred)fold(?!\s*[:.;,]|\s+(?:in (?:nature|scope|purpose)|approach|aim|purpose|goal|strategy|objective)\b)|\d+-fold|twice as (?:many|likely|much|high)|(?:three|four|five|ten|\d+) times (?:more|higher|as|greater|larger|the)|(?:an|one|two|three) orders? of magnitude)\b", re.I)),
]
_PLAIN = re.compile(r"(?<![\w.,/$€£%-])" + NUM + r"(?![\w/%]|,\d|\.\d)")
_NAMED_BEFORE = re.compile(
    r"(?:\b(?:section|sec|article|art|arts|chapter|ch|part|title|rule|goal|target|no|nos|number|para|paragraph|page|pages|p|pp|"
    r"vol|volume|table|figure|fig|resolution|regulation|directive|protocol|convention|act|law|bill|operation|phase|level|"
    r"version|stage|step|day|week|episode|season|grade|class|category|tier|group|round|wave|edition|appendix|annex|box|"
    r"case|item|question|q|hypothesis|study|model|type|room|route|flight|line|s|hr|h\.r|ss|r|n|fn|footnote|note|"
    r"verse|clause|schedule|order|decision|report|series|issue|cap|code|law no|under|top|covid|sdg|g|web|windows|"
    r"iphone|ios|android|python|ipv|http|https|www|e\.o|executive order)\.?\s*|\bcovid\s*[-–]\s*|[#§¶]\s*|[A-Za-z]-|/)$", re.I)
# "18 U.S.C. § 2258A", "705 F.2d 472", "31 F. Supp. 3d 540": a title or volume of a legal citation
_LEGAL_AFTER = re.compile(r"^\s*(?:U\.?\s?S\.?\s?C\.?|C\.?F\.?R\.?|Stat\.|U\.S\.|S\.\s?Ct\.|F\.\s?(?:2d|3d|4th|Supp\.)|"
                          r"L\.\s?Ed\.|Fed\.\s?Reg\.)", re.I)
# a span of time given as a bound is a claim to check: "up to 20 years in prison", "kept for over 30 years" (not
# "two years later", "3 hours": a narrative's time)
_BOUNDED_SPAN = re.compile(r"\b(?:up to|more than|over|at least|as long as|as many as)\s*$", re.I)
_SPAN_POINT = re.compile(r"\s*[-–]?\s*(?:years?|months?|weeks?|days?|decades?)\s+(?:after|ago|later|before|earlier|since)\b", re.I)
# the charges in one case: "was charged with 10 counts of first-degree murder"
_CHARGE_COUNTS = re.compile(r"\s+counts?\s+of\b", re.I)
_CHARGED = re.compile(r"\b(?:charged|convicted|indicted|pleaded|pled|guilty|faces?|facing|accused|acquitted|sentenced)\b", re.I)
_TIME_AFTER = re.compile(r"^[-–]\s*(?:year|month|week|day|hour|minute)s?\b|^\s*(?:(?:to|and|or|-|–)\s*(?:" + NUM + "|" + _WORDNUM + r")\s+)?\s*(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|decades?|centur(?:y|ies)|a\.m\.|p\.m\.|am|pm)\b|^:\d", re.I)
# "call 911", "Sections 11, 12 and 13", "pp. 4, 7 and 9": numbers that name, not count
# ("contact the police on 999 or 112": a number to ring, after whom to ring)
_NAMING_LIST = re.compile(r"(?:\b(?:call|calling|dial|dialling|dialing|text|texting|phone|contact|ring)\s+"
                          r"(?:(?:[\w-]+\s+){1,3}?(?:on|at)\s+)?(?:\d+\s*(?:,|or|and)\s*)*|"
                          # "emergency services (999 in the UK, 911 in the US, 112 in the EU)"
                          r"\b(?:emergency (?:services?|numbers?)|helplines?|hotlines?)\b[^.;\d]{0,40}?[(:]\s*(?:\d{2,4}\s+in\s+(?:the\s+)?[A-Z][\w.]*\s*(?:,|or|and)\s*)*|"
                          r"\b(?:sections?|articles?|arts?|chapters?|paras?|paragraphs?|clauses?|rules?|pages?|pp?|ss?|"
                          r"items?|questions?|tables?|figures?|notes?|footnotes?|goals?|targets?|principles?)\.?\s*"
                          r"\d+[a-z]?(?:\s*(?:,|and|&|or|to|-|–)\s*\d+[a-z]?)*\s*(?:,|and|&|or|to|-|–)\s*)$", re.I)
# an age: "aged 14", "under 18", "over the age of 16", "if the user is over 18", "people over 65", "when you
# tick over to 18", "He was 17."
_AGE_BEFORE = re.compile(r"(?:\baged?|\bages(?: of)?|\bage of|\bunder(?: the age of)?|\bover the age of|\bas young as|\bas old as|"
                         r"\b(?:users?|people|persons?|anyone|someone|individuals?|customers?|viewers?|he|she|they|you|child(?:ren)?)\s+"
                         r"(?:(?:is|are|was|were|be)\s+)?over|\b(?:(?:he|she|they|you|I|we|who|children|child|teenagers?|kids?|girls?|boys?)\s+"
                         r"(?:turns?|turned)|turning|tick(?:s|ed)? over to|(?:he|she|I|who) (?:was|is|'s) (?:only |just |barely )?))"
                         r"\s*$", re.I)
_AGE_AFTER = re.compile(r"^\s*(?:(?:to|and|-|–)\s*" + NUM + r"\s*)?(?:-?years?-old|years? old|years? of age|y/o|-year|"
                        r"(?:or|and) (?:younger|older|under|over)\b)", re.I)
# A news report's age in apposition: "Tommy Connors Senior, 53, was jailed", "the youngest victim, 30,
# meet", "Sisters Bo, 46 and Yan Li, 43,", "Josie Connors (right) 31,", "the Malaysian woman, 69." --
# a number after a name or a person, closed by a comma, a full stop or the next person's age (not
# "Romania, 53, and Poland, 40", a list of counts)
_PICTURED = r"(?:\s*\((?:left|right|centre|center|pictured|above|below)\))?"
_AGE_NOUN_BEFORE = re.compile(
    r"(?:\b[A-Z][\w'’-]+|\b(?:victims?|wom[ae]n|m[ae]n|girls?|boys?|sons?|daughters?|mother|father|wife|husband|"
    r"brother|sister|couple|teenager|mum|dad|grand(?:mother|father)|widow|pensioner|partner|boyfriend|girlfriend))"
    + _PICTURED + r"\s*,?\s+(?:both\s+|now\s+)?$")
_AGE_CLOSE_AFTER = re.compile(r"^(?:,\s+(?!and\b|or\b|with\b|while\b)[a-z]|,?\s+and\s+(?:[A-Z][\w'’-]+\s+){1,3}?[A-Z][\w'’-]+" + _PICTURED + r",?\s+"
                              r"\d{1,2}\b|[.;)](?!\d))")
# ("aged 18–24 and 45–54": ranges listed after one "aged")
_RANGE_AGE = re.compile(r"\b(?:aged?(?:\s+between)?|ages? of|between the ages of)\s+" + NUM + r"\s*(?:to|-|–|and)\s*" + NUM +
                        r"(?:\s*(?:,|and|or)\s*" + NUM + r"\s*[-–]\s*" + NUM + r")*", re.I)
# a technical specification, not a count of the world: "128-bit AES", "1024-bit keys", "a 64-GB card" (not
# "130 TB of data": an amount)
_UNIT_AFTER = re.compile(r"[- ]?bits?\b|-(?:bytes?|[kmgt]b|[kmg]hz|px|dpi)\b", re.I)
_DATE_NEAR = re.compile(r"(?:" + _MONTHS + r"\s*$)", re.I)
_DATE_AFTER = re.compile(r"^\s*(?:st|nd|rd|th)?\s*(?:of\s+)?" + _MONTHS + r"(?!\w)", re.I)
_QUANTIFIER = re.compile(r"(?:at least|more than|over|nearly|almost|about|around|approximately|roughly|up to|some|fewer than|less than|as many as|an estimated|estimated|only|just)\s*$", re.I)
_COUNTED_AFTER = re.compile(r"\s+(?!(?:as|and|or|to|in|on|at|by|when|while|the|a|an|but|is|was|were|are|has|had|have|with|"
                            r"for|of|from|after|before|until|since|through|this|its|always|less|across)\b)"
                            r"(?:[a-z][\w-]+\s+){0,2}?[a-z][\w-]+s\b")
_YEAR_PREPOSITION = re.compile(r"\b(?:since|in|by|after|before|until|till|from|during|of)\s+(?:about|around|approximately|"
                               r"roughly|nearly|some)\s+$", re.I)  # "since about 2000": a date
_CAPWORD_BEFORE = re.compile(r"\b([A-Z][A-Za-z]+)\s+$")
_OPENERS = {"About", "Around", "Over", "Nearly", "Almost", "Approximately", "Only", "Just", "Roughly", "Some", "Least",
            "Than", "Estimated", "By", "In", "Of", "From", "To", "And", "With", "The", "Of", "Were", "Was", "Had", "Has",
            "Have", "Are", "Is", "Reported", "Rescued", "Identified", "Arrested", "Detained", "Seized", "Charged",
            "Convicted", "Received", "Recorded", "Found", "Affected", "Victims", "Cases", "Reports", "All", "Almost",
            "Between", "Among", "Across", "Into", "Within", "Since", "Until", "Than"}


def _is_year(s: str) -> bool:
    return bool(re.fullmatch(r"(?:1[5-9]\d\d|20\d\d)", s))


# How far the context patterns above look around a number. The patterns before it end in
# `$`, and Python's re tries each start position of the window, so that window is kept just
# long enough for the longest one ("paragraph.", "over the age of", plus a few spaces).
_BEFORE = 24
_AFTER = 48
_SPACES = re.compile(r"\s*")
# web and mail addresses and telephone numbers ("1-888-373-7888", "(202) 555-0143"): their digits are no figures
_ADDRESS = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+|(?<![\w.,-])(?:\+?\d{1,3}[-. ])?(?:\(\d{3}\)\s?|\d{3}[-.])\d{3}[-.]\d{4}(?![\w-])")
_DIGIT = re.compile(r"\d")


def find_figures(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, surface, kind) of every statistic-like figure in `text`.

    Context around a number is read from a bounded window (the patterns are anchored at the
    number), and spans already claimed are marked in a byte map: the work stays linear in
    the length of the text, however many numbers it holds."""
    if "http" in text or "www." in text or "@" in text or re.search(r"\d[-.]\d{4}\b", text):  # (most texts need no blanking)
        text = _ADDRESS.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[int, int, str, str]] = []
    taken = bytearray(len(text) + 1)  # 1 where a figure already found lies
    low, digit = lowered(text), _DIGIT.search(text) is not None  # what a pattern needs, tested cheaply
    for kind, pattern in matchable(FIGURE_PATTERNS, low, itemgetter(1)):
        for m in pattern.finditer(text):
            if any(taken[m.start():m.end()]):
                continue
            surface = m.group(0).strip()
            if kind == "scaled count" and re.match(r"^(?:1[5-9]\d\d|20\d\d)\b", surface):
                continue
            if kind == "ratio" and re.match(r"^\d", surface) and re.search(r"\d{4}", surface):
                continue
            found.append((m.start(), m.end(), surface, kind))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    excluded = bytearray(taken)  # figures and age ranges: a plain number inside them is no figure
    # an age range and a plain number both need a number in digits, and an age range "age"
    for m in _RANGE_AGE.finditer(text) if digit and (low is None or "age" in low) else ():
        excluded[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    last_excluded_end = None
    for m in _PLAIN.finditer(text) if digit else ():
        if excluded[m.start()]:
            continue
        if last_excluded_end is not None and re.fullmatch(r"\s*(?:[-–]|to|and)\s*", text[last_excluded_end:m.start()]):
            last_excluded_end = m.end()  # the second half of a range whose first half is not a figure
            continue
        last_excluded_end = m.end()
        surface = m.group(0)
        value_text = surface.replace(",", "")
        before = text[max(0, m.start() - _BEFORE):m.start()]
        after = text[m.end():m.end() + _AFTER]
        if _is_year(surface) and not (_QUANTIFIER.search(before) and _COUNTED_AFTER.match(after)
                                      and not _YEAR_PREPOSITION.search(before)):
            continue  # (but "more than 2000 education facilities" counts them)
        if re.match(r"^\s*(?:[-–/]\s*(?:1[5-9]\d\d|20\d\d|\d{2})\b|s\b|'s\b)", after) and _is_year(value_text[:4]):
            continue
        if re.search(r"(?:1[5-9]\d\d|20\d\d)\s*[-–/]\s*$", before):  # the end of a year range
            continue
        if _NAMING_LIST.search(text[max(0, m.start() - 90):m.start()]):
            continue
        if before.endswith(")") and re.search(r"[\w/]\(\d{4}[a-z]?\)$", before):
            continue  # a document's number after its year: "CM/Rec(2022)16"
        if _CHARGE_COUNTS.match(after) and _CHARGED.search(text, max(0, m.start() - 120), m.start()):
            continue
        if _UNIT_AFTER.match(after):
            continue
        if _LEGAL_AFTER.match(after) or re.search(r"(?:U\.S\.C\.|C\.F\.R\.|F\.\s?(?:2d|3d|4th)|Supp\.\s?(?:2d|3d)?)\s*$", before):
            continue
        if _NAMED_BEFORE.search(before) or _TIME_AFTER.match(after) and not (
                _BOUNDED_SPAN.search(before) and not _SPAN_POINT.match(after)) \
                or _AGE_BEFORE.search(before) or _AGE_AFTER.match(after):
            continue
        if surface.isdigit() and 0 < int(surface) <= 110 and _AGE_NOUN_BEFORE.search(before) and _AGE_CLOSE_AFTER.match(after):
            continue
        if _DATE_NEAR.search(before) or _DATE_AFTER.match(after):
            continue
        if re.match(r"^\s*(?:st|nd|rd|th)\b", after) or re.match(r"^[.)]\s", after) \
                and _SPACES.match(text, 0, m.start()).end() == m.start():
            continue
        cap = _CAPWORD_BEFORE.search(before)
        if cap and cap.group(1) not in _OPENERS and not _QUANTIFIER.search(before) and before.rstrip()[-1:].isalpha():
            continue  # "Goal 8", "Windows 10", "Operation 179": part of a name
        quantified = bool(_QUANTIFIER.search(before))
        try:
            value = float(value_text)
        except ValueError:
            continue
        if "." in value_text and not quantified and value < 10 and re.search(r"\d\.\d", value_text):
            # a decimal figure ("2.7 people") counts; a version-like number ("8.7") after a word does not
            if re.search(r"[A-Za-z]\s*$", before) and not re.search(r"\b(?:of|by|to|from|at|about|is|was|were|are)\s*$", before):
                continue
        if value < 10 and not quantified and "." not in value_text:
            continue
        if value == 0:
            continue
        found.append((m.start(), m.end(), surface, "count"))
        last_excluded_end = None
    found.sort()
    return found


# An organisation counting its own work in the first person ("we received 14,325 notices", "our shelter
# provided over 4,200 nights"): the writer's own records, like a study's own results
_OWN_OPERATIONS = re.compile(r"\b(?:[Ww]e|[Oo]ur (?:team|teams|staff|organi[sz]ation|shelters?|programmes?|programs?|"
                             r"services?|platform|hotline|helpline|volunteers|moderators))\s+(?:have\s+|had\s+|were able to\s+|"
                             r"also\s+)*" + OWN_WORK_VERBS + r"\b|"
                             # a share of the writer's own: "a loss of over 80% of our traffic", "our own records"
                             r"\b(?:of|in|on|from) our (?:own )?(?:traffic|users|platforms?|sites?|services?|members|customers|"
                             r"clients|staff|caseload|cases|hotline|helpline|shelters?)\b|"
                             r"\b[Oo]ur own (?:experience|data|records|figures|statistics|monitoring|logs)\b|"
                             # the writer's own method at work: "in 112 countries using our cutoff", "This allowed us
                             # to assign end years for another 39 countries", "by our count"
                             r"\b(?:allow(?:s|ed)?|enable(?:s|d)?|lets?|help(?:s|ed)?) us to\b|"
                             r"\b(?:using|with|under|by|applying) our (?:own )?(?:cutoffs?|cut-offs?|thresholds?|methods?|"
                             r"approach|criteria|definitions?|coding|classification|rules?|models?|counts?|estimates?|"
                             r"calculations?)\b")
# "During the same period, it received 14 reports": the figures go on from the sentence before
_SAME_PERIOD = re.compile(r"[*_\s]*(?:(?:In addition|Additionally|Also|Similarly|Meanwhile),?\s+)?(?:during|in|over|for|within) "
                          r"the same (?:period|year|time|timeframe|time frame|quarter|month|months|reporting period)\b", re.I)


def _same_period(ctx, sent) -> bool:
    """The sentence adds figures for the period the sentence before sourced (by a citation, a
    named work or a body reporting them)."""
    if sent.index == 0 or "same" not in sent.text or not _SAME_PERIOD.match(sent.text):
        return False
    prev = ctx.doc.sentences[sent.index - 1]
    return prev.block == sent.block and (ctx.is_cited(prev) or names_a_work(prev.text) or REPORTED.search(prev.text)
                                         is not None or _same_period(ctx, prev))


def _credited_lead(ctx, sent) -> bool:
    """A list item under a lead-in that names the work it reports ("According to the [Youth Internet
    Safety Survey]" over its findings): the lead is the items' source, as a citation on it would be."""
    if sent.lead is None:
        return False
    lead = ctx.doc.sentences[sent.lead]
    return ctx.per_sentence(names_a_work, lead) or BRACKETED_WORK.search(lead.text) is not None


# "not 100% accurate": a disclaimer, not a measured share
_WITNESSED = re.compile(r"\b(?:showed|told|gave|sent|offered|asked|handed)\s+me\b|"
                        # one person's story, not a statistic: "it became clear that he had lost $78,000"
                        r"\b(?:he|she)\s+(?:had\s+|has\s+)?(?:lost|paid|spent|sent|owed|borrowed|transferred|invested)\s+"
                        r"(?:(?:about|around|nearly|almost|more than|over)\s+)?[$£€]\d", re.I)
_NOT_BEFORE = re.compile(r"\bnot\s+(?:always\s+)?$")
# ("This is because ...", "That is why ...": an explanation, whose figures are its own)
_RESTATEMENT = re.compile(r"[*_\s]*(?:In other words|That is|This is|That means|This means|Put differently|I\.e\.|"
                          r"Put another way|(?:That|This)[’']s(?=\s+(?:an?\s+|about\s+|nearly\s+|almost\s+|over\s+|"
                          r"more than\s+)?(?:[\d$£€]|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)))\b"
                          r"(?!\s+(?:because|why|how|partly|largely|mainly|in part)\b)", re.I)


def _restated(ctx, sent, surface: str) -> bool:
    """The figure was already stated in a cited sentence earlier in the same paragraph."""
    cited = [other for other in ctx.cited_before(sent, 12) if other.block == sent.block]
    mine = quantities(surface) if cited else ()  # (most sentences have no cited one before them)
    if not mine:
        return False
    cache = ctx.__dict__.setdefault("_cited_quantities", {})  # sentence index -> its figures
    for other in cited:
        theirs = cache.get(other.index)
        if theirs is None:
            theirs = cache[other.index] = quantities(ctx.claim_text(other))
        if theirs and shared(mine, theirs):
            return True
    return False


def _computed(ctx, sent, surface: str) -> bool:
    """A percentage worked out from counts stated just before it in the paragraph (a change, or
    a part of a whole): those counts are the claims to source, and are checked themselves."""
    shares = [q for q in quantities(surface) if q.percent and q.exact]
    if not shares:
        return False
    cache = ctx.__dict__.setdefault("_counts_before", {})  # sentence index -> its paragraph's counts before it
    counts = cache.get(sent.index)
    if counts is None:  # read once a sentence, not once for each of its figures
        sentences, block = ctx.doc.sentences, sent.block
        counts = cache[sent.index] = [
            q for other in sentences[max(0, sent.index - 6):sent.index] if other.block == block
            for q in quantities(other.text) if not (q.percent or q.ordinal or is_year(q))]
    return len(counts) >= 2 and all(computed_from(q, counts) for q in shares)


@rule("uncited-statistic", "warning",
      "A figure, percentage or count is stated as fact with no citation. A footnote marker, [@key], [n] or "
      "an author-date citation on the sentence (or on the lead-in of a list it belongs to) counts as a citation, "
      "up to a 'but', 'while' or 'whereas' after it that opens a clause of the writer's own, "
      "and so does a source named in the prose with a verb of reporting (\"the Federal Statistics Office estimated ...\", and \"It added that ...\" "
      "in the sentence after it; \"..., the report said\" after a sentence naming that report's author) or a law whose terms "
      "the figure states; a body the library knows, named with no work of it identified (\"the ILO estimates that 16 percent ...\"), is "
      "flagged as a figure attributed to it with no specific work cited. The document's own results "
      "(methods, results or data sections; 'our survey', 'respondents', 'Table 2'; an index's own scores and ranks once it "
      "says what it evaluated: 'Only eight of the 24 companies evaluated scored 50 percent'), a guest's turn in a "
      "transcript ('Marla Carroll: ...', credited as a quotation is), what the writer was shown or told first-hand "
      "('He showed me the app ... that cost him $3,500'), one person's story ('he had lost $78,000'), words a named speaker is quoted saying "
      "('\"... fewer than 10 attempts,\" says Ana Ruiz', or a quotation run over paragraphs from one), an organisation counting its "
      "own work ('we received ...', or its name in the third person), a figure restated from a "
      "cited sentence of the same paragraph, and a percentage worked out from counts just before it in the "
      "paragraph ('5,603 in 2017 ... 7,406 in 2020 ... a 32% increase') need none. A footnote of 40 words or more that "
      "argues and cites nothing (no address, signal, year in brackets, title or page) is read for figures as the body is.",
      fires="Offenders contacted 202,605 children in the first ten weeks of the lockdown.",
      passes="Offenders contacted 202,605 children in the first ten weeks of the lockdown.[^3]",
      priority=2, order=10)
def uncited_statistic(ctx):
    own = OwnResults.of(ctx)
    for sent in ctx.claim_sentences():
        tail = ctx.uncited_tail(sent) if ctx.is_cited(sent) else 0  # where the citations stop reaching
        if tail is None:
            continue
        cites = ctx.citations_for(sent)
        text = ctx.claim_text(sent)
        found = [f for f in find_figures(text) if f[0] >= tail]
        opened = open_at_start(ctx, sent) if found else None
        figures = [f for f in found if not in_testimony(text, f[0]) and not in_spoken_quotation(text, f[0], opened)
                   and not (f[2].lower().startswith(("100", "one hundred", "a hundred")) and _NOT_BEFORE.search(text, max(0, f[0] - 12), f[0]))]
        if not figures or own.covers(sent) or ctx.per_sentence(names_a_work, sent) or calculations(sent.text) \
                or guest_turn(ctx, sent) or in_quoted_run(ctx, sent):
            continue  # (a calculation written out derives its figures; figure-mismatch redoes it)
        if _WITNESSED.search(sent.text):
            continue  # "He showed me the app ... that cost him $3,500": what the writer saw or was told, a witness's account
        if _RESTATEMENT.match(sent.text):
            continue  # "In other words, 95% ...", "That is a 96% pass rate": the figures before it are the claim
        if all(f[3] in ("share", "trend") for f in figures) and _vague_phrase(ctx, sent):
            continue  # "Studies show that most offenders ...": one claim, flagged as the vague attribution it is
        figures = [f for f in figures if not (_restated(ctx, sent, f[2]) or _computed(ctx, sent, f[2]))]
        if not figures:
            continue
        # a body the library knows, named with no work of it identified ("the ILO estimates that 16 percent
        # ..."): the figure is attributed but unsourced, and the flag says so (issue 14: "as today")
        named_only = bool(cites) and all(c.kind == "named" and not c.keys for c in cites)
        if REPORTED.search(sent.text) and not named_only or ctx.in_text(PROVISION) and PROVISION.search(sent.text) or carries_on(ctx, sent) \
                or _same_period(ctx, sent) or _OWN_OPERATIONS.search(sent.text) or own.counts_own_work(sent) \
                or opened_by_work(ctx, sent) or _credited_lead(ctx, sent) or named_report_goes_on(ctx, sent):
            continue
        shown = ", ".join(f"'{x}'" for x in list(dict.fromkeys(f[2] for f in figures))[:4])
        named = [n for c in cites if c.kind == "named" for n in c.names]
        why = (f"attributed in the prose to {' and '.join(dict.fromkeys(named))}, but no specific work is cited for it"
               if named else "stated with no citation")
        yield ctx.flag("uncited-statistic", sent, f"{shown} {why}", evidence=figures[0][2])
    for label, text in discursive_sentences(ctx.doc, own.has_study or own.analyses_data):  # a note that argues, citing nothing, claims as the body does
        figures = [f for f in find_figures(text) if not in_testimony(text, f[0])]
        if figures and not (names_a_work(text) or REPORTED.search(text) or calculations(text)):
            shown = ", ".join(f"'{x}'" for x in list(dict.fromkeys(f[2] for f in figures))[:4])
            yield ctx.flag_in_note("uncited-statistic", label, text, f"{shown} stated in a note that cites nothing",
                                   evidence=figures[0][2])


# An owner or a pointer right before "data shows", "the report found": the source is named.
_SPECIFIC_BEFORE = re.compile(r"(?:['’]s|\b(?:this|these|the same|such|its|their|his|her))\s+(?:[\w-]+\s+){0,3}$",
                              re.I)


# people a possessive does not name: "their critics argue", "its own experts say" are still nobody in particular
_UNNAMED_PEOPLE = re.compile(r"(?:[\w-]+\s+){0,2}?(?:critics|experts|observers|commentators|analysts|sources|insiders|"
                             r"campaigners|activists|advocates)\b", re.I)
_BACK_REFERENCE = re.compile(r"[*_\s]*As (?:(?:was|we have|I have) )?(?:discussed|noted|mentioned|shown|described|explained|"
                             r"seen|outlined) (?:previously|above|earlier|before|in (?:the )?(?:previous|preceding|last) "
                             r"(?:section|chapter|part))\b", re.I)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+(?:most\s+)?$")
_OWN_DATA_WORDS = re.compile(r"\b(?:data|estimates|figures|statistics|evidence)\b", re.I)


def _vague_phrase(ctx, sent) -> str | None:
    """The unnamed authority the sentence leans on ("studies show"), or None."""
    text = ctx.doc.masked[sent.start:sent.end]
    if _BACK_REFERENCE.match(text):
        return None  # "As discussed previously, the report has been criticised ...": sourced where it was discussed
    low = lowered(text)
    for pattern in matchable(VAGUE_PATTERNS, low):
        m = pattern.search(text)
        if m and pattern is VAGUE_PATTERNS[0] and _SPECIFIC_BEFORE.search(text[max(0, m.start() - 60):m.start()]) \
                and not _UNNAMED_PEOPLE.match(m.group(0)):
            continue  # "ICE's monthly ADP data shows", "the same data show": whose data is said (not "their critics argue")
        if m and pattern is VAGUE_PATTERNS[0] and _THE_BEFORE.search(text, max(0, m.start() - 20), m.start()) \
                and opened_by_work(ctx, sent):
            continue  # "the most recent estimates indicate", in a paragraph that opened with the work they are
        if m:
            return " ".join(m.group(0).split())
    return None


@rule("vague-attribution", "warning",
      "The sentence leans on an unnamed authority (\"studies show\", \"according to reports\", \"experts say\", "
      "\"it is estimated that\", \"reportedly\") and cites no specific source, or quotes eight words or more "
      "with no citation and no speaker.",
      fires="Studies show that most recruitment now begins on gaming platforms.",
      passes="Studies show that most recruitment now begins on gaming platforms (Okafor, 2021).",
      priority=5, order=20)
def vague_attribution(ctx):
    for sent in ctx.claim_sentences():
        cites = ctx.citations_for(sent)
        if any(c.kind != "named" for c in cites) or any(c.kind == "named" and c.key for c in cites) \
                or ctx.per_sentence(names_a_work, sent):
            continue
        phrase = _vague_phrase(ctx, sent)
        if phrase and _OWN_DATA_WORDS.search(phrase) and OwnResults.of(ctx).covers(sent):
            continue  # "the data show that most respondents ...": the document's own data speak
        if phrase:
            yield ctx.flag("vague-attribution", sent, f"'{phrase}' with no specific source", evidence=phrase)
        else:
            quoted = unsourced_quotation(ctx, sent)
            if quoted:
                shown = " ".join(quoted.split()[:8]) + " …"
                yield ctx.flag("vague-attribution", sent, f"a quotation ('{shown}') with no citation and no speaker",
                               evidence=quoted)
