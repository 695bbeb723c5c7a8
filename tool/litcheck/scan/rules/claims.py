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
   - it carries one of the claim's figures, if the claim has any (years aside), of the same kind
     (money, duration or count: "$300,000" is not "300,000 girls") and counting the same thing
     ("40,000 women" is not "40,000 police officers"; "60% of victims" is not "60% of the images"),
     and not dated to one year when the claim's holds every year ("in 1999" against "every year"),
     and reports or cases it speaks of are of the same thing ("reports of domestic violence" are
     not "reports of child exploitation"); a count of another size does not restate the claim's
     "tens of thousands of images", nor the same figures over another span of years its span;
   - it names the claim's parties the same way round ("police use encrypted apps against
     traffickers" is not "traffickers use them against police"), and a participle before a noun
     ("closed groups") is not read as what the claim says of them;
   - every entity of the claim is named in the sentence or its paragraph (one may be missing
     when the claim names four or more; a name after "before" or "until" is a point in time);
   - what the claim is about (trafficking, people, drugs ...: `alternatives:` in the terms file)
     is said in the sentence or its paragraph, beyond what the claim's figure counts, and the
     sentence shares more than the claim's names, and more than the setting (a place, a
     period: `setting:` in the terms file) and what the claim's figure counts;
   - it covers at least half of the claim's terms (a third when a figure is shared and the claim's
     relation said; 70% when the sentence says none of the claim's relations), terms
     weighted by how rare they are across all registers, so the field's common words
     ("trafficking", "dark web") cannot make a match alone, and by what the register's
     evidence concedes: a term the evidence states as true ("Dream was a drugs market") is
     not what makes the claim wrong and weighs little;
   - at least a third of the sentence's own terms (its clauses about the claim, and the claim's
     names wherever said) are the claim's (a sentence about something else that merely mentions
     the claim's names does not match);
   - both say it, or both deny it (negation on one side only means the opposite claim; a lower
     bound, "no fewer than", is no denial, and "cannot be traced" is one concept, untraceable;
     "without being moved" denies, "no event draws more ... than X" says X is the largest);
   - it does not say the claim's names or terms only where it sets them against others or aside ("X
     did it, unlike Y", "rather than X", "a national law, not an international one", "but Y only ...",
     "moved from X to ...", "a far smaller total than X"), nor tell the claim as a rumour, a myth or a hoax, call it doubtful or unverifiable, or
     report it as someone's claim ("the claim that ..."), nor ask it ("Does X ...?"),
     and what the claim says must be it does not say often is ("are often moved"), nor rank on another
     quality what the claim ranks ("the group most active online" against "the most vulnerable").
3. The message names what matched: the shared figures, entities and terms.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from litcheck.scan.claim_measures import (figure_unit, same_date, same_magnitude, same_measure, same_period, same_reports,
                                          same_span)
from litcheck.scan.claim_reading import NEGATION, RUMOUR, WORD, Lexicon, Reading, word_token
from litcheck.scan.quantities import quantities
from litcheck.scan.rules import rule

BAD = ("false", "misleading", "unconfirmed", "disputed")
RECALL = 0.5  # share of the claim's (weighted) terms a sentence must carry
RECALL_WITH_FIGURE = 0.34  # ... when it also carries one of the claim's figures (and says the claim's relation)
PRECISION = 0.34  # share of the sentence's own terms that must be the claim's
RECALL_UNKNOWN_VERB = 0.7  # ... when the sentence says what it says with a verb the lexicon does not know
RELATIONS = 0.6  # share of the claim's relations (data/claim-terms.yaml) the sentence must carry
CONCEDED_WEIGHT = 0.25  # weight of a term the register's evidence states as true
_NECESSITY, _OFTEN = "C:oblige", "C:often"  # "must be moved" is not restated by "are often moved"
_THE_COUNTRY = "C:the country"
_MOST = "C:most"
_RANKING_WORDS = {_MOST, "highest", "largest", "biggest", "greatest", "top", "worst", "lead", "lowest"}  # a ranking said otherwise

# "fn 34 cites X for Y": a register's verdict on the article's own footnote, not a claim about
# the world, which only a text about a text's notes repeats
_ABOUT_FOOTNOTES = re.compile(r"\s*fns?\s+\d+(?:\s*(?:,|and)\s*(?:fns?\s+)?\d+)*\s+(?:cites?|attributes?)\b", re.I)
# "No such article was found", "Not found; ...", "Europol published no IOCTA in 2022": the evidence's first
# statement says the work a footnote cites does not exist
_NO_SUCH_WORK = re.compile(r"\bnot\s+found\b|\b(?:no|neither)\b[^.;]*?\b(?:was|were)\s+found\b|"
                           r"\bno\b[^.;]*?\bexists?\b|\bpublished\s+no\b", re.I)
# "Footnote 7 relies on ...", "the article's note 22 cites ...": a sentence about a text's notes
# a note named by its number: "fn 33", "footnote 21", "the thirty-third footnote", "its 33rd note"
_ORDINAL = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:first|second|third|fourth|fifth|sixth|"
            r"seventh|eighth|ninth)|tenth|eleventh|twelfth|(?:thir|four|fif|six|seven|eigh|nine)teenth|"
            r"(?:twent|thirt|fort|fift|sixt|sevent|eight|ninet)ieth|\d+(?:st|nd|rd|th)")
_SPEAKS_OF_A_NOTE = re.compile(r"\b(?:fns?|foot-?notes?|end-?notes?|notes?)\s+\d+\b|"
                               r"\b(?:" + _ORDINAL + r")\s+(?:foot-?|end-?)?notes?\b", re.I)
# ", citing UNODC, Darknet Cybercrime Threats (2021)": how the article sourced the claim, which
# a sentence repeating the claim need not say
_ATTRIBUTION_TAIL = re.compile(r",?\s+(?:citing|cited\s+(?:in\s+the\s+text\s+)?as|attributed\s+(?:only\s+)?to|"
                               r"footnoted\s+to)\b.*$", re.I | re.S)
# "(fn 41, with '(Cordner, 2018)')", "(Bandura 1977, fn 14)": a citation in brackets, innermost
# first; its author is the article's source, not a party to the claim
_BRACKETED_CITATION = re.compile(r"\([^()]*?(?:\bfns?\s+\d|\b[A-Z][a-z][\w'-]*(?:\s+et\s+al\.?)?,?\s+(?:19|20)\d\d)[^()]*\)")
# "Does PECA make it a crime to ...?": a question of yes or no asks whether the claim holds and does
# not assert it ("Did you know that ...?" does, and so does a rhetorical "Is it any wonder (that) ...?",
# "Is it surprising that ...?", which takes what follows as given, and "Is there any bigger ... than X?",
# which says that X is the biggest; a negative question, "Isn't it true that ...?", "Doesn't X ...?",
# expects the answer yes and asserts what it asks: claim_reading._NEGATIVE_QUESTION)
_QUESTION = re.compile(r"\s*(?:do|does|did|is|are|was|were|has|have|had|can|could|will|would|should|must)\b"
                       r"(?!n?['’]t\b|\s+you\s+know\b|\s+it\s+(?:really\s+)?(?:any\s+(?:wonder|surprise)|(?:a|much\s+of\s+a)\s+"
                       r"(?:wonder|surprise)\s+that|surprising)\b|\s+there\s+(?:really\s+)?any(?:thing|one|body)?"
                       r"(?:\s+(?!that\b|whether\b|evidence\b|proof\b)[\w'-]+){0,2}?\s+(?:more|bigger|larger|greater|worse)\b"
                       r"[^?]*?\bthan\b)[^?]*\?\W*$", re.I)
# "Whether more offenders pay is unknown", "It is unclear whether ...": the claim left open, not asserted
_LEFT_OPEN = re.compile(r"\W*Whether\b[^.;:]*?\b(?:is|remains|was)\s+(?:still\s+)?(?:unknown|unclear|uncertain|not\s+known|"
                        r"an\s+open\s+question|disputed|debated|unproven)\b|\W*It\s+(?:is|remains)\s+(?:still\s+)?(?:unknown|unclear|"
                        r"uncertain|not\s+known)\s+whether\b", re.I)
# a heading of this many words is a headline ("How dark-web detective work is catching offenders and freeing
# victims"), which asserts what it says; a shorter one names a section
HEADLINE_WORDS = 8
MAX_CONTEXT_CHARS = 6_000  # a paragraph longer than this is read only around the sentence
CONTEXT_SENTENCES = 3  # sentences either side of it


def section_name(sent) -> bool:
    """A short heading names a section ("Methods", "3. Findings") and asserts nothing, unless it
    states a sum of money, as a headline does ("Fishing: a $40-million-a-year trade")."""
    return (sent.kind == "heading" and len(sent.text.split()) < HEADLINE_WORDS
            and not any(figure_unit(sent.text, q) == "money" for q in quantities(sent.text)))


@dataclass
class _Prepared:
    claim: object
    reading: Reading
    weights: dict[str, float]
    lexicon: Lexicon
    of_a_note: bool = False  # says what an article's footnote cites: repeated only by a text about notes


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
    ordinary = _ordinary_words(ctx.claims)
    readings = [(c, lexicon.read(_claim_proper(c.claim), ordinary)) for c in ctx.claims]
    # a term found in many claims of this field weighs less (inverse document frequency)
    df: dict[str, int] = {}
    for _, r in readings:
        for t in r.terms:
            df[t] = df.get(t, 0) + 1
    n = max(1, len(readings))
    prepared = []
    for claim, reading in readings:
        if claim.status not in BAD or not reading.terms:
            continue
        conceded = _conceded(lexicon, claim.evidence)
        weights = {t: math.log(1 + n / df[t]) * (CONCEDED_WEIGHT if t in conceded and not t.startswith("E:") else 1.0)
                   for t in reading.terms}
        prepared.append(_Prepared(claim, reading, weights, lexicon, _about_footnote(claim)))
    _PREPARED.clear()  # one Scanner's worth at a time
    _PREPARED[ident] = ((ctx.claims, ctx.facts, orgs), lexicon, prepared)
    return lexicon, prepared


def _about_footnote(claim) -> bool:
    """A register item about the article's own footnote ("fn 34 cites X for Y"), not a claim about the
    world (a text about the article's notes may repeat it: "its note 34 cites X for Y"), unless the
    evidence says the work cited does not exist: then it claims that the work exists and says Y, which
    any text citing it as real repeats."""
    if not _ABOUT_FOOTNOTES.match(claim.claim):
        return False
    first = re.split(r"[.;]", re.sub(r"\[@[^\]]*\]", " ", claim.evidence or ""), maxsplit=1)[0]
    return not _NO_SUCH_WORK.search(first)


def _claim_proper(text: str) -> str:
    """The claim without how the article sourced it: the attribution tail and bracketed citations."""
    text = _ATTRIBUTION_TAIL.sub("", text)
    while (bare := _BRACKETED_CITATION.sub("", text)) != text:
        text = bare
    return text


def _ordinary_words(claims) -> frozenset:
    """The stems of the words the registers (claims and evidence) write in lower case: the field's
    ordinary words, so that a claim's capitalised run of them is a term, not a name."""
    words = {w for c in claims for w in WORD.findall(f"{c.claim} {c.evidence or ''}") if w.islower()}
    return frozenset(t for w in words if (t := word_token(w)[0]))


def _conceded(lexicon: Lexicon, evidence: str) -> set[str]:
    """Terms the evidence states without negating them: what the claim gets right."""
    evidence = re.sub(r"\[@[^\]]*\]", " ", evidence or "")
    out: set[str] = set()
    for clause in re.split(r"[.;:,()]|\bbut\b|\bwhile\b|\bwhereas\b", evidence):
        if clause.strip() and not NEGATION.search(clause):
            out |= lexicon.read(clause).terms
    return out


@dataclass
class Match:
    score: float
    figures: list  # (sentence figure, claim figure)
    entities: list[str]
    terms: list[str]
    said: float = 0.0  # the claim's weighted terms the sentence carries


def _says(reading: Reading, term: str, claim: Reading, lexicon: Lexicon) -> bool:
    """The text carries the claim's term, or concepts that say it together (`implied:` in the terms
    file: "children were sold" says trafficking), or all the words of the phrase the claim wrote it
    with, in any order ("videos of abusive sex acts" says the claim's "abusive videos")."""
    if term in reading.terms or any(together <= reading.terms for together in lexicon.implied.get(term, ())):
        return True
    words = {word_token(w)[0] for w in WORD.findall(claim.surfaces.get(term, ""))} - {None}
    return len(words) > 1 and words <= reading.terms


def match_claim(prep: _Prepared, sentence: Reading, context) -> Match | None:
    """How the sentence restates the claim, or None when it does not (see the module docstring).
    `context` is the paragraph's Reading, or a function returning it: it is read only when the
    sentence itself passes every other test and leaves one of the claim's names unsaid."""
    from litcheck.scan.quantities import shared

    claim = prep.reading
    figures = [p for p in shared(sentence.figures, claim.figures) if same_measure(sentence, claim, p)] if claim.figures else []
    if claim.figures and not figures or not same_date(sentence, claim) or not same_period(sentence, claim) \
            or not same_span(sentence, claim) or not same_magnitude(sentence, claim) \
            or not same_reports(sentence, claim, prep.lexicon):
        return None
    common = claim.terms & sentence.terms
    relation = [t for t in common if not t.startswith("E:") and "N:" + t not in claim.entities]  # not names alone
    if not relation:
        return None
    # what the claim's figure counts ("100,000 children"), but not a relation read after it ("go missing")
    counted = set().union(*(claim.counted.get(b.start, ()) for _, b in figures if not b.percent)) - prep.lexicon.relations
    if common <= counted | prep.lexicon.setting:
        return None  # a count, a place and a period shared, but something else said of them
    # the relations of the claim's clause the sentence restates best: a sentence may restate one
    # half of a claim ("... and was taken down in 2018") without the other's relations
    claim_clause = max(claim.clauses, key=lambda c: len(c[0] & common))[0] if claim.clauses else claim.terms
    relations = claim_clause & prep.lexicon.relations - claim.modifiers  # "closed groups" says nothing of them
    said = sentence.terms & prep.lexicon.relations - sentence.modifiers
    if relations and said and len(relations & said) < max(1, round(RELATIONS * len(relations))):
        return None  # the same things, but something else said about them
    if any(b in sentence.terms and a in claim_clause and b not in claim.terms for a, b in prep.lexicon.opposites):
        return None  # the contrary said of them: "gives users the right to access" against "restricts access"
    if (sentence.contrasted - claim.contrasted) & claim.terms:
        # the claim's names or terms said only where set against others ("Dream shut itself down, unlike
        # Hansa, which police took down") or set aside ("rather than FOSTA's offence, prosecutors relied on
        # older laws"; "a national statute, not an international law")
        return None
    if claim.terms & prep.lexicon.rankings - sentence.terms and (_MOST in sentence.terms - claim.terms or not relations & said
                                                                 and not sentence.terms & _RANKING_WORDS):
        # ranked on another quality: "the age group most active online" is not "the most vulnerable"; or a
        # claim that is a ranking ("the largest trafficking event") with no ranking said and no relation of it
        return None
    if RUMOUR in sentence.terms - claim.terms:
        return None  # told as a rumour, a myth or a hoax, or as unverifiable: reported, not asserted
    if _NECESSITY in claim.terms and _OFTEN in sentence.terms and _NECESSITY not in sentence.terms:
        return None  # a claim of what must be ("must be moved") is not one of what often is ("are often moved")
    if _roles_swapped(sentence, claim):
        return None  # who does what: "police use encrypted apps against traffickers" is not "traffickers use them"
    subjects = []  # what the claim is about (trafficking, drugs ...) when the sentence leaves it unsaid
    # what the claim's share is of ("80 percent of traffic on Tor") is not what it says of that share
    whole = set().union(*(claim.counted.get(b.start, ()) for _, b in figures if b.percent))
    # what the sentence names only to deny it ("...; the announcements say nothing of trafficking") is not named
    plain = sentence.terms if claim.negated or not sentence.negated else set().union(
        *(c[0] for c in sentence.clauses if not c[1]))
    for group in prep.lexicon.alternatives:
        named, claimed = plain & group, claim.terms & group
        about = claimed - counted - whole or claimed  # "people are trafficked": not only what the figure counts
        if any(t.startswith("C:") for t in about) and not any(_says(sentence, t, claim, prep.lexicon) for t in about):
            subjects.append(about)
        if named and claimed and not named <= claimed and (figures or not claimed <= named):
            # the same relation to other things: "sold drugs" is not "sold people"; "sold drugs and
            # people" says it, but "$150 billion from forced labour and trafficking" is not trafficking's figure
            return None
    total = sum(prep.weights.values())
    recall = sum(prep.weights[t] for t in common) / total if total else 0.0
    # a shared figure lowers the bar only with the claim's relation said: "80 girls took part in a
    # workshop on fake accounts" shares a count, a place and a setting with "groomed 80 girls"
    if recall < (RECALL_UNKNOWN_VERB if relations and not said else RECALL_WITH_FIGURE if figures else RECALL):
        return None
    own_terms, denied = sentence.around(set(relation))  # the costliest test, so the last but one
    if denied != claim.negated:
        return None  # one says it, the other denies it
    own_terms = own_terms | (common - set(relation))  # the claim's names count wherever said ("Using Bitcoin, ...")
    if len(common & own_terms) / max(1, len(own_terms)) < PRECISION:
        return None
    unsaid = [e for e in claim.entities - claim.qualifiers if not prep.lexicon.names(e, sentence)]
    if (unsaid or subjects) and callable(context):
        context = context()
    if any(not any(_says(context, t, claim, prep.lexicon) for t in terms) for terms in subjects):
        return None  # the same figure or names, but said of something else, here and in the paragraph
    missing = [e for e in unsaid if not prep.lexicon.names(e, context) and not _the_country(e, sentence, context, prep.lexicon)]
    if len(missing) > (1 if len(claim.entities) >= 4 else 0):
        return None
    named_in = sentence if callable(context) else context  # context unread: every name is in the sentence
    entities = [sentence.surfaces.get(e if e.startswith("E:") else e[2:]) or named_in.surfaces.get(e, e[2:])
                for e in sorted(claim.entities) if e not in missing and (e not in claim.qualifiers or prep.lexicon.names(e, sentence))]
    return Match(recall, figures, entities, [sentence.surfaces[t] for t in sorted(relation)], recall * total)


def _the_country(entity: str, sentence: Reading, context: Reading, lexicon: Lexicon) -> bool:
    """The claim's place is said as "the country's", "the nation", "nationwide" by a text that names
    no other place: "the country's largest human trafficking event" for "... in the United States"."""
    places = {t for t in lexicon.setting if t.startswith("E:")}
    return entity in places and _THE_COUNTRY in sentence.terms and not context.entities & places - {entity}


def _roles_swapped(sentence: Reading, claim: Reading) -> bool:
    """Each text's subject side is a term the other has elsewhere (neither in the passive): the
    same parties, with who does what turned round."""
    s, c = sentence.head, claim.head
    return not (sentence.passive or claim.passive) and bool(s and c) and s != c and s in claim.terms \
        and c in sentence.terms


def _rank(match: Match) -> tuple:
    """Which of two matching claims a sentence repeats: the one of which it carries the most
    (weighted terms, not their share: a short claim wholly said by two of the sentence's words
    loses to a longer one the sentence restates in most of its words), then the one it covers
    best, then the one it restates more of (the more specific of two registers' versions)."""
    return match.said, match.score, len(match.terms) + len(match.entities)


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
        if section_name(sent) or _QUESTION.match(sent.text) or _LEFT_OPEN.match(sent.text):
            continue
        sentence = lexicon.read(ctx.claim_text(sent))
        if not sentence.terms:
            continue
        candidates = sorted({i for t in sentence.terms for i in by_term.get(t, ())})
        of_notes = _SPEAKS_OF_A_NOTE.search(sent.text) is not None
        context = lru_cache(maxsize=1)(lambda index=index, sent=sent: context_of(index, sent))
        best = None
        for i in candidates:
            p = prepared[i]
            if p.reading.figures and not sentence.figures:
                continue  # a claim with figures is restated only with them (match_claim's first test, done cheaply)
            if p.of_a_note and not of_notes:
                continue  # what an article's footnote cites, said only of a note
            m = match_claim(p, sentence, context)
            if m and (best is None or _rank(m) > _rank(best[0])):
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
