"""Integrity checks of a Library, each registered under a stable id with a severity.

A check is a plain function `Library -> Iterable[Finding]`. `run_checks` runs the selected
ones and drops findings an entry has silenced with its `nocheck` field (`near-duplicate` or
`near-duplicate:otherkey`), so one false alarm never forces a check off for the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from litcheck.library.findings import DEFAULT_LIMIT, CheckReport, Finding, collect


@dataclass(frozen=True)
class Check:
    id: str
    severity: str
    summary: str
    func: Callable


REGISTRY: dict[str, Check] = {}


def check(id: str, severity: str, summary: str):
    """Register a check function under `id`."""

    def decorate(func):
        REGISTRY[id] = Check(id, severity, summary, func)
        return func

    return decorate


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


def iter_findings(library, select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> Iterator[Finding]:
    """The unsuppressed findings of the selected checks, check by check, as they are found
    (so a caller can count and keep a few without holding millions)."""
    checks = all_checks()
    wanted = list(select) if select else list(checks)
    unknown = [c for c in [*wanted, *ignore] if c not in checks]
    if unknown:
        raise KeyError(f"unknown check id(s): {', '.join(unknown)}")
    for check_id in wanted:
        if check_id in ignore:
            continue
        for finding in checks[check_id].func(library):
            if not _suppressed(finding, library):
                yield finding


def run_checks(library, select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[Finding]:
    """Run checks on `library` and return unsuppressed findings, ordered by file and line."""
    return sorted(iter_findings(library, select, ignore), key=lambda f: (f.file, f.line, f.check, f.key))


def check_report(library, select=None, ignore=(), level: str = "warning", limit: int = DEFAULT_LIMIT) -> CheckReport:
    """The report, answered from the cache while the library, vocabulary and code are unchanged."""
    from litcheck.index.derived import derived

    name = ("report-" + "-".join(sorted(select or ["all"])) + "".join(f"-no-{i}" for i in sorted(ignore)))[:70]
    data = derived(library, f"{name}-{level}-{limit}",
                   lambda: collect(iter_findings(library, select, ignore), level, limit).to_data(),
                   valid=lambda value: isinstance(value, dict) and {"counts", "listed", "shown"} <= set(value))
    try:
        return CheckReport.from_data(data)
    except (TypeError, ValueError, KeyError):  # a cached value of another shape: compute afresh
        return collect(iter_findings(library, select, ignore), level, limit)


def describe_checks(fmt: str) -> str:
    """Every check's id, severity and meaning: json, else a table (`litcheck check --list-checks`)."""
    rows = [[c.id, c.severity, c.summary] for c in sorted(all_checks().values(), key=lambda c: c.id)]
    if fmt == "json":
        from litcheck.cli.jsonout import dump_json

        return dump_json([dict(zip(("id", "severity", "summary"), r)) for r in rows])
    from litcheck.cli.table import render_table

    return render_table(["id", "severity", "meaning"], rows, 90)
