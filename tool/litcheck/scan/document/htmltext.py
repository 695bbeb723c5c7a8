"""HTML to plain text for the scanner: blocks become blank lines, `<sup>n</sup>` a superscript marker."""

from __future__ import annotations

import html
import re

from litcheck.scan.document.model import SUPERSCRIPT_DIGITS


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
                data = data.strip().translate(str.maketrans("0123456789", SUPERSCRIPT_DIGITS))
            out.append(data)

    parser = Parser(convert_charrefs=True)
    parser.feed(source)
    parser.close()
    text = "".join(out)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return html.unescape(text).strip() + "\n"
