"""BibLaTeX export in Biber's default data model (`biber --tool --validate-datamodel`: no warnings).

Type choices, by what the library records (`sourcekind` first, then the BibTeX type):
- reports (official, NGO, industry, working papers) are `@report` with `institution` and a `type`
  (the record's own, else "Report"). biblatex's @report has no `isbn` (only `isrn`), so a report
  published with an ISBN is a `@book` with the institution as `publisher`: that is how biblatex
  describes a book-length publication of a body, and the ISBN stays in `isbn`.
- laws, treaties and court decisions are `@misc` with `entrysubtype` legislation / treaty /
  jurisdiction. The data model declares `@legislation` and friends but allows them no fields
  (not even `title`), so Biber flags every field of such an entry, and biblatex's standard styles
  print them as @misc anyway.
- web pages with a URL are `@online`; signed news reports `@article` with `entrysubtype =
  {newspaper}` (an @article needs an author; unsigned news is `@misc`);
  press releases `@misc` with `type = {Press release}`; theses `@thesis` with type phdthesis/mathesis.
- dates are ISO `date`/`urldate`; organisation authors stay double-braced as stored. A work with
  no known date gets no `date`: biblatex has no value meaning "no date" (its unspecified forms,
  such as 199X, still name a decade), and its default labeldate falls back to the `nodate`
  string ("n.d.") when the field is absent. Biber's data-model check reports the absence as a
  warning, which is true; inventing a date to silence it would not be.
A value with no field in the chosen type is left out (the `bib` format keeps every field).
"""

from __future__ import annotations

from litcheck.listing.csl import entry_url, issued_parts, parse_date
from litcheck.listing.render.bib import add_litcheck_extras

FORMAT = "biblatex"

_COMMON = {"author", "editor", "title", "date", "urldate", "url", "doi", "language", "note", "keywords",
           "annotation", "entrysubtype", "langid"}
# Fields of Biber's default data model (biber-tool.conf) that we fill, per entry type.
FIELDS = {
    "article": {"journaltitle", "volume", "number", "pages", "issn", "series"},
    "book": {"publisher", "location", "isbn", "edition", "series", "number", "volume", "pages", "chapter"},
    "collection": {"publisher", "location", "isbn", "edition", "series", "number", "volume", "pages"},
    "incollection": {"booktitle", "publisher", "location", "isbn", "edition", "series", "number", "volume",
                     "pages", "chapter"},
    "inproceedings": {"booktitle", "publisher", "location", "isbn", "series", "number", "volume", "pages",
                      "organization"},
    "report": {"type", "institution", "number", "location", "pages", "chapter"},
    "thesis": {"type", "institution", "location", "pages", "chapter"},
    "misc": {"howpublished", "organization", "location", "type"},
    "online": {"organization"},
    "unpublished": {"howpublished", "location", "type"},
    "dataset": {"organization", "publisher", "location", "number", "edition", "series", "type"},
}
_LEGAL = {"law": "legislation", "treaty": "treaty", "court-decision": "jurisdiction"}
_REPORT_KINDS = {"official-report", "ngo-report", "industry-report", "working-paper"}
# litcheck's own fields and the curators' `note`: never written as data (see bib.py)
_PRIVATE = {"note", "keywords", "annotation", "sourcekind", "verification", "discrepancy", "nocheck"}
_RENAMED = {"journal": "journaltitle", "address": "location", "school": "institution"}


def _kind_type(entry, raw: dict) -> str:
    etype, kind = entry.type.lower(), entry.kind
    if kind in _LEGAL:
        return "misc"
    if kind == "news":
        return "article" if raw.get("author") and (raw.get("howpublished") or raw.get("journal")) else "misc"
    if kind == "web-article" and entry_url(entry):
        return "online"
    if kind == "dataset":
        return "dataset"
    if kind == "press-release":
        return "misc"
    if etype in ("phdthesis", "mastersthesis", "thesis"):
        return "thesis"
    if etype in ("techreport", "report") or (etype == "misc" and kind in _REPORT_KINDS):
        body = raw.get("institution") or raw.get("publisher") or raw.get("organization")
        if raw.get("isbn") and body:
            return "book"
        return "report" if raw.get("author") and body else "misc"
    if etype == "book":
        return "book" if raw.get("author") else "collection" if raw.get("editor") else "misc"
    if etype in ("incollection", "inbook"):
        return "incollection" if raw.get("booktitle") else "misc"
    if etype in ("inproceedings", "conference"):
        return "inproceedings" if raw.get("booktitle") else "misc"
    if etype == "article":
        return "article" if raw.get("journal") or raw.get("journaltitle") else "misc"
    if etype == "unpublished":
        return "unpublished"
    if etype == "online":
        return "online" if entry_url(entry) else "misc"
    return "misc"


def _iso(parts) -> str:
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts)) if parts else ""


def biblatex_fields(entry, library=None, options=None) -> tuple[str, dict[str, str]]:
    """(biblatex type, {field: value}) for one entry, every field valid for the type."""
    raw = {name: value for name, value in entry.fields.items() if value.strip()}
    btype = _kind_type(entry, raw)
    fields: dict[str, str] = {}
    for name in ("author", "editor", "title"):
        if raw.get(name):
            fields[name] = raw[name]
    for name, value in raw.items():
        if name not in _PRIVATE:
            fields.setdefault(_RENAMED.get(name, name), value)
    body = raw.get("institution") or raw.get("publisher") or raw.get("organization")
    if btype == "report":
        fields["institution"] = body
        fields.setdefault("type", "Report")
    elif btype == "book" and not raw.get("publisher") and body:
        fields["publisher"] = body
    elif btype == "thesis":
        fields["type"] = "mathesis" if entry.type.lower() == "mastersthesis" else "phdthesis"
    elif btype in ("misc", "online", "dataset"):
        if body and not raw.get("organization"):
            fields["organization"] = body
        if entry.kind in _LEGAL:
            fields["entrysubtype"] = _LEGAL[entry.kind]
        elif entry.kind == "press-release":
            fields.setdefault("type", "Press release")
    elif btype == "article" and entry.kind == "news":
        fields["entrysubtype"] = "newspaper"
        fields.setdefault("journaltitle", raw.get("howpublished", ""))
    date = _iso(issued_parts(entry))
    fields["date"] = date
    fields["urldate"] = _iso(parse_date(raw.get("urldate", "")))
    fields["url"] = entry_url(entry)
    allowed = _COMMON | FIELDS[btype]
    out = {name: value for name, value in fields.items() if name in allowed and value.strip()}
    add_litcheck_extras(out, entry, library, options, note="note", annotation="annotation")
    return btype, out


def entry_biblatex(entry, library=None, options=None) -> str:
    btype, fields = biblatex_fields(entry, library, options)
    width = max((len(n) for n in fields), default=0)
    lines = [f"@{btype}{{{entry.key},"]
    lines += [f"  {name.ljust(width)} = {{{value}}}," for name, value in fields.items()]
    lines.append("}")
    return "\n".join(lines) + "\n"


def stream(reading, library=None, options=None):
    from litcheck.listing.render.common import records

    head = f"% {reading.title}\n% Exported by litcheck for biblatex (Biber's default data model).\n\n"
    return records(head, reading.entries(), lambda entry: entry_biblatex(entry, library, options))


def render(reading, library=None, options=None) -> str:
    return "".join(stream(reading, library, options))
