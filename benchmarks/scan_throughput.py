"""Scan throughput: sentences per second on a ~1 MB article built from our own test documents.

    python benchmarks/scan_throughput.py [SIZE_MB]

Builds an article by repeating tests/data/scan/footnoted.txt's body (footnote numbers shifted so
every copy has its own notes), scans it against the test library and prints the figures. Not a
unit test: it prints, it does not assert.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "scan"
SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def sup(n: int) -> str:
    return "".join(SUP[int(d)] for d in str(n))


def build(size_mb: float) -> str:
    body, notes = (DATA / "footnoted.txt").read_text(encoding="utf-8").split("\nNotes\n")
    body_parts, note_parts = [], []
    offset = 0
    while sum(map(len, body_parts)) + sum(map(len, note_parts)) < size_mb * 1_000_000:
        shift = lambda m: sup(int(m.group(0).translate(str.maketrans(SUP, "0123456789"))) + offset)
        body_parts.append(re.sub(f"[{SUP}]+", shift, body))
        note_parts.append(re.sub(f"(?m)^[{SUP}]+", shift, notes.strip()))
        offset += 5
    return "\n".join(body_parts) + "\nNotes\n\n" + "\n".join(note_parts) + "\n"


def main() -> None:
    size = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    from litcheck.scan.document import parse_document
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    text = build(size)
    library = load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False)
    scanner = Scanner(library)
    t0, c0 = time.perf_counter(), time.process_time()
    doc = parse_document(text, "bench.txt")
    t1, c1 = time.perf_counter(), time.process_time()
    result = scanner.scan_document(doc)
    t2, c2 = time.perf_counter(), time.process_time()
    n = len(doc.sentences)
    print(f"article: {len(text) / 1e6:.2f} MB, {n:,} sentences, {len(doc.footnotes):,} footnotes")
    print(f"read + segment: {t1 - t0:.2f} s ({n / (t1 - t0):,.0f} sentences/s)")
    print(f"citations + resolve + rules: {t2 - t1:.2f} s, {len(result.flags):,} flags")
    print(f"total: {t2 - t0:.2f} s = {n / (t2 - t0):,.0f} sentences/s")
    # on a shared machine the wall clock counts other jobs' time too; CPU time is this process's
    print(f"CPU: {c2 - c0:.2f} s = {n / (c2 - c0):,.0f} sentences/s (read + segment {c1 - c0:.2f} s)")


if __name__ == "__main__":
    main()
