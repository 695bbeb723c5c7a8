"""Folded text for comparing names and titles (accents, case and punctuation removed), shared by
every resolution stage."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from litcheck.scan.citations.model import YEAR

YEAR_RE = re.compile(r"\b(" + YEAR + r")\b")
STOP = {
    "a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "by", "at", "from", "into", "its", "their",
    "as", "is", "are", "be", "how", "what", "why", "vs", "via", "report", "new", "about", "against", "between",
    "towards", "toward", "s", "de", "la", "le", "et", "al", "no", "part", "vol", "edition", "ed", "eds",
}


_PUNCTUATION = re.compile(r"[^\w\s]")


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Accent-, case- and punctuation-folded text (memoised: titles are compared many times)."""
    if not text.isascii():  # (ASCII has no accents to fold: a character loop saved on most texts)
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("&", " and ").replace("’", "'")
    text = _PUNCTUATION.sub(" ", text.casefold())
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    return [t for t in norm(text).split() if t not in STOP and len(t) > 1]


def acronym(text: str) -> str:
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    return "".join(w[0] for w in words if w[0].isupper())
