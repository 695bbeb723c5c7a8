"""The works a document cites, clustered inside the document (no library needed).

Every footnote is cut into pieces (one per cited work, split at ';') and each piece is classified:

| kind | shape | refers to |
| --- | --- | --- |
| `full` | a title, a year or a link: "Agnew, 'Foundation for ...' 30 Criminology 47 (1992)" | itself |
| `ibid` | "Id.", "Ibid., 47", "*See id.* § 2(b)" | the work cited just before it |
| `supra` | "Popper, *supra* note 19", "sources cited *supra* note 17" | the full citation in note N |
| `short` | "Mitchell, Finkelhor & Turner, 128-134", "Palermo, 563", "Agnew, Strain Theory, at 12" | the latest full citation by the same authors |
| `author-date` | "Efrat 2012, Ch. 5", "Gallagher and Chuang 2001, 1002" | an item of the reference list |
| `comment` | prose without a source | nothing |

Linking short forms to their full citation is what lets the document be checked against itself:
a short form that spells an author differently, or gives another year or title, than the full
citation it abbreviates is an inconsistent duplicate (`differences`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from litcheck.scan.document.sentences import SENTENCE_STARTERS
from litcheck.scan.citations.model import YEAR
from litcheck.scan.resolve.references import QUOTED, RefParts, parse_reference, split_works, strip_signal
from litcheck.scan.resolve.text import norm

_IBID = re.compile(r"^[*_ ]{0,4}(?:ibid|id)\b\.?", re.I)
_SUPRA = re.compile(r"[*_]{0,2}supra[*_]{0,2},?\s+(?:notes?|n\.?)\s+(\d{1,3})\b", re.I)
_HAS_YEAR = re.compile(r"\b" + YEAR + r"\b")
# "Surname, Surname & Surname, 128-134" / "Reid & Piquero 341-367" / "Agnew, Short Title, at 12"
_SHORT = re.compile(r"^(?P<head>[A-Z][^\d;]{1,200}?)[,\s]\s*(?:at\s+)?(?P<pages>\d[\d\s,–\-]{0,40})[.,]?$")
# A note pointing inside the document or its own data ("Response 1157.", "Interview #3.", "Table 2."):
# the word is not a surname, and two such notes are not two citations of one work.
_INTERNAL = re.compile(r"^(?:responses?|respondents?|interviews?|interviewees?|participants?|tables?|figures?|fig\.|"
                       r"chapters?|sections?|appendix|appendices|annex|pages?|cases?|survey)\b[\s#.:]*(?:\d|[A-Z]\b|$)", re.I)
_SPLIT_NAMES = re.compile(r"\s*(?:,|&|\band\b)\s*")
_ET_AL = re.compile(r"\bet al\.?")
_INITIAL = re.compile(r"[A-Z]\.?")  # "J" or "J." in a name: not the surname
# A note that is an author-date short citation: "Efrat 2012, Ch. 5", "Gallagher and Chuang 2001, 1002"
_AUTHOR_DATE = re.compile(r"^(?P<names>[A-Z][\w'’\-]{1,40}(?:(?:,|,? and|,? &)\s+[A-Z][\w'’\-]{1,40}){0,3}(?:\s+et\s+al\.)?),?\s+"
                          r"(?P<year>" + YEAR + r"[a-z]?|n\.\s?d\.)(?:,\s*(?P<loc>.{0,80}?))?\.?$")


@dataclass
class Piece:
    label: str  # the footnote's label
    pos: int  # its index among the note's pieces
    text: str  # without its signal
    kind: str  # full | short | ibid | supra | author-date | comment
    parts: RefParts
    surnames: list[str] = field(default_factory=list)
    target: "Piece | None" = None  # the full citation a short form, Id. or supra refers to
    supra_note: str = ""  # for a supra: the note number; for an author-date note: the year as written

    @property
    def work(self) -> "Piece | None":
        """The full citation this piece stands for (itself when it is one)."""
        return self if self.kind == "full" else self.target


def surnames_of(authors: str) -> list[str]:
    """Family names in an author string: "Kimberly J. Mitchell, David Finkelhor, and Heather
    Turner" -> Mitchell, Finkelhor, Turner (the last capitalised word of each name)."""
    out = []
    for chunk in _SPLIT_NAMES.split(_ET_AL.sub("", authors) if "et al" in authors else authors):
        words = [w.strip(".*_") for w in chunk.split() if w.strip(".*_")]
        words = [w for w in words if w[:1].isupper() and not _INITIAL.fullmatch(w)]
        if words:
            out.append(words[-1])
    return out

_AUTHOR_DATE_HEAD = re.compile(_AUTHOR_DATE.pattern[:-len(r"\.?$")] + r"\.(?=\s+[A-Z])")


def _clean(text: str) -> str:
    return strip_signal(text.strip()).strip(" *_")


def classify(text: str) -> tuple[str, RefParts, list[str], str]:
    """(kind, parsed parts, surnames, supra note number) of one footnote piece."""
    t = _clean(text)
    parts = parse_reference(t)
    if _IBID.match(t):
        return "ibid", parts, [], ""
    sm = _SUPRA.search(t)
    if sm:
        head = t[:sm.start()].strip(" ,*_")
        names = [] if re.match(r"(?i)sources\b", head) else surnames_of(head) if len(head.split()) <= 6 else []
        return "supra", parts, names, sm.group(1)
    if _INTERNAL.match(t):
        return "comment", parts, [], ""
    ad = _AUTHOR_DATE.match(t)
    if ad:
        return "author-date", parts, surnames_of(ad.group("names")), ad.group("year")
    short = _SHORT.match(t)
    if short and not _HAS_YEAR.search(t) and "http" not in t:
        chunks = [c for c in _SPLIT_NAMES.split(short.group("head").strip(" ,")) if c]
        if chunks and all(len(c.split()) <= 3 for c in chunks):
            return "short", parts, surnames_of(short.group("head")), ""
        if chunks and len(chunks[0].split()) <= 3:  # "Author, Short Title, at N"
            return "short", parts, surnames_of(chunks[0]), ""
    words = t.split()
    if len(words) >= 5 and words[0].lower() in SENTENCE_STARTERS and not QUOTED.search(t) and "http" not in t:
        return "comment", parts, [], ""  # "The survey asked about 2018 budgets only."
    if parts.year or (parts.title and len(parts.title.split()) >= 2) or "http" in t:
        return "full", parts, surnames_of(parts.authors), ""
    return "comment", parts, [], ""


def _surname_match(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    a, b = norm(a), norm(b)
    return 100.0 if a == b else fuzz.ratio(a, b)


def note_pieces(doc) -> dict[str, list[Piece]]:
    """Every footnote's pieces, classified and linked (in note order)."""
    out: dict[str, list[Piece]] = {}
    fulls: list[Piece] = []
    previous: Piece | None = None  # the last work cited (what "Id." means)
    labels = sorted(doc.footnotes, key=lambda l: (not l.isdigit(), int(l) if l.isdigit() else 0, l))
    for label in labels:
        text = doc.footnotes[label].text
        pieces = []
        for pos, raw in enumerate(_pieces(text)):
            kind, parts, names, supra = classify(raw)
            p = Piece(label, pos, _clean(raw), kind, parts, names, supra_note=supra)
            if kind == "ibid":
                p.target = previous.work if previous else None
            elif kind == "supra":
                p.target = _supra_target(out.get(supra, []), names)
            elif kind == "short":
                p.target = _short_target(fulls, names)
            elif kind == "full":
                fulls.append(p)
            if p.work is not None:
                previous = p
            pieces.append(p)
        out[label] = pieces
    return out


def _pieces(text: str) -> list[str]:
    """The note cut at ';' (split_works), and an author-date citation that opens a longer piece
    ("Hyland 2001, 1. Argentina had already ...") cut from the remark that follows it."""
    out = []
    for piece in [p.text for p in split_works(text, min_words=1)] or [text]:
        head = _AUTHOR_DATE_HEAD.match(piece)
        if head and head.end() < len(piece.rstrip()):
            out += [head.group(0).strip(), piece[head.end():].strip()]
        else:
            out.append(piece)
    return out


def _supra_target(pieces: list[Piece], names: list[str]) -> Piece | None:
    fulls = [p.work for p in pieces if p.work is not None]
    if not fulls:
        return None
    if names:
        best = max(fulls, key=lambda f: max((_surname_match(names[0], s) for s in f.surnames), default=0))
        return best
    return fulls[0]


def _short_target(fulls: list[Piece], names: list[str]) -> Piece | None:
    """The latest full citation whose authors the short form names (spelling may differ a little)."""
    if not names:
        return None
    best, best_key = None, None
    for i, f in enumerate(fulls):
        if not f.surnames:
            continue
        first = max(_surname_match(names[0], s) for s in f.surnames)
        if first < 75:
            continue
        exact = sum(1 for n in names if any(_surname_match(n, s) == 100 for s in f.surnames))
        close = sum(1 for n in names if any(_surname_match(n, s) >= 75 for s in f.surnames))
        key = (close, exact, -abs(len(f.surnames) - len(names)), i)
        if best_key is None or key > best_key:
            best, best_key = f, key
    return best


def differences(piece: Piece) -> list[str]:
    """How a short form, Id. or supra disagrees with the full citation it refers to."""
    full = piece.target
    if full is None:
        return []
    out = []
    for name in piece.surnames:
        scores = [(_surname_match(name, s), s) for s in full.surnames]
        if not scores:
            continue
        score, closest = max(scores)
        if 75 <= score < 100:
            out.append(f"spells '{name}' where footnote {full.label} has '{closest}'")
    p, f = piece.parts, full.parts
    if piece.kind != "short":
        if p.year and f.year and p.year != f.year:
            out.append(f"gives the year {p.year} where footnote {full.label} has {f.year}")
        if p.volume and f.volume and p.volume != f.volume:
            out.append(f"gives volume {p.volume} where footnote {full.label} has {f.volume}")
    return out


def repeated_full_differences(pieces: dict[str, list[Piece]], same_work=None) -> list[tuple[Piece, Piece, list[str]]]:
    """(later, earlier, differences) for a work cited in full twice with different details.
    Titles are compared only where `same_work(later, earlier)` says (e.g. both resolve to one
    library entry): two press releases or rulings of one body can differ by a word or two."""
    from rapidfuzz import fuzz

    out = []
    seen: list[Piece] = []
    for label_pieces in pieces.values():
        for p in label_pieces:
            if p.kind != "full" or not p.parts.title or len(p.parts.title.split()) < 3:
                continue
            for q in seen:
                if fuzz.token_set_ratio(norm(p.parts.title), norm(q.parts.title)) < 90:
                    continue
                if p.surnames and q.surnames and norm(p.surnames[0]) != norm(q.surnames[0]) \
                        and _surname_match(p.surnames[0], q.surnames[0]) < 75:
                    continue  # another author's work of the same name
                diffs = []
                for a, b in zip(p.surnames, q.surnames):
                    if 75 <= _surname_match(a, b) < 100:
                        diffs.append(f"spells '{a}' where footnote {q.label} has '{b}'")
                if p.parts.year and q.parts.year and p.parts.year != q.parts.year and _not_in(q.parts.year, p.text):
                    diffs.append(f"gives the year {p.parts.year} where footnote {q.label} has {q.parts.year}")
                if p.parts.volume and q.parts.volume and p.parts.volume != q.parts.volume and _not_in(q.parts.volume, p.text):
                    diffs.append(f"gives volume {p.parts.volume} where footnote {q.label} has {q.parts.volume}")
                a, b = norm(p.parts.title), norm(q.parts.title)
                if a != b and a not in b and b not in a and same_work is not None and same_work(p, q):
                    diffs.append(f"gives the title '{p.parts.title}' where footnote {q.label} has '{q.parts.title}'")
                if diffs:
                    out.append((p, q, diffs))
                break
            else:
                seen.append(p)
    return out


def _not_in(value, text: str) -> bool:
    """The earlier note's year or volume is nowhere in the later note: a real difference, not two
    readings of a note that states both (two works joined by "and", a year in a title or URL)."""
    return re.search(r"(?<!\d)" + re.escape(str(value)) + r"(?!\d)", text) is None


def note_citation(piece: Piece):
    """An author-date note piece as an in-text citation, to be matched to the reference list."""
    from litcheck.scan.citations.model import Citation

    year = piece.supra_note
    return Citation("author-date", piece.text, 0, 0, -1, names=list(piece.surnames),
                    year=int(year[:4]) if year[:1].isdigit() else None, year_text=year)
