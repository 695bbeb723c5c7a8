"""Word and LibreOffice reading lists: the Markdown list (md.py) converted by pandoc.

One source for both: the same headings, formatted references, note summaries and verification
lines as the Markdown list, so the formats cannot drift apart. pandoc reads it with raw HTML, raw
TeX and citations switched off, so nothing in a title or note becomes markup or a citation.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

READER = "markdown-raw_html-raw_tex-raw_attribute-citations-yaml_metadata_block-implicit_figures"


def convert(reading, library, options, to: str) -> bytes:
    from litcheck.listing.render import md
    from litcheck.listing.styles import EngineError, pandoc_path

    text = md.render(reading, library, options)
    with tempfile.TemporaryDirectory(prefix="litcheck-doc-") as tmp:
        out = Path(tmp, f"list.{to}")
        cmd = [pandoc_path(), "-f", READER, "-t", to, "-o", str(out)]
        try:
            proc = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=300)
        except subprocess.TimeoutExpired:
            raise EngineError("pandoc took longer than 300 s to write the document") from None
        if proc.returncode != 0:
            raise EngineError(f"pandoc failed to write {to} (exit {proc.returncode}): "
                              f"{proc.stderr.decode('utf-8', 'replace').strip()[:500]}")
        return out.read_bytes()
