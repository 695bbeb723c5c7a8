"""The library side of resolution: each entry as a `Work` (folded title, creator forms, the years
a citation may give, short names), indexed by title word and by creator."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from litcheck.scan.citations.orgs import OrgMatcher
from litcheck.scan.resolve.text import YEAR_RE, acronym, norm, tokens


@dataclass
class Work:
    key: str
    _entry: object = field(repr=False, compare=False)  # see `entry`
    title: str
    title_norm: str
    title_tokens: set[str]
    creator_forms: set[str]  # normalised family names and organisation names (+ short names, variants)
    creator_display: str
    years: set[int]  # years a citation may give without being wrong (publication, adoption, in force)
    year: int | None
    venue: str
    volume: str
    aliases: list[str] = field(default_factory=list)  # short names of laws / treaties / reports
    kind: str = ""  # the entry's source kind, kept here so rules need not load every entry
    _library: object = field(default=None, repr=False, compare=False)

    @property
    def entry(self):
        """The library entry, fetched on first use: a cached index holds no entries, so that
        loading it does not materialise every entry of a large library."""
        if self._entry is None and self._library is not None:
            self._entry = self._library.get(self.key)
        return self._entry

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_entry": None, "_library": None}


@dataclass
class LibraryIndex:
    works: dict[str, Work]
    by_token: dict[str, set[str]]
    by_creator: dict[str, set[str]]
    orgs: OrgMatcher
    vocabulary: object = None

    def get(self, key: str) -> Work | None:
        return self.works.get(key)


def build_index(library, vocabulary=None) -> LibraryIndex:
    if vocabulary is None:
        try:
            from litcheck.library.vocabulary import load_vocabulary

            vocabulary = load_vocabulary()
        except Exception:  # pragma: no cover - a broken vocabulary must not stop a scan
            vocabulary = None
    works: dict[str, Work] = {}
    by_token: dict[str, set[str]] = {}
    by_creator: dict[str, set[str]] = {}
    org_names: list[str] = []
    for entry in library:
        forms: set[str] = set()
        for name in entry.creators:
            if name.is_organisation:
                forms.add(norm(name.literal))
                org_names.append(name.literal)
                forms |= org_forms(name.literal, vocabulary)
                short = re.search(r"\(([A-Z]{2,})\)", name.literal)
                if short:
                    forms.add(norm(short.group(1)))
                if len(name.literal.split()) >= 3:
                    forms.add(norm(acronym(name.literal)))
            elif name.family:
                forms.add(norm(name.family))
        for fld in ("institution", "publisher", "organization"):
            if entry.get(fld) and not entry.creators:
                forms.add(norm(entry.text(fld)))
        forms.discard("")
        years = set()
        if entry.year:
            years.add(entry.year)
        for fld in ("date", "origdate", "eventdate"):
            years.update(int(y) for y in YEAR_RE.findall(entry.get(fld)))
        # adoption / entry-into-force / application years of laws and treaties
        if entry.kind in ("law", "treaty", "court-decision", "press-release"):
            years.update(dated_years(entry.text("howpublished")))
            years.update(int(y) for y in re.findall(r"(?<![/\d])\b((?:1[6-9]|20[0-3])\d)\b(?!/)", entry.title))
        title = entry.title
        aliases = _aliases(entry)
        w = Work(entry.key, entry, title, norm(title), set(tokens(title)), forms, entry.author_display(),
                 years, entry.year, norm(entry.venue), entry.get("volume").strip(), aliases, entry.kind)
        works[entry.key] = w
        for t in w.title_tokens | {norm(a) for a in aliases}:
            by_token.setdefault(t, set()).add(entry.key)
        for f in forms:
            by_creator.setdefault(f, set()).add(entry.key)
            for part in f.split():
                by_token.setdefault(part, set()).add(entry.key)
    orgs = OrgMatcher.build(vocabulary, org_names)
    return LibraryIndex(works, by_token, by_creator, orgs, vocabulary)


def _aliases(entry) -> list[str]:
    """Short names a text may use: `shorttitle`, acronyms, a trailing "(General Data Protection
    Regulation)", "known as the X" in the note, and for laws / treaties the title without its year."""
    out = []
    if entry.get("shorttitle"):
        out.append(entry.text("shorttitle"))
    title = entry.title
    for m in re.finditer(r"\(([A-Z][A-Za-z-]*[A-Z])\)", title):
        out.append(m.group(1))
    tail = re.search(r"\(((?:[A-Z][\w-]*\s+){1,6}[A-Z][\w-]*)\)\s*$", title)
    if tail:
        out.extend([tail.group(1), acronym(tail.group(1))])
    for m in re.finditer(r"(?:[Kk]nown as|commonly called|short title)[:,]?\s+(?:the\s+)?[\"“]?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,5})"
                         r"(?:\s+of\s+(?:1[5-9]|20)\d\d)?(?:\s*\(([A-Z]{3,})\))?",
                         entry.text("note") + " " + entry.text("howpublished")):
        out.extend(g for g in m.groups() if g)
    if entry.kind in ("law", "treaty"):
        main = re.sub(r"^The\s+", "", title)
        main = re.split(r"\s*(?:,\s*(?:1[5-9]|20)\d\d|\bof\s+(?:1[5-9]|20)\d\d|\(No\.|:)", main)[0].strip(" ,")
        if main != title and len(main.split()) >= 2:
            out.append(main)
        words = [w for w in re.findall(r"[A-Za-z][\w'-]*", main) if w[0].isupper()]
        acr = "".join(w[0] for w in words)
        if len(acr) >= 3:
            out.append(acr)
            if acr.endswith("A") and len(acr) >= 4 and words[-1] == "Act":
                out.append(acr[:-1])
    return list(dict.fromkeys(a for a in out if len(a) >= 3))


_DATED_YEAR = re.compile(
    r"(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+|"
    r"\b(?:in|of|on|from|since|until|by|force|adopted|signed|enacted|amended|applicable|effect)\s+(?:\d{1,2}\s+\w+\s+)?|"
    r"^|[;,(]\s*)((?:1[6-9]|20)\d\d)\b(?![-/]\d{3})(?!\s*(?:UNTS|U\.S\.C|USC|Stat))")


def dated_years(text: str) -> set[int]:
    """Years in a free-text field that stand as dates (not page, bill or section numbers)."""
    years = {int(m.group(1)) for m in _DATED_YEAR.finditer(text)}
    years |= {int(y) for y in re.findall(r"\b((?:1[6-9]|20)\d\d)-\d\d-\d\d\b", text)}
    return years


def org_forms(name: str, vocabulary) -> set[str]:
    """Normalised spellings of the organisation `name` is (per the vocabulary); empty if none."""
    org = vocabulary.canonical_org(name) if vocabulary is not None else None
    return {norm(f) for f in org.forms if f} if org else set()
