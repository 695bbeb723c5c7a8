"""Citations written as links to anchors in the document's own reference list (notebooks, HTML
papers): tied to their item by the anchor, checked against it, and dangling when the anchor is
missing; a reference heading may name its style and carry an anchor."""

from __future__ import annotations

from litcheck.scan.document import parse_document

REFERENCES = (
    "\n## References [MLA] <a id='refs'></a>\n\n"
    '1. <a id="ref_harm"></a> Okafor, L.D. and Brandt, A. (2021), "Health after rescue", Journal of Care, 17(2), 215-223.\n'
    '2. <a id="ref_tech"></a> Lindqvist S., Moore H., and Ruiz M., "Freeing workers online", Review, issue 14, 2020, pp. 16-32.\n'
    '3. <a id="ref_beg"></a> The Harbour Project [Internet] March 7, 2023\n'
)


def scan(scanner, body):
    return scanner.scan_text(body + REFERENCES, fmt="markdown")


def test_a_heading_with_a_style_label_and_an_anchor_opens_the_reference_list():
    doc = parse_document("Body text here.\n" + REFERENCES, "essay.md", "markdown")
    assert [r.anchor for r in doc.references] == ["ref_harm", "ref_tech", "ref_beg"]
    assert doc.references[0].text.startswith("Okafor, L.D. and Brandt")  # the anchor is not part of the item


def test_a_linked_citation_is_checked_against_the_item_its_anchor_names(scanner):
    result = scan(scanner, "Later work agreed [(Lindqvist et al. 2021)](#ref_tech). Survivors were studied "
                           "by [(Okafor et al. 2021)](#ref_harm) after rescue.\n")
    mismatches = sorted(f.message for f in result.flags if f.rule == "citation-mismatch")
    assert len(mismatches) == 2
    assert "year 2021" in mismatches[0] and "2020" in mismatches[0]
    assert "'et al.' for a work by two authors" in mismatches[1]
    assert not [f for f in result.flags if f.rule == "dangling-citation"]


def test_a_link_to_a_missing_reference_anchor_dangles_in_every_shape(scanner):
    result = scan(scanner, "One model used graphs, as [Keskin et al. 2021](#ref_simulation) showed. "
                           "Dimas et al. [(2021)](#ref_envelop) studied border stations. "
                           "Workers were [sent to beg](#ref_begging).\n")
    dangling = [f.message for f in result.flags if f.rule == "dangling-citation"]
    assert len(dangling) == 3
    assert all("which no reference item carries" in m for m in dangling)


def test_linked_words_and_section_links_are_not_dangling(scanner):
    result = scan(scanner, "Some are sent out for [forced begging](#ref_beg). See the [methods](#methods) and "
                           "[Back to top](#toc).\n\n## Methods <a id='methods'></a>\n\nWe read 12 papers.\n")
    linked = [c for c in result.citations if c.anchor]
    assert [(c.kind, c.via_reference) for c in linked] == [("link", 2)]
    assert not [f for f in result.flags if f.rule == "dangling-citation"]


def test_a_narrative_citation_with_a_linked_year_covers_its_figures(scanner):
    result = scan(scanner, "Dimas et al. [(2021)](#ref_tech) compiled 140 articles on analytics.\n")
    cite = next(c for c in result.citations if c.anchor)
    assert (cite.names, cite.year) == (["Dimas"], 2021)
    assert not [f for f in result.flags if f.rule == "uncited-statistic"]
