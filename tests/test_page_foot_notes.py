"""Page-foot notes of PDF-extracted reports: a plain number, a space and the note, printed where the
page ended. They are notes, not prose, in whatever order the page prints them, and the body that
goes on after them (the next page) stays body."""

from __future__ import annotations

from litcheck.scan.citations import sentence_note_labels
from litcheck.scan.document import parse_document


def _doc(text: str):
    return parse_document(text, "report.txt", "text")


def _body(doc) -> list[str]:
    return [s.text for s in doc.sentences if s.kind == "body"]


def test_notes_printed_last_first_are_notes_when_they_open_as_sources():
    doc = _doc("The Commission set out its strategy in a plan.12 Europol described the trend in a "
               "report.14 Researchers found the same pattern.11\n\n"
               "14 Europol, ‘Trafficking in human beings’, url, retrieved on 8 August 2023.\n\n"
               "12 European Commission, EU strategy for a more effective fight, url, 24 July 2020.\n\n"
               "11 Tech Platforms Used by Offenders, url, February 2024.\n")
    assert sorted(doc.footnotes) == ["11", "12", "14"]
    assert doc.footnotes["12"].text.startswith("European Commission, EU strategy")
    assert not any(s.startswith(("12 ", "11 ")) for s in _body(doc))


def test_numbers_glued_to_a_word_capitals_or_a_bracketed_year_are_markers():
    doc = _doc("Risks to users1, society and services were assessed. Lim et al. (2015)2 found harm to "
               "health. Figures from NCMEC3, show a rise.\n\n"
               "1 For this report, a user is a recipient of the service.\n"
               "2 Lim, M. S. (2015). The impact of pornography. Journal of Health, 70(1), 3-5.\n"
               "3 National Center for Missing & Exploited Children, CyberTipline data, 2024.\n")
    assert sorted(doc.footnotes) == ["1", "2", "3"]
    assert _body(doc) == ["Risks to users¹, society and services were assessed.",
                          "Lim et al. (2015)² found harm to health.", "Figures from NCMEC³, show a rise."]


def test_a_documents_number_after_its_year_is_no_marker():
    from litcheck.scan.document.plainmarks import GLUED_MARK

    assert GLUED_MARK.search("It adopted Recommendation CM/Rec(2022)16 on hate speech.") is None
    assert GLUED_MARK.search("Lim et al. (2015)16 found harm.") is not None


def test_a_note_block_inside_a_sentence_ends_where_its_note_does():
    doc = _doc("Notices go to the Child Victim Assistance program7, which is part of the Federal Bureau of\n"
               "7 In January 2024, the program was renamed the Notification Program (CENP).\n"
               "Investigation, which tells victims that their files circulated. NCMEC also sends a report "
               "to each agency.8\n"
               "8 A series is a set of files of one child.\n")
    assert doc.footnotes["7"].text == "In January 2024, the program was renamed the Notification Program (CENP)."
    first = doc.sentences[0]
    assert first.text == ("Notices go to the Child Victim Assistance program7, which is part of the Federal "
                          "Bureau of Investigation, which tells victims that their files circulated.")
    assert sentence_note_labels(doc, first) == ["7"]


def test_the_next_page_after_a_notes_short_last_line_is_body():
    doc = _doc("Matching finds near-duplicates of known files in reports.5 Hashes identify files.6\n"
               "5 A hash value is a digital fingerprint of a file that can be used to identify it exactly.\n"
               "6 PhotoDNA hashing creates matches among groups of images or videos that\n"
               "are visually similar.\n"
               "As of December 31, 2023, NCMEC has reviewed over 406 million images and videos submitted\n"
               "by police.\n")
    assert doc.footnotes["6"].text == ("PhotoDNA hashing creates matches among groups of images or videos "
                                       "that are visually similar.")
    assert ("As of December 31, 2023, NCMEC has reviewed over 406 million images and videos submitted by "
            "police.") in _body(doc)


def test_a_numbered_heading_standing_alone_is_not_a_note():
    doc = _doc("Proceedings of the ACM on Human-Computer Interaction 5, CSCW2 (Oct 2021).\n\n"
               "2 Background and Related Work\n\n"
               "Providers must report apparent abuse material to the clearinghouse.\n")
    assert "2" not in doc.footnotes
