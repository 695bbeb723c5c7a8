"""Turn raw BibTeX values into display text.

Raw values are what the library stores (case-protecting braces and accents intact); this
decoding is for display and matching only. Most values have no TeX at all, so the fast
path just drops braces and pylatexenc is imported only when a backslash shows up.
"""

from __future__ import annotations

import functools
import re

_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1)
def _converter():
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="text", strict_latex_spaces=False)


@functools.lru_cache(maxsize=65536)
def to_text(value: str) -> str:
    """Display text of a raw BibTeX value: accents decoded, braces removed, spaces collapsed."""
    if not value:
        return ""
    if "\\" in value:
        try:
            text = _converter().latex_to_text(value)
        except Exception:  # pylatexenc gives up on some malformed TeX; show it plainly
            text = value.replace("{", "").replace("}", "")
    else:
        text = value.replace("{", "").replace("}", "").replace("~", "\u00a0")
        text = text.replace("---", "\u2014").replace("--", "\u2013")
        text = text.replace("``", "\u201c").replace("''", "\u201d")
    return _SPACE.sub(" ", text).strip()
