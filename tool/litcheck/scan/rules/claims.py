"""known-claim: a sentence that asserts, in any wording, a claim a claims register already judged.

Claims come from `litcheck.library.claims.collect_claims(library)` (the notes' `claims:`
registers); only verdicts a fact-checker must act on fire: false, misleading, unconfirmed,
disputed. The method (docs/known-claims.md has the long form):

1. Both texts are read into the same terms. Names become entities, whatever their spelling:
   organisations from the vocabulary, platforms / markets / operations from dated-facts.yaml,
   laws, treaties and places from data/claim-terms.yaml ("FOSTA" = "SESTA/FOSTA",
   "Convention on Cybercrime" = "Budapest Convention"), and any other capitalised name.
   Words and phrases of one meaning become one concept ("sold" = "on offer" = "could be
   bought"; "cannot be traced" = "untraceable"); other words are stemmed (Snowball).
   Figures are normalised (36.2 million = 36,200,000; 60% = six in ten = three-fifths).
2. A sentence asserts the claim when
   - it carries one of the claim's figures, if the claim has any (years aside), counting the same
     thing ("40,000 women" is not "40,000 police officers");
   - every entity of the claim is named in the sentence or its paragraph (one may be missing
     when the claim names four or more; a name after "before" or "until" is a point in time);
   - what the claim is about (trafficking, people, drugs ...: `alternatives:` in the terms file)
     is said in the sentence or its paragraph, not only the claim's figure, names or setting;
   - it covers at least half of the claim's terms (a third when a figure is shared), terms
     weighted by how rare they are across all registers, so the field's common words
     ("trafficking", "dark web") cannot make a match alone, and by what the register's
     evidence concedes: a term the evidence states as true ("Dream was a drugs market") is
     not what makes the claim wrong and weighs little;
   - at least a third of the sentence's own terms are the claim's (a sentence about something
     else that merely mentions the claim's names does not match);
   - both say it, or both deny it (negation on one side only means the opposite claim).
3. The message names what matched: the shared figures, entities and terms.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from litcheck.scan.alternation import alternation, lowered
from litcheck.scan.rules import rule

BAD = ("false", "misleading", "unconfirmed", "disputed")
RECALL = 0.5  # share of the claim's (weighted) terms a sentence must carry
RECALL_WITH_FIGURE = 0.34  # ... when it also carries one of the claim's figures
PRECISION = 0.34  # share of the sentence's own terms that must be the claim's
RECALL_UNKNOWN_VERB = 0.7  # ... when the sentence says what it says with a verb the lexicon does not know
RELATIONS = 0.6  # share of the claim's relations (data/claim-terms.yaml) the sentence must carry
CONCEDED_WEIGHT = 0.25  # weight of a term the register's evidence states as true

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
_NEGATION = re.compile(r"\b(?:not(?!\s+(?:the|a|an|only|just|least|necessarily)\b)|no|never|neither|nor|none|nothing|"
                       r"cannot|unable|impossible)\b|n't\b", re.I)


def _may_deny(low: str | None) -> bool:
    """False when the text (`alternation.lowered`) cannot hold a denial (no "no", "ne", "unable",
    "impossible" or "n't"): most sentences are then read without a negation search a clause."""
    return low is None or any(w in low for w in ("no", "ne", "n't", "unable", "impossible"))


# "fn 34 cites X for Y": a register's verdict on the article's own footnote, not a claim about
# the world that another text could repeat
_ABOUT_FOOTNOTES = re.compile(r"\s*fns?\s+\d+(?:\s*(?:,|and)\s*(?:fns?\s+)?\d+)*\s+(?:cites?|attributes?)\b", re.I)
_FOOTNOTE_REF = re.compile(r"\(?\b(?:fn|fns|footnotes?|notes?)\s+\d+(?:\s*(?:,|and|-|–)\s*\d+)*\)?", re.I)
_WORD = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z0-9]|[A-Za-z]")
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


MAX_CONTEXT_CHARS = 6_000  # a paragraph longer than this is read only around the sentence
CONTEXT_SENTENCES = 3  # sentences either side of it


@lru_cache(maxsize=200_000)
def _word_token(word: str) -> tuple[str | None, bool]:
    """A word's stem (None for stop words, numbers, negations and words under three letters) and
    whether it has a capital after its first letter; cached, since documents repeat their words."""
    low = word.lower().strip("'.-")
    if low in _STOP or len(low) < 3 or _NEGATION.fullmatch(low) or low.isdigit():
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
        clauses = [(set(), denial and _NEGATION.search(rest, a, b) is not None) for a, b in zip(bounds, bounds[1:])]
        for start, token in found:
            clauses[bisect.bisect_right(bounds, start) - 1][0].add(token)
        at: dict[int, str] = dict(found)  # offset -> term, for what a figure counts
        for m in _WORD.finditer(rest):
            word = m.group(0)
            token, inner_capital = _word_token(word)
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


def _same_measure(sentence: Reading, claim: Reading, pair) -> bool:
    """The shared figure counts the same thing in both, or either leaves it unsaid or generic, or
    the other text names what it counts in another place ("179 arrests" = "detained 179 suspects")."""
    mine, theirs = sentence.counted.get(pair[0].start), claim.counted.get(pair[1].start)
    return not mine or not theirs or bool((mine | theirs) & _GENERIC_COUNT) \
        or bool(mine & claim.terms) or bool(theirs & sentence.terms)


@dataclass
class _Prepared:
    claim: object
    reading: Reading
    weights: dict[str, float]
    lexicon: Lexicon


_PREPARED: dict[tuple, tuple] = {}  # (claims, facts, orgs) ids -> (objects kept alive, lexicon, prepared)


_LEXICON: list = []  # [(facts, orgs), Lexicon] of the last Scanner


def lexicon_for(ctx) -> Lexicon:
    """The lexicon of a Scanner's facts and organisations, built once for all its documents
    (figure-mismatch reads measures with it too)."""
    orgs = getattr(ctx.index, "orgs", None)
    if not _LEXICON or _LEXICON[0][0] is not ctx.facts or _LEXICON[0][1] is not orgs:
        _LEXICON[:] = [(ctx.facts, orgs), Lexicon(orgs, ctx.facts)]
    return _LEXICON[1]


def _prepare(ctx) -> tuple[Lexicon, list[_Prepared]]:
    """The lexicon and the registers' claims read into terms, once per Scanner (its claims,
    facts and index are shared by all the documents it scans)."""
    orgs = getattr(ctx.index, "orgs", None)
    ident = (id(ctx.claims), id(ctx.facts), id(orgs))
    cached = _PREPARED.get(ident)
    if cached is not None and cached[0] == (ctx.claims, ctx.facts, orgs):
        return cached[1], cached[2]
    lexicon = lexicon_for(ctx)
    readings = [(c, lexicon.read(c.claim)) for c in ctx.claims]
    # a term found in many claims of this field weighs less (inverse document frequency)
    df: dict[str, int] = {}
    for _, r in readings:
        for t in r.terms:
            df[t] = df.get(t, 0) + 1
    n = max(1, len(readings))
    prepared = []
    for claim, reading in readings:
        if claim.status not in BAD or not reading.terms or _ABOUT_FOOTNOTES.match(claim.claim):
            continue
        conceded = _conceded(lexicon, claim.evidence)
        weights = {t: math.log(1 + n / df[t]) * (CONCEDED_WEIGHT if t in conceded and not t.startswith("E:") else 1.0)
                   for t in reading.terms}
        prepared.append(_Prepared(claim, reading, weights, lexicon))
    _PREPARED.clear()  # one Scanner's worth at a time
    _PREPARED[ident] = ((ctx.claims, ctx.facts, orgs), lexicon, prepared)
    return lexicon, prepared


def _conceded(lexicon: Lexicon, evidence: str) -> set[str]:
    """Terms the evidence states without negating them: what the claim gets right."""
    evidence = re.sub(r"\[@[^\]]*\]", " ", evidence or "")
    out: set[str] = set()
    for clause in re.split(r"[.;:,()]|\bbut\b|\bwhile\b|\bwhereas\b", evidence):
        if clause.strip() and not _NEGATION.search(clause):
            out |= lexicon.read(clause).terms
    return out


@dataclass
class Match:
    score: float
    figures: list  # (sentence figure, claim figure)
    entities: list[str]
    terms: list[str]


def _named(entity: str, reading: Reading) -> bool:
    return entity in reading.entities if entity.startswith("E:") else entity[2:] in reading.terms


def _says(reading: Reading, term: str, claim: Reading) -> bool:
    """The text carries the claim's term, or all the words of the phrase the claim wrote it with,
    in any order ("videos of abusive sex acts" says the claim's "abusive videos")."""
    if term in reading.terms:
        return True
    words = {_word_token(w)[0] for w in _WORD.findall(claim.surfaces.get(term, ""))} - {None}
    return len(words) > 1 and words <= reading.terms


def match_claim(prep: _Prepared, sentence: Reading, context) -> Match | None:
    """How the sentence restates the claim, or None when it does not (see the module docstring).
    `context` is the paragraph's Reading, or a function returning it: it is read only when the
    sentence itself passes every other test and leaves one of the claim's names unsaid."""
    from litcheck.scan.quantities import shared

    claim = prep.reading
    figures = [p for p in shared(sentence.figures, claim.figures) if _same_measure(sentence, claim, p)] if claim.figures else []
    if claim.figures and not figures:
        return None
    common = claim.terms & sentence.terms
    relation = [t for t in common if not t.startswith("E:")]
    if not relation:
        return None
    # the relations of the claim's clause the sentence restates best: a sentence may restate one
    # half of a claim ("... and was taken down in 2018") without the other's relations
    claim_clause = max(claim.clauses, key=lambda c: len(c[0] & common))[0] if claim.clauses else claim.terms
    relations = claim_clause & prep.lexicon.relations
    said = sentence.terms & prep.lexicon.relations
    if relations and said and len(relations & said) < max(1, round(RELATIONS * len(relations))):
        return None  # the same things, but something else said about them
    subjects = []  # what the claim is about (trafficking, drugs ...) when the sentence leaves it unsaid
    for group in prep.lexicon.alternatives:
        named, claimed = sentence.terms & group, claim.terms & group
        if any(t.startswith("C:") for t in claimed) and not any(_says(sentence, t, claim) for t in claimed):
            subjects.append(claimed)
        if named and claimed and not named <= claimed:
            return None  # the same relation to other things: "sold drugs" is not "sold people"
    total = sum(prep.weights.values())
    recall = sum(prep.weights[t] for t in common) / total if total else 0.0
    if recall < (RECALL_WITH_FIGURE if figures else RECALL if said or not relations else RECALL_UNKNOWN_VERB):
        return None
    own_terms, denied = sentence.around(set(relation))  # the costliest test, so the last but one
    if denied != claim.negated:
        return None  # one says it, the other denies it
    if len(common & own_terms) / max(1, len(own_terms)) < PRECISION:
        return None
    unsaid = [e for e in claim.entities if not _named(e, sentence)]
    if (unsaid or subjects) and callable(context):
        context = context()
    if any(not any(_says(context, t, claim) for t in terms) for terms in subjects):
        return None  # the same figure or names, but said of something else, here and in the paragraph
    missing = [e for e in unsaid if not _named(e, context)]
    if len(missing) > (1 if len(claim.entities) >= 4 else 0):
        return None
    entities = [sentence.surfaces.get(e if e.startswith("E:") else e[2:]) or context.surfaces.get(e, e[2:])
                for e in sorted(claim.entities) if e not in missing]
    return Match(recall, figures, entities, [sentence.surfaces[t] for t in sorted(relation)])


def _why(match: Match, claim: Reading) -> str:
    parts = []
    if match.figures:
        pairs = dict.fromkeys(f"'{s.surface}'" + ("" if s.surface == c.surface else f" = '{c.surface}'")
                              for s, c in match.figures)
        parts.append("figures " + ", ".join(pairs))
    if match.entities:
        parts.append("names " + ", ".join(dict.fromkeys(match.entities)))
    parts.append("terms " + ", ".join(dict.fromkeys(match.terms)))
    return "; ".join(parts)


@rule("known-claim", "warning",
      "The sentence asserts, in any wording, a claim that a claims register (notes' `claims:`) already holds as false, "
      "misleading, unconfirmed or disputed; the message gives the verdict, the evidence and what matched (shared "
      "figures, names and terms). Matching is by meaning: figures normalised, names with their aliases, words of one "
      "meaning read as one concept; a sentence that shares only a topic, a name or a number does not match.",
      fires="People were for sale on Corvid Market, along with drugs and weapons.",
      passes="Corvid Market sold drugs and stolen data.",
      order=120)
def known_claim(ctx):
    lexicon, prepared = _prepare(ctx)
    if not prepared:
        return
    # a claim can match only a sentence sharing one of its terms other than names: the claims to
    # test for a sentence are found by its terms instead of testing every claim
    by_term: dict[str, list[int]] = {}
    for i, p in enumerate(prepared):
        for t in p.reading.terms:
            if not t.startswith("E:"):
                by_term.setdefault(t, []).append(i)
    parts: dict[int, list[str]] = {}
    members: dict[int, list[int]] = {}  # paragraph -> its sentences' indices
    position: dict[int, int] = {}  # sentence -> its place in its paragraph
    kinds: dict[int, str] = {}
    for i, s in enumerate(ctx.doc.sentences):
        parts.setdefault(s.block, []).append(s.text)  # joined once below: linear in a one-paragraph text
        position[i] = len(members.setdefault(s.block, []))
        members[s.block].append(i)
        kinds[s.block] = s.kind
    blocks = {b: " ".join(texts) for b, texts in parts.items()}

    @lru_cache(maxsize=64)  # the paragraphs around the sentence being read
    def read(text: str) -> Reading:
        return lexicon.read(text)

    def claim_reading(index: int) -> Reading:
        return read(ctx.claim_text(ctx.doc.sentences[index]))

    def paragraph(block: int, index: int | None = None) -> list[Reading]:
        """The paragraph's reading as context. An outsized paragraph (a document with no
        paragraph breaks) gives only the sentences around `index`, from the readings the
        sentences already have, so that reading contexts stays linear in the document."""
        text = blocks.get(block, "")
        if len(text) <= MAX_CONTEXT_CHARS:
            return [read(text)]
        indices = members[block]
        at = position[index] if index is not None else len(indices) - 1
        return [claim_reading(j) for j in indices[max(0, at - CONTEXT_SENTENCES):at + CONTEXT_SENTENCES + 1]]

    def context_of(index: int, sent) -> Reading:
        """The sentence's paragraph (and, for prose, the paragraph before: "The act ..." after
        "PECA ..."); a list item's own text and its lead-in only, so items about different things
        stay apart."""
        context = blocks.get(sent.block, "")
        if len(context) > MAX_CONTEXT_CHARS or (sent.kind not in ("item",) and len(blocks.get(sent.block - 1, "")) > MAX_CONTEXT_CHARS):
            pieces = paragraph(sent.block, index)
            if sent.kind == "item" and sent.lead is not None:
                pieces.append(claim_reading(sent.lead))
            elif kinds.get(sent.block - 1) in ("body", "lead"):
                pieces += paragraph(sent.block - 1)
            return Reading.merged(pieces)
        if sent.kind == "item":
            context += " " + ctx.doc.sentences[sent.lead].text if sent.lead is not None else ""
        elif kinds.get(sent.block - 1) in ("body", "lead"):
            context += " " + blocks.get(sent.block - 1, "")
        return read(context)

    for index, sent in enumerate(ctx.doc.sentences):
        if sent.kind == "heading":
            continue
        sentence = lexicon.read(ctx.claim_text(sent))
        if not sentence.terms:
            continue
        candidates = sorted({i for t in sentence.terms for i in by_term.get(t, ())})
        context = lru_cache(maxsize=1)(lambda index=index, sent=sent: context_of(index, sent))
        best = None
        for i in candidates:
            p = prepared[i]
            if p.reading.figures and not sentence.figures:
                continue  # a claim with figures is restated only with them (match_claim's first test, done cheaply)
            m = match_claim(p, sentence, context)
            if m and (best is None or m.score > best[0].score):
                best = (m, p)
        if best:
            m, p = best
            c = p.claim
            flag = ctx.flag("known-claim", sent,
                            f"repeats claim {c.article}#{c.id} ({c.status}): {c.claim} — matched on {_why(m, p.reading)}"
                            f" — evidence: {c.evidence}", keys=c.keys, evidence=c.claim)
            if c.status in ("false", "misleading"):
                flag.priority = 1  # already known to be wrong: first on the worklist
            yield flag
