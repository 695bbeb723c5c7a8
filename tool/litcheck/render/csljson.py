"""CSL-JSON: the items pandoc/citeproc, Zotero and Mendeley read (organisations as `literal`)."""

from __future__ import annotations

import json

from litcheck.csl import to_csl_items


def render(reading, library, style=None) -> str:
    return json.dumps(to_csl_items(reading.entries()), ensure_ascii=False, indent=2) + "\n"
