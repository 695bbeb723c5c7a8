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
