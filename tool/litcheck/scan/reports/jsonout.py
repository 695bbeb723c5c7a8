"""JSON (the DESIGN.md contract, one object) and JSON Lines (one document per line)."""

from __future__ import annotations

import json

from litcheck.cli.jsonout import stream_json


def document_dict(result, view, lazy: bool = False) -> dict:
    """The contract's document object plus: the input type, suppressed flags (counted; listed
    with --show-suppressed, each with its review)."""
    d = result.as_dict(lazy)
    d["input"] = getattr(result.doc, "source_kind", result.doc.fmt)
    hidden = view.suppressed.get(result.path, [])
    d["suppressed_count"] = len(hidden)
    if view.show_suppressed:
        d["suppressed"] = [{**flag.as_dict(), "review": s.as_dict()} for flag, s in hidden]
    return d


def render_json(results, view):
    """Written as it is encoded: a report of hundreds of thousands of flags is never one string."""
    out = {"documents": (document_dict(r, view, lazy=True) for r in results)}
    if view.failures:
        out["unreadable"] = [f.as_dict() for f in view.failures]
    return stream_json(out)


def jsonl_line(outcome, view) -> str:
    """One line: a document, or {"path", "error"} for one that could not be read."""
    record = outcome.as_dict() if hasattr(outcome, "message") else document_dict(outcome, view)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_jsonl(results, view) -> str:
    return "".join(jsonl_line(r, view) for r in results) + "".join(jsonl_line(f, view) for f in view.failures)
