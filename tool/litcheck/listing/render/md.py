"""Markdown: an annotated bibliography (reference in the style, the note's summary, verification)."""

from __future__ import annotations

from litcheck.library.entry import released
from litcheck.listing.render.common import format_all, style_title
from litcheck.listing.render.summaries import markdown_to_markdown, paragraphs_markdown, summary_markdown
from litcheck.listing.styles import code_span, md_escape

FORMAT = "md"
STYLED = True  # entries are formatted in a citation style
DOCUMENT = True  # a document people read: sections by topic unless asked otherwise


def render(reading, library, options) -> str:
    style = options.style
    formatted = format_all(reading.entries(), style, ("markdown",), cite=False)
    out = [f"# {md_escape(reading.title)}", ""]
    if reading.introduction:
        out += [paragraphs_markdown(reading.introduction), ""]
    count = len(reading.entries())
    style_name = style_title(style)
    out += [f"*{count} work{'s' if count != 1 else ''}; references formatted in {style_name}.*", ""]
    for section in reading.sections:
        if section.heading:
            out += [f"## {md_escape(section.heading)}", ""]
        if section.commentary:
            out += [paragraphs_markdown(section.commentary), ""]
        if not section.entries:
            out += [f"*{md_escape(section.empty_message())}*", ""]
        for entry in released(section.entries):
            ref = formatted[entry.key].reference["markdown"] or md_escape(entry.title)
            out.append(f"- {ref}")
            out.append("")
            text = markdown_to_markdown(summary_markdown(library, entry.key))
            if text:
                out += [f"  {text}", ""]  # the note's own Markdown, citations as text, made safe
            state = entry.status or "not recorded"
            out += [f"  *Verification: {md_escape(state)}.* Key: {code_span(entry.key)}", ""]
    return "\n".join(out).rstrip() + "\n"
