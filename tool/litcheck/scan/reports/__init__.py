"""The scan report formats: one registry, the single source of truth for `--format`.

A renderer is `fn(results, view) -> str`, or an iterable of str pieces written as they come. `results` are ScanResults (their `flags` already
without suppressed ones); `view` carries what some formats need besides: the documents that
could not be read, the suppressed flags, the library (for evidence), colour.
text, csv and md are scan/report.py's worklist (wrapped in people.py); the others have a module here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReportFormat:
    name: str
    target: str  # "module:function", imported when used
    what: str
    streams: bool = False  # one record per document: can be written as documents finish


FORMATS = {f.name: f for f in [
    ReportFormat("text", "litcheck.scan.reports.people:render_text", "for people, grouped by sentence (the default)"),
    ReportFormat("json", "litcheck.scan.reports.jsonout:render_json", "for tools: the stable contract of DESIGN.md"),
    ReportFormat("jsonl", "litcheck.scan.reports.jsonout:render_jsonl", "JSON Lines, one document per line",
                 streams=True),
    ReportFormat("csv", "litcheck.scan.reports.people:render_csv", "one row per flag"),
    ReportFormat("md", "litcheck.scan.reports.people:render_md", "Markdown to paste into a shared document or ticket"),
    ReportFormat("html", "litcheck.scan.reports.html:render_html",
                 "one self-contained page: the text with flags highlighted, filters, evidence"),
    ReportFormat("sarif", "litcheck.scan.reports.sarif:render_sarif",
                 "SARIF 2.1.0, for code review annotations on GitHub or GitLab"),
]}


@dataclass
class View:
    failures: list = field(default_factory=list)  # corpus.Failure
    suppressed: dict = field(default_factory=dict)  # document path -> [(Flag, Suppression)]
    show_suppressed: bool = False
    library: object = None
    colour: bool = False


def render(results, fmt: str, view: View | None = None):
    spec = FORMATS[fmt]
    module, function = spec.target.split(":")
    return getattr(importlib.import_module(module), function)(list(results), view or View())
