"""Shapes of web articles and data reports: a hyperlink cites its page, an acronym is an author,
and a document that declares itself a data analysis reports its own figures in its own sections."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "scan"


@pytest.fixture(scope="module")
def scanner():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    return Scanner(load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False))


def scan(scanner, text):
    return scanner.scan_text(text, fmt="markdown")


@pytest.mark.parametrize("sentence", [
    "The shelter [expanded](https://example.org/history) to 910 beds in 1997.",
    "The agency counted 4,500 cases in 2020 <https://example.org/stats>.",
    "The agency counted 4,500 cases in 2020, see https://example.org/stats for the table.",
    "The shelter [expanded](<https://example.org/history>) to 910 beds in 1997.",
    "The shelter [expanded]([https://example.org/history]) to 910 beds in 1997.",
])
def test_a_hyperlink_cites_its_page(scanner, sentence):
    result = scan(scanner, sentence + "\n")
    assert [(c.kind, c.labels) for c in result.citations] == [("link", ["https://example.org/history"])] \
        or [c.kind for c in result.citations] == ["link"] and "history" not in sentence
    assert not [f for f in result.flags if f.rule == "uncited-statistic"]


def test_an_author_date_citation_of_a_work_linked_elsewhere_is_that_work(scanner):
    text = ("A recent analysis [(Whitehead et al., 2019)](https://example.org/a) found gaps.\n\n"
            "Some were investigated by others (Whitehead et al., 2019; Smith, 2018).\n")
    dangling = [f.evidence for f in scan(scanner, text).flags if f.rule == "dangling-citation"]
    assert dangling == ["(Smith, 2018)"]


def test_a_reference_style_link_cites_the_address_its_definition_gives(scanner):
    text = ("The regulator has [argued against encryption][13] in 2021, citing 4,500 cases.\n\n"
            "The agency counted [4,500 cases][] last year.\n\n"
            "Another 700 cases [went unreported][99] last year.\n\n"
            " [13]: https://example.org/blog\n [4,500 cases]: https://example.org/stats\n")
    result = scan(scanner, text)
    assert [c.text for c in result.citations if c.kind == "link"] == ["[argued against encryption][13]", "[4,500 cases][]"]
    assert [f.sentence for f in result.flags if f.rule == "uncited-statistic"] == ["Another 700 cases [went unreported][99] last year."]


def test_a_parenthesis_of_links_after_the_full_stop_is_the_sentences_source(scanner):
    text = ("Ofcom can fine up to £18m or 10% of revenue and seek disruption measures (e.g., payment withdrawal). "
            "([Ofcom guidance (PDF)](https://example.org/g.pdf), "
            "[gov.uk explainer](https://example.org/e))\n\n"
            "Ofcom fined 12 firms. (It rarely does.)\n")
    assert [f.sentence for f in scan(scanner, text).flags if f.rule == "uncited-statistic"] == ["Ofcom fined 12 firms."]


def test_a_see_line_after_a_paragraph_points_to_its_sources(scanner):
    text = ("Ofcom can fine up to £18m or 10% of revenue.\n\n"
            "See Ofcom's enforcement approach: [Ofcom guidance](https://example.org/g.pdf).\n\n"
            "Ofcom fined 12 firms last year.\n\nThe regulator is busy.\n\nSee the annual report for more.\n")
    assert [f.sentence for f in scan(scanner, text).flags if f.rule == "uncited-statistic"] == ["Ofcom fined 12 firms last year."]


def test_a_month_and_year_in_brackets_is_a_date_not_a_citation(scanner):
    result = scan(scanner, "Government response (Dec 2020): the response confirmed a duty of care.\n")
    assert not [c for c in result.citations if c.kind == "author-date"]


def test_an_image_is_not_a_citation(scanner):
    result = scan(scanner, "The agency counted 4,500 cases ![chart](https://example.org/chart.png).\n")
    assert [f.rule for f in result.flags if f.rule == "uncited-statistic"] == ["uncited-statistic"]


def test_an_acronym_author_is_matched_to_its_reference_item(scanner):
    text = ("Workers were paid $1 a day (ICE, 2016, p. 408).\n\n# References\n\n"
            "ICE (2016) \"Performance based national detention standards 2011.\" Washington, DC.\n")
    result = scan(scanner, text)
    [c] = [c for c in result.citations if c.kind == "author-date"]
    assert c.names == ["ICE"] and c.via_reference == 0
    assert not [f for f in result.flags if f.rule == "dangling-citation"]


ANALYSIS = """# Detention beds

This post is an exploratory data analysis of the agency's facility list [1].

# Introduction

Detention grew by 4,000 beds in a decade.

# Facility types

There are a total of 1293 empty beds in SPCs, 5.63% of all empty beds.

SPCs average 528 beds per facility, the lowest of the three types.

# References

[1] Agency (2021) Facility list. https://example.org/list
"""


def test_a_declared_data_analysis_reports_its_own_figures_outside_the_introduction(scanner):
    flagged = {(f.rule, f.sentence) for f in scan(scanner, ANALYSIS).flags if f.severity != "info"}
    assert flagged == {("uncited-statistic", "Detention grew by 4,000 beds in a decade.")}


def test_without_the_declaration_the_same_figures_need_sources(scanner):
    text = ANALYSIS.replace("This post is an exploratory data analysis of", "This post looks at")
    rules = sorted(f.rule for f in scan(scanner, text).flags if f.severity != "info")
    assert rules == ["superlative", "uncited-statistic", "uncited-statistic", "uncited-statistic"]


PDF_REPORT = """CyberTipline report

In 2023 the hotline received 36.2 million reports to the CyberTipline.2 Appendix A has the chart.

Service providers1 (ESPs) must report what they find.

1 A provider is defined in the statute as an electronic communication service.
2 References to 2023 refer to the calendar year.

Reports by year 2021 2022 2023 29,309,106 32,059,029 36,210,368
"""


def test_a_pdfs_plain_page_foot_notes_and_their_glued_markers(scanner):
    result = scan(scanner, PDF_REPORT)
    assert sorted(result.doc.footnotes) == ["1", "2"]
    assert result.doc.footnotes["2"].text.startswith("References to 2023")
    assert sorted(l for c in result.citations if c.kind == "footnote" for l in c.labels) == ["1", "2"]
    assert not [f for f in result.flags if f.rule == "uncited-statistic"]  # cited, and the last line is a table


PANDOC_SUPERSCRIPTS = """\
# Facts

Forced labour earned an estimated 150 billion dollars a year.^a^ Most recruits knew the recruiter.^2-3^

Power grows fast: 2^10^ is 1024.

## References

^a^ Okafor, B. *Profits of Forced Labour*. London: Example Press, 2014.

^2^ Lin, C. *Recruiters*. Paris: Example, 2016.

^3^ Mora, D. *Networks*. Rome: Example, 2018.
"""


def test_pandoc_superscript_markers_are_notes(scanner):
    result = scan(scanner, PANDOC_SUPERSCRIPTS)
    assert sorted(result.doc.footnotes) == ["2", "3", "a"]
    assert result.doc.footnotes["a"].text.startswith("Okafor, B.")
    assert sorted(l for c in result.citations if c.kind == "footnote" for l in c.labels) == ["2", "3", "a"]
    assert [s.text for s in result.doc.sentences if s.kind == "body"][:2] == [
        "Forced labour earned an estimated 150 billion dollars a year.^a^", "Most recruits knew the recruiter.^2-3^"]
    uncited = [f for f in result.flags if f.rule == "uncited-statistic"]
    assert [f.line for f in uncited] == [5]  # the power is no marker: its figure is uncited


def test_a_numeric_marker_glued_to_a_word_is_a_citation(scanner):
    # text copied from the web keeps its markers glued to the word before them
    result = scan(scanner, "Fines may reach 10% of global turnover in serious cases[3].\n\n# References\n\n"
                           "[3] Okafor, B. 2021. Platform fines. Journal of Harm 3: 1-9.\n")
    assert [(c.kind, c.labels) for c in result.citations] == [("numeric", ["3"])]
    assert not [f for f in result.flags if f.rule == "uncited-statistic"]


def test_numbers_after_punctuation_are_not_notes_without_a_page_foot_note():
    from litcheck.scan.document import parse_document

    doc = parse_document("Sales rose by 4.2 Percent was the word used.\n\n12 Angry Men is a film.\n", "x.txt", "text")
    assert doc.footnotes == {}


def test_a_legal_citations_volume_is_not_a_statistic(scanner):
    result = scan(scanner, "Providers must report what they find (see 18 U.S.C. § 2258A).\n")
    assert not [f for f in result.flags if f.rule == "uncited-statistic"]


@pytest.mark.parametrize("text, fires", [
    ("The group is a partisan lobby [1].\n\n# References\n\n[1] Wikipedia. 2023. National Center on Sexual Exploitation. "
     "https://en.wikipedia.org/wiki/NCOSE\n", True),
    ("The group is a [partisan lobby](https://en.wikipedia.org/wiki/NCOSE).\n", True),
    ("The group is a partisan lobby [1].\n\n# References\n\n[1] Okafor, B. 2021. The lobby. Journal of Harm 3: 1-9.\n", False),
    ("The group is a partisan lobby [1, 2].\n\n# References\n\n[1] Wikipedia. 2023. NCOSE. https://en.wikipedia.org/wiki/NCOSE\n\n"
     "[2] Okafor, B. 2021. The lobby. Journal of Harm 3: 1-9.\n", False),
    # a news page whose address has the word, a statute's PDF kept on Wikimedia, a pointer to further reading
    ("The Act led to the [blocking of Wikipedia](https://news.example.org/2025/07/23/wikipedia-threatens-to-leave).\n", False),
    ("The thresholds are set by regulation ([UK SI 2025/226 (PDF)](https://upload.wikimedia.org/wikipedia/commons/7/77/SI.pdf)).\n",
     False),
    ("See the [Wikipedia entry for the proposal](https://en.wikipedia.org/wiki/Proposal) to learn more.\n", False),
])
def test_a_claim_resting_on_wikipedia_alone_is_a_doubtful_source(scanner, text, fires):
    assert bool([f for f in scan(scanner, text).flags if f.rule == "doubtful-source"]) is fires
