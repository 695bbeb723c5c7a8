"""A problem found in the library or its notes: what `litcheck check` reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass

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


def format_findings(findings, fmt: str, n_entries: int, n_notes: int, hidden: int = 0) -> str:
    """The report; `hidden` counts findings below the reporting level (shown as a count only)."""
    if fmt == "json":
        from litcheck.cli.jsonout import dump_json

        return dump_json({"entries": n_entries, "notes": n_notes, "problems": [f.as_dict() for f in findings],
                          "below_level": hidden})
    if fmt == "lines":
        return "".join(f"{f.location()}: {f.check}: {f.message}\n" for f in findings)
    from collections import Counter

    from litcheck.cli.table import render_table

    summary = f"{n_entries} entries, {n_notes} notes: "
    more = f" ({hidden} below the reporting level; --level info lists them)" if hidden else ""
    if not findings:
        return summary + f"no problems found{more}.\n"
    counts = Counter(f.severity for f in findings)
    table = render_table(["location", "severity", "check", "key", "message"],
                         [[f.location(), f.severity, f.check, f.key, f.message] for f in findings], 100)
    parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s])
    return table + "\n" + summary + parts + more + ".\n"
