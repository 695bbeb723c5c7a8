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

    def as_dict(self) -> dict:
        return asdict(self)

    def location(self) -> str:
        if not self.file:
            return "<library>"
        return f"{self.file}:{self.line}" if self.line else self.file
