"""Claims made inside notes: a footnote that argues or explains at length and cites nothing
("Space precludes a lengthier explanation ... The movement ran more than 2000 schools") states
claims as the body does, and a fact-checker queries them as such. A note holding any trace of a
citation (an address, a signal, a year in brackets, a title in quotation marks or italics, a
page) is a citation, and its sentences are left alone."""

from __future__ import annotations

import re

from functools import lru_cache

MIN_WORDS = 40  # a note shorter than this is a gloss, not an argument
_CITES = re.compile(r"https?://|www\.|\bdoi\b|\b(?:See|Cf|Id|Ibid|Supra|Infra|Accord|Contra)\b\.?|\bsupra\b|\bibid\b|"
                    r"\(\s*(?:1[5-9]|20)\d\d[a-z]?\s*\)|(?:1[5-9]|20)\d\d\)|\b(?:pp?|vol|no|para|ch|art|sec)\.\s*\d|"
                    r"[“\"][^”\"]{12,}[”\"]|\*[^*]{5,}\*|(?<!\w)_[^_]{5,}_(?!\w)|\bat \d+\b|, \d+[–-]\d+\b|\bet al\b|"
                    r"\b(?:Journal|Review|Report|Press|Quarterly|Proceedings)\b")
# the writer's own aside or work ("When I submitted the first draft ...", "we conservatively estimate"), or a
# definition it quotes ("A provider is defined as: ..."): not a claim about the world to source
_OWN_ASIDE = re.compile(r"\b(?:I|we|We|our|Our|my|My|us)\b|\b(?:is|are) defined as\b|\bmeans any\b")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)”'’][.!?])\s+(?=[A-Z“\"‘'])")


def discursive_sentences(doc, own_study: bool) -> list[tuple[str, str]]:
    """(note label, sentence) of every sentence of a footnote that argues and cites nothing. In a
    document reporting its own study (`own_study`) such notes explain its data and methods."""
    return [] if own_study else _discursive(tuple((label, note.text) for label, note in doc.footnotes.items()))


@lru_cache(maxsize=8)  # two rules read the same notes of a document
def _discursive(notes: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    out = []
    for label, text in notes:
        if len(text.split()) < MIN_WORDS or _CITES.search(text):
            continue
        out.extend((label, s) for s in _SENTENCE_END.split(text) if s.strip() and not _OWN_ASIDE.search(s))
    return out
