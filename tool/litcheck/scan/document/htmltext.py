"""HTML to plain text for the scanner (blocks become blank lines, `<sup>n</sup>` a superscript marker), and
the HTML a Markdown or plain-text document keeps inline (`inline_html`)."""

from __future__ import annotations

import html
import re

from litcheck.scan.document.model import SUPERSCRIPT_DIGITS


_SUP_DIGITS = str.maketrans("0123456789", SUPERSCRIPT_DIGITS)


class _HTMLText:
    """Minimal HTML -> text: block elements become blank lines, <sup>n</sup> becomes a marker."""

    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
             "blockquote", "ul", "ol", "table", "header", "footer", "aside", "figure", "figcaption", "dd", "dt"}
    SKIP = {"script", "style", "head", "nav", "noscript", "svg"}


def html_to_text(source: str) -> str:
    from html.parser import HTMLParser

    out: list[str] = []
    state = {"skip": 0, "sup": 0}

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in _HTMLText.SKIP:
                state["skip"] += 1
            elif tag == "sup":
                state["sup"] += 1
            elif tag == "li":
                out.append("\n- ")
            elif tag in _HTMLText.BLOCK:
                out.append("\n\n" if tag != "br" else "\n")
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                out.append("#" * int(tag[1]) + " ")

        def handle_endtag(self, tag):
            if tag in _HTMLText.SKIP:
                state["skip"] = max(0, state["skip"] - 1)
            elif tag == "sup":
                state["sup"] = max(0, state["sup"] - 1)
            elif tag in _HTMLText.BLOCK:
                out.append("\n\n")

        def handle_data(self, data):
            if state["skip"]:
                return
            data = re.sub(r"[ \t\r\n]+", " ", data)
            if state["sup"] and data.strip().isdigit():
                data = data.strip().translate(_SUP_DIGITS)
            out.append(data)

    parser = Parser(convert_charrefs=True)
    parser.feed(source)
    parser.close()
    text = "".join(out)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return html.unescape(text).strip() + "\n"


# `<sup>3</sup>`, `<sup>4, 5</sup>` in Markdown or plain text: a note marker written in HTML
_INLINE_SUP = re.compile(r"<sup>[ \t]*(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3})*)[ \t]*</sup>", re.I)
# a notes line wrapped whole in <sup>: "<sup>4, 5 [https://...]</sup>"
_SUP_LINE = re.compile(r"^[ \t]*<sup>[ \t]*(\d{1,3}(?:[ \t]*,[ \t]*\d{1,3})*)[ \t]+(\S.*?)[ \t]*</sup>[ \t]*$", re.I | re.M)


# `<a href="https://...">the report</a>` on one line: a link written in HTML
_ANCHOR = re.compile(r"""<a\s[^<>\n]{0,300}?\bhref\s*=\s*["']([^"'<>\s]{1,2000})["'][^<>\n]{0,300}>([^<>\n]{1,500})</a>""", re.I)


def inline_html(text: str) -> str:
    """HTML kept in a Markdown or plain-text document, read as what it marks: note markers as
    superscript digits (what `html_to_text` makes of them in an HTML page: "week<sup>1</sup>." ->
    "week¹."; a notes line "<sup>4, 5 [url]</sup>" -> "⁴,⁵ [url]") and links as Markdown links
    ("<a href="u">Sophos</a>" -> "[Sophos](u)"). Lines stay where they were."""
    def labels(m: re.Match) -> str:
        return ",".join(n.strip().translate(_SUP_DIGITS) for n in m.group(1).split(","))

    if "<sup" in text or "<SUP" in text:
        text = _INLINE_SUP.sub(labels, _SUP_LINE.sub(lambda m: f"{labels(m)} {m.group(2)}", text))
    if "<a " in text or "<A " in text:
        text = _ANCHOR.sub(lambda m: f"[{m.group(2).strip()}]({m.group(1)})", text)
    return text
