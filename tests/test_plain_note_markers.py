"""Plain-number note markers of PDF-extracted text ("certified. 12 This"): read as the markers
they are only where they run in the order of the document's numbered notes."""

from __future__ import annotations

from litcheck.scan.document import parse_document

NOTES = "\n\n## Endnotes\n\n" + "".join(f"{n} Source number {n}, a report, 2020.\n" for n in range(1, 6))


def _sentences(body: str):
    doc = parse_document(body + NOTES, "doc.txt", "text")
    return [s.text for s in doc.sentences if s.kind == "body"]


def test_spaced_numbers_in_note_order_close_the_sentence_before_them():
    body = ("Entries rose to 5,603 in 2017. 1 They rose again in 2020. 2 A later survey found more. 3\n\n"
            "Positions were certified, 4 and so were contracts. 5\n")
    assert _sentences(body) == ["Entries rose to 5,603 in 2017. ¹", "They rose again in 2020. ²",
                                "A later survey found more. ³", "Positions were certified, 4 and so were contracts. ⁵"]


def test_numbers_out_of_order_or_before_a_small_letter_are_figures():
    body = ("Entries rose in 2017. 4 States reported cases. In 2019, 12 states passed laws. 2 Agencies "
            "agreed. 1 Others did not.\n")
    assert _sentences(body) == ["Entries rose in 2017.", "4 States reported cases.", "In 2019, 12 states passed laws.",
                                "2 Agencies agreed.", "1 Others did not."]


def test_a_document_with_superscript_markers_keeps_its_plain_numbers():
    body = "Entries rose in 2017.¹ Cases fell.² Courts acted.³ Then came 2018. 4 Agencies agreed. 5 Others followed.\n"
    assert _sentences(body)[3:] == ["Then came 2018.", "4 Agencies agreed.", "5 Others followed."]


# A PDF report's endnotes with their heading lost: a numbered list of sources ends the document.
_HEADLESS = "\n\n[…]\n\n" + "".join(f"{n}. Agency {n} (2015) Report number {n} http://example.org/r{n}\n"
                                      for n in range(1, 13))


def _headless(body: str):
    doc = parse_document(body + _HEADLESS, "report.txt", "text")
    return doc, [s.text for s in doc.sentences if s.kind == "body"]


def test_a_numbered_list_of_sources_ending_the_document_is_its_notes():
    doc, _ = _headless("Entries rose to 5,603 in 2017.1 Cases fell.2 Courts acted.3\n")
    assert sorted(doc.footnotes, key=int) == [str(n) for n in range(1, 13)]
    assert doc.footnotes["4"].text.startswith("Agency 4 (2015)") and doc.references == []


def test_a_numbered_list_of_points_ending_the_document_is_body():
    points = "".join(f"{n}. Point number {n} of the plan is kept short.\n" for n in range(1, 7))
    doc = parse_document("The plan has six points.\n\n" + points, "plan.txt", "text")
    assert doc.footnotes == {} and len([s for s in doc.sentences if s.kind == "item"]) == 6


def test_markers_on_the_next_line_and_in_slashed_runs_close_the_sentence_before():
    body = ("Half of the catch comes from far away.\n1/2 In a later study, boats were 5 times more\n"
            "likely to hold deceived crew.3 Shortages reached 50,000.\n4 Combined with debt, abuse follows.\n5\n"
            "The men are migrants.\n")
    _, sentences = _headless(body)
    assert sentences == ["Half of the catch comes from far away. ¹˒²", "In a later study, boats were 5 times more likely "
                         "to hold deceived crew.³", "Shortages reached 50,000. ⁴", "Combined with debt, abuse follows. ⁵",
                         "The men are migrants."]


def test_the_markers_are_read_again_after_several_were_lost():
    # 4 to 7 are glued to words or dropped by the extraction: the markers after them still count
    body = ("One.1 Two.2 Three.3 Eight rose.8 Nine fell.9 Ten held.10\n")
    _, sentences = _headless(body)
    assert sentences[-3:] == ["Eight rose.⁸", "Nine fell.⁹", "Ten held.¹⁰"]


def test_a_numbered_list_under_a_references_heading_is_read_as_the_heading_says():
    doc = parse_document("Entries rose.1 Cases fell.2 Courts acted.3\n\n## References" + _HEADLESS.replace("[…]", ""),
                         "report.txt", "text")
    assert doc.footnotes == {} and len(doc.references) == 12
