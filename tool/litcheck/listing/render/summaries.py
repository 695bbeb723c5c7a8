"""A note's summary as readers see it: citations as text, Markdown rendered or flattened.

Notes are Markdown with pandoc citations (`[@key, p. 31]`). A reading list must show neither
syntax: `[@webster2012european]` becomes "(Webster et al., 2012)", `*Title*` becomes italics in
HTML (and in docx/odt, which pandoc makes from our Markdown) and plain "Title" in CSV, RIS and
the data exports. markdown-it-py does the parsing (a CommonMark parser; raw HTML off, so a note
can never inject markup, and images off, so a page never fetches anything).
"""

from __future__ import annotations

import re
from functools import lru_cache

from litcheck.library.notes import find_links

# A bracketed group holding at least one `@` (not a Markdown link `[text](url)`); its items are
# read by the notes' own `find_links`, so both agree on what a citation is.
_GROUP = re.compile(r"\[([^\[\]]*?@[^\[\]]*?)\](?![(\[])")


def short_citation(entry, locator: str = "") -> str:
    """Author-date text for one work: "Webster et al., 2012, p. 31" (no brackets)."""
    names = entry.creators
    family = [n.literal or n.family or n.display for n in names]
    if not family:
        who = entry.title
    elif len(family) == 1:
        who = family[0]
    elif len(family) == 2:
        who = f"{family[0]} and {family[1]}"
    else:
        who = f"{family[0]} et al."
    parts = [who, str(entry.year) if entry.year else "n.d."]
    if locator:
        parts.append(locator)
    return ", ".join(p for p in parts if p)


def readable_citations(text: str, library, escape=lambda s: s) -> str:
    """Every `[@key ...]` group in `text` as "(Author, Year, locator; ...)"; unknown keys by name.

    `escape` is applied to the inserted text (Markdown escaping when the result is Markdown)."""

    def replace(match: re.Match) -> str:
        links = find_links(match.group(0), in_front_matter=True)
        if not links:
            return match.group(0)
        parts = []
        for link in links:
            entry = library.get(link.key) if library is not None else None
            parts.append(short_citation(entry, link.locator) if entry is not None
                         else ", ".join(p for p in (link.key, link.locator) if p))
        return escape("(" + "; ".join(parts) + ")")

    return _GROUP.sub(replace, text)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).disable("image")


def markdown_to_html(text: str) -> str:
    """Inline HTML for one paragraph of Markdown; raw HTML is shown escaped, never run."""
    return _parser().renderInline(text).strip()


def markdown_to_plain(text: str) -> str:
    """The words of a Markdown paragraph without its markup (emphasis, links, code marks)."""
    out: list[str] = []
    for token in _parser().parseInline(text):
        for child in token.children or []:
            if child.type in ("text", "code_inline", "html_inline"):
                out.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                out.append(" ")
    return " ".join("".join(out).split())


_EMPHASIS = {"em_open": "*", "em_close": "*", "strong_open": "**", "strong_close": "**"}


def markdown_to_markdown(text: str) -> str:
    """A paragraph of Markdown written afresh from its parse, for Markdown exports: words are
    escaped (raw HTML becomes visible text), emphasis and code are kept, and a link is kept only
    when its target is http(s), mailto or a DOI (never javascript:, data: or vbscript:)."""
    if not text:  # most works have no note: no parse for them
        return ""
    from litcheck.listing.styles import code_span, md_escape, safe_href

    out: list[str] = []
    targets: list[str | None] = []
    for token in _parser().parseInline(text):
        for child in token.children or []:
            kind = child.type
            if kind in ("text", "html_inline"):
                out.append(md_escape(child.content))
            elif kind in ("softbreak", "hardbreak"):
                out.append(" ")
            elif kind in _EMPHASIS:
                out.append(_EMPHASIS[kind])
            elif kind == "code_inline":
                out.append(code_span(child.content))
            elif kind == "link_open":
                targets.append(safe_href(str(child.attrGet("href") or "")))
                out.append("[" if targets[-1] else "")
            elif kind == "link_close":
                href = targets.pop() if targets else None
                out.append(f"](<{href}>)" if href else "")
    return "".join(out).strip()


def paragraphs_markdown(text: str) -> str:
    """Each paragraph of `text` through `markdown_to_markdown` (a list's introduction, a section's
    commentary), blank lines kept between them."""
    parts = [markdown_to_markdown(p) for p in re.split(r"\n[ \t]*\n", text.strip())]
    return "\n\n".join(p for p in parts if p)


def summary_markdown(library, key: str) -> str:
    """The note's summary (first paragraph of "What it is") with citations made readable."""
    from litcheck.listing.styles import md_escape

    note = library.note(key) if library is not None else None
    text = note.summary if note is not None else ""
    return readable_citations(text, library, md_escape) if text else ""


def summary_html(library, key: str) -> str:
    text = summary_markdown(library, key)
    return markdown_to_html(text) if text else ""


def summary_plain(library, key: str) -> str:
    text = summary_markdown(library, key)
    return markdown_to_plain(text) if text else ""
