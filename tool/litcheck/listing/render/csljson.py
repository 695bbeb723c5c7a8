"""CSL-JSON: the items pandoc/citeproc, Zotero and Mendeley read (organisations as `literal`).

The items carry the work's data only (see `litcheck.listing.csl`); `--annotate` adds the note's
summary as `annote`, and an unverified work says so in `note`."""

from __future__ import annotations

from litcheck.library.entry import released
from litcheck.cli.jsonout import stream_json_array
from litcheck.listing.csl import to_csl
from litcheck.listing.render.common import UNVERIFIED_NOTE, unverified

FORMAT = "csl-json"


def item(entry, library=None, options=None) -> dict:
    from litcheck.listing.render.summaries import summary_plain

    data = to_csl(entry)
    if unverified(entry):
        data["note"] = f"{data['note']}. {UNVERIFIED_NOTE}" if data.get("note") else UNVERIFIED_NOTE
    if options is not None and options.annotate:
        text = summary_plain(library, entry.key)
        if text:
            data["annote"] = text
    if options is not None and options.keywords and entry.keywords:
        data["keyword"] = ", ".join(entry.keywords)
    return data


def stream(reading, library=None, options=None):
    return stream_json_array(item(e, library, options) for e in released(reading.entries()))


def render(reading, library=None, options=None) -> str:
    return "".join(stream(reading, library, options))
