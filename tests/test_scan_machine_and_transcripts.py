"""Shapes of text found outside scholarly writing: sources in lenticular brackets, as chat
assistants mark them ("【ILO 2005】"), named "Author Topic Year"; transcripts, where a guest's turn
is that speaker's words; a restated figure ("That's two million ..."); years counted from a date
before them ("Five years later, in 2023"); and the writers' own credit set after the sources."""

from __future__ import annotations

import pytest

SOURCES = ("\n\n### Sources\n"
           "- ILO (2005) A global alliance against forced labour. Geneva.\n"
           "- Reuters (12 Mar 2024) BlackRock letter on modern slavery disclosures.\n"
           "- Reuters (28 Feb 2024) Vanguard stewardship report.\n"
           "- Ethical Trade Initiative (19 Jan 2024) Unilever remarks on supply chains.\n")


def rules_of(scanner, text):
    return [(f.rule, f.sentence) for f in scanner.scan_text(text, fmt="markdown").flags if f.severity != "info"]


def test_lenticular_brackets_cite_the_reference_list(scanner):
    text = "Illicit profits reached US $44 bn in 2005 【ILO 2005】." + SOURCES
    result = scanner.scan_text(text, fmt="markdown")
    [c] = [c for c in result.citations if c.kind == "author-date"]
    assert c.text == "【ILO 2005】" and c.via_reference == 0
    assert rules_of(scanner, text) == []
    assert rules_of(scanner, "Illicit profits reached US $44 bn in 2005." + SOURCES)[0][0] == "uncited-statistic"


@pytest.mark.parametrize("cited, item", [("Reuters BlackRock 2024", 1), ("Reuters Vanguard 2024", 2),
                                         ("ETI Unilever 2024", 3)])
def test_a_source_named_by_author_and_topic_is_the_item_by_that_author_on_that_topic(scanner, cited, item):
    result = scanner.scan_text(f"Firms could see 5% lower valuations 【{cited}】." + SOURCES, fmt="markdown")
    [c] = [c for c in result.citations if c.kind == "author-date"]
    assert c.via_reference == item
    assert not [f for f in result.flags if f.rule == "dangling-citation"]


def test_a_body_cited_by_its_initials_is_the_item_under_its_name(scanner):
    text = ("Audits rose by 40% in 2024 (NSPCC, 2024).\n\n## References\n\nNational Society for the Prevention "
            "of Cruelty to Children. (2024). Grooming crimes rise. London.\n")
    result = scanner.scan_text(text, fmt="markdown")
    assert [c.via_reference for c in result.citations if c.kind == "author-date"] == [0]
    assert not [f for f in result.flags if f.rule == "dangling-citation"]
    other_year = [f.rule for f in scanner.scan_text(text.replace("(2024)", "(2021)"), fmt="markdown").flags
                  if f.severity != "info"]
    assert other_year == ["citation-mismatch"]  # the item it must mean, under another year


def test_a_topic_no_item_of_that_author_has_is_dangling(scanner):
    result = scanner.scan_text("Firms could see 5% lower valuations 【Reuters Tesco 2024】." + SOURCES, fmt="markdown")
    assert [f.rule for f in result.flags if f.rule == "dangling-citation"] == ["dangling-citation"]


TRANSCRIPT = ("Host Name: Over on the platform, they get two million reports every day.\n\n"
              "Marla Carroll: I would say that over 50% of the work that I do is difficult. It never really leaves you.\n\n"
              "Host Name: Marla reviews evidence of crimes.\n\n"
              "Hans Block: They review 25,000 pictures a day.\n\n"
              "Host Name: Facebook has 30,000 people working on safety.\n\n"
              "Hans Block: The worst part is the night shift.\n")


def test_a_guests_turn_in_a_transcript_is_the_guests_words(scanner):
    assert rules_of(scanner, TRANSCRIPT) == [
        ("uncited-statistic", "Host Name: Over on the platform, they get two million reports every day."),
        ("uncited-statistic", "Host Name: Facebook has 30,000 people working on safety.")]


def test_labels_taken_once_each_are_no_transcript(scanner):
    text = "Key Finding: 40% of apps lack age checks.\n\nMain Point: Every platform failed the audit.\n"
    assert [r for r, _ in rules_of(scanner, text)] == ["uncited-statistic", "superlative"]


def test_a_figure_restated_with_thats_is_flagged_once(scanner):
    text = "Facebook gets two million reports from users every day. That's two million flags a day from everywhere.\n"
    assert rules_of(scanner, text) == [("uncited-statistic", "Facebook gets two million reports from users every day.")]


@pytest.mark.parametrize("text, fires", [
    ("In 2019 he was fired for organising. Five years later, on May 1st 2023, moderators met in Nairobi.", True),
    ("In 2019 he was fired for organising. Four years later, on May 1st 2023, moderators met in Nairobi.", False),
    ("The law passed in 2010 after a long campaign. Two years earlier, in 2009, a draft failed.", True),
    ("The law passed in 2010 after a long campaign. Two years after the 2013 review, in 2015, it was amended.", False),
    ("In 2019 he was fired for organising. A decade later, in 2031, moderators met again.", False),
])
def test_years_counted_from_an_earlier_date_must_reach_the_year_given(scanner, text, fires):
    assert bool([f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "date-mismatch"]) is fires


def test_a_year_still_to_come_is_no_anachronism(scanner):
    text = ("The proposal will, from 2027, require firms to disclose forced labour 【European Commission 2024】."
            "\n\n### Sources\n- European Commission (22 Apr 2024) Forced labour proposal.\n")
    assert [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "anachronism"] == []


def test_a_later_work_of_the_reference_list_supports_a_clause_an_earlier_work_does_not(scanner):
    text = ("Child labour in farming was counted at 108 million 【ILO 2016】, and a 2023 update put the 2021 profit pool at "
            "US $245 bn 【Hope for Justice 2023】.\n\n### Sources\n- ILO (2016) Counting the hidden: child labour in "
            "agriculture.\n- Hope for Justice (July 2023) Updated estimate of the illicit profits of modern slavery.\n")
    result = scanner.scan_text(text, fmt="markdown")
    assert [(c.via_reference, c.key) for c in result.citations if c.kind == "author-date"] == [(0, "ilo2016counting"), (1, None)]
    assert [f for f in result.flags if f.rule == "anachronism"] == []


@pytest.mark.parametrize("credit", ["Written by Annie Zhu Edited by: Shiksha Anand",
                                    "This report was written and submitted by Cara Bond, who takes responsibility for it."])
def test_the_documents_own_credit_after_its_sources_is_no_reference(scanner, credit):
    text = ("Farm work is hard.\n\nSources:\n\n“Reality check.” Amnesty International, 20 Oct. 2022.\n\n"
            f"{credit}\n")
    result = scanner.scan_text(text, fmt="markdown")
    assert [f.line for f in result.flags if f.rule == "citation-mismatch"] == []
    assert rules_of(scanner, text.replace(credit, "Zhu Anand and Shiksha Jiang. Farm Labour Notes.")) != []


def test_a_body_cited_by_a_short_form_of_its_name_is_the_item_under_its_full_name(scanner):
    text = ("The proposal would fine firms up to 10 million euros 【EU Commission 2024】.\n\n### Sources\n"
            "- European Commission (22 Apr 2024) Forced labour proposal.\n")
    result = scanner.scan_text(text, fmt="markdown")
    assert [c.via_reference for c in result.citations if c.kind == "author-date"] == [0]


def test_a_body_named_in_parentheses_with_no_list_of_sources_is_no_dangling_citation(scanner):
    text = "An independent worker performs services without an employer controlling the details (IRS).\n"
    assert [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "dangling-citation"] == []
    with_year = text.replace("(IRS)", "(IRS, 2021)")
    assert [f.rule for f in scanner.scan_text(with_year, fmt="markdown").flags
            if f.rule == "dangling-citation"] == ["dangling-citation"]


@pytest.mark.parametrize("text, fires", [
    ("According to UNODC, 40% of victims are children (ILO, 2016).", True),
    ("According to the ILO, 40% of victims are children (ILO, 2016).", False),
    # a work by the body's own name elsewhere, or a person credited by name, is no conflict
    ("According to the ILO, 40% of victims are children (International Labour Organization, 2016).", False),
    ("Secretary Kerry noted in 2015 that partnerships matter (Kerry, 2015).", False),
])
def test_a_body_credited_in_the_prose_and_another_bodys_work_cited(scanner, text, fires):
    flags = [f for f in scanner.scan_text(text + "\n", fmt="markdown").flags if f.rule == "citation-mismatch"]
    assert bool(flags) is fires and all("attributes this to" in f.message for f in flags)
