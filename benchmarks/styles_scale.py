"""How long a large reading list takes in a citation style: split runs against one pandoc run.

    python benchmarks/styles_scale.py [--bib ../shared/bench/zotero-bbt-export-7k.bib] [--big 5000] [--pair 2000]

Prints, on real entries (a Zotero Better BibTeX export of 7,166 works):
- `--big` works formatted in APA the way `litcheck list` does it (runs split by first name, in
  parallel on every core), and the number of runs;
- `--pair` works formatted both ways, split and as one pandoc run, the ratio of the times, and
  whether the two outputs are identical.
Each figure is wall time and CPU time (this process and its pandoc children): on a machine shared
with other jobs the wall time says more about the neighbours than about litcheck, while CPU time
divided by the cores is what an idle machine would take. The load average is printed too.
A benchmark, not a test: it prints figures and asserts nothing about time.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

DEFAULT_BIB = Path(__file__).resolve().parents[1] / ".." / "shared" / "bench" / "zotero-bbt-export-7k.bib"


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timed:
    def __init__(self, func):
        cpu, start = _cpu(), time.perf_counter()
        self.result = func()
        self.wall, self.cpu = time.perf_counter() - start, _cpu() - cpu

    def __str__(self) -> str:
        return f"{self.wall:.1f} s wall, {self.cpu:.1f} s CPU ({self.cpu / (os.cpu_count() or 1):.1f} s per core)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bib", default=str(DEFAULT_BIB))
    parser.add_argument("--style", default="apa")
    parser.add_argument("--big", type=int, default=5000)
    parser.add_argument("--pair", type=int, default=2000)
    args = parser.parse_args()

    from litcheck.library.core import load_library
    from litcheck.listing.csl import to_csl_items
    from litcheck.listing.styles import format_entries, split_groups

    library = load_library([Path(args.bib)], None, use_cache=False)
    items = to_csl_items(list(library))
    print(f"{Path(args.bib).name}: {len(items):,} works; {os.cpu_count()} cores; style {args.style}; "
          f"load average {os.getloadavg()[0]:.1f}")

    big = items[:args.big]
    run = Timed(lambda: format_entries(big, args.style, ("markdown",), cite=False))
    print(f"{len(big):,} works, split runs ({len(split_groups(big))} runs), as `list --format md`: {run}")

    pair = items[:args.pair]
    split = Timed(lambda: format_entries(pair, args.style))
    whole = Timed(lambda: format_entries(pair, args.style, split=False, timeout=7200))
    print(f"{len(pair):,} works, split runs ({len(split_groups(pair))} runs): {split}")
    print(f"{len(pair):,} works, one pandoc run: {whole}")
    print(f"split / one run: {split.wall / whole.wall:.2f} of the wall time, {split.cpu / whole.cpu:.2f} of the CPU "
          f"time; outputs identical: {split.result == whole.result}; load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
