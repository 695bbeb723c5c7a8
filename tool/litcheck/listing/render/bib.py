"""BibTeX export that classic BibTeX (plain.bst) accepts without warnings.

- Only the work's bibliographic data is written, each value in its standard field (an ISBN in
  `isbn`, never folded into another field). litcheck's own fields (sourcekind, verification,
  discrepancy, nocheck, annotation) and the curators' `note` (what was checked, private remarks)
  are dropped; `keywords` only when asked. Biblatex users get `--format biblatex` (biblatex.py),
  which follows Biber's data model instead.
- Raw values are written as stored, so organisation authors stay `{{...}}` and accents stay TeX.
- An entry that lacks a field its type requires in plain.bst (an @article without journal, a
  @techreport without institution, ...) is written as @misc, which requires nothing, so BibTeX
  does not warn and no value is lost (the extra fields are kept for biblatex users).
- Entries without author (laws, anonymous pages) get a `key` field, which BibTeX styles sort by.
- Month names are written as the standard macros (`month = mar`), which both programs expand.
"""

from __future__ import annotations

import re

from litcheck.library.entry_types import REQUIRED

FORMAT = "bib"

# Bibliographic fields BibTeX's standard styles know, plus those common styles (plainnat, apalike)
# and every reference manager read. `note` is not among them: in this library it holds the
# curators' remarks, not publication details.
STANDARD_FIELDS = (
    "author", "editor", "title", "booktitle", "journal", "year", "month", "date", "edition", "volume",
    "number", "series", "chapter", "pages", "publisher", "institution", "school", "organization",
    "address", "howpublished", "type", "doi", "isbn", "issn", "url", "urldate", "key",
)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/(\d{4}(-\d{2}(-\d{2})?)?)?)?$")


def _has(fields: dict, need) -> bool:
    if isinstance(need, tuple):
        return any(fields.get(n, "").strip() for n in need)
    return bool(fields.get(need, "").strip())


def export_type(entry_type: str, fields: dict) -> str:
    """The entry type to write: the original when plain.bst has everything it needs, else misc."""
    etype = entry_type.lower()
    if etype not in REQUIRED:
        return "misc"
    if all(_has(fields, need) for need in REQUIRED.get(etype, ())):
        return etype
    return "misc"


def _month(value: str) -> str | None:
    text = value.strip().strip("{}").lower()
    if text.isdigit() and 1 <= int(text) <= 12:
        return _MONTHS[int(text) - 1]
    if text[:3] in _MONTHS and (len(text) == 3 or text.startswith(_MONTHS)):
        return text[:3]
    return None


def export_fields(entry, library=None, options=None) -> tuple[str, dict[str, str]]:
    """(type, {field: raw value}) ready to write; unquoted month macros are marked by a leading '\\0'."""
    fields = {name: entry.fields[name] for name in STANDARD_FIELDS if entry.fields.get(name, "").strip()}
    etype = export_type(entry.type, fields)
    if etype in ("book", "inbook") and fields.get("author") and fields.get("editor"):
        fields.pop("editor")  # plain.bst: "can't use both author and editor fields"
    if etype in ("book", "inbook", "incollection", "inproceedings") and fields.get("number") and not fields.get("series"):
        number = fields.pop("number")  # plain.bst: "there's a number but no series"
        fields["note"] = f"{fields['note']}. No. {number}" if fields.get("note") else f"No. {number}"
    if etype in ("book", "inbook", "incollection", "inproceedings") and fields.get("volume") and fields.get("number"):
        fields.pop("number")  # plain.bst: "can't use both volume and number fields"
    if "month" in fields:
        month = _month(fields["month"])
        if month:
            fields["month"] = "\0" + month
        else:
            fields.pop("month")  # a free-text month would make Biber warn; the date field keeps it
    if etype == "misc" and not fields.get("howpublished"):
        # plain.bst prints howpublished for @misc: let the venue or body show there
        venue = next((n for n in ("journal", "booktitle", "institution", "publisher", "school") if fields.get(n)), None)
        if venue:
            fields["howpublished"] = fields.pop(venue)
    for name in ("date", "urldate"):
        if name in fields and not _ISO_DATE.match(fields[name].strip()):
            fields.pop(name)  # Biber warns about any date that is not ISO 8601
    if not fields.get("author") and not fields.get("editor") and not fields.get("key"):
        fields["key"] = _sort_key(entry)
    add_litcheck_extras(fields, entry, library, options, note="note", annotation="annote")
    return etype, fields


def add_litcheck_extras(fields: dict, entry, library, options, note: str, annotation: str) -> None:
    """What the user asked for on top of the data: the unverified mark (in `note`, whose value is
    never private text here), the note's summary as an annotation, the topics as keywords."""
    from litcheck.editing.bibwrite import escape_latex
    from litcheck.listing.render.common import UNVERIFIED_NOTE, unverified
    from litcheck.listing.render.summaries import summary_plain

    if unverified(entry):
        fields[note] = f"{fields[note]}. {UNVERIFIED_NOTE}" if fields.get(note) else UNVERIFIED_NOTE
    if options is not None and options.annotate:
        text = summary_plain(library, entry.key)
        if text:
            fields[annotation] = escape_latex(text, annotation)
    if options is not None and options.keywords and entry.keywords:
        fields["keywords"] = ", ".join(entry.keywords)


def _sort_key(entry) -> str:
    org = next((n.literal for n in entry.creators if n.is_organisation), "")
    text = org or entry.title or entry.key
    return re.sub(r"[{}\\]", "", text)[:60].strip()


def entry_bibtex(entry, library=None, options=None) -> str:
    etype, fields = export_fields(entry, library, options)
    width = max((len(n) for n in fields), default=0)
    lines = [f"@{etype}{{{entry.key},"]
    for name, value in fields.items():
        rendered = value[1:] if value.startswith("\0") else "{" + value + "}"
        lines.append(f"  {name.ljust(width)} = {rendered},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def stream(reading, library=None, options=None):
    from litcheck.listing.render.common import records

    head = f"% {reading.title}\n% Exported by litcheck: standard BibTeX fields only.\n\n"
    return records(head, reading.entries(), lambda entry: entry_bibtex(entry, library, options))


def render(reading, library=None, options=None) -> str:
    return "".join(stream(reading, library, options))
