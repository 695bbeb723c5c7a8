"""Reading a text into the terms known-claim compares: names as entities, phrases of one meaning
as concepts, other words as stems, figures with what they count, clauses and their denials.

A claim and a sentence are read the same way (docs/known-claims.md), so this module knows
nothing of registers or matching; `rules/claims.py` does the matching and figure-mismatch
reads measures with the same lexicon."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from litcheck.scan.alternation import alternation, lowered

_STOP = {
    "a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "by", "at", "from", "into", "its", "their", "it",
    "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "that", "this", "these", "those",
    "which", "who", "whom", "whose", "than", "then", "there", "such", "also", "but", "so", "can", "could",
    "may", "might", "will", "would", "should", "do", "does", "did", "more", "very", "about", "over", "under",
    "article", "claim", "claims", "says", "said", "states", "stated", "uncited", "figure", "cites", "cited", "text",
    "body", "sentence", "paragraph", "para", "fn", "footnote", "according", "other", "some", "many", "one", "all",
    "any", "each", "every", "both", "only", "own", "same", "while", "where", "when", "how", "what", "why", "they",
    "them", "he", "she", "we", "you", "i", "his", "her", "our", "your", "my", "if", "because", "after", "before",
    "among", "alongside", "including", "among", "between", "through", "via", "per", "cent", "percent", "today",
    "current", "currently", "now", "just", "even", "still", "itself", "themselves", "s", "t", "here", "de", "la",
    "found", "find", "finds", "show", "shows", "showed", "shown", "suggest", "suggests", "suggested", "estimated",
    "estimate", "estimates", "thought", "known", "data", "report", "study", "research", "evidence", "figures", "kind",
    "kinds", "form", "forms", "type", "types", "various", "use", "used", "uses", "using", "make", "makes", "made",
    "become", "became", "get", "got", "let", "lets", "like", "well", "much", "often", "since", "until", "upon",
    # qualifiers of a figure (the figure itself is compared as a number)
    "around", "roughly", "approximately", "nearly", "almost", "least", "than", "some", "up", "just", "over", "above",
    "below", "fewer", "less", "especially", "particularly", "notably", "mainly", "mostly", "simply", "highly",
    "countries", "country", "given", "plus", "degree", "level", "extent", "amount", "lot", "high", "great", "way", "ways",
    # number words and months (figures and dates are read as such)
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "thousands", "million", "millions", "billion",
    "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
}
# A clause denied: "not" before a determiner ("open web, not the dark web") or "only" contrasts
# two things and denies nothing.
NEGATION = re.compile(r"\b(?:not(?!\s+(?:the|a|an|only|just|least|necessarily)\b)|no|never|neither|nor|none|nothing|"
                       r"cannot|unable|impossible)\b|n't\b", re.I)


def _may_deny(low: str | None) -> bool:
    """False when the text (`alternation.lowered`) cannot hold a denial (no "no", "ne", "unable",
    "impossible" or "n't"): most sentences are then read without a negation search a clause."""
    return low is None or any(w in low for w in ("no", "ne", "n't", "unable", "impossible"))



_FOOTNOTE_REF = re.compile(r"\(?\b(?:fn|fns|footnotes?|notes?)\s+\d+(?:\s*(?:,|and|-|–)\s*\d+)*\)?", re.I)
WORD = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z0-9]|[A-Za-z]")
# where one clause of a sentence ends and the next begins
_CLAUSE_BREAK = re.compile(r"[;:()—–]|,\s|\s(?:but|while|whereas|although|though|because|since)\s", re.I)


# "... days before FOSTA became law": what follows names a point in time, not a party to the
# clause's event (it came first, so the thing named did not bring it about)
_EARLIER_THAN = re.compile(r"\b(?:before|prior\s+to|ahead\s+of|until|till)\b[^,;:()—–]*$", re.I)


def _time_reference(text: str, at: int) -> bool:
    """The name at `at` follows "before", "prior to", "ahead of" or "until" in its clause (read
    a few words back)."""
    return _EARLIER_THAN.search(text, max(0, at - 60), at) is not None


def _starts_sentence(text: str, at: int) -> bool:
    """A capital at `at` opens a sentence (so it says nothing about a name): only spaces and opening
    quotes or brackets stand between it and the text's start or a full stop (read a few characters back)."""
    before = text[max(0, at - 8):at]
    bare = before.rstrip(" \t\n\"'“‘(")
    if not bare:
        return at <= len(before)
    return bare[-1] in ".!?:;"


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def word_token(word: str) -> tuple[str | None, bool]:
    """A word's stem (None for stop words, numbers, negations and words under three letters) and
    whether it has a capital after its first letter; cached, since documents repeat their words."""
    low = word.lower().strip("'.-")
    if low in _STOP or len(low) < 3 or NEGATION.fullmatch(low) or low.isdigit():
        return None, False
    return _stem(word), any(c.isupper() for c in word[1:])


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """Cached: a document repeats its words, and Snowball in pure Python costs ~20 µs a word
    (it was 70% of a 0.5 MB scan before the cache)."""
    return _stemmer().stemWord(word.lower().strip("'’.-"))


@dataclass
class Reading:
    """A text read into terms: entities ("E:..."), concepts ("C:...") and stems, plus figures."""

    entities: set[str]  # "E:<canonical>" from the lexicon, "N:<stem>" for other capitalised names
    terms: set[str]  # concepts and stems (entities included)
    figures: list
    negated: bool  # some clause is denied
    surfaces: dict[str, str] = field(default_factory=dict)  # term -> how the text wrote it
    clauses: list[tuple[set[str], bool]] = field(default_factory=list)  # (terms, denied) per clause
    counted: dict[int, frozenset] = field(default_factory=dict)  # figure start -> terms of what it counts

    @classmethod
    def merged(cls, readings: list["Reading"]) -> "Reading":
        """One reading of several texts read apart (their terms, names, figures and clauses)."""
        surfaces: dict[str, str] = {}
        for r in reversed(readings):
            surfaces.update(r.surfaces)
        return cls(set().union(*(r.entities for r in readings)), set().union(*(r.terms for r in readings)),
                   [f for r in readings for f in r.figures], any(r.negated for r in readings), surfaces,
                   [c for r in readings for c in r.clauses])  # (counted: left out, the offsets would collide)

    def around(self, terms: set[str]) -> tuple[set[str], bool]:
        """The terms of the clauses that carry most of `terms` (at least half as many as the best
        clause), and whether one of them is denied: a long sentence's other clauses neither
        dilute nor negate what it says of the claim."""
        best = max((len(c[0] & terms) for c in self.clauses), default=0)
        hit = [c for c in self.clauses if c[0] & terms and len(c[0] & terms) * 2 >= best]
        if not hit:
            return self.terms, self.negated
        return set().union(*(c[0] for c in hit)), any(c[1] for c in hit)


class Lexicon:
    """The entity and concept forms, compiled into one pattern (longest forms first)."""

    def __init__(self, orgs=None, facts=()):
        import yaml

        from litcheck.library.paths import DATA_DIR

        data = yaml.safe_load((DATA_DIR / "claim-terms.yaml").read_text(encoding="utf-8"))
        forms: dict[str, str] = {}
        exact: dict[str, str] = {}  # all-capital short forms match in capitals only ("US", not "us")

        def add(form: str, token: str):
            form = " ".join(str(form).split())
            if not form:
                return
            if form.isupper() and len(form) <= 5:
                exact.setdefault(form, token)
            else:
                forms.setdefault(form.casefold(), token)

        for canonical, names in (data.get("entities") or {}).items():
            for name in [canonical, *names]:
                add(name, "E:" + canonical)
        for fact in facts:
            for name in fact.names:
                add(name, "E:" + fact.names[0])
        if orgs is not None:
            for form, canonical in orgs.canonical.items():
                add(form if not form.isalpha() or len(form) > 5 else form.upper(), "E:" + canonical)
        for concept, words in (data.get("concepts") or {}).items():
            for word in words:
                add(word, "C:" + concept)
        self.relations = {"C:" + r for r in data.get("relations") or ()}
        kinds = {name: "C:" for name in data.get("concepts") or {}} | {name: "E:" for name in data.get("entities") or {}}
        self.alternatives = [{kinds[name] + name for name in group} for group in data.get("alternatives") or ()]
        self.forms, self.exact = forms, exact
        alternatives = sorted(list(forms) + list(exact), key=len, reverse=True)
        body = alternation(alternatives, lambda f: re.escape(f).replace(r"\ ", r"[\s-]+"), ignorecase=True)
        self.pattern = re.compile(r"(?<![\w@])" + body + r"(?![\w])", re.I)

    def read(self, text: str) -> Reading:
        from litcheck.scan.quantities import is_year, quantities

        text = text.replace("’", "'")
        low = lowered(text)  # blanking footnote references below cannot add a word to it
        if low is None or "fn" in low or "note" in low:  # "(fn 34)" in a register is not a figure
            text = _FOOTNOTE_REF.sub(" ", text)
        figures = [q for q in quantities(text) if not is_year(q)]
        entities: set[str] = set()
        terms: set[str] = set()
        surfaces: dict[str, str] = {}
        found: list[tuple[int, str]] = []  # (offset, term) of the entity and concept forms
        chars = list(text)
        for m in self.pattern.finditer(text):
            surface = m.group(0)
            key = " ".join(surface.replace("-", " ").split())
            token = self.exact.get(surface) if surface in self.exact else None
            if token is None:
                token = self.forms.get(" ".join(surface.split()).casefold()) or self.forms.get(key.casefold())
            if token is None:
                continue  # an all-capitals form written in lower case: an ordinary word
            terms.add(token)
            found.append((m.start(), token))
            surfaces.setdefault(token, surface)
            if token.startswith("E:") and not _time_reference(text, m.start()):
                entities.add(token)
            chars[m.start():m.end()] = "_" * (m.end() - m.start())  # read; still a word for the negation test
        rest = "".join(chars)
        bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(rest)] + [len(rest) + 1]
        denial = _may_deny(low)
        clauses = [(set(), denial and NEGATION.search(rest, a, b) is not None) for a, b in zip(bounds, bounds[1:])]
        for start, token in found:
            clauses[bisect.bisect_right(bounds, start) - 1][0].add(token)
        at: dict[int, str] = dict(found)  # offset -> term, for what a figure counts
        for m in WORD.finditer(rest):
            word = m.group(0)
            token, inner_capital = word_token(word)
            if token is None:
                continue
            at[m.start()] = token
            if ((word[0].isupper() and not _starts_sentence(rest, m.start())) or inner_capital) \
                    and not _time_reference(rest, m.start()):
                entities.add("N:" + token)  # a name the lexicon does not know: matched as its word
            terms.add(token)
            surfaces.setdefault(token, word)
            clauses[bisect.bisect_right(bounds, m.start()) - 1][0].add(token)
        counted = {q.start: c for q in figures if not q.percent and (c := _counted(rest, q.end, at))}
        return Reading(entities, terms, figures, any(c[1] for c in clauses), surfaces, clauses, counted)


# between a count and the noun it counts: the range's other end, and words that do not say what is counted
_COUNT_GAP = re.compile(r"\s*(?:(?:to|and|or|-|–)\s*[\d.,]+\s*(?:thousand|million|billion)?\s*)?"
                        r"(?:(?:more|additional|other|new|extra|such|young)\s+)*")
_COUNT_WORD = re.compile(r"[A-Za-z_][\w'’.-]*")
# what any count of people may be said to count: "36.2 million people" = "36.2 million victims"
_GENERIC_COUNT = {"C:person", "victim", "case", "individu"}


def _counted(text: str, end: int, at: dict[int, str]) -> frozenset:
    """The terms of the (at most two) words right after a count that say what it counts
    ("40,000 police officers", "800,000 American children"); empty when a verb or a stop word
    follows. Lets a match tell "40,000 women" from "40,000 police officers"."""
    pos = _COUNT_GAP.match(text, end).end()
    out = []
    for _ in range(2):
        m = _COUNT_WORD.match(text, pos)
        if m is None or pos not in at:
            break
        out.append(at[pos])
        pos = m.end() + len(text[m.end():m.end() + 3]) - len(text[m.end():m.end() + 3].lstrip(" "))
    return frozenset(out)


def same_measure(sentence: Reading, claim: Reading, pair) -> bool:
    """The shared figure counts the same thing in both, or either leaves it unsaid or generic, or
    the other text names what it counts in another place ("179 arrests" = "detained 179 suspects")."""
    mine, theirs = sentence.counted.get(pair[0].start), claim.counted.get(pair[1].start)
    return not mine or not theirs or bool((mine | theirs) & _GENERIC_COUNT) \
        or bool(mine & claim.terms) or bool(theirs & sentence.terms)
