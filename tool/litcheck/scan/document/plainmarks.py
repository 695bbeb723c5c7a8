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

_TO_SUP = str.maketrans("0123456789/", SUPERSCRIPT_DIGITS + "˒")  # (a run's slash: the small comma superscripts take)
# A run of markers printed with slashes ("54/55", "39/40/41/42/43"): group 1 is its first number,
# group 2 the rest, and the run is placed by its first.
_RUN = r"(\d{1,3})((?:/\d{1,3}){0,30})"
# after closing punctuation and blanks; followed by the end of the line, a capital or an opening
# quote or bracket (the next sentence), or punctuation. "In 2019, 12 states" (a small letter
# next) is a figure.
_SPACED = re.compile(r"(?<=[.,;:!?)\]”’\"%])[ \t]++" + _RUN + r"(?=[ \t]*+(?:\n|$)|[ \t]++[A-Z“\"‘(\[]|[.,;:])")
# or at the start of the next line, before a new sentence or alone (a PDF's line break fell between
# the sentence and its marker); not the "2. " or "2) " of a numbered list
_NEXT_LINE = re.compile(r"(?<=[.!?)\]”’\"])[ \t]*+\n[ \t]*+" + _RUN + r"(?=[ \t]*+(?:\n|$)|[ \t]++[A-Z“\"‘(\[])")
# A number glued to what it sources: the punctuation before it ("million.2 Next"; not inside a
# number, "3.2", "1,000"), a year in brackets ("Lim et al. (2015)3", "Perry (2017, 2020)10"), or a word of four small
# letters or three capitals ("service providers1 (ESPs)", "figures from NCMEC19,"); followed by
# a blank, the end, or punctuation and a blank ("to users1, society"). Shared with `regions`,
# which takes a plain-numbered page-foot note only when the body carries its number so.
GLUED_MARK = re.compile(
    # (not after a document number's year: "CM/Rec(2022)16", "Doc(2019a)3" number the document, not a note)
    r"(?:(?<=[^\d\s][.,;:)”’\"])|(?<=\d{4}\))(?<![\w/]\(\d{4}\))|(?<=\d{4}[a-z]\))(?<![\w/]\(\d{4}[a-z]\))|"
    r"(?<=[a-z][a-z][a-z][a-z])|(?<=[A-Z][A-Z][A-Z]))"
    + _RUN + r"(?=[ \t\n]|[.,;:](?:[ \t\n]|$)|$)")
# markers the segmenter already knows: superscripts, [^n], ^n^, [n]
_OTHER_MARKERS = re.compile(r"[" + SUPERSCRIPT_DIGITS + r"]|\[\^[^\]\s]{1,40}\]|\^\w{1,3}\^|\[\d{1,3}\]")
_MAX_SKIP = 3  # (a chain opens with one of the first three notes; a repeat is one of the last three)
_MAX_GAP = 6  # a marker lost in extraction or glued to a word: the chain may skip up to five notes


def mark_plain_notes(masked: str, note_labels) -> str:
    """`masked` with the plain note numbers that pass the tests above turned into superscripts."""
    numbers = sorted({int(label) for label in note_labels if label.isdigit()})
    rank = {n: i for i, n in enumerate(numbers)}
    if len(numbers) < 3 or len(_OTHER_MARKERS.findall(masked, 0, len(masked))[:3]) >= 3:
        return masked
    found = []  # (start, end, ranks of the run) in the order of the text
    for start, end in sorted({(m.start(1), m.end(2)) for p in (_SPACED, _NEXT_LINE, GLUED_MARK) for m in p.finditer(masked)}):
        run = [rank.get(int(n)) for n in masked[start:end].split("/")]
        if None not in run and run == sorted(run):
            found.append((start, end, run))
    chain = _longest_chain(found)
    taken, recent = [], []
    for i, (start, end, run) in enumerate(found):
        if i in chain or run[0] in recent[-_MAX_SKIP:]:  # (or a note cited again close by)
            taken.append((start, end))
            recent.append(max([run[-1], *recent[-1:]]))
    if len(taken) < 3:  # a stray number or two is not a marking system
        return masked
    pieces, at = [], 0
    for start, end in taken:
        pieces += [masked[at:start], masked[start:end].translate(_TO_SUP)]
        at = end
    pieces.append(masked[at:])
    return "".join(pieces)


def _longest_chain(found) -> set[int]:
    """The indexes of the longest sequence of candidates that runs through the notes in order, each
    at most _MAX_GAP notes past the one before. The longest, not the first met: read greedily, one
    lost marker (a number glued to a word, or dropped by the extraction) past the allowed skip ended
    the chain, and every later marker of the report was read as a figure. Each candidate looks back
    over _MAX_GAP ranks only: linear time."""
    best: dict[int, tuple[int, int]] = {}  # last rank of a chain -> (its length, its last candidate)
    back: list[int | None] = []
    top = (0, -1)
    for i, (_, _, run) in enumerate(found):
        base = (0, -1) if run[0] < _MAX_SKIP else (-1, -1)
        for q in range(max(0, run[0] - _MAX_GAP), run[0]):
            if q in best and best[q][0] > base[0]:
                base = best[q]
        back.append(base[1] if base[0] >= 0 else None)
        if base[0] < 0:
            continue
        length = base[0] + 1
        if length > best.get(run[-1], (0,))[0]:
            best[run[-1]] = (length, i)
        top = max(top, (length, i))
    chain, i = set(), top[1] if top[0] else -1
    while i is not None and i >= 0:
        chain.add(i)
        i = back[i]
    return chain
