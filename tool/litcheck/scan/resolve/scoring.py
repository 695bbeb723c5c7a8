"""A parsed note or reference item scored against candidate library works (weights in the
package docstring); the best one at or above THRESHOLD is its match."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from litcheck.scan.resolve.index import LibraryIndex, Work
from litcheck.scan.resolve.references import RefParts, split_works
from litcheck.scan.resolve.text import norm, tokens

THRESHOLD = 0.58


@dataclass
class Match:
    key: str | None
    score: float
    parts: RefParts | None = None
    runner_up: tuple[str, float] | None = None
    keys: list[str] = field(default_factory=list)  # one per work when a note cites several

    @property
    def resolved(self) -> bool:
        return self.key is not None


def creators_in(work: Work, text_norm: str) -> bool:
    padded = f" {text_norm} "
    return any(f" {form} " in padded for form in work.creator_forms if form)


def venues_agree(a: str, b: str) -> bool:
    """Same venue, allowing abbreviations: "Colum HRLR" ~ "Columbia Human Rights Law Review", and
    a journal's name without its subtitle: "Survival" ~ "Survival: Global Politics and Strategy"."""
    ta, tb = norm(a).split(), norm(b).split()
    if not ta or not tb:
        return True
    if ta == tb or norm(a.split(":")[0]).split() == norm(b.split(":")[0]).split():
        return True
    short, long_ = (ta, tb) if len(" ".join(ta)) <= len(" ".join(tb)) else (tb, ta)
    long_sig = [w for w in long_ if w not in ("of", "the", "and", "for", "on", "in")]
    i = 0
    for tok in short:
        if tok in ("of", "the", "and", "j", "for", "on", "in") and tok not in long_sig[i:i + 1]:
            if tok == "j" and i < len(long_sig) and long_sig[i].startswith("j"):
                i += 1
            continue
        if i < len(long_sig) and _abbreviates(tok, long_sig[i]):
            i += 1
            continue
        # an acronym standing for several words ("hrlr" = human rights law review)
        n = len(tok)
        if i + n <= len(long_sig) and "".join(w[0] for w in long_sig[i:i + n]) == tok:
            i += n
            continue
        return False
    return i >= max(1, len(long_sig) - 1) or i == len(long_sig)


def _abbreviates(short: str, word: str) -> bool:
    """"tech" ~ "technology", "pa" ~ "pennsylvania", "rev" ~ "review": same first letter, letters in order."""
    if word.startswith(short):
        return True
    if not short or short[0] != word[0] or len(short) > len(word):
        return False
    it = iter(word)
    return all(ch in it for ch in short)


def title_sim(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    if not a or not b:
        return 0.0
    sort = fuzz.token_sort_ratio(a, b)
    sset = fuzz.token_set_ratio(a, b)
    shorter = min(len(a.split()), len(b.split()))
    if shorter < 3:
        sset = min(sset, sort + 10)
    return (0.5 * sort + 0.5 * sset) / 100


def _whole_title_sim(a: str, b: str) -> float:
    """How alike two titles are letter by letter, word order and extra words counting ("The impact of
    the Protocol to Prevent ..." is not the Protocol's title)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(a, b) / 100 if a and b else 0.0


def _another_edition(parts: RefParts, work: Work) -> bool:
    """A recurring report under one title (an annual or periodic edition: the ILO's "Profits and
    Poverty" of 2014 and of 2024) cited with a year two or more away from the library's edition."""
    return work.kind in ("official-report", "ngo-report", "dataset") and parts.year is not None \
        and bool(work.years) and min(abs(parts.year - y) for y in work.years) >= 2


def _another_work(parts: RefParts, work: Work, year: float, whole: float) -> bool:
    """Signs that a citation whose title only contains or resembles the work's is another work: its
    own authors are not the work's ("Hyland, 'The impact of the Protocol to Prevent ...'" is about the
    Protocol), its year and title are both another (the ILO's 2012 estimate is not its 2022 one), or
    it cites a bill where the work is the act (or the reverse)."""
    cited_title = norm(parts.title)
    if parts.authors and not parts.authors.lstrip().startswith(("—", "–", "-", "_")) \
            and not creators_in(work, norm(parts.authors)) and work.title_norm in cited_title \
            and len(cited_title.split()) >= len(work.title_norm.split()) + 2:
        return True  # a work about this one, by someone else (a misattributed one keeps the title)
    if parts.year is not None and work.year and year == 0.0 and whole < 0.8:
        return True  # another year and a clearly other title (a near title with a wrong year is a mis-citation)
    cited, held = norm(parts.title or parts.text).split(), work.title_norm.split()
    cited_kind, held_kind = _KINDS.intersection(cited), _KINDS.intersection(held)
    if cited_kind and held_kind and not cited_kind & held_kind:
        return True  # "European Day on the Protection of Children ..." is not the "Convention on the Protection ..."
    return ("bill" in cited) != ("bill" in held) and ("act" in cited or "act" in held)


# Words that say what kind of document a title names: two titles naming different kinds are two works
_KINDS = frozenset({"convention", "protocol", "directive", "regulation", "strategy", "day", "declaration", "resolution",
                    "recommendation", "guidelines", "handbook", "charter", "treaty", "statute", "communication"})


def score_work(parts: RefParts, work: Work) -> float:
    full_norm = norm(parts.text)
    title_norm = norm(parts.title) if parts.title else full_norm
    sim = title_sim(title_norm, work.title_norm)
    if ":" in work.title and ":" not in parts.title:
        main = norm(work.title.split(":")[0])
        if len(main.split()) >= 3:
            sim = max(sim, 0.97 * title_sim(title_norm, main))
    if parts.title and work.aliases:
        for alias in work.aliases:
            if re.search(r"\b" + re.escape(norm(alias)) + r"\b", full_norm):
                sim = max(sim, 0.8)
    if sim < 0.6:
        from rapidfuzz import fuzz

        # no parsed title (a bare "Convention on the Rights of the Child (1989) arts 34-36"): look for
        # the work's title inside the note; with a parsed title, only inside that title
        where = full_norm if not parts.title else title_norm
        partial = fuzz.partial_ratio(work.title_norm, where) / 100 if len(work.title_norm) >= 12 and len(where) >= 12 else 0
        if parts.title and partial < 0.9:
            partial = 0  # two titles sharing a phrase ("... human trafficking") are two works, not one inside the other
        sim = max(sim, partial * 0.95)
    year = 0.0
    if parts.year is not None:
        if parts.year in work.years:
            year = 1.0
        elif work.year and abs(parts.year - work.year) == 1:
            year = 0.5
    elif work.year and str(work.year) in parts.title and str(work.year) in work.title:
        year = 1.0
    venue = 0.0
    if parts.venue and work.venue:
        venue = 1.0 if venues_agree(parts.venue, work.venue) else 0.0
    elif parts.publisher and work.venue:
        venue = 1.0 if venues_agree(parts.publisher, work.venue) or creators_in(work, norm(parts.publisher)) else 0.0
    whole = _whole_title_sim(title_norm, work.title_norm)
    if _another_edition(parts, work) or whole < 0.95 and _another_work(parts, work, year, whole):
        return min(0.5, 0.70 * sim)
    if parts.authors:
        author = 1.0 if creators_in(work, norm(parts.authors)) else 0.0
        if not author and sim < 0.85:
            sim *= 0.8  # other authors and a title only like the work's: another work on the same subject
        return 0.70 * sim + 0.15 * author + 0.10 * year + 0.05 * venue
    author_anywhere = 0.5 if creators_in(work, full_norm) else 0.0
    if not author_anywhere and sim < 0.6:
        sim *= 0.8  # a title only partly like the work's, and the work's creator nowhere: another work on the subject
    return min(1.0, 0.80 * sim + 0.15 * year + 0.05 * venue + 0.1 * author_anywhere)


def match_reference(text: str, index: LibraryIndex) -> Match:
    """The best library entry for a footnote / reference text (key None below THRESHOLD)."""
    parts_list = split_works(text)
    matches = [_match_one(p, index) for p in parts_list]
    best = max(matches, key=lambda m: m.score) if matches else Match(None, 0.0)
    keys = [m.key for m in matches if m.key]
    if best.key is None:
        return Match(None, best.score, best.parts, best.runner_up, [])
    # the first resolved work is the one the note names first
    first = next(m for m in matches if m.key)
    return Match(first.key, first.score, first.parts, first.runner_up, list(dict.fromkeys(keys)))



def _candidates(parts: RefParts, index: LibraryIndex, limit: int = 40) -> list[str]:
    counts: dict[str, int] = {}
    toks = set(tokens(parts.title or parts.text)) | set(tokens(parts.authors))
    for tok in toks:
        keys = index.by_token.get(tok)
        if not keys or len(keys) > max(50, len(index.works) // 5):
            continue
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]  # ties by key: the same on every run


def _match_one(parts: RefParts, index: LibraryIndex) -> Match:
    scored = sorted(((score_work(parts, index.works[k]), k) for k in _candidates(parts, index)), reverse=True)
    if not scored:
        return Match(None, 0.0, parts)
    best_score, best_key = scored[0]
    runner = (scored[1][1], round(scored[1][0], 3)) if len(scored) > 1 else None
    if best_score < THRESHOLD:
        return Match(None, round(best_score, 3), parts, (best_key, round(best_score, 3)))
    return Match(best_key, round(best_score, 3), parts, runner)
