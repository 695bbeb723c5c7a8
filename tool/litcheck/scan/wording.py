"""A sentence's words, the same however it is marked up or reflowed: the key suppressions are
stored under and the way a sentence is found again in a LaTeX source."""

from __future__ import annotations

import re

_MARKERS = re.compile(r"\[\^[^\]\s]{1,20}\]|\^(?:[A-Za-z]{1,2}|\d{1,3}(?:[,–-]\d{1,3}){0,20})\^|[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\[\d{1,3}(?:[,–-]\s*\d{1,3})*\]")


def normalise(sentence: str) -> str:
    """Lower case, footnote markers and punctuation dropped, whitespace collapsed."""
    return " ".join(re.sub(r"[\W_]+", " ", _MARKERS.sub(" ", sentence).lower()).split())
