"""In-text citations linked to their reference-list items in text as it comes from PDFs and word
processors: citations wrapped over two lines, a surname broken at a line's hyphen, bodies whose
names hold commas, particles and dotted abbreviations, and items that open with such a body."""

from __future__ import annotations

from litcheck.scan.document import parse_document

REFERENCES = (
    "\n\nReferences\n\n"
    "Franchino-Olsen, H., Chesworth, B. R., & Boyle, C. (2022). The prevalence of sex trafficking. TVA, 23(5).\n"
    "Macy, R. J., Klein, L. B., & Shuck, C. A. (2023). A scoping review of screening. TVA, 24(3), 1202-1219.\n"
    "National Academies of Sciences, Engineering, and Medicine. (2020). Estimating the prevalence of human\n"
    "trafficking in the United States. National Academies Press.\n"
    "U.S. Census Bureau. (2024a, November 25). State population totals and components of change.\n"
    "Wright, E. R., LaBoy, A., Tsukerman, K., Forge, N., Ruel, E., Shelby, R., Higbee, M., Turner-Harper,\n"
    "M., Darkwa, A., & Wallace, C. (2021). The prevalence of labor and sex trafficking among youth.\n"
)


def test_items_open_with_a_body_but_not_with_a_wrapped_initial():
    doc = parse_document("Screening helps.\n" + REFERENCES, "report.txt", "text")
    heads = [r.text.split(" (")[0][:40] for r in doc.references]
    assert heads == ["Franchino-Olsen, H., Chesworth, B. R., &", "Macy, R. J., Klein, L. B., & Shuck, C. A",
                     "National Academies of Sciences, Engineer", "U.S. Census Bureau.",
                     "Wright, E. R., LaBoy, A., Tsukerman, K.,"]


def test_wrapped_citations_of_bodies_and_broken_surnames_find_their_items(scanner):
    body = ("Screening tools have proven useful (Macy et al.,\n2023), yet prevalence is unknown (National\n"
            "Academies of Sciences, Engineering, and Medicine, 2020). The pathways are unclear (Franchino-\n"
            "Olsen et al., 2022). The state grew (U.S. Census Bureau, 2024a). Youth are at risk (Wright et\n"
            "al., 2021).\n")
    result = scanner.scan_text(body + REFERENCES, fmt="text")
    linked = {c.text.split(",")[0]: c.via_reference for c in result.citations if c.kind == "author-date"}
    assert linked == {"(Macy et al.": 1, "(National Academies of Sciences": 2, "(Franchino- Olsen et al.": 0,
                      "(U.S. Census Bureau": 3, "(Wright et al.": 4}
    assert not [f for f in result.flags if f.rule in ("dangling-citation", "inconsistent-duplicate")]


def test_an_item_sharing_only_a_phrase_with_a_library_title_is_another_work(scanner):
    # (the library holds Europol 2019, "Hidden Routes: Cryptocurrency Payments on Darknet Markets")
    text = ("Payments moved online (Farrell & de Vries, 2019).\n\nReferences\n\n"
            "Farrell, A., & de Vries, I. (2019). Cryptocurrency payments in online labour markets. In\n"
            "J. Jones (Ed.), Handbook of labour exploitation (pp. 147-162). Northgate.\n")
    result = scanner.scan_text(text, fmt="text")
    assert [c.key for c in result.citations] == [None]


def test_a_text_citing_by_number_does_not_cite_by_a_bare_abbreviation(scanner):
    text = ("Underground markets were studied [1].\n\n2.1. Related work\n\nThe work was financed by the Dutch "
            "National Research Council (NWO).\n\nReferences\n\n[1] A. Moneva, E. R. Leukfeldt, and M. Romagna, "
            "Fieldwork experi- ences researching cybercriminals. Springer, 2023, pp. 511–533.\n")
    flags = [(f.rule, f.sentence) for f in scanner.scan_text(text, fmt="text").flags if f.severity != "info"]
    assert flags == []
    author_date = ("Underground markets were studied (Moneva, 2023). The work was financed by the Dutch National "
                   "Research Council (NWO).\n\nReferences\n\nMoneva, A. (2023). Fieldwork. Springer.\n")
    assert [c.text for c in scanner.scan_text(author_date, fmt="text").citations] == ["(Moneva, 2023)", "(NWO)"]


def test_a_title_naming_another_kind_of_document_is_another_work(scanner):
    # (the library holds the regulation: "Regulation (EU) 2022/2065 on a Single Market for Digital Services")
    law = "Platforms must assess risks.[^1]\n\n[^1]: European Union, Regulation (EU) 2022/2065 on a Single Market for Digital Services, 2022.\n"
    guide = law.replace("Regulation (EU) 2022/2065", "Guidelines", 1)
    assert [c.key for c in scanner.scan_text(law, fmt="markdown").citations] == ["eu2022digital"]
    assert [c.key for c in scanner.scan_text(guide, fmt="markdown").citations] == [None]


def test_a_bodys_name_with_a_word_added_is_matched_and_the_difference_named(scanner):
    text = ("The state updated its laws (Harbour County Task Force Report, 2023).\n\nReferences\n\n"
            "Harbour County Task Force. (2022). 2022 report. Attorney General's Office.\n"
            "Harbour County Task Force. (2023). 2023 report. Attorney General's Office.\n")
    result = scanner.scan_text(text, fmt="text")
    cite = next(c for c in result.citations if c.kind == "author-date")
    assert cite.via_reference == 1
    found = [f.message for f in result.flags if f.rule == "citation-mismatch"]
    assert len(found) == 1 and "(reference item 2, line 6: 'Harbour County Task Force')" in found[0]
    assert not [f for f in result.flags if f.rule == "dangling-citation"]
