"""The document dating its own data in different ways in different places (part of date-mismatch).

"The data analysed here come from a national survey ... in 2012" in the introduction, "data
collected ... 2000–2006" in the methods and "the data were amassed in 2000–2001" in the
conclusion cannot all be right, and the reader cannot tell which analysis the findings rest on.
Only statements whose subject is the document's data ("the data", "our data", "the dataset") and
that say when they were collected are compared: two different datasets are named differently.
"""

from __future__ import annotations

import re

from litcheck.scan.citations.model import YEAR

_DATA_SUBJECT = re.compile(r"\b(?:the|our|this|these|its)\s+(?:\w+\s+){0,2}?(?:data|dataset|data set)\b(?!\s+(?:protection|"
                           r"archive|privacy|centre|center|act|law|on\b))", re.I)
_WHEN = re.compile(r"\b(?:collected|taken|gathered|drawn|amassed|obtained|compiled|cover(?:s|ed|ing)?|span(?:s|ned|ning)?|"
                   r"(?:is|are|was|were) from|came from|comes? from|recorded)\b", re.I)
_SPAN = re.compile(r"\b(" + YEAR + r")(?:\s*[-–/]\s*(" + YEAR + r"|\d\d)\b)?")


def _span(text: str) -> tuple[int, int] | None:
    """(first, last) year the text gives, from its years and year ranges."""
    years = []
    for m in _SPAN.finditer(text):
        first = int(m.group(1))
        last = m.group(2)
        years.append(first)
        if last:
            years.append(int(last) if len(last) == 4 else first // 100 * 100 + int(last))
    return (min(years), max(years)) if years else None


def data_date_statements(ctx) -> list[tuple[object, tuple[int, int]]]:
    """(sentence, year span) for every sentence that says when the document's data were collected."""
    out = []
    if not ctx.in_text(_DATA_SUBJECT):
        return out  # (a document that never says "data" has no sentence to search)
    for sent in ctx.claim_sentences():
        text = ctx.claim_text(sent)
        subject = _DATA_SUBJECT.search(text)
        if not subject or not _WHEN.search(text, subject.end()):
            continue
        span = _span(text[subject.start():])
        if span:
            out.append((sent, span))
    return out


def data_date_conflicts(ctx):
    """date-mismatch flags: each statement whose span differs from another statement's."""
    statements = data_date_statements(ctx)
    spans = {span for _, span in statements}
    if len(spans) < 2:
        return
    for sent, span in statements:
        others = sorted({(s.line, o) for s, o in statements if o != span})
        shown = "; ".join(f"line {line}: {a}" + (f"–{b}" if b != a else "") for line, (a, b) in others[:3])
        here = f"{span[0]}" + (f"–{span[1]}" if span[1] != span[0] else "")
        yield ctx.flag("date-mismatch", sent, f"the document dates its data {here} here, but otherwise elsewhere ({shown})",
                       evidence=here)
