"""Warm `search` on adversarial queries: a seeded random set of queries made to be slow, by class,
with the median, 95th percentile and maximum CPU and wall time of each class.

    python benchmarks/search_adversarial.py FILE.bib [--per-class N] [--seed S] [--runs R] [--cli]

The queries are made from the library's own full-text index (its words and how many rows
each is in), `--per-class` of each class (default 30: 300 queries):

- common-words: three to eight whole words each in a fifth of the rows or more;
- common-prefixes: four to eight prefixes each in a fifth of the rows or more, most of one to
  three characters (`a b c th`);
- common-phrases: two to four consecutive words of a title, abstract or address, every word
  in a fifth of the rows or more (`"of the"`, `"university of utah"`);
- phrase+prefixes: such a phrase and one to four common prefixes;
- single-letters: one to six single letters or digits;
- non-ascii: words of the library written with accents or other letters outside ASCII, alone
  or beside a common word;
- match-all: one to five words or prefixes that every row matches, or a phrase every row has;
- match-nothing: common words beside a word no row has, or a phrase of common words in an
  order no row has;
- long-words: words of more than twelve characters, with or without a common word.

Each query is run once (the first search of a query may store decoded values for the next),
then `--runs` times; a query's figure is the median of its runs. In-process (default): CPU
(`time.process_time`) and wall time of `search_page(library, query, 10)` and the shown hits'
matching lines. With `--cli`: the whole command as a user runs it (`python -m litcheck search
--bib FILE QUERY --limit 10`), CPU of the child process (user + system) and wall.
Not a test: it prints figures, it does not assert.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

CLASSES = ("common-words", "common-prefixes", "common-phrases", "phrase+prefixes", "single-letters",
           "non-ascii", "match-all", "match-nothing", "long-words")


def _vocabulary(conn) -> tuple[int, dict[str, int]]:
    """Rows in the index, and word -> rows that have it (FTS5's own vocabulary)."""
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, fts, row)")
    rows = conn.execute("SELECT max(id) FROM docs").fetchone()[0]
    return rows, dict(conn.execute("SELECT term, doc FROM vocab"))


def _runs_of_common(library, common: set[str], rng, n: int) -> list[list[str]]:
    """Runs of two to four consecutive common words from the text of randomly drawn entries."""
    from litcheck.library.latex import quick_fold

    keys = sorted(library.entries)
    runs: list[list[str]] = []
    for key in rng.sample(keys, min(len(keys), 400)):
        entry = library.entries[key]
        for field in ("title", "abstract", "address", "note", "journal"):
            words = re.findall(r"[^\W_]+", quick_fold(entry.get(field, "")))
            for i in range(len(words) - 1):
                size = rng.randint(2, 4)
                run = words[i:i + size]
                if len(run) >= 2 and all(w in common for w in run):
                    runs.append(run)
        if len(runs) >= 4 * n:
            break
    return runs


def _non_ascii_words(library, rng) -> list[str]:
    """Words of the library written with letters outside ASCII (decoded from LaTeX accents)."""
    keys = sorted(library.entries)
    found: set[str] = set()
    for key in rng.sample(keys, min(len(keys), 3000)):
        entry = library.entries[key]
        for field in ("author", "title"):
            text = entry.text(field) if field == "title" else " ".join(n.display for n in entry.authors)
            found.update(w for w in re.findall(r"[^\W_\d]+", text) if not w.isascii())
    return sorted(found)


def make_queries(library, conn, per_class: int, seed: int) -> list[tuple[str, str]]:
    """(class, query) pairs, `per_class` of each class in `CLASSES`, seeded."""
    rng = random.Random(seed)
    rows, vocab = _vocabulary(conn)
    common_words = sorted(w for w, n in vocab.items() if n * 5 >= rows)
    everywhere = sorted(w for w, n in vocab.items() if n == rows)
    prefixes: dict[str, int] = {}
    for word, n in vocab.items():  # a prefix is in at least as many rows as any word it starts
        for size in range(1, min(len(word), 6) + 1):
            prefixes[word[:size]] = max(prefixes.get(word[:size], 0), n)
    common_prefixes = sorted(p for p, n in prefixes.items() if n * 5 >= rows)
    short_prefixes = [p for p in common_prefixes if len(p) <= 3]
    letters = sorted(p for p in prefixes if len(p) == 1 and p.isascii())
    runs = _runs_of_common(library, set(common_words), rng, per_class)
    everywhere_runs = [r for r in runs if all(w in everywhere for w in r)] or [[w] for w in everywhere]
    non_ascii = _non_ascii_words(library, rng) or ["müller"]
    long_words = sorted(w for w, n in vocab.items() if len(w) > 12 and w.isalpha())
    absent = [w for w in ("zqxv", "xyzzyq", "qqqqz", "jjjxw", "vvkqz") if not any(t.startswith(w) for t in vocab)]

    def phrase(run):
        return '"' + " ".join(run) + '"'

    makers = {
        "common-words": lambda: " ".join(rng.sample(common_words, rng.randint(3, 8))),
        "common-prefixes": lambda: " ".join(rng.sample(short_prefixes, rng.randint(2, 5))
                                            + rng.sample(common_prefixes, rng.randint(1, 3))),
        "common-phrases": lambda: phrase(rng.choice(runs)),
        "phrase+prefixes": lambda: " ".join([phrase(rng.choice(runs)), *rng.sample(short_prefixes, rng.randint(1, 4))]),
        "single-letters": lambda: " ".join(rng.sample(letters, rng.randint(1, 6))),
        "non-ascii": lambda: " ".join(rng.sample(non_ascii, rng.randint(1, 2))
                                      + rng.sample(common_words, rng.randint(0, 2))),
        "match-all": lambda: (phrase(rng.choice(everywhere_runs)) if rng.random() < 0.3
                              else " ".join(rng.sample(everywhere, rng.randint(1, 5)))),
        "match-nothing": lambda: (" ".join([*rng.sample(common_words, rng.randint(1, 4)), rng.choice(absent)])
                                  if rng.random() < 0.6 else phrase(rng.sample(common_words, 3))),
        "long-words": lambda: " ".join(rng.sample(long_words, 1) + rng.sample(common_words, rng.randint(0, 3))),
    }
    return [(name, makers[name]()) for name in CLASSES for _ in range(per_class)]


def _in_process(library, query: str) -> tuple[float, float]:
    from litcheck.listing.search import search_page

    cpu, wall = time.process_time(), time.perf_counter()
    hits, _ = search_page(library, query, 10)
    [h.matches[0].head(110) for h in hits if h.matches]  # the shown lines are part of the answer
    return time.process_time() - cpu, time.perf_counter() - wall


def _cli(path: Path, query: str) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    subprocess.run([sys.executable, "-m", "litcheck", "search", "--bib", str(path), query, "--limit", "10"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, wall


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    from litcheck.index import fulltext
    from litcheck.library.core import load_library
    from litcheck.listing.search import OTHER_FIELD, WEIGHTS, _weight_class, search_page

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path)
    ap.add_argument("--per-class", type=int, default=30, help="queries of each class")
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--runs", type=int, default=3, help="timed runs per query (its median is its figure)")
    ap.add_argument("--cli", action="store_true", help="time the whole `litcheck search` command")
    ap.add_argument("--show", type=int, default=1, help="slowest queries printed per class")
    args = ap.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user runs it: bytecode cached
    library = load_library([args.file], None)
    search_page(library, "index", 1)  # builds the full-text index when missing or stale
    conn = fulltext.open_index(library, _weight_class, fulltext.column_weights(WEIGHTS, OTHER_FIELD))
    queries = make_queries(library, conn, args.per_class, args.seed)
    conn.close()
    run = (lambda q: _cli(args.file, q)) if args.cli else (lambda q: _in_process(library, q))
    figures: dict[str, list[tuple[float, float, str]]] = {name: [] for name in CLASSES}
    for name, query in queries:
        run(query)
        times = [run(query) for _ in range(args.runs)]
        figures[name].append((statistics.median(t[0] for t in times), statistics.median(t[1] for t in times), query))
    load = open("/proc/loadavg").read().split()[:3] if os.path.exists("/proc/loadavg") else ["?"]
    print(f"{args.file.name}: {len(library.entries):,} entries; {len(queries)} queries (seed {args.seed}), "
          f"{'whole command' if args.cli else 'in process'}, median of {args.runs} runs each; "
          f"load average {' '.join(load)}")
    print("| class | queries | CPU median | CPU p95 | CPU max | wall median | wall p95 | wall max | slowest (CPU) |")
    print("|---|---|---|---|---|---|---|---|---|")
    every = []
    for name in CLASSES:
        rows = figures[name]
        every += rows
        cpu, wall = [r[0] for r in rows], [r[1] for r in rows]
        slowest = sorted(rows, reverse=True)[:args.show]
        print(f"| {name} | {len(rows)} | {statistics.median(cpu):.4f} | {_p95(cpu):.4f} | {max(cpu):.4f} "
              f"| {statistics.median(wall):.4f} | {_p95(wall):.4f} | {max(wall):.4f} "
              f"| {'; '.join(f'`{q}` {c:.4f}' for c, _, q in slowest)} |")
    cpu, wall = [r[0] for r in every], [r[1] for r in every]
    print(f"| all | {len(every)} | {statistics.median(cpu):.4f} | {_p95(cpu):.4f} | {max(cpu):.4f} "
          f"| {statistics.median(wall):.4f} | {_p95(wall):.4f} | {max(wall):.4f} | |")


if __name__ == "__main__":
    main()
