"""Search time inside one process, apart from start-up and loading: how long the full-text
index takes to answer, query by query, once it is built.

    python benchmarks/search_queries.py FILE.bib [QUERY ...]

Loads the library (warm when its cache exists), runs one search that builds the full-text
index if it is missing or stale (timed separately), then times `search_page(..., limit=10)`
and the shown hits' matching lines for each query (median of 5 runs) and prints the figures.
Not a test: it prints, it does not assert.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

QUERIES = ["salmon migration", '"stock assessment" model', "fish", "fisheries", "the", "a", "fish a", "zzzz"]


def main() -> None:
    from litcheck.library.core import load_library
    from litcheck.listing.search import search_page

    path = Path(sys.argv[1])
    queries = sys.argv[2:] or QUERIES
    started = time.perf_counter()
    library = load_library([path], None)
    loaded = time.perf_counter()
    search_page(library, "index", 1)  # builds the index when it is missing or stale
    print(f"{path.name}: {len(library.entries):,} entries; load {loaded - started:.3f} s; "
          f"full-text index ready in {time.perf_counter() - loaded:.3f} s")
    print("| query | matches | median s (5 runs) |\n|---|---|---|")
    for query in queries:
        times = []
        for _ in range(5):
            t = time.perf_counter()
            hits, total = search_page(library, query, 10)
            [h.matches for h in hits]  # the shown lines are part of the answer
            times.append(time.perf_counter() - t)
        print(f"| `{query}` | {total:,} | {statistics.median(times):.3f} |")


if __name__ == "__main__":
    main()
