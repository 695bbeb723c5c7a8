"""Render scan results: text (grouped by sentence, colour only on a terminal), json (the DESIGN.md
contract), csv (one row per flag), md (a report a fact-checker can paste into a ticket)."""

from __future__ import annotations

import csv
import io
from litcheck.cli.jsonout import dump_json
from collections import Counter

from litcheck.cli.table import shorten
from litcheck.scan.rules import PRIORITIES

SEVERITY_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


def render(results, fmt: str, colour: bool = False) -> str:
    if fmt == "json":
        return dump_json({"documents": [r.as_dict() for r in results]})
    if fmt == "csv":
        return render_csv(results)
    if fmt == "md":
        return render_md(results)
    return render_text(results, colour)


def _groups(flags):
    """Flags grouped by sentence, sentences grouped by their most urgent flag's priority:
    [(priority, [((start, line), flags of that sentence)])], each level in document order."""
    sentences: dict[tuple[int, int], list] = {}
    for f in flags:
        sentences.setdefault((f.start, f.line), []).append(f)
    levels: dict[int, list] = {}
    for where, group in sorted(sentences.items(), key=lambda kv: kv[0]):
        group.sort(key=lambda f: f.rank)
        levels.setdefault(group[0].rank, []).append((where, group))
    return sorted(levels.items())


def render_text(results, colour: bool = False) -> str:
    return "".join(text_lines(results, colour))


def text_lines(results, colour: bool = False):
    """The text report line by line (each with its newline), so that a report of hundreds of
    thousands of flags can be written as it is made instead of held whole (it was the largest
    object of a dense document's scan)."""
    import click

    def style(text, **kw):
        return click.style(text, **kw) if colour else text

    total = Counter()
    for r in results:
        counts = Counter(f.rule for f in r.flags)
        total.update(counts)
        yield style(f"{r.path}", bold=True) + f": {len(r.doc.sentences)} sentences, {len(r.citations)} citations, " \
            f"{len(r.doc.footnotes)} footnotes, {len(r.flags)} flags\n"
        for level, sentences in _groups(r.flags):
            yield "\n"
            yield style(f"  [{level}] {PRIORITIES[level]} ({len(sentences)})", bold=True) + "\n"
            for (start, line), flags in sentences:
                yield "\n"
                yield style(f"  line {line}: ", bold=True) + shorten(flags[0].sentence, 160) + "\n"
                for f in flags:
                    sev = style(f"{f.severity:<7}", fg=SEVERITY_COLOUR.get(f.severity))
                    yield f"    {sev} {f.rule}: {f.message}\n"
        yield "\n"
    yield "Summary (flags per rule):\n"
    if not total:
        yield "  no flags\n"
    for rule_id, n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0])):
        yield f"  {rule_id:<24}{n:>5}\n"


def render_csv(results) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["path", "line", "rule", "severity", "keys", "evidence", "message", "sentence", "priority"])
    for r in results:
        for f in r.flags:
            w.writerow([r.path, f.line, f.rule, f.severity, ";".join(f.keys), f.evidence, f.message, " ".join(f.sentence.split()),
                        f.rank])
    return buf.getvalue()


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def render_md(results) -> str:
    out = ["# litcheck scan", ""]
    for r in results:
        counts = Counter(f.rule for f in r.flags)
        out.append(f"## {r.path}")
        out.append("")
        out.append(f"{len(r.doc.sentences)} sentences, {len(r.citations)} citations, {len(r.doc.footnotes)} footnotes, "
                   f"{len(r.flags)} flags.")
        out.append("")
        if counts:
            out.append("| rule | flags |")
            out.append("| --- | ---: |")
            for rule_id, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                out.append(f"| `{rule_id}` | {n} |")
            out.append("")
        for level, sentences in _groups(r.flags):
            out.append(f"### {level}. {PRIORITIES[level].capitalize()}")
            out.append("")
            for (start, line), flags in sentences:
                out.append(f"- **line {line}**: {_md_cell(shorten(flags[0].sentence, 240))}")
                for f in flags:
                    keys = f" ({', '.join('`' + k + '`' for k in f.keys)})" if f.keys else ""
                    out.append(f"  - {f.severity} `{f.rule}`{keys}: {_md_cell(f.message)}")
            out.append("")
    return "\n".join(out)
