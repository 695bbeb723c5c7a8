"""CSV (via pandas): one row per entry with the columns people sort and filter on in a spreadsheet.

Any text cell a spreadsheet would run as a formula (first character, after any spaces, `=`,
`+`, `-`, `@`, `|`, their fullwidth forms `＝＋－＠`, tab or carriage return) is prefixed with an
apostrophe, the OWASP-recommended neutralisation.
"""

from __future__ import annotations

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


def rows(reading, library, style: str | None) -> list[dict]:
    entries = reading.entries()
    formatted = format_all(entries, style, ("plain",), cite=False)
    sections = reading.sections_of()
    out = []
    for e in entries:
        out.append({
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
        })
    return out


def render(reading, library, options) -> str:
    style = options.style
    import pandas as pd

    frame = pd.DataFrame(rows(reading, library, style), columns=COLUMNS)
    frame["year"] = frame["year"].astype("Int64")  # whole years, blank when unknown
    text_columns = [c for c in COLUMNS if c not in ("year", "line")]
    for column in text_columns:
        frame[column] = frame[column].map(neutralise)
    return frame.to_csv(index=False, lineterminator="\n")
