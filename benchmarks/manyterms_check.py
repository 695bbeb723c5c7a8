"""Queries of several words: the stored best hits (`index.manyterms`) against FTS5's bm25 over
every match, on a real library. For each query it prints whether the stored lists answered,
whether the answer (keys, scores, order, count) is identical to FTS5's, and both times.

    python benchmarks/manyterms_check.py FILE.bib [--queries N] [--common N] [--limit 10] [QUERY ...]

Without queries it makes N (default 300) from the library itself, seeded: two or three words
of one title, a common word beside a word of a title, pairs of common words, and phrases;
with --common, N queries of two or three prefixes that each match a fifth of the rows or more
(the ones stored lists of best rows alone could seldom decide).
Not a test: it prints figures and counts, and exits 1 if any answer differed.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path


def _queries(conn, library, n: int) -> list[str]:
    rng = random.Random(19)
    common = [p for (p,) in conn.execute("SELECT prefix FROM top_hits WHERE hits >= 5000 ORDER BY prefix")]
    keys = sorted(library.entries)
    words = []
    for key in rng.sample(keys, min(len(keys), 4 * n)):
        found = re.findall(r"[a-z]{3,}", library.entries[key].get("title", "").lower())
        if len(found) >= 3:
            words.append(found)
    out = []
    for i in range(n):
        title = words[i % len(words)]
        kind = i % 5
        if kind == 0:
            out.append(" ".join(rng.sample(title, 2)))
        elif kind == 1:
            out.append(" ".join(rng.sample(title, 3)))
        elif kind == 2:
            out.append(f"{rng.choice(common)} {rng.choice(title)}")
        elif kind == 3:
            out.append(" ".join(rng.sample(common, 2)))
        else:
            j = rng.randrange(len(title) - 1)
            out.append(f'"{title[j]} {title[j + 1]}" {rng.choice(common)}')
    return out


def _common_queries(conn, n: int) -> list[str]:
    rng = random.Random(1919)
    rows = conn.execute("SELECT rows FROM top_sizes").fetchone()[0]
    common = [p for (p,) in conn.execute("SELECT prefix FROM top_hits WHERE hits * 5 >= ? ORDER BY prefix", (rows,))]
    return [" ".join(rng.sample(common, 2 + i % 2)) for i in range(n)]


def main() -> int:
    from litcheck.index import fulltext
    from litcheck.index.manyterms import top_of_many
    from litcheck.library.core import load_library
    from litcheck.listing.search import OTHER_FIELD, WEIGHTS, _weight_class, parse_query

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path, help="a .bib file (its index is built first when missing)")
    ap.add_argument("queries", nargs="*", help="queries to compare (default: made from the file)")
    ap.add_argument("--queries", dest="n", type=int, default=300, metavar="N", help="how many queries to make")
    ap.add_argument("--common", type=int, default=0, metavar="N", help="make N queries of very common prefixes instead")
    ap.add_argument("--limit", type=int, default=10, help="hits asked for, as `search --limit`")
    args = ap.parse_args()
    library = load_library([args.file], None)
    weights = fulltext.column_weights(WEIGHTS, OTHER_FIELD)
    conn = fulltext.open_index(library, _weight_class, weights)
    folded = lambda keys: fulltext.folded_rows(library, _weight_class, keys)  # noqa: E731
    queries = args.queries or (_common_queries(conn, args.common) if args.common else _queries(conn, library, args.n))
    answered = differed = 0
    fast, slow, rows = [], [], []
    for query in queries:
        terms = parse_query(query)
        t = time.perf_counter()
        mine = top_of_many(conn, terms, weights, args.limit, folded, fulltext.match_expression)
        t_mine = time.perf_counter() - t
        t = time.perf_counter()
        theirs = fulltext.ranked(conn, terms, weights, args.limit)
        t_fts = time.perf_counter() - t
        same = mine is None or (mine[1] == theirs[1] and [tuple(r) for r in mine[0]] == [tuple(r) for r in theirs[0]])
        answered += mine is not None
        differed += not same
        if mine is not None:
            fast.append(t_mine)
            slow.append(t_fts)
        rows.append(f"| `{query}` | {theirs[1]:,} | {'yes' if mine else 'no'} | {'' if same else 'DIFFERS'} "
                    f"| {t_mine * 1000:.1f} | {t_fts * 1000:.1f} |")
    print("| query | matches | answered from lists | | lists ms | FTS5 ms |\n|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"\n{len(queries)} queries, limit {args.limit}: {answered} answered from the stored lists, "
          f"{differed} differed from FTS5")
    if fast:
        print(f"answered ones: median {statistics.median(fast) * 1000:.1f} ms (lists) against "
              f"{statistics.median(slow) * 1000:.1f} ms (FTS5); slowest {max(fast) * 1000:.1f} ms")
    return 1 if differed else 0


if __name__ == "__main__":
    sys.exit(main())
