"""RIS (Zotero, EndNote, Mendeley) via rispy.

RIS has no corporate-author marker: people are written `Family, Given`, organisations as their
full name with no comma, which Zotero and EndNote import as a single-field (institutional) name
instead of splitting it into given and family names.
"""

from __future__ import annotations

from litcheck.listing.csl import entry_url, howpublished_text, issued_parts, parse_date

FORMAT = "ris"

# BibTeX type -> RIS TY
_BY_TYPE = {"article": "JOUR", "book": "BOOK", "incollection": "CHAP", "inbook": "CHAP",
            "inproceedings": "CPAPER", "conference": "CPAPER", "proceedings": "CONF", "techreport": "RPRT",
            "phdthesis": "THES", "mastersthesis": "THES", "unpublished": "UNPB", "manual": "RPRT",
            "booklet": "PAMP", "online": "ELEC"}
# source kind -> RIS TY (wins over the entry type for @misc and friends)
_BY_KIND = {"law": "STAT", "treaty": "LEGAL", "court-decision": "CASE", "news": "NEWS", "web-article": "ELEC",
            "dataset": "DATA", "press-release": "GEN", "official-report": "RPRT", "ngo-report": "RPRT",
            "industry-report": "RPRT", "working-paper": "RPRT"}
_KIND_WINS = {"law", "treaty", "court-decision", "news", "web-article", "dataset", "press-release"}


def ris_type(entry) -> str:
    if entry.kind in _KIND_WINS:
        return _BY_KIND[entry.kind]
    return _BY_TYPE.get(entry.type.lower()) or _BY_KIND.get(entry.kind) or ("ELEC" if entry_url(entry) else "GEN")


def _ris_date(parts) -> str:
    """RIS DA/Y2: YYYY/MM/DD/ with empty parts allowed."""
    if not parts:
        return ""
    y, m, d = (list(parts) + [None, None])[:3]
    return f"{y}/{m:02d}/" + (f"{d:02d}/" if d else "/") if m else f"{y}///"


def to_ris(entry, library=None, options=None) -> dict:
    """One RIS record: the work's data; topics (KW) only when asked; N1 holds the unverified
    mark and, with --annotate, the note's summary as plain text (never the curators' `note`)."""
    from litcheck.listing.render.common import UNVERIFIED_NOTE, unverified
    from litcheck.listing.render.summaries import summary_plain

    text = entry.text
    ref: dict = {"type_of_reference": ris_type(entry), "id": entry.key}
    if entry.title:
        ref["title"] = entry.title
    authors = [n.display for n in entry.authors]
    if authors:
        ref["authors"] = authors
    editors = [n.display for n in entry.editors]
    if editors:
        ref["secondary_authors"] = editors
    if entry.year:
        ref["year"] = str(entry.year)
    issued = issued_parts(entry)
    if issued and len(issued) > 1:
        ref["date"] = _ris_date(issued)
    container = text("journal") or text("journaltitle") or text("booktitle")
    if container:
        ref["secondary_title"] = container
    publisher = text("publisher") or text("institution") or text("school") or text("organization")
    how = howpublished_text(entry)
    if publisher:
        ref["publisher"] = publisher
    elif how and ref["type_of_reference"] in ("RPRT", "GEN", "ELEC"):
        ref["publisher"] = how
    if entry.kind == "press-release":
        ref["type_of_work"] = "Press release"
    elif entry.get("type"):
        ref["type_of_work"] = text("type")
    if text("address"):
        ref["place_published"] = text("address")
    for bib_name, ris_name in (("volume", "volume"), ("number", "number"), ("edition", "edition"),
                               ("doi", "doi"), ("langid", "language"), ("series", "tertiary_title")):
        if entry.get(bib_name):
            ref[ris_name] = text(bib_name)
    if entry.get("isbn") or entry.get("issn"):
        ref["issn"] = text("isbn") or text("issn")  # RIS SN holds ISBN or ISSN
    pages = text("pages")
    if pages:
        start, _, end = pages.replace("\u2013", "-").partition("-")
        ref["start_page"] = start.strip()
        if end.strip("- "):
            ref["end_page"] = end.strip("- ")
    url = entry_url(entry)
    if url:
        ref["urls"] = [url]
    accessed = parse_date(entry.get("urldate"))
    if accessed:
        ref["access_date"] = _ris_date(accessed)
    if options is not None and options.keywords and entry.keywords:
        ref["keywords"] = entry.keywords
    notes = []
    if how and ref.get("publisher") != how:
        notes.append(how)
    if unverified(entry):
        notes.append(UNVERIFIED_NOTE)
    annotation = summary_plain(library, entry.key) if options is not None and options.annotate else ""
    if annotation:
        notes.append(annotation)
    if notes:
        ref["notes"] = notes
    return ref


def stream(reading, library=None, options=None):
    """One record at a time, laid out as `rispy.dumps` lays out the whole list (records
    separated by an empty line)."""
    import rispy

    from litcheck.listing.render.common import records

    class Writer(rispy.RisWriter):
        """rispy writes a `1.` line before every record; RIS readers expect none."""

        def set_header(self, count):
            return ""

    writer = Writer()
    return records("", reading.entries(), lambda entry: writer.formats([to_ris(entry, library, options)]))


def render(reading, library=None, options=None) -> str:
    return "".join(stream(reading, library, options))
