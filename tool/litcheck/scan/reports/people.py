"""text, csv and md: scan/report.py's worklist, plus what a run over many documents adds —
the suppressed flags (counted, or listed with --show-suppressed), the documents that could not
be read, and a summary table."""

from __future__ import annotations

from collections import Counter

from litcheck.scan import report


def render_text(results, view):
    """Pieces of text written as they come (see report.text_lines), a few thousand lines a
    piece: writing each line on its own cost more than making it."""
    piece: list[str] = []
    for line in report.text_lines(results, view.colour):
        piece.append(line)
        if len(piece) == 4096:
            yield "".join(piece)
            piece.clear()
    yield "".join(piece)
    yield from _lines(results, view, "text")


def render_md(results, view) -> str:
    out = report.render_md(results)
    return out.rstrip("\n") + "\n" + "".join(_lines(results, view, "md"))


def render_csv(results, view) -> str:
    return report.render_csv(results)


def _lines(results, view, style: str):
    bullet = "- " if style == "md" else "  "
    hidden = sum(len(v) for v in view.suppressed.values())
    if hidden:
        heading = "Suppressed flags (reviewed or marked wrong)"
        yield f"\n## {heading}\n\n" if style == "md" else f"\n{heading}: {hidden}"
        if view.show_suppressed:
            yield "\n" if style == "text" else ""
            for path, items in view.suppressed.items():
                for flag, s in items:
                    note = f" — {s.note}" if s.note else ""
                    yield f"{bullet}{path} line {flag.line}: {flag.rule} ({s.status}{note})\n"
        else:
            yield (f"{hidden} flags hidden; --show-suppressed lists them.\n" if style == "md"
                   else " (--show-suppressed lists them)\n")
    if view.failures:
        yield "\n## Documents not scanned\n\n" if style == "md" else "\nDocuments not scanned:\n"
        for f in view.failures:
            yield f"{bullet}{f.message}\n"
    if len(results) + len(view.failures) > 1:
        yield "\n" + summary(results, view.failures, markdown=style == "md")


def summary(results, failures=(), markdown: bool = False, top: int = 5) -> str:
    """Documents, flags per rule and the documents with most errors, as a small table."""
    per_rule = Counter(f.rule for r in results for f in r.flags)
    errors = sorted(((sum(f.severity == "error" for f in r.flags), r.path) for r in results), key=lambda t: (-t[0], t[1]))
    rows = [("documents scanned", str(len(results))), ("documents not readable", str(len(failures))),
            ("flags", str(sum(per_rule.values())))]
    rows += [(f"  {rule}", str(n)) for rule, n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0]))]
    worst = [(path, str(n)) for n, path in errors[:top] if n]
    if markdown:
        out = ["## Summary", "", "| | |", "| --- | ---: |"] + [f"| {report._md_cell(a)} | {b} |" for a, b in rows]
        if worst:
            out += ["", "Most errors:", ""] + [f"- {report._md_cell(path)}: {n}" for path, n in worst]
        return "\n".join(out) + "\n"
    out = ["Summary:"] + _table(rows)
    if worst:
        out += ["Most errors:"] + _table(worst)
    return "\n".join(out) + "\n"


def _table(rows) -> list[str]:
    width = max(len(a) for a, _ in rows)
    return [f"  {a:<{width}}  {b:>6}" for a, b in rows]
