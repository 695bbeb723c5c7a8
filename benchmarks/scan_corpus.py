"""Corpus scan benchmark (issue 15): documents per minute on 1 and 2 cores, with peak memory.

    python benchmarks/scan_corpus.py                 # 1,000 generated documents, --jobs 1 and 2
    python benchmarks/scan_corpus.py --count 200 --jobs 1 2 4

Generates a corpus of short articles from the scanner's test documents (tests/data/scan:
footnoted, author-date and numeric citation styles), each one a different mix of their
paragraphs (repeated to a few KB) with its figures changed, as .txt and .md files in a temporary folder. Then runs
`litcheck scan FOLDER --format jsonl --jobs N` against the test library, once per N, each in
its own process, and prints wall time, documents per minute and the peak resident memory of the
largest process (the parent or one pool worker, from wait4). The first run warms the index
cache, so each figure is a warm run. It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "scan"
SOURCES = ["footnoted.txt", "authordate.md", "numeric.txt"]


def build_corpus(folder: Path, count: int, seed: int = 15) -> int:
    """Write `count` documents; return their total size in bytes."""
    rng = random.Random(seed)
    texts = {name: (DATA / name).read_text(encoding="utf-8") for name in SOURCES}
    total = 0
    for n in range(count):
        name = SOURCES[n % len(SOURCES)]
        source = texts[name]
        m = re.search(r"\n(?:#+ )?(?:Notes|References)\n", source)
        body, tail = (source[:m.start()], source[m.start():]) if m else (source, "")
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        head, rest = paragraphs[:1], paragraphs[1:] * rng.randrange(2, 6)  # 2-5 copies: a few KB, like an article
        rng.shuffle(rest)
        keep = rest[: max(2, len(rest) - rng.randrange(0, 3))]
        text = "\n\n".join(head + keep)
        text = re.sub(r"\b(\d{2,3})(?=%| per cent| children| victims)", lambda m: str(int(m.group(1)) + rng.randrange(1, 9)), text)
        doc = text + "\n" + tail
        path = folder / f"{n // 100:02d}" / f"article-{n:04d}{Path(name).suffix}"
        path.parent.mkdir(exist_ok=True)
        path.write_text(doc, encoding="utf-8")
        total += len(doc.encode())
    return total


def run(folder: Path, jobs: int, cache: Path) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB of the largest process, exit status) of one scan."""
    cmd = [sys.executable, "-m", "litcheck", "scan", str(folder), "--format", "jsonl", "--jobs", str(jobs),
           "--bib", str(DATA / "lib.bib"), "--notes", str(DATA / "notes")]
    env = {**os.environ, "LITCHECK_CACHE_DIR": str(cache)}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    return seconds, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="litcheck-corpus-") as tmp:
        folder, cache = Path(tmp, "corpus"), Path(tmp, "cache")
        folder.mkdir()
        size = build_corpus(folder, args.count)
        print(f"corpus: {args.count} documents, {size / 1e6:.2f} MB, in {folder}")
        run(folder, max(args.jobs), cache)  # warm the index cache
        print(f"{'jobs':>4}  {'seconds':>8}  {'docs/min':>9}  {'peak MB':>8}  exit")
        for jobs in args.jobs:
            seconds, peak, code = run(folder, jobs, cache)
            print(f"{jobs:>4}  {seconds:>8.1f}  {args.count / seconds * 60:>9.0f}  {peak:>8}  {code}")


if __name__ == "__main__":
    main()
