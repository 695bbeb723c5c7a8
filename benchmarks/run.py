"""Benchmarks: litcheck against bibtexparser 2 and pybtex on real and synthetic libraries.

    pip install -e '.[bench]'           # adds pybtex
    python benchmarks/run.py            # every file in ../shared/bench + a synthetic 200k library
    python benchmarks/run.py --quick    # small files only, one run each
    python benchmarks/run.py --markdown docs/benchmarks.md

Every figure is a whole process (start-up, imports and exit included), timed with a monotonic
clock; the median of --runs runs is shown. "Cold" is the first load with an empty cache
directory (parse + writing the index); "warm" commands run once the index exists. Peak memory
is the largest resident set of the process (getrusage of the child). Reference parsers run
with a per-run time limit (--timeout); a run that hits it shows "timeout".

This is not a test: it prints figures. It needs nothing but the package (and pybtex for that
column); the synthetic library is generated in a temporary directory.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_BENCH = ROOT.parent / "shared" / "bench"
PY = sys.executable

LOAD = "import sys; from pathlib import Path; from litcheck.library.core import load_library; " \
       "lib = load_library([Path(p) for p in sys.argv[1:]], None, use_cache={cache}); print(len(lib.entries))"
BTP = "import sys, bibtexparser; lib = bibtexparser.parse_file(sys.argv[1]); print(len(lib.entries))"
PYBTEX = ("import sys, pybtex.errors; pybtex.errors.set_strict_mode(False); "
          "from pybtex.database import parse_file; print(len(parse_file(sys.argv[1], bib_format='bibtex').entries))")


def timed(cmd: list[str], env: dict, timeout: float, runs: int) -> tuple[float | None, float, str, float | None]:
    """Median wall time, peak RSS, output and median CPU time (user + system) over `runs` runs
    (a wrapper reports the child's). CPU time depends far less than wall time on other jobs
    sharing the machine."""
    walls, peaks, cpus, out = [], [], [], ""
    wrapper = [PY, "-c", _WRAP, str(timeout), *cmd]
    for _ in range(runs):
        proc = subprocess.run(wrapper, capture_output=True, text=True, env=env)
        lines = proc.stdout.rstrip("\n").split("\n")
        status = lines[-1].split() if lines else ["error"]
        if status[0] != "ok":
            return None, 0.0, status[0], None
        walls.append(float(status[1]))
        peaks.append(float(status[2]))
        cpus.append(float(status[3]))
        out = "\n".join(lines[:-1])
    return statistics.median(walls), max(peaks), out, statistics.median(cpus)


# Runs the command, then prints "ok WALL PEAK_MIB CPU" (or "timeout"/"error") as its last line.
_WRAP = r"""
import os, resource, subprocess, sys, time
limit, cmd = float(sys.argv[1]), sys.argv[2:]
t = time.monotonic()
p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    out, _ = p.communicate(timeout=limit)
except subprocess.TimeoutExpired:
    p.kill(); p.communicate(); print("timeout"); sys.exit()
wall = time.monotonic() - t
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
sys.stdout.write(out)
print(("ok %.4f %.1f %.4f" % (wall, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime))
      if p.returncode in (0, 1) else "error")
"""


def synthetic(path: Path, n: int, seed: int = 1) -> None:
    """A library of `n` entries in the style of refs/: organisations, topics, kinds, notes fields."""
    rng = random.Random(seed)
    topics = ["sex-trafficking", "labour-trafficking", "recruitment", "grooming", "sextortion", "csam",
              "live-streaming", "dark-web", "cryptocurrency", "statistics", "policing", "platforms"]
    orgs = ["{United Nations Office on Drugs and Crime}", "{Europol}", "{ECPAT International}",
            "{Internet Watch Foundation}", "{International Labour Organization}"]
    words = ("online child exploitation trafficking report global survey victims platforms data policing "
             "analysis review evidence network abuse detection market digital risk").split()
    kinds = ["official-report", "ngo-report", "peer-reviewed", "book", "news", "web-article"]
    states = ["confirmed", "partly", "unconfirmed"]
    with open(path, "w", encoding="utf-8") as out:
        out.write("@string{ieee = \"IEEE Transactions on Information Forensics\"}\n\n")
        for i in range(n):
            year = rng.randint(1990, 2025)
            title = " ".join(rng.choice(words) for _ in range(rng.randint(4, 12))).capitalize()
            if rng.random() < 0.3:
                author = rng.choice(orgs)
            else:
                author = " and ".join(f"{rng.choice(words).capitalize()}, {chr(65 + rng.randint(0, 25))}."
                                      for _ in range(rng.randint(1, 4)))
            kind = rng.choice(kinds)
            etype = {"peer-reviewed": "article", "book": "book"}.get(kind, "techreport" if "report" in kind else "misc")
            fields = [f"  author = {{{author}}}", f"  title = {{{title}}}", f"  year = {{{year}}}",
                      f"  keywords = {{{', '.join(rng.sample(topics, rng.randint(1, 3)))}}}",
                      f"  sourcekind = {{{kind}}}", f"  verification = {{{rng.choice(states)}}}"]
            if etype == "article":
                fields.append("  journal = ieee" if rng.random() < 0.2 else f"  journal = {{Journal of {rng.choice(words).capitalize()}}}")
                fields.append(f"  volume = {rng.randint(1, 60)}")
                fields.append(f"  pages = {{{rng.randint(1, 300)}--{rng.randint(301, 600)}}}")
            elif etype == "techreport":
                fields.append(f"  institution = {rng.choice(orgs)}")
            else:
                fields.append(f"  howpublished = {{\\url{{https://example.org/{i}}}}}")
            if rng.random() < 0.3:
                fields.append(f"  doi = {{10.{rng.randint(1000, 9999)}/{i}}}")
            out.write(f"@{etype}{{syn{i:06d}{rng.choice(words)},\n" + ",\n".join(fields) + "\n}\n\n")


def article(path: Path, keys: list[str], sentences: int = 2000, seed: int = 2) -> None:
    """A plain-text article with statistics, attributions and [@key] citations."""
    rng = random.Random(seed)
    lines = []
    for i in range(sentences):
        kind = i % 5
        if kind == 0:
            lines.append(f"Studies show that {rng.randint(2, 95)}% of victims were first contacted online.")
        elif kind == 1 and keys:
            lines.append(f"The report documents a sharp rise in cases [@{rng.choice(keys)}].")
        elif kind == 2:
            lines.append(f"In {rng.randint(1995, 2024)}, police identified {rng.randint(10, 9000)} new cases.")
        elif kind == 3:
            lines.append("This is the largest network ever found, according to reports.")
        else:
            lines.append("Platforms have since changed their policies on private messages.")
        if i % 8 == 7:
            lines.append("")
    path.write_text("\n".join(" ".join(lines[j:j + 4]) for j in range(0, len(lines), 4)) + "\n", encoding="utf-8")


def fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    return f"{value:.{digits}f}" if value < 100 else f"{value:.0f}"


def ratio(ref: float | None, ours: float | None) -> str:
    if ref is None or not ours:
        return ""
    return f" ({ref / ours:.1f}×)"


def bench_file(path: Path, args, env_base: dict, work: Path) -> dict:
    size = path.stat().st_size
    big = size > args.big_bytes
    runs_cold = 1 if big else args.runs
    cache = work / f"cache-{path.stem}"
    env = dict(env_base, LITCHECK_CACHE_DIR=str(cache))
    row = {"file": path.name, "bytes": size}

    # cold: empty cache each time (parse + write the index)
    colds, peaks = [], []
    for _ in range(runs_cold):
        subprocess.run(["rm", "-rf", str(cache)])
        wall, peak, out, _ = timed([PY, "-c", LOAD.format(cache=True), str(path)], env, args.timeout, 1)
        if wall is None:
            break
        colds.append(wall)
        peaks.append(peak)
        row["entries"] = int(out.split()[-1])
    row["cold"] = statistics.median(colds) if colds else None
    row["peak"] = max(peaks) if peaks else None
    row["nocache"], _, _, _ = timed([PY, "-c", LOAD.format(cache=False), str(path)], env, args.timeout, runs_cold)
    row["warm_load"], row["warm_peak"], _, _ = timed([PY, "-c", LOAD.format(cache=True), str(path)], env, args.timeout, args.runs)

    key = _first_key(path)
    lc = [PY, "-m", "litcheck"]
    topic = args.topic or _first_keyword(path)
    row["list"], _, _, row["list_cpu"] = timed([*lc, "list", "--bib", str(path), "--topic", topic, "--format", "md",
                               "--style", "none"], env, args.timeout, args.runs)
    row["show"], _, _, row["show_cpu"] = (timed([*lc, "show", "--bib", str(path), key], env, args.timeout, args.runs)
                                          if key else (None, 0, "", None))
    # Every query's first run builds the full-text index (once per library state); warm runs follow.
    row["searches"], row["searches_cpu"] = {}, {}
    for query in args.query:
        search = [*lc, "search", "--bib", str(path), *query.split(), "--limit", "10"]
        subprocess.run(search, capture_output=True, env=env)
        row["searches"][query], _, _, row["searches_cpu"][query] = timed(search, env, args.timeout, args.runs)
    found = [t for t in row["searches"].values() if t is not None]
    row["search"] = max(found) if found else None
    list_text = [*lc, "list", "--bib", str(path), "--text", args.list_text, "--format", "md", "--style", "none"]
    row["list_text"], _, out, row["list_text_cpu"] = timed(list_text, env, args.timeout, args.runs)
    row["list_text_n"] = out.count("\n- ") + out.startswith("- ")
    check = [*lc, "check", "--bib", str(path)]
    subprocess.run(check, capture_output=True, env=env)  # fills the cache of findings
    row["check"], _, _, row["check_cpu"] = timed(check, env, args.timeout, args.runs)
    row["help"], _, _, row["help_cpu"] = timed([*lc, "--help"], env, args.timeout, args.runs)
    row["scan"] = None
    if args.scan and _has_scan(env):
        doc = work / "article.txt"
        article(doc, [key] if key else [], args.sentences)
        scan = [*lc, "scan", "--bib", str(path), str(doc), "--format", "json"]
        wall, _, _, _ = timed(scan, env, args.timeout, 1)  # the first scan builds the scanner's index
        row["scan_cold"] = args.sentences / wall if wall else None
        wall, _, _, _ = timed(scan, env, args.timeout, 1)
        row["scan"] = args.sentences / wall if wall else None

    if not args.no_reference:
        row["btp"], row["btp_peak"], _, _ = timed([PY, "-c", BTP, str(path)], env, args.timeout, runs_cold)
        row["pybtex"], row["pybtex_peak"], _, _ = (timed([PY, "-c", PYBTEX, str(path)], env, args.timeout, runs_cold)
                                                   if _has_pybtex() else (None, 0.0, "", None))
    return row


def _first_key(path: Path) -> str | None:
    from litcheck.library.bibblocks import block_starts
    from litcheck.library.bibfile import decode_bytes

    text, _ = decode_bytes(path.read_bytes()[:200_000], str(path))
    import re

    for start in block_starts(text):
        m = re.match(r"@(\w+)\s*[{(]\s*([^,\s]+)\s*,", text[start:start + 300])
        if m and m.group(1).lower() not in ("string", "comment", "preamble"):
            return m.group(2)
    return None


def _first_keyword(path: Path) -> str:
    """A keyword the file uses (a library that is not litcheck's own is filtered by its own keywords)."""
    import re

    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            m = re.match(r'\s*keywords\s*=\s*["{]\s*([^,;"{}]+)', line, re.IGNORECASE)
            if m and m.group(1).strip():
                return m.group(1).strip()
    return "grooming"


def _has_pybtex() -> bool:
    try:
        import pybtex  # noqa: F401
    except ImportError:
        return False
    return True


def _has_scan(env) -> bool:
    return subprocess.run([PY, "-m", "litcheck", "scan", "--help"], capture_output=True, env=env).returncode == 0


def table(rows: list[dict], args) -> str:
    head = ["file", "entries", "MB", "cold load s", "no-cache parse s", "bibtexparser s (×)", "pybtex s (×)",
            "warm load s", "warm list --topic s", "warm show s", "warm search s", "warm list --text s",
            "warm check s", "--help s", "scan sent./s",
            "peak MiB litcheck / btp / pybtex"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [r["file"], f"{r.get('entries', 0):,}", f"{r['bytes'] / 1e6:.1f}", fmt(r["cold"]), fmt(r["nocache"]),
                 fmt(r.get("btp")) + ratio(r.get("btp"), r["cold"]),
                 fmt(r.get("pybtex")) + ratio(r.get("pybtex"), r["cold"]),
                 fmt(r["warm_load"], 3), fmt(r["list"], 3), fmt(r["show"], 3), fmt(r["search"], 3),
                 fmt(r["list_text"], 3), fmt(r["check"], 3), fmt(r["help"], 3),
                 fmt(r["scan"], 0),
                 " / ".join(fmt(r.get(k), 0) if r.get(k) else "n/a" for k in ("peak", "btp_peak", "pybtex_peak"))]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def targets(r: dict, args) -> str:
    """Issue 19's targets, measured on the largest library of the run."""
    btp = r.get("btp")

    def wall_cpu(wall, cpu) -> str:
        return f"{fmt(wall, 3)} s ({fmt(cpu, 3)} s CPU)" if wall is not None else "n/a"

    rows = [("warm `search`: " + ", ".join(f"`{q}`" for q in args.query), "≤ 0.1 s",
             " / ".join(wall_cpu(t, r["searches_cpu"].get(q)) for q, t in r["searches"].items())),
            (f"warm `list --text {args.list_text} --style none` ({r.get('list_text_n', 0):,} entries)", "≤ 0.5 s",
             wall_cpu(r["list_text"], r.get("list_text_cpu"))),
            ("warm `list --topic` (a keyword of the file), `show KEY`, `--help`", "today's speed",
             " / ".join(wall_cpu(r[k], r.get(f"{k}_cpu")) for k in ("list", "show", "help"))),
            ("cold load time / bibtexparser's parse", "≤ 0.3×",
             f"{r['cold'] / btp:.2f}× ({fmt(r['cold'])} s / {fmt(btp)} s)" if btp and r["cold"] else "n/a"),
            ("cold load peak memory / bibtexparser's", "≤ 1×",
             f"{r['peak'] / r['btp_peak']:.2f}× ({fmt(r['peak'], 0)} / {fmt(r['btp_peak'], 0)} MiB)"
             if r.get("btp_peak") and r.get("peak") else "n/a"),
            ("warm `check`", "≤ 0.5 s", wall_cpu(r["check"], r.get("check_cpu"))),
            (f"`scan` of a {args.sentences:,}-sentence article (warm; the first scan, which builds the "
             "scanner's index, in brackets)", "≥ 1,000 sentences/s",
             f"{fmt(r['scan'], 0)} sentences/s ({fmt(r.get('scan_cold'), 0)})" if r.get("scan") else "n/a")]
    lines = [f"Targets of issue 19 on {r['file']} ({r.get('entries', 0):,} entries; wall time, median of "
             f"{args.runs} runs, and the CPU time of the same runs):", "",
             "| measure | target | measured |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help="folder of .bib files (default ../shared/bench)")
    parser.add_argument("--synthetic", type=int, default=200_000, help="entries in the generated library (0: none)")
    parser.add_argument("--runs", type=int, default=5, help="runs per warm command (median shown)")
    parser.add_argument("--big-bytes", type=int, default=20_000_000, help="files above this get one cold run")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds per run before giving up")
    parser.add_argument("--topic", help="`list --topic` value (default: the first keyword in each file)")
    parser.add_argument("--query", action="append",
                        help="search query (repeatable; default: a selective one, a common word and the one-letter "
                             "prefix `a`, which matches every entry)")
    parser.add_argument("--list-text", default="salmon", help="`list --text` query (about 5,700 works in the 100k file)")
    parser.add_argument("--sentences", type=int, default=2000, help="sentences in the scanned article")
    parser.add_argument("--no-scan", dest="scan", action="store_false")
    parser.add_argument("--no-reference", action="store_true", help="skip bibtexparser and pybtex")
    parser.add_argument("--quick", action="store_true", help="files under 5 MB, no synthetic library, 3 runs")
    parser.add_argument("--markdown", type=Path, help="also write the table (with machine details) here")
    parser.add_argument("files", nargs="*", type=Path, help="benchmark these files instead")
    args = parser.parse_args()
    if args.quick:
        args.synthetic, args.runs = 0, 3
    args.query = args.query or ["salmon migration", "fish", "a"]

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure an installed package: bytecode cached
    env.pop("LITCHECK_BIB", None)
    env.pop("LITCHECK_NOTES", None)
    if args.files:
        files = list(args.files)
    else:
        files = sorted(args.bench.glob("*.bib")) if args.bench.is_dir() else []
    if args.quick:
        files = [f for f in files if f.stat().st_size < 5_000_000]
    rows = []
    started, load = time.monotonic(), os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="litcheck-bench-") as tmp:
        work = Path(tmp)
        subprocess.run([PY, "-m", "litcheck", "--help"], capture_output=True, env=env)  # compile bytecode
        if args.synthetic:
            syn = work / f"synthetic-{args.synthetic // 1000}k.bib"
            synthetic(syn, args.synthetic)
            files = [*files, syn]
        for path in files:
            print(f"... {path.name}", file=sys.stderr, flush=True)
            rows.append(bench_file(path, args, env, work))
    text = table(rows, args) + "\n" + targets(max(rows, key=lambda r: r.get("entries", 0)), args) if rows else ""
    print(text)
    if args.markdown:
        import platform

        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        versions = []
        for name in ("bibtexparser", "pybtex"):
            try:
                from importlib.metadata import version

                versions.append(f"{name} {version(name)}")
            except Exception:
                pass
        note = (f"Machine: {cores} cores, {platform.machine()}, Python {platform.python_version()}, "
                f"{', '.join(versions)}; {time.strftime('%Y-%m-%d %H:%M')}; whole run {time.monotonic() - started:.0f} s; "
                f"load average {load[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.\n")
        args.markdown.write_text(note + "\n" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
