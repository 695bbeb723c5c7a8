"""`scan --online`: the cited works the library does not hold, checked against Crossref and OpenAlex.

A full note (or one work of it) or a reference-list item that resolves to no library entry is
looked up: by its DOI when the text gives one, else by title, first author and year (Crossref,
then OpenAlex when Crossref has no confident match). Then

- a confident match (the DOI's record, or a record with the same title and author) is compared
  like a library entry: title, year, journal, volume, pages; a difference is a
  `citation-mismatch` naming the registry, its value and the DOI. A DOI registered to a work
  with another title is one too;
- a confident match the registry records as retracted is a `doubtful-source`;
- nothing plausible for a fully specified journal-style citation (authors, title, journal,
  year, and a volume or pages), or no record of its DOI, is a `doubtful-source`. Never "fake":
  the message says what was searched and that nothing matched. Books, reports, newspapers and
  laws are left alone when nothing is found: the registries hold scholarly works only;
- a record close but not confident enough says nothing either way.

Bounded: at most `limit` works per document (the rest are counted in a notice), the fetcher's
per-host rate limit, time-outs and retries; a registry that keeps failing ends the look-ups for
that document (notice) and no network at all ends the run (`Unreachable`, one line, exit 2).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace

DEFAULT_LIMIT = 40  # works looked up per document: about 40-80 requests, under a minute at the polite rate
PLAUSIBLE = 0.6  # a record's title at least this close to the cited one: something was found
RULES = ("citation-mismatch", "doubtful-source")
_WEB = re.compile(r"(?i)retrieved|accessed|https?:|www\.|\.(?:com|org|gov|net|int)\b")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
# a page range after "pp." or after the volume and issue ("24(3), 12-34"; "24, no. 3 (2019): 12-34")
_PAGES = r"(\d{1,6}\s*[-\u2013\u2014]{1,2}\s*\d{1,6})\b"


@dataclass
class Unheld:
    """A full citation of a work the library does not hold (a note's work or a reference item)."""
    where: str  # footnote | reference
    label: str  # the note's label, or the item's index
    text: str
    parts: object  # RefParts
    surnames: list[str]
    line: int
    several: bool = False  # the note cites other works too: the message quotes this one

    @property
    def doi(self) -> str | None:
        match = _DOI.search(self.text)
        if not match:
            return None
        doi = match.group(1).rstrip(".,;]*_")
        while doi.endswith(")") and doi.count(")") > doi.count("("):  # "(doi:10.1/x)", not "...(97)11096-0"
            doi = doi[:-1].rstrip(".,;")
        return doi.lower()

    @property
    def pages(self) -> str:
        return cited_pages(self.parts.text, self.parts.volume)

    @property
    def searchable(self) -> bool:
        return bool(self.surnames) and len(self.parts.title.split()) >= 3

    @property
    def fully_specified(self) -> bool:
        """Authors, title, journal, year, and a volume or page range written as a journal's: the
        shape of the scholarly works Crossref and OpenAlex hold (a newspaper, web page, book or
        report absent from them says nothing)."""
        p = self.parts
        return bool(self.surnames and p.title and p.year and p.venue and not _WEB.search(p.venue)
                    and (self.pages or _volume_shown(p.text, p.volume)))

    def place(self) -> str:
        if self.where == "reference":
            return f"reference item {int(self.label) + 1}"
        return f"footnote {self.label}" + (f" ('{_shorten(self.text, 60)}')" if self.several else "")


@dataclass
class Outcome:
    kind: str  # match | other-work | not-found | unsure
    record: object = None
    searched: str = ""  # the registries asked, for the message


def _volume_shown(text: str, volume: str) -> bool:
    """The volume stands where journals put it: "vol. 7", "7(3)", "(2011) 48 Journal", "4, no. 2"
    (not a day of "Retrieved 5 November", which a loose parse may take for one)."""
    if not volume:
        return False
    v = re.escape(volume)
    shapes = (rf"\bvol(?:ume)?\.?\s*{v}\b", rf"\b{v}\s*\(\s*[\w/\u2013-]{{1,9}}\s*\)", rf"\)\s*{v}\s+[*_]?[A-Z]",
              rf"\b{v},?\s+no\.\s*\d")
    return any(re.search(shape, text) for shape in shapes)


def cited_pages(text: str, volume: str = "") -> str:
    """The page range a citation gives ("pp. 12-34", "24(3), 12-34", "(2019): 12-34"), or "".
    A number after a bare comma is not taken: in legal style "48 J 128, 130-31" it is a pin cite."""
    anchors = [r"\bpp?\.\s*", r"\(\s*(?:[^()]{0,30}\s)?(?:1[5-9]|20)\d\d\)\s*:\s*"]
    if volume:
        anchors.append(r"\b" + re.escape(volume) + r"\s*(?:\(\s*[^()]{1,12}\))?\s*[,:]\s*")
    for anchor in anchors:
        match = re.search(anchor + _PAGES, text)
        if match:
            return match.group(1)
    return ""


def unheld_works(ctx) -> list[Unheld]:
    """The document's full citations that resolve to no library entry, in document order."""
    from litcheck.scan.resolve.references import parse_reference
    from litcheck.scan.resolve.scoring import match_reference
    from litcheck.scan.works import surnames_of

    found = []
    for label, pieces in ctx.note_pieces().items():
        fulls = [p for p in pieces if p.kind == "full"]
        note = ctx.doc.footnotes[label]
        for piece in fulls:
            if match_reference(piece.text, ctx.index).key is None:
                found.append(Unheld("footnote", label, piece.text, piece.parts, piece.surnames, note.line,
                                    several=len(pieces) > 1))
    for i, (item, match) in enumerate(zip(ctx.doc.references, ctx.resolution.references)):
        if match.key is None:
            parts = match.parts or parse_reference(item.text)
            found.append(Unheld("reference", str(i), item.text, parts, surnames_of(parts.authors), item.line))
    return sorted(found, key=lambda w: w.line)


def look_up(fetcher, work: Unheld) -> Outcome:
    """What the registries hold for one cited work."""
    from litcheck.online.resolvers import by_doi, crossref_search, openalex_search

    if doi := work.doi:
        record = by_doi(fetcher, doi)
        if record is None:
            return Outcome("not-found", searched="Crossref or OpenAlex")
        if work.parts.title and _title_fit(work.parts.title, record.title) < SAME_TITLE:
            return Outcome("other-work", record)
        return Outcome("match", record)
    title, year = work.parts.title, work.parts.year
    seen = []
    for search, name in ((lambda: crossref_search(fetcher, title, work.surnames[0], year), "Crossref"),
                         (lambda: openalex_search(fetcher, title), "OpenAlex")):
        records = search()
        seen += records
        confident = [r for r in records if _title_fit(title, r.title) >= SAME_TITLE and _authors_agree(work, r)
                     and r.kind not in _NOT_WORKS and not _NOTICE.match(r.title)]
        if confident:  # a version dated as cited, else the published one rather than a preprint
            best = max(confident, key=lambda r: (year in (r.years or [r.year]), r.kind != "posted-content",
                                                 _title_fit(title, r.title)))
            return Outcome("match", best)
    plausible = any(_plausible(title, r.title) for r in seen)
    return Outcome("unsure" if plausible else "not-found", searched="Crossref or OpenAlex")


SAME_TITLE = 0.85  # as `verify`: a record's title this close names the same work
# records that carry a work's title without being it: notices about it, reviews of it, its parts
_NOTICE = re.compile(r"(?i)(?:correction|erratum|corrigendum|retraction|retracted|expression of concern|withdrawn?)\b")
_NOT_WORKS = {"peer-review", "component", "grant"}


def _title_fit(cited: str, theirs: str) -> float:
    """Title similarity, allowing either side to leave out the subtitle."""
    from litcheck.online.resolvers import title_similarity

    return max(title_similarity(a, b) for a in {cited, _main(cited)} for b in {theirs, _main(theirs)} if a and b)


def _plausible(cited: str, theirs: str) -> bool:
    """Close enough that the work may exist as cited: a doubt must not rest on a title the
    parse ran into the venue, or a record that adds words to it."""
    from rapidfuzz import fuzz

    from litcheck.library.latex import fold

    return _title_fit(cited, theirs) >= PLAUSIBLE or fuzz.token_set_ratio(fold(cited), fold(theirs)) >= 80


def _main(title: str) -> str:
    head = re.split(r"[:?.]\s", title, maxsplit=1)[0]
    return head if len(head.split()) >= 3 else title


def _authors_agree(work: Unheld, record) -> bool:
    from litcheck.library.latex import fold

    if not record.families:
        return True
    theirs = {word for family in record.families for word in re.findall(r"\w+", fold(family))}
    return any(word in theirs for s in work.surnames for word in re.findall(r"\w+", fold(s)))  # "Shakeri Hossein Abad"


def flags_for(ctx, work: Unheld, outcome: Outcome, rule_ids) -> list:
    """The flags one look-up gives (at the note or item, naming the lines that cite it)."""
    from litcheck.online.records import RETRACTING
    from litcheck.online.verify import Cited, compare

    record, place = outcome.record, work.place()
    out = []
    if outcome.kind == "match" and "citation-mismatch" in rule_ids:
        p = work.parts
        title = "" if _title_fit(p.title, record.title) >= 0.97 else p.title  # a left-out subtitle is no error
        venue = p.venue if record.source == "crossref" else ""  # OpenAlex may name a repository, not the journal
        found = compare(Cited(title, p.year, "", venue, p.volume, "", work.pages), record)
        if found:
            source = _source(record)
            out.append(_flag(ctx, work, "citation-mismatch",
                             f"{place} gives " + ", ".join(f"{d.field} {_show(d.library)} ({source}: {_show(d.registry)})"
                                                           for d in found)
                             + f"; checked against {source}" + _doi(record)))
    if outcome.kind == "match" and record.retracted and "doubtful-source" in rule_ids:
        notices = "; ".join(f"{u.kind} {u.doi} {u.date}".strip() for u in record.updates if u.kind in RETRACTING)
        out.append(_flag(ctx, work, "doubtful-source",
                         f"{place}: {_source(record)} records this work as retracted"
                         + (f" ({notices})" if notices else "") + f"; checked against {_source(record)}" + _doi(record)))
    elif outcome.kind == "other-work" and "citation-mismatch" in rule_ids:
        out.append(_flag(ctx, work, "citation-mismatch",
                         f"{place} gives doi:{work.doi}, which {_source(record)} registers to another work: "
                         f"'{_shorten(record.title, 90)}' ({record.year})"))
    elif outcome.kind == "not-found" and "doubtful-source" in rule_ids:
        if work.doi:
            out.append(_flag(ctx, work, "doubtful-source",
                             f"{place}: nothing is registered under doi:{work.doi} in {outcome.searched}; "
                             "check the DOI and that the work exists as cited"))
        elif work.fully_specified:
            out.append(_flag(ctx, work, "doubtful-source",
                             f"{place}: nothing matching this citation was found in {outcome.searched} "
                             "(searched by title, first author and year); check that the work exists as cited"))
    return out


def _flag(ctx, work: Unheld, rule_id: str, message: str):
    if work.where == "reference":
        return ctx.flag_at_reference(rule_id, int(work.label), message, evidence=work.text)
    return ctx.flag_at_note(rule_id, work.label, message, evidence=work.text)


def _doi(record) -> str:
    return f", doi:{record.doi}" if record.doi else ""


def _source(record) -> str:
    return {"crossref": "Crossref", "openalex": "OpenAlex", "openlibrary": "Open Library"}.get(record.source, record.source)


def _show(value: str) -> str:
    return value if re.fullmatch(r"[\w.\- \u2013]{1,20}", value) else f"'{_shorten(value, 90)}'"


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


@dataclass(eq=False)
class RegistryCheck:
    """The look-ups one scan makes, shared by its documents and carried to worker processes:
    each process builds its own Fetcher (an HTTP client and a SQLite connection must not cross
    a fork or a pickle) over the one response cache, which SQLite keeps consistent between them."""

    settings: object  # OnlineSettings
    store_path: object = None  # the response cache (None: kept for the run only)
    limit: int = DEFAULT_LIMIT
    progress: object = None  # wraps the look-ups for a progress bar (in the command's own process only)
    _fetcher: object = field(default=None, init=False, repr=False, compare=False)
    _pid: int = field(default=0, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict:
        return {**self.__dict__, "progress": None, "_fetcher": None, "_pid": 0}

    def fetcher(self):
        if self._fetcher is None or self._pid != os.getpid():
            from litcheck.online.fetch import Fetcher
            from litcheck.online.store import ResponseStore

            self._fetcher, self._pid = Fetcher(self.settings, ResponseStore(self.store_path)), os.getpid()
        return self._fetcher

    def check(self, ctx, result, rules, budget=None) -> None:
        """Add the registry flags for `result`'s document, with notices saying what was left out.
        `budget` (the document's Deadline.check) stops the look-ups, not the document, when the
        time allowed for it (--timeout) runs out: the flags found so far stand."""
        from litcheck.online.fetch import OnlineError, Unreachable
        from litcheck.scan.pipeline import ScanTimeout
        from litcheck.scan.rules import in_document_order

        rule_ids = {r.id for r in rules} & set(RULES)
        works = [w for w in unheld_works(ctx) if w.doi or w.searchable] if rule_ids else []
        keys = list(dict.fromkeys(_key(w) for w in works))
        if len(keys) > self.limit:
            result.notices.append(f"{result.path}: {len(keys)} cited works are not in the library; the first "
                                  f"{self.limit} were looked up (raise --lookups to check more)")
            wanted = set(keys[:self.limit])
            works = [w for w in works if _key(w) in wanted]
        outcomes: dict[str, Outcome] = {}
        flags = []
        for work in (self.progress(works) if self.progress else works):
            key = _key(work)
            if key not in outcomes:
                stopped = f"{result.path}: registry look-ups stopped after {len(outcomes)} of {min(len(keys), self.limit)} works"
                try:
                    if budget is not None:
                        budget()
                    outcomes[key] = look_up(self.fetcher(), work)
                except Unreachable:
                    raise
                except ScanTimeout:
                    result.notices.append(f"{stopped}: the document's time budget ran out (raise it with --timeout)")
                    break
                except OnlineError as exc:
                    result.notices.append(f"{stopped}: {exc}")
                    break
            flags += flags_for(ctx, work, outcomes[key], rule_ids)
        if flags:
            result.flags = in_document_order(result.flags + flags)

    def close(self) -> None:
        if self._fetcher is not None and self._pid == os.getpid():
            self._fetcher.close()
        self._fetcher = None


def _key(work: Unheld) -> str:
    from litcheck.library.latex import fold

    return work.doi or " ".join(fold(work.parts.title).split())


def registry_check(settings, lookups: int, workers: int = 1):
    """The RegistryCheck of a `scan --online` run over `workers` processes (None when no look-up
    is wanted): the per-host rate is shared between them, so the registries see the rate the
    settings promise, however many processes scan."""
    from litcheck.online.store import store_path

    if lookups <= 0:
        return None
    shared = replace(settings, online=True, rate=settings.rate / max(1, workers))
    return RegistryCheck(shared, store_path(), lookups)
