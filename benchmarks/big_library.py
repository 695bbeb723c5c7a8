"""Time and peak memory of whole litcheck processes on one big library (issues 11 and 19):
a cold `check` (empty cache folder), a warm `search`, and a `list --format json` export.

    python benchmarks/big_library.py FILE.bib [--code DIR] [--runs 5] [--only check,search,list]

Each command runs in its own process (`python -m litcheck`) with its own cache folder; the
peak is the process's largest resident set (getrusage, children included: pandoc, the parser's
second process). `--code DIR` runs the litcheck package found in DIR (a checkout's `tool/`
folder, e.g. from `git archive`) instead of the installed one, so the same script prints the
figures before and after a change. Warm figures are medians of `--runs` runs after one run
that fills the caches. Not a test: it prints, it does not assert.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(args: list[str], env: dict, timeout: float) -> tuple[float, float, int | None]:
    """(wall seconds, peak MB of the process and the children it waited for, exit status;
    None when it was stopped after `timeout`)."""
    import threading

    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "litcheck", *args], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    _, status, usage = os.wait4(proc.pid, 0)
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    code = None if proc.returncode == -9 else proc.returncode
    return time.perf_counter() - start, usage.ru_maxrss / 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bib", type=Path)
    parser.add_argument("--code", help="run the litcheck package in this folder (PYTHONPATH)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--only", default="check,search,list")
    parser.add_argument("--query", default="salmon migration")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    with tempfile.TemporaryDirectory(prefix="litcheck-big-") as tmp:
        env = dict(os.environ, LITCHECK_CACHE_DIR=str(Path(tmp) / "cache"), NO_COLOR="1")
        if args.code:
            env["PYTHONPATH"] = str(Path(args.code).resolve())
        notes = Path(tmp) / "notes"
        notes.mkdir()
        lib = ["--bib", str(args.bib), "--notes", str(notes)]
        size = args.bib.stat().st_size
        bound = 2 * size / 2**20 + 200  # issue 11: at most twice the input plus 200 MB

        def memory(peak: float) -> str:
            return f"peak {peak:.0f} MB (bound {bound:.0f} MB: {'within' if peak <= bound else 'OVER'})"

        print(f"{args.bib.name}: {size / 1e6:.1f} MB; code: {args.code or 'installed'}; "
              f"load average {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
        if "check" in wanted:
            wall, peak, code = run(["check", *lib], env, args.timeout)
            print(f"cold check: {wall:.2f} s, {memory(peak)}, exit {code}")
        if "search" in wanted:
            query = args.query.split()
            run(["search", *lib, *query, "--limit", "10"], env, args.timeout)  # builds the index
            walls = [run(["search", *lib, *query, "--limit", "10"], env, args.timeout)[0] for _ in range(args.runs)]
            print(f"warm search {args.query!r}: median {statistics.median(walls):.3f} s, "
                  f"best {min(walls):.3f} s ({args.runs} runs)")
        if "list" in wanted:
            wall, peak, code = run(["list", *lib, "--format", "json", "--style", "none"], env, args.timeout)
            print(f"list --format json --style none: {wall:.2f} s, {memory(peak)}, exit {code}")


if __name__ == "__main__":
    main()
