"""Match footnotes, reference-list items and in-text citations to library entries.

A footnote or reference item is parsed into author, title, year, venue and volume, and scored
against candidate entries (those sharing a title or author word) with rapidfuzz:

    score = 0.70 title + 0.15 author/organisation + 0.10 year + 0.05 venue   (author given)
    score = 0.80 title + 0.15 year + 0.05 venue                                  (no author part)

Title similarity dominates on purpose: a footnote that names a real work with the wrong year,
venue or even author (an NGO credited with another body's report) must still resolve to that
work, so that `citation-mismatch` can say what is wrong. Below THRESHOLD the footnote is
unresolved. Author-date citations resolve on the exact (accent- and case-folded) family name or
organisation name, short name or variant, plus the year; the reference list is consulted first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from litcheck.scan.citations import YEAR, Citation, OrgMatcher

THRESHOLD = 0.58
_YEAR_RE = re.compile(r"\b(" + YEAR + r")\b")
STOP = {
    "a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "by", "at", "from", "into", "its", "their",
    "as", "is", "are", "be", "how", "what", "why", "vs", "via", "report", "new", "about", "against", "between",
    "towards", "toward", "s", "de", "la", "le", "et", "al", "no", "part", "vol", "edition", "ed", "eds",
}


@lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Accent-, case- and punctuation-folded text (memoised: titles are compared many times)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^\w\s]", " ", text.casefold())
    return " ".join(text.split())


def tokens(text: str) -> list[str]:
    return [t for t in norm(text).split() if t not in STOP and len(t) > 1]


def acronym(text: str) -> str:
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    return "".join(w[0] for w in words if w[0].isupper())


# --------------------------------------------------------------------------------------------
# The library side
# --------------------------------------------------------------------------------------------

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

    def attach(self, library) -> "LibraryIndex":
        """Point the works of an index read from the cache at the library they describe."""
        for work in self.works.values():
            work._library = library
        return self


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
            years.update(int(y) for y in _YEAR_RE.findall(entry.get(fld)))
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
    for m in re.finditer(r"(?:[Kk]nown as|commonly called|short title)[:,]?\s+(?:the\s+)?[\"“]?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,5})",
                         entry.text("note") + " " + entry.text("howpublished")):
        out.append(m.group(1))
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


# --------------------------------------------------------------------------------------------
# Parsing a footnote or reference item
# --------------------------------------------------------------------------------------------

@dataclass
class RefParts:
    text: str
    authors: str = ""
    title: str = ""
    year: int | None = None  # the publication year the reference states (not a year inside the title)
    venue: str = ""
    volume: str = ""
    publisher: str = ""


_QUOTED = re.compile(r"\*\*?([^*]{3,}?)\*\*?|(?<![\w])_([^_]{3,}?)_(?![\w])|‘([^’]{3,}?)’|“([^”]{3,}?)”|\"([^\"]{3,}?)\"|(?<![\w])'([^']{6,}?)'(?![\w])")


# Introductory signals of legal and academic citation: they say how a source supports the text and
# are never part of its author or title ("*See* Cade Metz, *Title*" is by Metz, titled Title).
SIGNAL = re.compile(
    r"^[*_]{0,2}(?:see,? e\.g\.,?|see also|see generally|see, ?e\.g\.|but see|but cf\.|cf\.|compare|contra|accord|"
    r"e\.g\.,?|see)(?![\w])[*_]{0,2},?[ ]*+(?:[*_]{1,2}(?=\s))?[ ]*+", re.I)


def strip_signal(text: str) -> str:
    """The citation without its leading signal (See, See also, Cf., But see, e.g.). An emphasis
    that opened before the signal and goes on into the title is kept open."""
    m = SIGNAL.match(text)
    if not m:
        return text
    rest = text[m.end():]
    signal = m.group(0)
    # "*See Title,* Venue": the italics open before the signal and close after the title
    if signal[:1] in "*_" and signal.rstrip()[-1:] not in "*_":
        rest = signal[0] + rest
    return rest


# APA: "Author, A. (2018). Title. Venue, 4, 12." (the title may be italic: the stars are dropped)
_APA = re.compile(r"^(?P<auth>[^()]{1,150}?)\s*\((?P<year>" + YEAR + r")[a-z]?(?:,[^)]{0,40})?\)(?:\.|(?=\s+[A-Z*_“\"‘]))"
                  r"\s*(?P<title>.+?[^A-Z])\.\s*(?P<rest>.*)$")


def parse_reference(text: str) -> RefParts:
    t = strip_signal(" ".join(text.split()).strip())
    parts = RefParts(t)
    apa = _APA.match(t)
    m = None if apa and len(apa.group("auth")) < 150 and not _QUOTED.search(apa.group("auth")) else _QUOTED.search(t)
    if m:
        title = next(g for g in m.groups() if g)
        before, after = t[:m.start()], t[m.end():]
        parts.authors = before.strip(" ,.;:")
        parts.title = title.strip(" ,.")
        # a second italic segment after a quoted title is the venue (journal)
        m2 = _QUOTED.search(after)
        if m2:
            parts.venue = next(g for g in m2.groups() if g).strip(" ,.")
        _tail(parts, after, have_venue=bool(m2))
        return parts
    if apa and len(apa.group("auth")) < 150 and not _QUOTED.search(apa.group("auth")):
        parts.authors = apa.group("auth").strip(" ,.*_")
        parts.year = int(apa.group("year"))
        parts.title = apa.group("title").strip(" *_")
        rest = apa.group("rest")
        vm = re.match(r"^(?P<venue>[^,\d]+),?\s*(?P<vol>\d+)?", rest)
        if vm:
            parts.venue = vm.group("venue").strip(" ,.")
            parts.volume = vm.group("vol") or ""
        return parts
    # "Author, Title (Year)" / "Title (Year) arts 34-36" without italics or quotes
    m = re.match(r"^(?P<head>.+?)\s*\((?P<paren>[^()]*" + YEAR + r"[^()]*)\)(?P<after>.*)$", t)
    head = m.group("head") if m else t
    comma = head.split(", ", 1)
    if len(comma) == 2 and len(comma[0].split()) <= 6 and not re.search(r"\b(?:Act|Convention|Protocol|Regulation|Directive)\b", comma[0]):
        parts.authors, parts.title = comma[0].strip(), comma[1].strip(" ,.")
    else:
        parts.title = head.strip(" ,.")
    if m:
        _tail(parts, "(" + m.group("paren") + ")" + m.group("after"), have_venue=False)
    else:
        ys = _YEAR_RE.findall(t)
        title_years = _YEAR_RE.findall(parts.title)
        outside = [y for y in ys if y not in title_years]
        if outside:
            parts.year = int(outside[-1])
        elif ys and re.search(r"(?:Act|Convention|Protocol|Regulation|Directive|Law|Code)\W*(?:of\s+)?" + ys[-1] + r"\W*$", t):
            parts.year = int(ys[-1])
    return parts


def _tail(parts: RefParts, after: str, have_venue: bool) -> None:
    paren = re.search(r"\(([^()]*?)(" + YEAR + r")[^()]*\)", after)
    if paren:
        parts.year = int(paren.group(2))
        pub = paren.group(1).strip(" ,")
        if pub and not re.fullmatch(r"[\d\s,.-]*", pub):
            parts.publisher = pub
        rest = after[paren.end():]
    else:
        ys = _YEAR_RE.findall(after)
        if ys:
            parts.year = int(ys[-1])
        rest = after
    vol = re.match(r"^\s*(\d{1,4})\s+(?=\D)", rest) or re.search(r"\bvol(?:ume)?\.?\s*(\d+)", rest, re.I)
    if vol:
        parts.volume = vol.group(1)
    if not have_venue:
        venue = re.sub(r"\b\d+\b", " ", rest)
        venue = re.sub(r"[*_()\[\]]", " ", venue)
        venue = re.sub(r"\b(?:arts?|pp?|para|paras|s|ss)\b\.?", " ", venue)
        venue = " ".join(venue.split()).strip(" ,.;:–-")
        if len(venue) > 2:
            parts.venue = venue


# --------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------

@dataclass
class Match:
    key: str | None
    score: float
    parts: RefParts | None = None
    runner_up: tuple[str, float] | None = None
    keys: list[str] = field(default_factory=list)  # one per work when a note cites several

    @property
    def resolved(self) -> bool:
        return self.key is not None


def creators_in(work: Work, text_norm: str) -> bool:
    padded = f" {text_norm} "
    return any(f" {form} " in padded for form in work.creator_forms if form)


def venues_agree(a: str, b: str) -> bool:
    """Same venue, allowing abbreviations: "Colum HRLR" ~ "Columbia Human Rights Law Review"."""
    ta, tb = norm(a).split(), norm(b).split()
    if not ta or not tb:
        return True
    if ta == tb:
        return True
    short, long_ = (ta, tb) if len(" ".join(ta)) <= len(" ".join(tb)) else (tb, ta)
    long_sig = [w for w in long_ if w not in ("of", "the", "and", "for", "on", "in")]
    i = 0
    for tok in short:
        if tok in ("of", "the", "and", "j", "for", "on", "in") and tok not in long_sig[i:i + 1]:
            if tok == "j" and i < len(long_sig) and long_sig[i].startswith("j"):
                i += 1
            continue
        if i < len(long_sig) and _abbreviates(tok, long_sig[i]):
            i += 1
            continue
        # an acronym standing for several words ("hrlr" = human rights law review)
        n = len(tok)
        if i + n <= len(long_sig) and "".join(w[0] for w in long_sig[i:i + n]) == tok:
            i += n
            continue
        return False
    return i >= max(1, len(long_sig) - 1) or i == len(long_sig)


def _abbreviates(short: str, word: str) -> bool:
    """"tech" ~ "technology", "pa" ~ "pennsylvania", "rev" ~ "review": same first letter, letters in order."""
    if word.startswith(short):
        return True
    if not short or short[0] != word[0] or len(short) > len(word):
        return False
    it = iter(word)
    return all(ch in it for ch in short)


def _title_sim(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    if not a or not b:
        return 0.0
    sort = fuzz.token_sort_ratio(a, b)
    sset = fuzz.token_set_ratio(a, b)
    shorter = min(len(a.split()), len(b.split()))
    if shorter < 3:
        sset = min(sset, sort + 10)
    return (0.5 * sort + 0.5 * sset) / 100


def score_work(parts: RefParts, work: Work) -> float:
    full_norm = norm(parts.text)
    title_norm = norm(parts.title) if parts.title else full_norm
    sim = _title_sim(title_norm, work.title_norm)
    if ":" in work.title and ":" not in parts.title:
        main = norm(work.title.split(":")[0])
        if len(main.split()) >= 3:
            sim = max(sim, 0.97 * _title_sim(title_norm, main))
    if parts.title and work.aliases:
        for alias in work.aliases:
            if re.search(r"\b" + re.escape(norm(alias)) + r"\b", full_norm):
                sim = max(sim, 0.8)
    if sim < 0.6:
        from rapidfuzz import fuzz

        # no parsed title (a bare "Convention on the Rights of the Child (1989) arts 34-36"): look for
        # the work's title inside the note; with a parsed title, only inside that title
        where = full_norm if not parts.title else title_norm
        partial = fuzz.partial_ratio(work.title_norm, where) / 100 if len(work.title_norm) >= 12 and len(where) >= 12 else 0
        sim = max(sim, partial * 0.95)
    year = 0.0
    if parts.year is not None:
        if parts.year in work.years:
            year = 1.0
        elif work.year and abs(parts.year - work.year) == 1:
            year = 0.5
    elif work.year and str(work.year) in parts.title and str(work.year) in work.title:
        year = 1.0
    venue = 0.0
    if parts.venue and work.venue:
        venue = 1.0 if venues_agree(parts.venue, work.venue) else 0.0
    elif parts.publisher and work.venue:
        venue = 1.0 if venues_agree(parts.publisher, work.venue) or creators_in(work, norm(parts.publisher)) else 0.0
    if parts.authors:
        author = 1.0 if creators_in(work, norm(parts.authors)) else 0.0
        return 0.70 * sim + 0.15 * author + 0.10 * year + 0.05 * venue
    author_anywhere = 0.5 if creators_in(work, full_norm) else 0.0
    return min(1.0, 0.80 * sim + 0.15 * year + 0.05 * venue + 0.1 * author_anywhere)


def match_reference(text: str, index: LibraryIndex) -> Match:
    """The best library entry for a footnote / reference text (key None below THRESHOLD)."""
    parts_list = split_works(text)
    matches = [_match_one(p, index) for p in parts_list]
    best = max(matches, key=lambda m: m.score) if matches else Match(None, 0.0)
    keys = [m.key for m in matches if m.key]
    if best.key is None:
        return Match(None, best.score, best.parts, best.runner_up, [])
    # the first resolved work is the one the note names first
    first = next(m for m in matches if m.key)
    return Match(first.key, first.score, first.parts, first.runner_up, list(dict.fromkeys(keys)))


def split_works(text: str, min_words: int = 2) -> list[RefParts]:
    """A note may cite several works separated by ';' (outside italics and quotes). Pieces of
    fewer than `min_words` words are dropped ("Id." is one word: pass 1 to keep it)."""
    t = " ".join(text.split())
    pieces, depth, cur = [], 0, []
    in_italic = False
    for ch in t:
        if ch == "*":
            in_italic = not in_italic
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        if ch == ";" and depth == 0:
            pieces.append("".join(cur))
            cur = []
            continue
        cur.append(ch)
    pieces.append("".join(cur))
    pieces = [p.strip() for p in pieces if len(p.strip().split()) >= min_words]
    if in_italic is False and len(pieces) > 1:
        # "*A 1930; B 1999*": the italics span the ';' - re-open them per piece
        fixed = []
        for p in pieces:
            if p.count("*") % 2 == 1:
                p = p.replace("*", "")
            fixed.append(p)
        pieces = fixed
    return [parse_reference(p) for p in pieces] or [parse_reference(t)]


def _candidates(parts: RefParts, index: LibraryIndex, limit: int = 40) -> list[str]:
    counts: dict[str, int] = {}
    toks = set(tokens(parts.title or parts.text)) | set(tokens(parts.authors))
    for tok in toks:
        keys = index.by_token.get(tok)
        if not keys or len(keys) > max(50, len(index.works) // 5):
            continue
        for k in keys:
            counts[k] = counts.get(k, 0) + 1
    return [k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]  # ties by key: the same on every run


def _match_one(parts: RefParts, index: LibraryIndex) -> Match:
    scored = sorted(((score_work(parts, index.works[k]), k) for k in _candidates(parts, index)), reverse=True)
    if not scored:
        return Match(None, 0.0, parts)
    best_score, best_key = scored[0]
    runner = (scored[1][1], round(scored[1][0], 3)) if len(scored) > 1 else None
    if best_score < THRESHOLD:
        return Match(None, round(best_score, 3), parts, (best_key, round(best_score, 3)))
    return Match(best_key, round(best_score, 3), parts, runner)


# --------------------------------------------------------------------------------------------
# Resolving a whole document
# --------------------------------------------------------------------------------------------

@dataclass
class Resolution:
    footnotes: dict[str, Match] = field(default_factory=dict)  # label -> match
    references: list[Match] = field(default_factory=list)  # parallel to doc.references


_IBID = re.compile(r"^\s*(?:ibid|id)\b\.?", re.I)
_SUPRA = re.compile(r"\b(?:supra\s+)?(?:note|n)\.?\s+(\d{1,3})\b", re.I)


def resolve_document(doc, citations: list[Citation], index: LibraryIndex) -> Resolution:
    res = Resolution()
    previous: Match | None = None
    for label in sorted(doc.footnotes, key=lambda l: (not l.isdigit(), int(l) if l.isdigit() else 0, l)):
        note = doc.footnotes[label]
        if _IBID.match(note.text) and previous is not None:
            match = Match(previous.key, previous.score, previous.parts, None, previous.keys)
        elif (sm := _SUPRA.search(note.text)) and len(note.text.split()) <= 8 and sm.group(1) in res.footnotes:
            ref = res.footnotes[sm.group(1)]
            match = Match(ref.key, ref.score, ref.parts, None, ref.keys)
        else:
            match = match_reference(note.text, index)
        res.footnotes[label] = match
        previous = match
    for item in doc.references:
        res.references.append(match_reference(item.text, index))
    for c in citations:
        _resolve_citation(c, doc, res, index)
    return res


def _resolve_citation(c: Citation, doc, res: Resolution, index: LibraryIndex) -> None:
    if c.kind == "footnote":
        ms = [res.footnotes.get(l) for l in c.labels]
        keys = [k for m in ms if m for k in (m.keys or ([m.key] if m.key else []))]
        c.keys = list(dict.fromkeys(keys))
        c.key = c.keys[0] if c.keys else None
        c.score = max((m.score for m in ms if m), default=0.0)
        missing = [l for l, m in zip(c.labels, ms) if m is None]
        c.note = f"no footnote text for {', '.join(missing)}" if missing else ""
        return
    if c.kind == "pandoc":
        known = [k for k in c.labels if k in index.works]
        c.keys = known
        c.key = known[0] if known else None
        c.score = 1.0 if len(known) == len(c.labels) else 0.0
        if len(known) < len(c.labels):
            c.note = "not in the library: " + ", ".join(k for k in c.labels if k not in index.works)
        return
    if c.kind == "numeric":
        keys, missing = [], []
        for label in c.labels:
            item = next((i for i, r in enumerate(doc.references) if r.label == label), None)
            if item is None and label in doc.footnotes:
                m = res.footnotes[label]
                keys.extend(m.keys or ([m.key] if m.key else []))
                continue
            if item is None:
                missing.append(label)
                continue
            m = res.references[item]
            keys.extend(m.keys or ([m.key] if m.key else []))
            c.via_reference = item
        c.keys = list(dict.fromkeys(keys))
        c.key = c.keys[0] if c.keys else None
        c.score = 1.0 if c.key else 0.0
        if missing:
            c.note = "no reference-list item " + ", ".join(missing)
        return
    if c.kind == "author-date":
        _resolve_author_date(c, doc, res, index)
        if c.key is None and c.via_reference is None and doc.footnotes:
            # a note of the document naming the same author or body and year ("The Bureau of
            # Justice Statistics (2019) reports ...⁷" with note 7 by the Bureau, 2019)
            label = _note_naming(c, doc, _name_forms(c.names[0], index) if c.names else set())
            if label is not None:
                c.via_note = label
                c.note = f"footnote {label}"
        return
    if c.kind == "named":
        _resolve_named(c, doc, index)
        return
    if c.kind == "title":
        _resolve_title(c, doc, res)


def _resolve_title(c: Citation, doc, res: Resolution) -> None:
    """A work the prose names by title: the note the sentence cites or the reference item with
    that title; the prose's title and year are compared with it (c.ref_diffs)."""
    from rapidfuzz import fuzz

    from litcheck.scan.citations import sentence_note_labels

    t = norm(c.title)
    candidates = []  # (score, where, label or index, parts)
    for label in sentence_note_labels(doc, doc.sentences[c.sentence]):
        for parts in split_works(doc.footnotes[label].text):
            if parts.title:
                candidates.append((fuzz.token_set_ratio(t, norm(parts.title)), "note", label, parts))
    for i, item in enumerate(doc.references):
        parts = parse_reference(item.text)
        if parts.title:
            candidates.append((fuzz.token_set_ratio(t, norm(parts.title)), "item", i, parts))
    if not candidates:
        return
    score, where, which, parts = max(candidates, key=lambda x: x[0])
    if score < 80:
        return
    if where == "note":
        c.via_note, place = which, f"footnote {which}"
        m = res.footnotes.get(which)
    else:
        c.via_reference, place = which, f"reference item {which + 1}, line {doc.references[which].line}"
        m = res.references[which]
    if m is not None and m.key:
        c.key, c.keys, c.score = m.key, (m.keys or [m.key]), m.score
    c.note = place
    mine, theirs = tokens(c.title), tokens(parts.title)
    if mine != theirs and not set(mine) <= set(theirs):
        c.ref_diffs.append(f"the title '{c.title}' ({place}: '{parts.title}')")
    if c.year is not None and parts.year is not None and c.year != parts.year:
        c.ref_diffs.append(f"the year {c.year} ({place}: {parts.year})")


def org_forms(name: str, vocabulary) -> set[str]:
    """Normalised spellings of the organisation `name` is (per the vocabulary); empty if none."""
    org = vocabulary.canonical_org(name) if vocabulary is not None else None
    return {norm(f) for f in org.forms if f} if org else set()


def _name_forms(name: str, index: LibraryIndex) -> set[str]:
    """Normalised forms of an author or body name (memoised per index: a long document names the
    same bodies thousands of times)."""
    cache = index.__dict__.setdefault("_forms_cache", {})
    forms = cache.get(name)
    if forms is None:
        forms = cache[name] = frozenset(f for f in {norm(name)} | org_forms(name, index.vocabulary) if f)
    return set(forms)


def _resolve_author_date(c: Citation, doc, res: Resolution, index: LibraryIndex) -> None:
    first = c.names[0] if c.names else ""
    forms = _name_forms(first, index)
    # 1. the document's own reference list
    if doc.references:
        found = match_reference_item(c, doc, forms)
        if found is not None:
            i, c.ref_diffs = found
            c.via_reference = i
            m = res.references[i]
            c.key, c.keys, c.score = m.key, (m.keys or ([m.key] if m.key else [])), m.score
            c.note = f"reference-list item {i + 1}" + ("" if m.key else " (not in the library)")
            return
    # 2. the library
    keys: set[str] = set()
    for f in forms:
        keys |= index.by_creator.get(f, set())
    if not keys:
        keys = {k for k, w in index.works.items() if any(norm(a) in forms for a in w.aliases)}
    if len(c.names) > 1 and not c.et_al:
        for other in c.names[1:]:
            other_keys: set[str] = set()
            for f in _name_forms(other, index):
                other_keys |= index.by_creator.get(f, set())
            if keys & other_keys:
                keys &= other_keys
    if not keys:
        c.note = f"no library entry by {first}"
        return
    works = [index.works[k] for k in keys]
    if c.year is None:
        if len(works) == 1:
            c.key, c.keys, c.score = works[0].key, [works[0].key], 0.6
            return
        c.via_reference = -1  # names a body the library holds, but no single work: not dangling
        c.note = f"names {first} only; the library holds {len(works)} works by it"
        return
    exact = [w for w in works if c.year in w.years]
    if exact:
        suffix = c.year_text[4:5] if len(c.year_text) > 4 and c.year_text[4].isalpha() else ""
        exact.sort(key=lambda w: w.key)
        pick = exact[ord(suffix) - ord("a")] if suffix and ord(suffix) - ord("a") < len(exact) else exact[0]
        c.key, c.keys, c.score = pick.key, [pick.key], 0.95 if len(exact) == 1 else 0.8
        return
    near = [w for w in works if w.year and abs(w.year - c.year) <= 1]
    if len(works) == 1 and near:
        c.key, c.keys, c.score = near[0].key, [near[0].key], 0.7
        c.year_mismatch = True
        c.note = f"the library's work by {first} is from {near[0].year}"
        return
    c.note = f"{first} has no {c.year} work in the library (has {', '.join(sorted(str(w.year) for w in works if w.year))})"


def _note_naming(c: Citation, doc, forms: set[str]) -> str | None:
    """The footnote that names the citation's author or body (and its year, when it gives one):
    the sentence's own notes first, then any note."""
    own = [l for x in doc.sentences[c.sentence:c.sentence + 1] for l in _sentence_note_labels(doc, x)]
    for label in own + [l for l in doc.footnotes if l not in own]:
        text = doc.footnotes[label].text
        padded = f" {norm(text)} "
        if any(f" {f} " in padded for f in forms) and (c.year is None or str(c.year) in text):
            return label
    return None


def _sentence_note_labels(doc, sent) -> list[str]:
    from litcheck.scan.citations import sentence_note_labels

    return sentence_note_labels(doc, sent)


_REPEATED_AUTHOR = re.compile(r"^\s*(?:[—–-]{2,}|_{3,})\s*[.,]?\s*")


def reference_heads(doc) -> list[str]:
    """The normalised opening of each reference item, with a repeated-author dash ("———. 2014a.
    Title") replaced by the author of the item before it, so that it is matched by that name."""
    heads, author = [], ""
    for item in doc.references:
        m = _REPEATED_AUTHOR.match(item.text)
        text = (author + " " + item.text[m.end():]) if m and author else item.text
        if not m:
            author = re.split(r"\s*(?:\(|\.\s+(?:\(?1[5-9]\d\d|\(?20\d\d|n\.d\.))", item.text, maxsplit=1)[0]
        heads.append(norm(text[:160]))
    return heads


# The year of a reference item: "(2016a)." in APA, ". 2014a." in Chicago author-date
_ITEM_YEAR = re.compile(r"\((" + YEAR + r")([a-z]?)[),]|(?<![\d/])(" + YEAR + r")([a-z]?)(?=[).,;:\s])")


def _item_years(item) -> list[int]:
    head = item.text[:300]
    paren = re.search(r"\((" + YEAR + r")[a-z]?[),]", head)
    if paren:
        return [int(paren.group(1))]
    return [int(m.group(3)) for m in _ITEM_YEAR.finditer(head) if m.group(3)]


def _year_suffix_agrees(c: Citation, item) -> bool:
    """"2016b" picks the item dated (2016b) or "2016b.", not 2016a; without a letter on either side, any."""
    suffix = c.year_text[4:5] if len(c.year_text) > 4 and c.year_text[4].isalpha() else ""
    m = _ITEM_YEAR.search(item.text[:300])
    letter = (m.group(2) or m.group(4)) if m else ""
    return not suffix or not letter or letter == suffix


def match_reference_item(c: Citation, doc, forms: set[str]) -> tuple[int, list[str]] | None:
    """The reference-list item an in-text citation points to, and how they disagree.

    By author and year first; then by title ("(Title, Author, Year)"); then by author alone or a
    surname spelt a little differently. A match found other than by author and year carries the
    differences (another year, a differently spelt surname): the document contradicts itself."""
    from rapidfuzz import fuzz

    heads = reference_heads(doc)

    def by_author(i, exact=True):
        head = heads[i]
        if exact:
            return any(head.startswith(f + " ") or head == f or f" {f} " in f" {head[:60]} " for f in forms)
        first_word = head.split(" ", 1)[0] if head else ""
        return any(f and f[0] == first_word[:1] and len(f) >= 4 and fuzz.ratio(f, first_word) >= 80 for f in forms)

    def diffs_for(i, spelt=False):
        out = []
        years = _item_years(doc.references[i])
        if c.year is not None and years and c.year not in years:
            out.append(f"year {c.year_text or c.year} (reference item {i + 1}, line {doc.references[i].line}: {years[0]})")
        if spelt:
            out.append(f"author '{c.names[0]}' (reference item {i + 1}, line {doc.references[i].line}: "
                       f"'{doc.references[i].text.split(',')[0].split('(')[0].strip()}')")
        return out

    same_author = [i for i in range(len(heads)) if forms and by_author(i)]
    for i in same_author:
        if c.year is None or (c.year in _item_years(doc.references[i]) and _year_suffix_agrees(c, doc.references[i])):
            return i, []
    if c.title:
        t = norm(c.title)
        scored = [(fuzz.token_set_ratio(t, norm(parse_reference(item.text).title or item.text[:200])), i)
                  for i, item in enumerate(doc.references)]
        best = max(scored, default=(0, None))
        if best[0] >= 85:
            i = best[1]
            return i, diffs_for(i, spelt=bool(forms) and not by_author(i) and by_author(i, exact=False))
    if len(same_author) == 1:
        return same_author[0], diffs_for(same_author[0])
    if c.year is not None and forms:
        close = [i for i in range(len(heads)) if by_author(i, exact=False) and c.year in _item_years(doc.references[i])]
        if len(close) == 1:
            return close[0], diffs_for(close[0], spelt=True)
    return None


def _resolve_named(c: Citation, doc, index: LibraryIndex) -> None:
    sets = []
    for name in c.names:
        keys: set[str] = set()
        forms = _name_forms(name, index)
        if c.note == "person":
            parts = norm(name).split()
            forms = {parts[-1]} if parts else set()
        for f in forms:
            keys |= index.by_creator.get(f, set())
        sets.append(keys)
    if not sets or not any(sets):
        return
    both = set.intersection(*sets) if all(sets) else set()
    pool = both or set.union(*sets)
    works = [index.works[k] for k in sorted(pool)]  # sorted: equal ranks resolve the same way on every run
    sent_tokens = set(tokens(doc.sentences[c.sentence].text))
    ranked = sorted(works, key=lambda w: (len(w.title_tokens & sent_tokens), -(abs((w.year or 0) - (c.year or w.year or 0)))), reverse=True)
    if c.year is not None:
        same_year = [w for w in ranked if c.year in w.years]
        if same_year:
            c.key, c.keys, c.score = same_year[0].key, [same_year[0].key], 0.8 if len(same_year) == 1 else 0.65
            return
    if both and len(c.names) > 1 and len(both) == 1:
        w = works[0]
        c.key, c.keys, c.score = w.key, [w.key], 0.7
        c.year_mismatch = c.year is not None and c.year not in w.years
        return
    if c.note == "person" and len(works) == 1:
        c.key, c.keys, c.score = works[0].key, [works[0].key], 0.6
        return
    overlap = len(ranked[0].title_tokens & sent_tokens) if ranked else 0
    if ranked and overlap >= 3 and (len(ranked) == 1 or overlap > len(ranked[1].title_tokens & sent_tokens)):
        w = ranked[0]
        c.key, c.keys, c.score = w.key, [w.key], 0.6
        c.year_mismatch = c.year is not None and c.year not in w.years
        return
    c.note = f"{' and '.join(c.names)} named; no single work identified"
