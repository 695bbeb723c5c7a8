"""known-claim: a sentence that restates a claim a claims register already judged.

Claims come from `litcheck.library.claims.collect_claims(library)` (the notes' `claims:` registers).
A sentence matches a claim on meaning-bearing words and numbers, not exact wording:

- words are lower-cased, stop words dropped, and lightly stemmed ("recruited" ~ "recruits");
- numbers are normalised ("2.7 million" = 2,700,000; "202,605" = 202605; "65 per cent" = 65);
- a claim with a distinctive number (not a year) matches only a sentence carrying that number
  and at least 40% of the claim's words; a claim without one needs 60% of its words (at least 3);
- words are weighted by how rare they are across all registers, so the domain's common words
  ("dark web", "trafficking") cannot make a match on their own;
- the claim's names (capitalised words such as "Hansa", "Europol") must all appear in the
  sentence or its paragraph / list item (one may be missing when a claim has five or more), so
  "Dream Market sold X" does not match the same sentence about another market.
Only verdicts that a fact-checker must act on fire: false, misleading, unconfirmed, disputed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litcheck.scan.resolve import norm
from litcheck.scan.rules import rule

BAD = ("false", "misleading", "unconfirmed", "disputed")
_STOP = {
    "a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "by", "at", "from", "into", "its", "their", "it",
    "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "that", "this", "these", "those",
    "which", "who", "whom", "whose", "than", "then", "there", "such", "also", "not", "no", "but", "so", "can", "could",
    "may", "might", "will", "would", "should", "do", "does", "did", "more", "most", "very", "about", "over", "under",
    "article", "claim", "claims", "says", "said", "states", "stated", "uncited", "figure", "cites", "cited", "text",
    "body", "sentence", "paragraph", "para", "fn", "footnote", "according", "other", "some", "many", "one", "all",
    "any", "each", "every", "both", "only", "own", "same", "while", "where", "when", "how", "what", "why", "they",
    "them", "he", "she", "we", "you", "i", "his", "her", "our", "your", "my", "if", "because", "after", "before",
}
_NUM = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(million|billion|thousand|per\s?cent|percent|%)?", re.I)


def stem(word: str) -> str:
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "edly", "ed", "ies", "es", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_words(text: str) -> set[str]:
    return {stem(w) for w in norm(text).split() if w not in _STOP and len(w) > 2 and not w.isdigit()}


def numbers(text: str) -> set[float]:
    out = set()
    for m in _NUM.finditer(text):
        raw = m.group(1).replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            continue
        scale = (m.group(2) or "").lower()
        if scale == "million":
            value *= 1e6
        elif scale == "billion":
            value *= 1e9
        elif scale == "thousand":
            value *= 1e3
        out.add(value)
    return out


def _is_year(v: float) -> bool:
    return v.is_integer() and 1500 <= v <= 2099


def names_in(text: str, proper: set[str] = frozenset()) -> set[str]:
    """The claim's names: capitalised words inside the sentence, and a sentence-initial one when it
    is written with inner capitals ("AlphaBay", "PECA"), is followed by another capitalised word
    ("Dream Market"), or is capitalised mid-sentence elsewhere (`proper`)."""
    out = set()
    from litcheck.scan.citations import COUNTRIES

    proper = set(proper) | COUNTRIES
    for m in re.finditer(r"\b([A-Z][\w-]{2,})", text):
        initial = m.start() == 0 or re.search(r"[.!?:;]\s*$", text[:m.start()])
        raw = m.group(1)
        if initial and not (any(ch.isupper() for ch in raw[1:]) or re.match(r"\s+[A-Z]", text[m.end():])
                            or norm(raw) in proper):
            continue
        out.update(stem(w) for w in norm(raw).split())
    return {n for n in out if n not in _STOP}


def _proper_words(texts) -> set[str]:
    found = set()
    for text in texts:
        for m in re.finditer(r"(?<=[\w,)] )([A-Z][\w-]{2,})", text):
            found.add(norm(m.group(1)))
    return found


def _has_name(name: str, ctx_words: set[str], context: str) -> bool:
    if name in ctx_words:
        return True
    if len(name) >= 2 and name.isalpha() and len(name) <= 6:
        from litcheck.scan.citations import is_acronym_definition

        for m in re.finditer(r"(?:[A-Z][\w-]*\s+(?:(?:of|the|and|on|for|against|to|in)\s+)*){2,}", context):
            if is_acronym_definition(name.upper(), m.group(0)):
                return True
    return False


@dataclass
class _Prepared:
    claim: object
    words: set[str]
    nums: set[float]
    names: set[str]
    weights: dict | None = None  # word -> inverse document frequency over all registers


def _claims(ctx) -> list[_Prepared]:
    cache = getattr(ctx, "_prepared_claims", None)
    if cache is not None:
        return cache
    out = []
    proper = _proper_words([c.claim for c in ctx.claims])
    for c in ctx.claims:
        if c.status not in BAD:
            continue
        out.append(_Prepared(c, content_words(c.claim), {n for n in numbers(c.claim) if not _is_year(n)},
                             names_in(c.claim, proper)))
    # words common to many claims of this domain ("dark web", "trafficking") weigh less
    import math

    df: dict[str, int] = {}
    for c in ctx.claims:
        for w in content_words(c.claim):
            df[w] = df.get(w, 0) + 1
    n = max(1, len(ctx.claims))
    for p in out:
        p.weights = {w: math.log(1 + n / df.get(w, 1)) for w in p.words}
    ctx._prepared_claims = out
    return out


def match_claim(prep: _Prepared, sentence: str, context: str, words: set[str] | None = None) -> float:
    """A score in [0, 1]; 0 when the sentence does not restate the claim."""
    if not prep.words:
        return 0.0
    words = content_words(sentence) if words is None else words
    shared = prep.words & words
    if len(shared) < 2:
        return 0.0
    weights = prep.weights or {w: 1.0 for w in prep.words}
    overlap = sum(weights[w] for w in shared) / sum(weights.values())
    if prep.nums:
        if not (prep.nums & numbers(sentence)) or overlap < 0.4:
            return 0.0
    elif overlap < 0.6 or len(prep.words & words) < 3:
        return 0.0
    if prep.names:
        ctx_words = {stem(w) for w in norm(context).split()}
        missing = sum(1 for n in prep.names if not _has_name(n, ctx_words, context))
        if missing > (1 if len(prep.names) >= 5 else 0):
            return 0.0
    return overlap


@rule("known-claim", "warning",
      "The sentence restates a claim that a claims register (notes' `claims:`) already holds as false, misleading, "
      "unconfirmed or disputed; the message carries the verdict and the evidence. Matching is on meaning-bearing words, "
      "numbers and names, not exact wording.",
      fires="Corvid Market sold human beings alongside drugs and weapons.",
      passes="Europol took part in the takedown of Corvid Market.")
def known_claim(ctx):
    prepared = _claims(ctx)
    if not prepared:
        return
    blocks: dict[int, str] = {}
    kinds: dict[int, str] = {}
    for s in ctx.doc.sentences:
        blocks[s.block] = blocks.get(s.block, "") + " " + s.text
        kinds[s.block] = s.kind
    for sent in ctx.doc.sentences:
        if sent.kind == "heading":
            continue
        # the sentence's paragraph (and, for prose, the paragraph before: "The act ..." after "PECA ...");
        # a list item's own text and its lead-in only, so items about different things stay apart
        context = blocks.get(sent.block, "")
        if sent.kind == "item":
            context += " " + ctx.doc.sentences[sent.lead].text if sent.lead is not None else ""
        elif kinds.get(sent.block - 1) in ("body", "lead"):
            context += " " + blocks.get(sent.block - 1, "")
        best = None
        words = content_words(sent.text)
        for p in prepared:
            score = match_claim(p, sent.text, context, words)
            if score and (best is None or score > best[0]):
                best = (score, p)
        if best:
            c = best[1].claim
            flag = ctx.flag("known-claim", sent,
                            f"repeats claim {c.article}#{c.id} ({c.status}): {c.claim} — evidence: {c.evidence}",
                            keys=c.keys, evidence=c.claim)
            if c.status in ("false", "misleading"):
                flag.priority = 1  # already known to be wrong: first on the worklist
            yield flag
