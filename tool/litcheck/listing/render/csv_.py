"""CSV (the standard library's csv writer, the dialect pandas writes): one row per entry with the columns people sort and filter on in a spreadsheet.

Any text cell a spreadsheet would run as a formula (first character, after any spaces, `=`,
`+`, `-`, `@`, `|`, their fullwidth forms `＝＋－＠`, tab or carriage return) is prefixed with an
apostrophe, the OWASP-recommended neutralisation.
"""

from __future__ import annotations

from litcheck.library.entry import released
from litcheck.listing.csl import entry_url
from litcheck.listing.render.common import format_all
from litcheck.listing.render.summaries import summary_plain
from litcheck.listing.select import entry_orgs

FORMAT = "csv"
STYLED = True  # entries are formatted in a citation style

COLUMNS = ["key", "year", "authors", "title", "venue", "kind", "verification", "topics", "organisations",
           "sections", "url", "doi", "reference", "summary", "file", "line"]
FORMULA_START = ("=", "+", "-", "@", "|", "\uff1d", "\uff0b", "\uff0d", "\uff20", "\t", "\r", "\n")


def neutralise(value):
    """A text cell that cannot start a spreadsheet formula; numbers and empty cells unchanged."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_START):
        return "'" + value
    return value


def rows(reading, library, style: str | None):
    """One dict per entry, made as it is asked for (a huge export holds one row at a time);
    the citation engine runs first, so its errors come before any output."""
    entries = reading.entries()
    formatted = format_all(entries, style, ("plain",), cite=False)
    sections = reading.sections_of()
    return (_row(e, library, formatted, sections) for e in released(entries))


def _row(e, library, formatted, sections) -> dict:
    return {
        "key": e.key,
        "year": e.year,
        "authors": "; ".join(n.display for n in e.authors),
        "title": e.title,
        "venue": e.venue,
        "kind": e.kind,
        "verification": e.status,
        "topics": ", ".join(e.keywords),
        "organisations": "; ".join(entry_orgs(e)),
        "sections": "; ".join(h for h in sections.get(e.key, []) if h),
        "url": entry_url(e),
        "doi": e.text("doi"),
        "reference": formatted[e.key].reference["plain"],
        "summary": summary_plain(library, e.key),
        "file": e.file,
        "line": e.line,
    }


def stream(reading, library, options):
    """The header, then one line per entry. Cells as pandas' `to_csv` wrote them before: quoted
    only when needed, a missing year or value empty, every text cell neutralised."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")

    def line(cells) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(cells)
        return buffer.getvalue()

    made = rows(reading, library, options.style)
    yield line(COLUMNS)
    for row in made:
        yield line(row[c] if c in ("year", "line") else neutralise(row[c]) for c in COLUMNS)


def render(reading, library, options) -> str:
    return "".join(stream(reading, library, options))
