"""Plain-number note markers in PDF-extracted text ("positions certified. 12 This represents").

A PDF's superscript note numbers come out of text extraction as ordinary digits, usually after
the punctuation and a space. Read as prose, "12" starts the next sentence and becomes a figure
of it, and the statement it sources looks uncited. A number is taken as a marker only when the
document has numbered notes, the body has no other kind of marker, the number sits where a
marker sits (after punctuation, before the end of the line, a capital or punctuation) and the
numbers so found run in the notes' order (each at most three notes past the last one taken, since
a marker printed in an odd place may be missed, or one of the last three again: a note cited twice
close together). A marker found is written into the masked body as
superscript digits, one character for one, so offsets do not move and every later stage (the
segmenter, citations, rules) reads it as the note marker it is, like HTML's `<sup>`.
"""

from __future__ import annotations

import re

from litcheck.scan.document.model import SUPERSCRIPT_DIGITS

_TO_SUP = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)
# after closing punctuation and blanks; followed by the end of the line, a capital or an opening
# quote or bracket (the next sentence), or punctuation. "In 2019, 12 states" (a small letter
# next) is a figure.
_SPACED = re.compile(r"(?<=[.,;:!?)\]”’\"%])[ \t]++(\d{1,3})(?=[ \t]*+(?:\n|$)|[ \t]++[A-Z“\"‘(\[]|[.,;:])")
# A number glued to what it sources: the punctuation before it ("million.2 Next"; not inside a
# number, "3.2", "1,000"), a year in brackets ("Lim et al. (2015)3", "Perry (2017, 2020)10"), or a word of four small
# letters or three capitals ("service providers1 (ESPs)", "figures from NCMEC19,"); followed by
# a blank, the end, or punctuation and a blank ("to users1, society"). Shared with `regions`,
# which takes a plain-numbered page-foot note only when the body carries its number so.
GLUED_MARK = re.compile(
    r"(?:(?<=[^\d\s][.,;:)”’\"])|(?<=\d{4}\))|(?<=\d{4}[a-z]\))|(?<=[a-z][a-z][a-z][a-z])|(?<=[A-Z][A-Z][A-Z]))"
    r"(\d{1,3})(?=[ \t\n]|[.,;:](?:[ \t\n]|$)|$)")
# markers the segmenter already knows: superscripts, [^n], ^n^, [n]
_OTHER_MARKERS = re.compile(r"[" + SUPERSCRIPT_DIGITS + r"]|\[\^[^\]\s]{1,40}\]|\^\w{1,3}\^|\[\d{1,3}\]")
_MAX_SKIP = 3


def mark_plain_notes(masked: str, note_labels) -> str:
    """`masked` with the plain note numbers that pass the tests above turned into superscripts."""
    numbers = sorted({int(label) for label in note_labels if label.isdigit()})
    rank = {n: i for i, n in enumerate(numbers)}
    if len(numbers) < 3 or len(_OTHER_MARKERS.findall(masked, 0, len(masked))[:3]) >= 3:
        return masked
    found = sorted([(m.start(1), m.end(1)) for m in _SPACED.finditer(masked)]
                   + [(m.start(1), m.end(1)) for m in GLUED_MARK.finditer(masked)])
    taken, recent = [], [-1]  # ranks of the last numbers taken
    for start, end in found:
        r = rank.get(int(masked[start:end]))
        if r is not None and (recent[-1] < r <= recent[-1] + _MAX_SKIP or r in recent[-_MAX_SKIP:]):
            taken.append((start, end))
            recent.append(max(r, recent[-1]))
    if len(taken) < 3:  # a stray number or two is not a marking system
        return masked
    pieces, at = [], 0
    for start, end in taken:
        pieces += [masked[at:start], masked[start:end].translate(_TO_SUP)]
        at = end
    pieces.append(masked[at:])
    return "".join(pieces)
