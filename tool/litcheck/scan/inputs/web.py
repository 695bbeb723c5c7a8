"""A saved web page: the article's main text, without menus, banners, sidebars and comments.

trafilatura finds the main text (it is the best-maintained extractor and scores well in
published comparisons); it hands back an XML tree that keeps headings, list numbering and
superscripts. We render that tree ourselves because its own text output drops exactly what
the scanner needs: `<sup>1</sup>` footnote markers and the numbers of a notes list.
"""

from __future__ import annotations

from litcheck.scan.inputs.common import InputError

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
# Fewer words than this in the extracted main text: what was found is furniture, not an article.
MIN_WORDS = 25


def read_html(path, name):
    from litcheck.scan.document import parse_document

    return parse_document(html_to_article(path.read_bytes(), name), name, "markdown")


def html_to_article(data: bytes, name: str) -> str:
    import trafilatura
    from lxml import etree

    xml = trafilatura.extract(data, output_format="xml", include_formatting=True, include_tables=True,
                              include_comments=False, include_links=False, include_images=False,
                              deduplicate=False)
    if not xml:
        raise InputError(f"{name}: no article text found in the page (is it an index page, or is the "
                         "text loaded by JavaScript? save the page as it shows in a browser, or copy the text)")
    root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    main = root.find("main")
    blocks = _blocks(main if main is not None else root)
    text = "\n\n".join(b for b in blocks if b.strip()) + "\n"
    if len(text.split()) < MIN_WORDS:
        raise InputError(f"{name}: the page has no article body ({len(text.split())} words of main text)")
    return text


def _blocks(element) -> list[str]:
    out: list[str] = []
    for child in element:
        tag = child.tag
        if tag == "head":
            level = (child.get("rend") or "h2").lstrip("h")
            out.append("#" * (int(level) if level.isdigit() else 2) + " " + _inline(child))
        elif tag == "list":
            numbered = child.get("rend") == "ol"
            items = [_inline(item) for item in child.iter("item")]
            out.append("\n".join((f"{n}. " if numbered else "- ") + item for n, item in enumerate(items, 1)))
        elif tag == "table":
            for row in child.iter("row"):
                out.append(" | ".join(_inline(cell) for cell in row))
        elif tag in ("p", "quote", "code"):
            out.append(_inline(child))
        elif len(child):
            out.extend(_blocks(child))
        elif (child.text or "").strip():
            out.append(_inline(child))
    return out


def _inline(element) -> str:
    parts = [element.text or ""]
    for child in element:
        inner = _inline(child)
        if child.tag == "hi" and child.get("rend") == "#sup" and inner.strip().isdigit():
            inner = inner.strip().translate(SUPERSCRIPT)
        elif child.tag == "lb":
            inner = " "
        parts.append(inner)
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())
