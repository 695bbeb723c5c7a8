"""Integrity checks of a Library, each registered under a stable id with a severity.

A check is a plain function `Library -> Iterable[Finding]`, registered with `@check` in any
module of this package (modules are discovered: a new check is one function in one file). The
registration is the check's whole documentation: what it finds, why it matters, and two
examples, a small library where it fires and a similar one where it does not. The examples
are run by the test suite (tests/test_check_examples.py), printed by `check --list-checks` and
listed in the README, so they cannot drift from what the code does.

An example is a *library sketch*: the text of `refs.bib`, optionally followed by more files,
each after a line `%% PATH` (e.g. `%% notes/doe2021online.md`). `%% PATH (latin-1)` writes
that file in Latin-1 instead of UTF-8; `%% PATH (a folder)` makes PATH a folder; `<N × c>`
stands for N copies of c (a value too long to print).

`run_checks` runs the selected checks, gives each finding its check's registered severity (a
check may mark a finding as a lesser notice, never a graver one), and drops findings an entry
has silenced with its `nocheck` field (`near-duplicate` or `near-duplicate:otherkey`), so one
false alarm never forces a check off for the library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from litcheck.library.findings import DEFAULT_LIMIT, SEVERITIES, CheckReport, Finding, collect, severity_rank


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    summary: str  # what it finds, in one line
    func: Callable
    why: str = ""  # why it matters to the user
    fires: str = ""  # a library sketch in which it reports a finding
    passes: str = ""  # a similar sketch in which it reports none

    def as_dict(self) -> dict:
        return {"id": self.id, "severity": self.severity, "summary": self.summary, "why": self.why,
                "example_fires": self.fires, "example_passes": self.passes}


REGISTRY: dict[str, Check] = {}


def check(id: str, severity: str, summary: str, *, why: str = "", fires: str = "", passes: str = ""):
    """Register a check function under `id`, with its documentation and examples."""
    assert severity in SEVERITIES, severity

    def decorate(func):
        REGISTRY[id] = Check(id, severity, summary, func, why, fires.strip("\n"), passes.strip("\n"))
        return func

    return decorate


_SKETCH_FILE = re.compile(r"^%% (\S+)(?: \((latin-1|a folder)\))?$", re.M)
_REPEAT = re.compile(r"<([\d,]+) × (.)>")


def write_sketch(sketch: str, folder: Path) -> tuple[list[Path], Path]:
    """Write a library sketch (see the module docstring) into `folder`; return its .bib paths
    and its notes folder (created, possibly empty)."""
    parts = _SKETCH_FILE.split("%% refs.bib\n" + sketch if not sketch.startswith("%% ") else sketch)
    bibs = []
    for name, how, text in zip(parts[1::3], parts[2::3], parts[3::3]):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if how == "a folder":
            path.mkdir()
        else:
            text = _REPEAT.sub(lambda m: m.group(2) * int(m.group(1).replace(",", "")), text.strip("\n") + "\n")
            path.write_bytes(text.encode("latin-1" if how else "utf-8"))
        if path.suffix == ".bib":
            bibs.append(path)
    (folder / "notes").mkdir(exist_ok=True)
    return bibs, folder / "notes"


def all_checks() -> dict[str, Check]:
    """Every registered check: each module of this package registers its own."""
    from litcheck.registry import import_package_modules

    import_package_modules(__name__)
    return REGISTRY


def _suppressed(finding: Finding, library) -> bool:
    entry = library.get(finding.key) if finding.key else None
    if entry is None:
        return False
    for item in entry.suppressed:
        check_id, _, other = item.partition(":")
        if check_id == finding.check and (not other or other in finding.message):
            return True
    return False


def iter_findings(library, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
                  progress=iter) -> Iterator[Finding]:
    """The unsuppressed findings of the selected checks, check by check, as they are found
    (so a caller can count and keep a few without holding millions). `progress` wraps the
    loop over checks (a progress bar)."""
    checks = all_checks()
    wanted = list(select) if select else list(checks)
    unknown = [c for c in [*wanted, *ignore] if c not in checks]
    if unknown:
        raise KeyError(f"unknown check id(s): {', '.join(unknown)}")
    for check_id in progress([c for c in wanted if c not in ignore]):
        registered = checks[check_id].severity
        for finding in checks[check_id].func(library):
            if not finding.severity or severity_rank(finding.severity) > severity_rank(registered):
                finding = replace(finding, severity=registered)
            if not _suppressed(finding, library):
                yield finding


def run_checks(library, select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[Finding]:
    """Run checks on `library` and return unsuppressed findings, ordered by file and line."""
    return sorted(iter_findings(library, select, ignore), key=lambda f: (f.file, f.line, f.check, f.key))


def check_report(library, select=None, ignore=(), level: str = "warning", limit: int = DEFAULT_LIMIT,
                 progress=iter) -> CheckReport:
    """The report, answered from the cache while the library, vocabulary and code are unchanged."""
    from litcheck.index.derived import derived

    name = ("report-" + "-".join(sorted(select or ["all"])) + "".join(f"-no-{i}" for i in sorted(ignore)))[:70]
    data = derived(library, f"{name}-{level}-{limit}",
                   lambda: collect(iter_findings(library, select, ignore, progress), level, limit).to_data(),
                   valid=lambda value: isinstance(value, dict) and {"counts", "listed", "shown"} <= set(value))
    try:
        return CheckReport.from_data(data)
    except (TypeError, ValueError, KeyError):  # a cached value of another shape: compute afresh
        return collect(iter_findings(library, select, ignore, progress), level, limit)


def describe_checks(fmt: str, ids: Iterable[str] = ()) -> str:
    """The checks (all, or `ids`) with what each finds, why it matters and its examples, as
    json, md (the README's list) or text (`litcheck check --list-checks`)."""
    registry = all_checks()
    chosen = [registry[i] for i in ids] if ids else sorted(registry.values(), key=lambda c: c.id)
    if fmt == "json":
        from litcheck.cli.jsonout import dump_json

        return dump_json([c.as_dict() for c in chosen])
    if fmt == "md":
        return "".join(f"- `{c.id}` ({c.severity}): {c.summary}.\n" for c in chosen)
    import textwrap

    def indented(label: str, sketch: str) -> list[str]:
        return [f"  {label}:"] + ["      " + line for line in sketch.splitlines()]

    out = []
    for c in chosen:
        out.append(f"{c.id}  [{c.severity}]")
        out += textwrap.wrap(f"{c.summary}. {c.why}", 96, initial_indent="  ", subsequent_indent="  ")
        out += indented("fires", c.fires) + indented("does not fire", c.passes) + [""]
    return "\n".join(out)
