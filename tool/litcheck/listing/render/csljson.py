"""CSL-JSON: the items pandoc/citeproc, Zotero and Mendeley read (organisations as `literal`)."""

from __future__ import annotations

from litcheck.cli.jsonout import dump_json

from litcheck.listing.csl import to_csl_items


def render(reading, library, style=None) -> str:
    return dump_json(to_csl_items(reading.entries()))
