"""SARIF 2.1.0, so that code review on GitHub or GitLab annotates a Markdown or LaTeX
manuscript line by line (validated against the OASIS schema in the tests).

One run; the rules that fired are the tool's rules (with their documented examples as help);
each flag is a result at its line. Flags hidden as reviewed or wrong are listed, when asked
with --show-suppressed, as results with a `suppressions` entry, which review tools show as
dismissed. The partial fingerprint is the suppression key (rule + sentence hash), so a
result keeps its identity when other parts of the document change.
"""

from __future__ import annotations

from pathlib import Path

from litcheck import __version__
from litcheck.cli.jsonout import dump_json

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _uri(path: str) -> str:
    from litcheck.scan.inputs import is_url

    if is_url(path):
        return path
    p = Path(path)
    return p.resolve().as_uri() if p.is_absolute() else p.as_posix()


def _rule_descriptor(rule_id: str) -> dict:
    from litcheck.scan.rules import all_rules

    rule = all_rules().get(rule_id)
    if rule is None:
        return {"id": rule_id}
    return {"id": rule.id, "shortDescription": {"text": rule.description},
            "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
            "help": {"text": f"Fires: {rule.fires}\nDoes not fire: {rule.passes}"}}


def _source_map(result):
    """For LaTeX: the map from sentences to source lines (reports otherwise use the lines of
    the extracted text, which for .tex are not the lines a reviewer sees)."""
    from litcheck.scan.inputs import is_url
    from litcheck.scan.inputs.sourcemap import SourceMap

    if getattr(result.doc, "source_kind", "") != "latex" or is_url(result.path):
        return None
    return SourceMap(Path(result.path).read_text(encoding="utf-8", errors="replace"))


def _region(result, flag, source_map) -> dict:
    doc = result.doc
    start, end = flag.line, doc.line_of(max(flag.start, flag.end - 1)) if flag.end > flag.start else flag.line
    if source_map is not None:
        mapped = source_map.line_of(flag.sentence)
        start, end = (mapped, mapped) if mapped else (start, end)
    return {"startLine": start, "endLine": max(start, end), "snippet": {"text": " ".join(flag.sentence.split())}}


def _result(result, flag, rule_index: dict, source_map, suppression=None) -> dict:
    from litcheck.scan.suppress import sentence_hash

    out = {
        "ruleId": flag.rule, "ruleIndex": rule_index[flag.rule], "level": LEVELS.get(flag.severity, "warning"),
        "message": {"text": flag.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": _uri(result.path)},
            "region": _region(result, flag, source_map)}}],
        "partialFingerprints": {"litcheckSentence/v1": f"{flag.rule}:{sentence_hash(flag.sentence)}"},
        "properties": {"priority": flag.rank, "keys": list(flag.keys), "evidence": flag.evidence, "where": flag.where},
    }
    if suppression is not None:
        out["suppressions"] = [{"kind": "external" if suppression.origin == "sidecar" else "inSource",
                                "status": "accepted",
                                "justification": suppression.status + (f": {suppression.note}" if suppression.note else "")}]
    return out


def render_sarif(results, view) -> str:
    pairs = [(r, f, None) for r in results for f in r.flags]
    if view.show_suppressed:
        pairs += [(r, f, s) for r in results for f, s in view.suppressed.get(r.path, [])]
    rule_ids = list(dict.fromkeys(f.rule for _, f, _ in pairs))
    rule_index = {rule_id: n for n, rule_id in enumerate(rule_ids)}
    maps = {r.path: _source_map(r) for r in results}
    artifacts = [{"location": {"uri": _uri(r.path)},
                  "properties": {"input": getattr(r.doc, "source_kind", r.doc.fmt),
                                 "lineNumbers": "source" if getattr(r.doc, "source_kind", r.doc.fmt) in
                                 ("text", "markdown", "latex") else "extracted text"}} for r in results]
    notifications = [{"level": "error", "message": {"text": f.message},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}}}]}
                     for f in view.failures]
    run = {
        "tool": {"driver": {"name": "litcheck", "version": __version__, "rules": [_rule_descriptor(r) for r in rule_ids]}},
        "artifacts": artifacts,
        "invocations": [{"executionSuccessful": not view.failures, "toolExecutionNotifications": notifications}],
        "results": [_result(r, f, rule_index, maps[r.path], s) for r, f, s in pairs],
    }
    return dump_json({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]})
