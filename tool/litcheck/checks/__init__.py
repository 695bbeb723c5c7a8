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

import itertools
import re
from dataclasses import dataclass
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
    # Looks at one entry at a time (and library-wide attributes, never other entries): such
    # checks run together over batches of entries, each entry read once (see iter_findings).
    per_entry: bool = False

    def as_dict(self) -> dict:
        return {"id": self.id, "severity": self.severity, "summary": self.summary, "why": self.why,
                "example_fires": self.fires, "example_passes": self.passes}


REGISTRY: dict[str, Check] = {}


def check(id: str, severity: str, summary: str, *, why: str = "", fires: str = "", passes: str = "",
          per_entry: bool = False):
    """Register a check function under `id`, with its documentation and examples."""
    assert severity in SEVERITIES, severity

    def decorate(func):
        REGISTRY[id] = Check(id, severity, summary, func, why, fires.strip("\n"), passes.strip("\n"), per_entry)
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


def _suppressed(finding: Finding, lookup) -> bool:
    entry = lookup(finding.key) if finding.key else None
    if entry is None:
        return False
    for item in entry.suppressed:
        check_id, _, other = item.partition(":")
        if check_id == finding.check and (not other or other in finding.message):
            return True
    return False


def _graded(check: Check, findings, lookup) -> Iterator[Finding]:
    """`findings` at their check's registered severity (or a lesser one the check gave), less
    those silenced by an entry's `nocheck` (`lookup(key)` gives the entry)."""
    registered = check.severity
    ceiling = severity_rank(registered)
    for finding in findings:
        if not finding.severity or severity_rank(finding.severity) > ceiling:
            # Built directly: dataclasses.replace costs ~20 µs, a minute on a million findings.
            finding = Finding(finding.check, registered, finding.message, finding.file, finding.line, finding.key)
        if not _suppressed(finding, lookup):
            yield finding


class _Entries:
    """The library as a per-entry check sees it: a batch of its entries to iterate, and the
    library itself for everything else (its notes, `uses_house_fields`, ...)."""

    def __init__(self, library, entries: list):
        self._library = library
        self._entries = entries

    def __iter__(self):
        return iter(self._entries)

    def __getattr__(self, name):
        return getattr(self._library, name)


ENTRY_BATCH = 1000


def _per_entry(library, chosen: list[Check]) -> Iterator[Finding]:
    """Run the per-entry checks together, batch by batch: each entry is read once and dropped
    with its batch (a million entries, each check iterating all of them and keeping them,
    held a gigabyte). Each check still yields its findings in library order."""
    batch: list = []
    entries = library.each()
    while True:
        batch = list(itertools.islice(entries, ENTRY_BATCH))
        if not batch:
            return
        view = _Entries(library, batch)
        by_key = {e.key: e for e in batch}

        def lookup(key):
            entry = by_key.get(key)
            return entry if entry is not None else library.peek(key)

        for chosen_check in chosen:
            yield from _graded(chosen_check, chosen_check.func(view), lookup)


def iter_findings(library, select: Iterable[str] | None = None, ignore: Iterable[str] = (),
                  progress=iter) -> Iterator[Finding]:
    """The unsuppressed findings of the selected checks, check by check, as they are found
    (so a caller can count and keep a few without holding millions). `progress` wraps the
    loop over checks (a progress bar); the per-entry checks run together, at the first."""
    checks = all_checks()
    wanted = list(select) if select else list(checks)
    unknown = [c for c in [*wanted, *ignore] if c not in checks]
    if unknown:
        raise KeyError(f"unknown check id(s): {', '.join(unknown)}")
    chosen = [checks[c] for c in wanted if c not in ignore]
    per_entry = [c for c in chosen if c.per_entry]
    for one in progress(chosen):
        if not one.per_entry:
            yield from _graded(one, one.func(library), library.peek)
        elif one is per_entry[0]:
            yield from _per_entry(library, per_entry)


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
