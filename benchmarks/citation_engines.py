"""Benchmark: pandoc's citeproc against citeproc-py on the bundled library (docs/citation-engine.md).

Not a test. Needs `pip install citeproc-py` (citeproc-py is not a litcheck dependency).
Run from the checkout: `python benchmarks/citation_engines.py`. Prints one line per style and size:
seconds for a whole bibliography in each engine, then the year suffixes each produced.
"""

from __future__ import annotations

import copy
import re
import time
import warnings

from litcheck.listing.csl import to_csl_items
from litcheck.library.core import load_library
from litcheck.library.paths import resolve_bib_paths
from litcheck.listing.styles import STYLES, format_entries, style_path

warnings.filterwarnings("ignore")


def citeproc_py(items, style):
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    locale = STYLES[style].locale
    sty = CitationStylesStyle(str(style_path(style)), validate=False, **({"locale": locale} if locale else {}))
    bib = CitationStylesBibliography(sty, CiteProcJSON(items), formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    return [str(x) for x in bib.bibliography()]


def pandoc(items, style):
    return [f.reference["plain"] for f in format_entries(items, style, ("plain",)).values()]


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def suffixes(refs):
    return sorted(set(re.findall(r"\b(?:19|20)\d\d[a-z]\b", " ".join(refs))))


def main():
    items = to_csl_items(load_library(resolve_bib_paths([]), None, use_cache=False))
    big = []
    for i in range(500):
        item = copy.deepcopy(items[i % len(items)])
        item["id"] = f"{item['id']}x{i}"
        big.append(item)
    print(f"library: {len(items)} entries")
    print(f"{'style':10} {'entries':>7} {'pandoc s':>9} {'citeproc-py s':>14}")
    for style in STYLES:
        for data in (items, big):
            tp, rp = timed(pandoc, data, style)
            tc, rc = timed(citeproc_py, data, style)
            print(f"{style:10} {len(data):>7} {tp:>9.2f} {tc:>14.2f}")
        print(f"  suffixes pandoc: {suffixes(pandoc(items, style))}  citeproc-py: {suffixes(citeproc_py(items, style))}")


if __name__ == "__main__":
    main()
