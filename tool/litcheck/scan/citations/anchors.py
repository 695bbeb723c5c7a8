"""Citations written as links to an anchor in the document's own reference list, as notebooks and
HTML papers write them: `[(Gezie et al. 2021)](#ref_harm)`, `[Lin et al. 2022](#ref_lin)`,
narrative `Dimas et al. [(2022)](#ref_analytics)`, or words linked to an item
(`[forced begging](#ref_beg)`). The link says which item is meant, so the citation is tied to it
by the anchor, not by guessing from the name; a link to a reference anchor the document lacks is a
citation of nothing."""

from __future__ import annotations

import re

from litcheck.scan.citations.model import YEAR, Citation, inside
from litcheck.scan.citations.parenthetical import author_date_part
from litcheck.scan.document.regions import ANCHOR_TAG

_ANCHOR_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]\n]{1,300})\]\(#(?P<id>[\w:.-]{1,100})\)")
_YEAR_ONLY = re.compile(r"\(?(" + YEAR + r")[a-z]?\)?")
# the names before a linked year: "Dimas et al. [(2022)](#…)", "Keskin and Ali [2021](#…)"
_NAMES_BEFORE = re.compile(r"([A-Z][\w'’\-]*+(?:\s+(?:and|&)\s+[A-Z][\w'’\-]*+|\s+et\s+al\.)?)\s*$")


def reference_prefixes(doc) -> set[str]:
    """How the document names its reference anchors ("ref_", "cite-"): a link to a missing anchor
    with one of these prefixes was meant for an item that is not there."""
    if "_anchor_prefixes" not in doc.__dict__:
        doc.__dict__["_anchor_prefixes"] = {_prefix(r.anchor) for r in doc.references if _prefix(r.anchor)}
    return doc.__dict__["_anchor_prefixes"]


def _prefix(anchor: str) -> str:
    m = re.match(r"[A-Za-z]+[_:.-]", anchor)
    return m.group(0) if m else ""


def document_anchors(doc) -> set[str]:
    """Every anchor id the document carries (HTML `id=`/`name=`, pandoc `{#id}`), read once."""
    if "_anchor_ids" not in doc.__dict__:
        ids = {m.group(1) for m in ANCHOR_TAG.finditer(doc.text)} if "<a" in doc.text else set()
        ids |= set(re.findall(r"\{#([\w:.-]{1,100})[^}\n]{0,200}\}", doc.text))
        doc.__dict__["_anchor_ids"] = ids
    return doc.__dict__["_anchor_ids"]


def anchor_citations(doc, text: str, base: int, sent_index: int, cites: list[Citation], taken) -> list[Citation]:
    """Tie the citations inside reference links to their anchor; read the links that hold none."""
    if "](#" not in text or not doc.references:
        return []
    out: list[Citation] = []
    for m in _ANCHOR_LINK.finditer(text):
        anchor = m.group("id")
        if doc.anchored_item(anchor) is None and (
                anchor in document_anchors(doc) or _prefix(anchor) not in reference_prefixes(doc)):
            continue  # a link to a section, a figure, the table of contents: not a citation
        start, end = base + m.start(), base + m.end()
        within = [c for c in cites if start <= c.start < end]
        for c in within:
            c.anchor = anchor
        if within:
            continue
        inner = m.group("text").strip()
        year = _YEAR_ONLY.fullmatch(inner)
        names = _NAMES_BEFORE.search(text, max(0, m.start() - 80), m.start()) if year else None
        if names and not inside(taken, names.start()):
            c = author_date_part(f"{names.group(1)}, {year.group(0).strip('()')}", base + names.start(), end,
                                 sent_index, text[names.start():m.end()])
        else:
            c = author_date_part(inner.strip("()"), start, end, sent_index, m.group(0))
        if c is None:  # words linked to an item: a citation of it all the same
            c = Citation("link", m.group(0), start, end, sent_index, ["#" + anchor])
        c.anchor = anchor
        out.append(c)
    return out
