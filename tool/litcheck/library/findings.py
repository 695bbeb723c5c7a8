"""A problem found in the library or its notes, and the report `litcheck check` prints:
a count per check first, then at most N findings of each.

A hostile or huge file can give millions of findings; they are counted as they are found
and only the first `limit` of each check are kept, so memory and output stay bounded while
the counts stay exact.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Iterable

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


@dataclass(frozen=True)
class Finding:
    check: str  # stable id, e.g. "missing-field"
    severity: str  # info | warning | error
    message: str
    file: str = ""
    line: int = 0  # 1-based; 0 when unknown
    key: str = ""  # the entry concerned, if any

    @classmethod
    def of(cls, check: str, message: str, file: str = "", line: int = 0, key: str = "",
           severity: str = "") -> "Finding":
        """A check's finding. Its severity is the check's registered one (`run_checks` fills it
        in), unless `severity` marks it as a lesser notice."""
        return cls(check, severity, message, file, line, key)

    def as_dict(self) -> dict:
        return asdict(self)

    def location(self) -> str:
        if not self.file:
            return "<library>"
        return f"{self.file}:{self.line}" if self.line else self.file


DEFAULT_LIMIT = 20


@dataclass
class CheckReport:
    counts: dict[tuple[str, str], int]  # (check, severity) -> findings, at every level
    listed: list[Finding]  # at or above `level`, at most `limit` per check, by file and line
    level: str = "warning"
    limit: int = DEFAULT_LIMIT  # 0: no limit
    shown_counts: dict[str, int] = field(default_factory=dict)  # check -> findings at or above level

    def worst(self) -> int:
        return max((severity_rank(s) for (_, s), n in self.counts.items() if n), default=-1)

    @property
    def below_level(self) -> int:
        return sum(n for (_, s), n in self.counts.items() if severity_rank(s) < severity_rank(self.level))

    def not_listed(self) -> dict[str, int]:
        """check -> findings at or above the level that the limit left out."""
        listed = Counter(f.check for f in self.listed)
        return {c: n - listed[c] for c, n in self.shown_counts.items() if n > listed[c]}

    def to_data(self) -> dict:
        return {"counts": [[c, s, n] for (c, s), n in self.counts.items()],
                "listed": [[f.check, f.severity, f.message, f.file, f.line, f.key] for f in self.listed],
                "level": self.level, "limit": self.limit, "shown": self.shown_counts}

    @classmethod
    def from_data(cls, data: dict) -> "CheckReport":
        return cls({(c, s): n for c, s, n in data["counts"]}, [Finding(*f) for f in data["listed"]],
                   data["level"], data["limit"], dict(data["shown"]))


def collect(findings: Iterable[Finding], level: str = "warning", limit: int = DEFAULT_LIMIT) -> CheckReport:
    """Count every finding; keep the first `limit` of each check at or above `level`."""
    counts: Counter = Counter()
    shown: Counter = Counter()
    kept: dict[str, list[Finding]] = defaultdict(list)
    floor = severity_rank(level)
    for finding in findings:
        counts[(finding.check, finding.severity)] += 1
        if severity_rank(finding.severity) >= floor:
            shown[finding.check] += 1
            if not limit or len(kept[finding.check]) < limit:
                kept[finding.check].append(finding)
    listed = sorted((f for group in kept.values() for f in group), key=lambda f: (f.file, f.line, f.check, f.key))
    return CheckReport(dict(counts), listed, level, limit, dict(shown))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def format_report(report: CheckReport, fmt: str, n_entries: int, n_notes: int) -> str:
    """json (counts per check and the listed findings), lines (file:line: id: message) or a
    table: the summary first, then the findings, then what the limit left out."""
    more = report.not_listed()
    if fmt == "json":
        from litcheck.cli.jsonout import dump_json

        summary = [{"check": c, "severity": s, "count": n, "listed": sum(f.check == c and f.severity == s
                                                                        for f in report.listed)}
                   for (c, s), n in _ordered(report.counts)]
        return dump_json({"entries": n_entries, "notes": n_notes, "summary": summary,
                          "problems": [f.as_dict() for f in report.listed], "max_findings": report.limit,
                          "not_listed": sum(more.values()), "below_level": report.below_level})
    tail = [f"... {_plural(n, 'more ' + c + ' finding')} not listed" for c, n in sorted(more.items())]
    if tail:
        tail.append("(--max-findings 0 lists them all; --format json has the counts)")
    if fmt == "lines":
        return "".join(f"{f.location()}: {f.check}: {f.message}\n" for f in report.listed) + \
            "".join(f"{line}\n" for line in tail)
    from litcheck.cli.table import render_table

    per_severity = Counter()
    for (c, s), n in report.counts.items():
        if severity_rank(s) >= severity_rank(report.level):
            per_severity[s] += n
    hidden = report.below_level
    note = f" ({hidden} below the reporting level; --level info lists them)" if hidden else ""
    parts = ", ".join(_plural(per_severity[s], s) for s in reversed(SEVERITIES) if per_severity[s])
    import textwrap

    from litcheck.cli.terminal import width

    head = textwrap.fill(f"{n_entries} entries, {n_notes} notes: {parts or 'no problems found'}{note}.", width()) + "\n"
    if not report.listed:
        return head
    rows = [[c, s, str(n)] for (c, s), n in _ordered(report.counts) if severity_rank(s) >= severity_rank(report.level)]
    summary = render_table(["check", "severity", "count"], rows)
    return head + "\n" + summary + "\n" + _by_file(report.listed) + "".join(f"{line}\n" for line in tail)


def _by_file(findings: list[Finding]) -> str:
    """The findings under a heading per file (its full path once), one row per finding."""
    from itertools import groupby

    from litcheck.cli.table import render_table
    from litcheck.cli.terminal import width

    out = []
    for file, group in groupby(findings, key=lambda f: f.file):
        rows = [[str(f.line or ""), f.check, f.key, f.message] for f in group]
        table = render_table(["line", "check", "key", "message"], rows, 100, width=width() - 2, wrap=True)
        out.append((file or "<library>") + "\n" + "".join(f"  {line}\n" for line in table.splitlines()))
    return "\n".join(out)


def _ordered(counts: dict[tuple[str, str], int]):
    """Most severe first, then the most frequent."""
    return sorted(counts.items(), key=lambda item: (-severity_rank(item[0][1]), -item[1], item[0][0]))
