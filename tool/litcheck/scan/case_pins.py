"""Short forms of court cases whose pinpoint cannot be in the case they abbreviate.

Legal citation gives a case in full once ("Greater L.A. Agency on Deafness v. CNN, 742 F.3d 414, 432
(9th Cir. 2014)") and then by volume, reporter and page ("742 F.3d at 433"). The page of a short form
lies inside the case: at or after its first page and not far beyond it. A short form whose page
comes before the first page, or hundreds of pages after it, points to another case or carries a typo,
which the document shows without any library. How far a case may run depends on the reporter: a
Supreme Court opinion with its dissents can fill hundreds of pages, a court of appeals opinion
rarely a hundred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Reporters of US case law as they are abbreviated in citations (spaces optional inside)
_REPORTER = (r"U\.\s?S\.|S\.\s?Ct\.|L\.\s?Ed\.(?:\s?2d)?|F\.(?:\s?(?:2d|3d|4th))?|F\.\s?Supp\.(?:\s?(?:2d|3d))?|"
             r"F\.\s?App'?x|B\.R\.|Fed\.\s?Cl\.|(?:A|P|N\.E|N\.W|S\.E|S\.W|So)\.(?:\s?(?:2d|3d))?|Cal\.\s?Rptr\.(?:\s?(?:2d|3d))?")
_FULL = re.compile(r"(?<![\d.])(\d{1,4})\s(" + _REPORTER + r")\s(\d{1,5})(?![\d])(?!\s?(?:n\.|nn\.))")
_SHORT = re.compile(r"(?<![\d.])(\d{1,4})\s(" + _REPORTER + r")\sat\s(\d{1,5})(?!\d)")
_LONG_OPINIONS = {"us", "sct", "led", "led2d"}


def _reporter(text: str) -> str:
    return re.sub(r"[\s.']", "", text).lower()


def _longest(reporter: str) -> int:
    """How many pages past its first a case in this reporter may run."""
    return 500 if reporter in _LONG_OPINIONS else 250


@dataclass(frozen=True)
class PinConflict:
    label: str  # the note holding the short form
    short: str  # "742 F.3d at 872"
    full: str  # "742 F.3d 414"
    full_labels: tuple[str, ...]  # the notes that give the case in full


def pin_conflicts(notes) -> list[PinConflict]:
    """Short forms whose page is outside every full citation of the same volume and reporter.
    `notes` maps a label to its text, in document order."""
    full: dict[tuple[str, str], dict[int, list[str]]] = {}
    for label, text in notes.items():
        if " at " not in text and not any(ch.isdigit() for ch in text):
            continue
        for m in _FULL.finditer(text):
            full.setdefault((m.group(1), _reporter(m.group(2))), {}).setdefault(int(m.group(3)), []).append(label)
    out = []
    for label, text in notes.items():
        if " at " not in text:
            continue
        for m in _SHORT.finditer(text):
            vol, rep, pin = m.group(1), _reporter(m.group(2)), int(m.group(3))
            firsts = full.get((vol, rep))
            if not firsts or any(0 <= pin - first <= _longest(rep) for first in firsts):
                continue
            first = min(firsts, key=lambda f: abs(pin - f))
            out.append(PinConflict(label, m.group(0), f"{vol} {m.group(2)} {first}", tuple(dict.fromkeys(firsts[first]))))
    return out
