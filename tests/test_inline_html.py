"""HTML kept inline in a Markdown or plain-text document (document/htmltext.py `inline_html`):
note markers written as <sup>n</sup> and links written as <a href>."""

from __future__ import annotations

from litcheck.scan.document import parse_document
from litcheck.scan.document.htmltext import inline_html


def test_sup_markers_and_anchors_become_what_they_mark():
    assert inline_html("a week<sup>1</sup>. Then<sup> 4, 5 </sup>") == "a week¹. Then⁴,⁵"
    assert inline_html("<sup>4, 5 [https://example.org/a](https://example.org/a)</sup>\nnext") == (
        "⁴,⁵ [https://example.org/a](https://example.org/a)\nnext")
    assert inline_html('As <a href="https://example.org/r.pdf" target="_blank">Sophos</a> found.') == (
        "As [Sophos](https://example.org/r.pdf) found.")
    assert inline_html("x<sup>st</sup> and <a name=x>y</a>") == "x<sup>st</sup> and <a name=x>y</a>"  # not markers


def test_a_notes_line_for_several_markers_serves_each():
    text = ("Calls rose by a billion a week<sup>1</sup>. Losses reached $30 billion<sup>2</sup>, and one in three "
            "fell victim<sup>3</sup>.\n\n#### References\n\n<sup>1 https://example.org/a</sup>\n"
            "<sup>2, 3 https://example.org/b</sup>\n")
    doc = parse_document(text, fmt="markdown")
    assert [r.label for r in doc.references] == ["1", "2,3"]
    assert doc.reference_index("2") == doc.reference_index("3") == 1
    assert text.count("\n") == doc.text.count("\n")  # lines stay where they were


def test_figures_with_sup_markers_and_html_links_are_cited(scanner):
    text = ("One in three people fell victim to phone scams<sup>1</sup>.\n\n"
            'Ports <a href="https://example.org/survey.pdf">paid in 74% of cases</a>.\n\n'
            "#### References\n\n<sup>1 https://example.org/a</sup>\n")
    assert [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "uncited-statistic"] == []
    bare = text.replace("<sup>1</sup>", "").replace('<a href="https://example.org/survey.pdf">', "").replace("</a>", "")
    assert len([f for f in scanner.scan_text(bare, fmt="markdown").flags if f.rule == "uncited-statistic"]) == 2
