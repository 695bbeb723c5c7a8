"""Hostile-input benchmark (issues 11 and 20): time and peak memory of litcheck on crafted input.

    python benchmarks/hostile.py                     # every case, 60 s limit per command
    python benchmarks/hostile.py --only note --timeout 20
    python benchmarks/hostile.py --markdown out.md   # also write the table as Markdown

Each case builds its files in a fresh temporary folder (library, notes, saved lists, cache
folder), then runs one or more litcheck commands on them, each in its own process with a time
limit and an address-space limit (--max-mb, so a memory bomb fails instead of exhausting the
machine). Per command it prints the wall time, the peak resident memory of the process, the exit
status and what happened: "ok" (finished), "TIMEOUT", "MEMORY" (hit the address-space limit),
"TRACEBACK" (a Python traceback reached the user), plus case-specific findings such as
"CODE RAN" (a crafted cache file executed code) or "WROTE OUTSIDE" (a planted symlink made litcheck
write outside its cache folder).

The goal the issues set: every case finishes within 2 s per MB of input and under 300 MB, or is
refused with a clear message in that time (issue 20); its peak resident memory is at most twice
its input plus 200 MB (issue 11: the "bound" and "within" columns). The load average of the
machine is printed before and after. This script prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

PY = sys.executable
LITCHECK = [PY, "-m", "litcheck"]

ENTRY = "@misc{{{key},\n  title = {{{title}}},\n  author = {{Doe, Jane}},\n  year = {{2020}}\n}}\n\n"
SMALL_BIB = "".join(ENTRY.format(key=f"work{i}", title=f"A report on topic {i}") for i in range(20))


@dataclass
class Run:
    label: str  # the command as shown in the table
    args: list[str]
    size: int = 0  # bytes of hostile input this command reads (for the s/MB figure)
    probe: object = None  # callable(folder) -> extra outcome text ("" when nothing to say)


@dataclass
class Case:
    name: str
    issue: str
    build: object  # callable(folder) -> list[Run]
    runs: list[Run] = field(default_factory=list)


def library(folder: Path, bib: str = SMALL_BIB) -> tuple[Path, Path]:
    """A small library (refs.bib and an empty notes/ with lists/) inside `folder`."""
    (folder / "notes" / "lists").mkdir(parents=True)
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    (folder / "notes" / "work0.md").write_text("---\ntitle: A note\n---\nSee [@work1, p. 2].\n", encoding="utf-8")
    return folder / "refs.bib", folder / "notes"


def lib_args(folder: Path) -> list[str]:
    return ["--bib", str(folder / "refs.bib"), "--notes", str(folder / "notes")]


# ---------------------------------------------------------------------------------------------
# Issue 20, item 2: YAML in reading lists and notes
# ---------------------------------------------------------------------------------------------

def _laughs(depth: int = 9) -> str:
    """Billion-laughs anchors: 10 aliases per level, `depth` levels (10**depth leaves)."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, depth):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines)


def list_laughs_sections(folder: Path) -> list[Run]:
    library(folder)
    text = _laughs() + "\ntitle: bomb\nsections: [*a8]\n"
    (folder / "notes/lists/bomb.yaml").write_text(text)
    return [Run("list --from", ["list", *lib_args(folder), "--from", "bomb"], len(text))]


def list_laughs_title(folder: Path) -> list[Run]:
    library(folder)
    text = _laughs() + "\ntitle: *a8\nsections:\n  - heading: x\n    keys: *a8\n"
    (folder / "notes/lists/bomb.yaml").write_text(text)
    return [Run("list --from", ["list", *lib_args(folder), "--from", "bomb"], len(text))]


def list_deep(folder: Path) -> list[Run]:
    library(folder)
    n = 100_000
    text = "title: deep\nsections:\n  - heading: x\n    filter: " + "[" * n + "]" * n + "\n"
    (folder / "notes/lists/deep.yaml").write_text(text)
    return [Run("list --from", ["list", *lib_args(folder), "--from", "deep"], len(text))]


def list_bad_filter(folder: Path) -> list[Run]:
    library(folder)
    text = "title: odd\nsections:\n  - heading: x\n    filter: [1, 2]\n"
    (folder / "notes/lists/odd.yaml").write_text(text)
    return [Run("list --from", ["list", *lib_args(folder), "--from", "odd"], len(text))]


def list_oversized(folder: Path) -> list[Run]:
    library(folder)
    text = "title: big\nsections:\n  - heading: x\n    commentary: " + "words " * 4_000_000 + "\n    keys: [work1]\n"
    (folder / "notes/lists/big.yaml").write_text(text)
    return [Run("list --from", ["list", *lib_args(folder), "--from", "big", "--style", "none"], len(text))]


def note_laughs(folder: Path) -> list[Run]:
    library(folder)
    text = "---\n" + _laughs() + "\ntitle: *a8\n---\nBody.\n"
    (folder / "notes/work1.md").write_text(text)
    return [Run("check", ["check", *lib_args(folder)], len(text)),
            Run("show", ["show", *lib_args(folder), "work1"], len(text))]


def note_links_dense(folder: Path) -> list[Run]:
    library(folder)
    line = "See [@work1, p. 3] and [@work2] for the figures.\n"
    text = "---\ntitle: dense\n---\n" + line * (1_600_000 // len(line))
    (folder / "notes/work1.md").write_text(text)
    return [Run("check", ["check", *lib_args(folder)], len(text)),
            Run("list", ["list", *lib_args(folder), "--style", "none"], len(text))]


def note_links_under_limit(folder: Path) -> list[Run]:
    """Dense links just under the 1 MB note limit: loaded, so their cost shows."""
    library(folder)
    line = "See [@work1, p. 3] and [@work2] for the figures.\n"
    text = "---\ntitle: dense\n---\n" + line * (950_000 // len(line))
    (folder / "notes/work1.md").write_text(text)
    return [Run("check", ["check", *lib_args(folder)], len(text)),
            Run("show", ["show", *lib_args(folder), "work2"], len(text))]


def note_long_group(folder: Path) -> list[Run]:
    library(folder)
    text = "---\ntitle: group\n---\n[" + ";".join(f"@work{i % 20}" for i in range(300_000)) + "]\n"
    (folder / "notes/work1.md").write_text(text)
    return [Run("check", ["check", *lib_args(folder)], len(text)),
            Run("show", ["show", *lib_args(folder), "work2"], len(text))]


def note_huge(folder: Path) -> list[Run]:
    library(folder)
    line = "Prose about [@work3] and its sources, with more words than needed here.\n"
    text = "---\ntitle: huge\n---\n" + line * (51_000_000 // len(line))
    (folder / "notes/work1.md").write_text(text)
    return [Run("search", ["search", *lib_args(folder), "report"], len(text)),
            Run("list", ["list", *lib_args(folder), "--style", "none"], len(text))]


# ---------------------------------------------------------------------------------------------
# Issue 20, item 3: the cache folder
# ---------------------------------------------------------------------------------------------

class _Marker:
    """Unpickling this creates a file: proof that a cache file ran code."""

    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


def _warm(folder: Path, command: str) -> None:
    subprocess.run([*LITCHECK, command, *lib_args(folder)], env=_env(folder), capture_output=True, timeout=120)


def cache_pickle(folder: Path) -> list[Run]:
    """Replace every cache file by a pickle that would create a marker file if loaded."""
    library(folder)
    _warm(folder, "check")
    marker = folder / "CODE-RAN"
    payload = pickle.dumps(("x", _Marker(str(marker))))
    for path in list((folder / "cache").rglob("*")):
        if path.is_file():  # with and without the magic string of the old notes cache
            path.write_bytes((b"LITCHECK-INDEX\n" if "notes" in path.parts else b"") + payload)

    def probe(_):
        return "CODE RAN" if marker.exists() else ""
    return [Run("check", ["check", *lib_args(folder)], probe=probe)]


def cache_symlink(folder: Path) -> list[Run]:
    """Every cache file replaced by a symlink to a file outside the cache folder."""
    library(folder)
    _warm(folder, "check")
    victim = folder / "victim.txt"
    victim.write_text("precious\n")
    for path in list((folder / "cache").rglob("*")):
        if path.is_file():
            path.unlink()
            path.symlink_to(victim)
    (folder / "refs.bib").write_text(SMALL_BIB + ENTRY.format(key="extra", title="Changed"))  # force rewrites

    def probe(_):
        return "" if victim.read_bytes() == b"precious\n" else "WROTE OUTSIDE"
    return [Run("check", ["check", *lib_args(folder)], probe=probe),
            Run("list", ["list", *lib_args(folder), "--style", "none"], probe=probe)]


def cache_fifo(folder: Path) -> list[Run]:
    """Every cache file replaced by a FIFO (reading one blocks until a writer appears)."""
    library(folder)
    _warm(folder, "check")
    for path in list((folder / "cache").rglob("*")):
        if path.is_file():
            path.unlink()
            os.mkfifo(path)
    return [Run("list", ["list", *lib_args(folder), "--style", "none"]),
            Run("check", ["check", *lib_args(folder)])]


# ---------------------------------------------------------------------------------------------
# Issue 20, items 4-6: imports, writes, odd files
# ---------------------------------------------------------------------------------------------

def import_injection(folder: Path) -> list[Run]:
    library(folder)
    ris = ("TY  - RPRT\nTI  - Harmless } @misc{injected, title={Injected entry}}\nAU  - Doe, Jane\nPY  - 2021\n"
           "ER  - \n")
    (folder / "hostile.ris").write_text(ris)

    def probe(_):
        text = (folder / "refs.bib").read_text()
        return "INJECTED" if "\\}" in text and "@misc{injected" in text.replace("\\", "") else ""
    return [Run("import", ["import", "--bib", str(folder / "refs.bib"), str(folder / "hostile.ris"), "--to", str(folder / "refs.bib")],
                len(ris), probe)]


def fifo_bib(folder: Path) -> list[Run]:
    """A FIFO named like a .bib file given as the library."""
    library(folder)
    os.mkfifo(folder / "pipe.bib")
    return [Run("check", ["check", "--bib", str(folder / "pipe.bib"), "--notes", str(folder / "notes")])]


# ---------------------------------------------------------------------------------------------
# Issue 11, item 2: hostile .bib files
# ---------------------------------------------------------------------------------------------

def _bib_case(build_text):
    def build(folder: Path) -> list[Run]:
        data = build_text()
        library(folder)
        (folder / "refs.bib").write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        return [Run("check", ["check", *lib_args(folder)], len(data)),
                Run("list json", ["list", *lib_args(folder), "--format", "json"], len(data)),
                Run("list json none", ["list", *lib_args(folder), "--format", "json", "--style", "none"], len(data)),
                Run("set", ["set", "--bib", str(folder / "refs.bib"), "work1", "note", "x"], len(data))]
    return build


def _utf(codec: str):
    return lambda: SMALL_BIB.encode(codec)


CASES = [
    Case("list: billion laughs in sections", "20.2", list_laughs_sections),
    Case("list: billion laughs in title/keys", "20.2", list_laughs_title),
    Case("list: nested 100k deep", "20.6", list_deep),
    Case("list: filter: [1, 2]", "20.6", list_bad_filter),
    Case("list: 24 MB commentary", "20.2", list_oversized),
    Case("note: billion laughs", "20.2", note_laughs),
    Case("note: 1.6 MB of links", "20.1", note_links_dense),
    Case("note: 0.95 MB of links", "20.1", note_links_under_limit),
    Case("note: 2 MB citation group", "20.1", note_long_group),
    Case("note: 51 MB", "20.2", note_huge),
    Case("cache: crafted pickle", "20.3", cache_pickle),
    Case("cache: symlinks", "20.3", cache_symlink),
    Case("cache: FIFOs", "20.3/6", cache_fifo),
    Case("import: RIS brace injection", "20.4", import_injection),
    Case(".bib is a FIFO", "20.6", fifo_bib),
    Case("bib: 2M '@{' fragments", "11.2", _bib_case(lambda: "@{" * 2_000_000)),
    Case("bib: 1M tiny entries", "11.2", _bib_case(lambda: "".join(f"@misc{{k{i},}}\n" for i in range(1_000_000)))),
    Case("bib: 50 MB field", "11.2", _bib_case(lambda: SMALL_BIB + "@misc{big, title = {" + "word " * 10_000_000 + "}}\n")),
    Case("bib: 50 MB line", "11.2", _bib_case(lambda: SMALL_BIB + "%" + "x" * 50_000_000)),
    Case("bib: braces 100k deep", "11.2", _bib_case(lambda: SMALL_BIB + "@misc{deep, title = " + "{" * 100_000 + "}" * 100_000 + "}\n")),
    Case("bib: NUL bytes", "11.2", _bib_case(lambda: SMALL_BIB.encode() + b"@misc{nul, title = {a\0b}}\n" + b"\0" * 1_000_000)),
    Case("bib: invalid UTF-8", "11.2", _bib_case(lambda: SMALL_BIB.encode() + b"@misc{bad, title = {\xff\xfe\xc3(}}\n" * 10_000)),
    Case("bib: UTF-16", "11.2", _bib_case(_utf("utf-16"))),
    Case("bib: UTF-32", "11.2", _bib_case(_utf("utf-32"))),
]


# ---------------------------------------------------------------------------------------------
# Issue 20, item 1: the scanner (over 2,000,000 characters a document is refused)
# ---------------------------------------------------------------------------------------------

def _scan_case(text_of):
    def build(folder: Path) -> list[Run]:
        library(folder)
        text = text_of()
        (folder / "doc.md").write_text(text, encoding="utf-8")
        return [Run("scan", ["scan", *lib_args(folder), str(folder / "doc.md")], len(text.encode()))]
    return build


CASES += [
    Case("scan: 28 ')' run", "20.1", _scan_case(lambda: "x" + ")" * 28 + "a)\nSome prose follows here.\n")),
    Case("scan: 40 ')' run", "20.1", _scan_case(lambda: "x" + ")" * 40 + "a)\nSome prose follows here.\n")),
    Case("scan: 26 '\"' then prose", "20.1", _scan_case(lambda: '"' * 26 + " then prose follows.\n")),
    Case("scan: 30 superscripts", "20.1", _scan_case(lambda: "A sentence ends here." + "¹" * 30 + " and more words follow.\n")),
    Case("scan: 60k spaces", "20.1", _scan_case(lambda: " " * 60_000 + "x\n")),
    Case("scan: 8 MB 'et al.'", "20.1", _scan_case(lambda: "Smith et al. (2019) found that 45% rose. " * 200_000)),
    Case("scan: 100k [^n] notes", "20.1", _scan_case(lambda: "".join(f"Claim {i}.[^{i}]\n" for i in range(100_000))
                                                  + "".join(f"[^{i}]: Source {i}.\n" for i in range(100_000)))),
    Case("scan: 20 MB single line", "20.1", _scan_case(lambda: "word " * 4_000_000)),
    # the same shapes just under the size limit a document may hold (2,000,000 characters)
    Case("scan: 2 MB 'et al.' (limit)", "20.1", _scan_case(lambda: "Smith et al. (2019) found that 45% rose. " * 48_750)),
    Case("scan: 40k [^n] notes (limit)", "20.1", _scan_case(lambda: "".join(f"Claim {i}.[^{i}]\n" for i in range(40_000))
                                                         + "".join(f"[^{i}]: Source {i}.\n" for i in range(40_000)))),
    Case("scan: 2 MB single line (limit)", "20.1", _scan_case(lambda: "word " * 399_999)),
    # every line a sentence with an uncited figure and a vague attribution: two flags a line
    Case("scan: 2 MB 'Studies show' lines (limit)", "20.1", _scan_case(lambda: "Studies show 45% rise.\n" * 86_739)),
    # the 4 MB shapes of the earlier limit: refused now
    Case("scan: 4 MB 'Studies show' lines (refused)", "20.1", _scan_case(lambda: "Studies show 45% rise.\n" * 173_478)),
]


# ---------------------------------------------------------------------------------------------

def _env(folder: Path) -> dict:
    env = dict(os.environ)
    env.update(LITCHECK_CACHE_DIR=str(folder / "cache"), LITCHECK_BACKUP_DIR=str(folder / "backups"),
               NO_COLOR="1", COLUMNS="100")
    env.pop("LITCHECK_BIB", None)
    env.pop("LITCHECK_NOTES", None)
    return env


def _limit(max_mb: int):
    def apply():
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (max_mb << 20, max_mb << 20))
    return apply


def measure(args: list[str], env: dict, timeout: float, max_mb: int) -> dict:
    """Run one command in a child process; wall time, peak RSS (MB), exit status, stderr tail."""
    import signal

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        proc = subprocess.Popen([*LITCHECK, *args], stdout=out, stderr=err, env=env, stdin=subprocess.DEVNULL,
                                preexec_fn=_limit(max_mb), start_new_session=True)
        try:
            pid, status, usage = os.wait4(proc.pid, 0) if timeout is None else _wait(proc, timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = -9
            return {"wall": time.monotonic() - start, "peak": usage.ru_maxrss / 1024, "code": None,
                    "outcome": "TIMEOUT", "err": ""}
        wall = time.monotonic() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
        out.seek(0, 2)
        outcome = "ok"
        if "Traceback (most recent call last)" in stderr:
            outcome = "MEMORY" if "MemoryError" in stderr else "TRACEBACK"
        elif proc.returncode < 0:
            outcome = f"signal {-proc.returncode}"
        last = [line for line in stderr.strip().splitlines() if line.strip()]
        return {"wall": wall, "peak": usage.ru_maxrss / 1024, "code": proc.returncode, "outcome": outcome,
                "err": (last[-1] if last else "")[:110], "out_bytes": out.tell()}


def _wait(proc, timeout: float):
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            return pid, status, usage
        if time.monotonic() >= deadline:
            raise subprocess.TimeoutExpired(proc.args, timeout)
        time.sleep(0.02)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per command (default 60)")
    parser.add_argument("--max-mb", type=int, default=4096, help="address-space limit per command (default 4096)")
    parser.add_argument("--only", default="", help="run only cases whose name contains this text")
    parser.add_argument("--command", default="", help="run only commands whose label is this (e.g. set)")
    parser.add_argument("--markdown", help="also write the table to this Markdown file")
    args = parser.parse_args()
    rows = []
    header = (f"{'case':36} {'command':15} {'input':>9} {'time s':>7} {'s/MB':>6} {'peak MB':>8} {'bound':>6} "
              f"{'within':>6} {'exit':>4}  outcome")
    print(f"load average at the start: {_load()}")
    print(header)
    for case in CASES:
        if args.only and args.only not in case.name:
            continue
        with tempfile.TemporaryDirectory(prefix="litcheck-hostile-") as tmp:
            folder = Path(tmp)
            runs = case.build(folder)
            for run in runs:
                if args.command and run.label != args.command:
                    continue
                result = measure(run.args, _env(folder), args.timeout, args.max_mb)
                extra = run.probe(folder) if run.probe else ""
                outcome = " ".join(x for x in (result["outcome"], extra) if x and not (x == "ok" and extra))
                mb = run.size / 1e6
                per_mb = f"{result['wall'] / mb:.2f}" if mb >= 0.5 else ""
                bound = 2 * run.size / 2**20 + 200
                row = dict(case=case.name, issue=case.issue, command=run.label, size=_human(run.size),
                           wall=("> " if result["outcome"] == "TIMEOUT" else "") + f"{result['wall']:.2f}",
                           per_mb=per_mb, peak=f"{result['peak']:.0f}", bound=f"{bound:.0f}",
                           within="yes" if result["peak"] <= bound else "NO",
                           code="" if result["code"] is None else str(result["code"]), outcome=outcome,
                           message=result["err"])
                rows.append(row)
                print(f"{row['case'][:36]:36} {row['command']:15} {row['size']:>9} {row['wall']:>7} {per_mb:>6} "
                      f"{row['peak']:>8} {row['bound']:>6} {row['within']:>6} {row['code']:>4}  {outcome}  "
                      f"{row['message'][:60]}", flush=True)
    print(f"load average at the end: {_load()}")
    if args.markdown:
        lines = ["| case | issue | command | input | time s | s/MB | peak MB | bound MB | within | exit | outcome |",
                 "|---|---|---|---|---:|---:|---:|---:|---|---:|---|"]
        lines += [f"| {r['case']} | {r['issue']} | {r['command']} | {r['size']} | {r['wall']} | {r['per_mb']} | "
                  f"{r['peak']} | {r['bound']} | {r['within']} | {r['code']} | {r['outcome']} |" for r in rows]
        Path(args.markdown).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def _human(size: int) -> str:
    if not size:
        return ""
    for unit, scale in (("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


if __name__ == "__main__":
    main()
