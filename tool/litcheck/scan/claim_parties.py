"""Who does what in a text: the party named first in what it says, its subject side (known-claim's
3c in docs/known-claims.md), so that "police use encrypted apps against traffickers" is not read as
"traffickers use encrypted apps", and whether it is said in the passive."""

from __future__ import annotations

import re

# "According to UNICEF, ...", "The DOJ estimates that ...": who reports it, not who does it
_ATTRIBUTION = re.compile(r"\s*(?:according\s+to\s+[^,]*,|[^,;:]*?\b(?:says?|said|estimates?|estimated|reports?|"
                          r"reported|found|finds|shows?|showed|claims?|claimed|argues?|argued|notes?|noted|warns?|"
                          r"warned|believes?|believed|writes?|wrote|states?|stated)\s+(?:that\s+)?)", re.I)
# "To trace traffickers, charities have ...": the aim the sentence opens with, not who acts
_PURPOSE = re.compile(r"\s*(?:in\s+order\s+)?to\s+[^,;:]*,", re.I)
PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|t)\s+by\b", re.I)


# "police have a hard time tracking traffickers", "police struggle to trace them": the party who
# finds it hard is whom the act is hard for ("hard for police to track"), not who does what is said
_FINDS_IT_HARD = re.compile(r"\s+(?:ha(?:s|ve|d)\s+(?:a\s+)?(?:hard|difficult|tough)\s+time|struggl(?:e|es|ed|ing)\s+to|"
                            r"finds?\s+it\s+(?:hard|difficult)|(?:is|are|was|were)\s+unable\s+to|"
                            r"(?:cannot|can't|can\s+not)(?!\s+be\b)|fail(?:s|ed)?\s+to)\b", re.I)


# "How are police supposed to track traffickers who ...?": a rhetorical question of how, which says the
# party it asks about finds it hard to act
_ASKED_HOW = re.compile(r"\s*how\b[^?]*\?\W*$", re.I)
_SUPPOSED_TO = re.compile(r"\s+(?:(?:is|are|was|were)\s+)?(?:supposed|meant|expected)\s+to\b", re.I)


def subject_side(text: str, parties: list[tuple[int, int, str]]) -> str | None:
    """The first party (`parties:` in the terms file: who can act, "police", "traffickers") named in
    what the text says past an attribution: its subject side ("Police forces use ..." -> police;
    "According to the police, traffickers use ..." -> traffickers), past one who finds it hard to act
    ("police have a hard time tracking traffickers", "how are police supposed to track traffickers?"
    -> traffickers)."""
    attribution = _ATTRIBUTION.match(text)
    begin = attribution.end() if attribution else 0
    if purpose := _PURPOSE.match(text, begin):
        begin = purpose.end()
    asked = _ASKED_HOW.match(text) is not None
    return next((t for o, end, t in parties if o >= begin and not _FINDS_IT_HARD.match(text, end)
                 and not (asked and _SUPPOSED_TO.match(text, end))), None)
