"""Cold load against bibtexparser's parse of the same file, run after run (issue 19's target:
at most 0.3x bibtexparser, peak memory at most bibtexparser's).

    python benchmarks/cold_load.py FILE.bib [--runs 3] [--code DIR ...]

Each run parses FILE with `bibtexparser.parse_file`, then loads it with litcheck from an empty
cache folder (`load_library`: parse, write the index, read the library from it) once per code
folder given (`--code`: a checkout's `tool/` folder, e.g. from `git archive`; default: the
installed package), each in its own process. It prints wall time, CPU time (user + system of
the process and the children it waited for: the parser's second process) and peak resident
memory, the ratios to bibtexparser's run just before, and the load average. On a shared
machine CPU time depends far less on the neighbours than wall time. Not a test: it prints.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOAD = ("import sys; from pathlib import Path; from litcheck.library.core import load_library; "
        "print(len(load_library([Path(sys.argv[1])], None, use_cache=True).entries))")
BTP = "import sys, bibtexparser; print(len(bibtexparser.parse_file(sys.argv[1]).entries))"


def run(code: str, path: Path, env: dict) -> tuple[float, float, float, str]:
    """(wall s, CPU s, peak MiB, output) of `python -c code path`."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    out = proc.stdout.read().decode().strip()
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bib", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", action="append", default=[], help="a litcheck package folder (repeatable)")
    args = parser.parse_args()
    codes = args.code or [""]
    with tempfile.TemporaryDirectory(prefix="litcheck-cold-") as tmp:
        for n in range(1, args.runs + 1):
            load = os.getloadavg()[0]
            wall, cpu, peak, out = run(BTP, args.bib, dict(os.environ))
            print(f"run {n}  load {load:.2f}  bibtexparser: {wall:.2f} s wall, {cpu:.2f} s CPU, {peak:.0f} MiB ({out} entries)")
            for code in codes:
                cache = Path(tmp) / "cache"
                shutil.rmtree(cache, ignore_errors=True)
                env = dict(os.environ, LITCHECK_CACHE_DIR=str(cache))
                if code:
                    env["PYTHONPATH"] = str(Path(code).resolve())
                w, c, p, o = run(LOAD, args.bib, env)
                print(f"run {n}  load {os.getloadavg()[0]:.2f}  litcheck {code or '(installed)'}: {w:.2f} s wall, "
                      f"{c:.2f} s CPU, {p:.0f} MiB ({o} entries); ratio wall {w / wall:.3f}, CPU {c / cpu:.3f}, "
                      f"peak {p / peak:.2f}", flush=True)


if __name__ == "__main__":
    main()
