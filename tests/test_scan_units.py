"""Units of the scanner: sentence splitting, citation shapes, figures, vague and superlative phrases."""

from __future__ import annotations

import pytest

from litcheck.scan.citations import find_citations
from litcheck.scan.citations.orgs import OrgMatcher, is_acronym_definition
from litcheck.scan.document import parse_document
from litcheck.scan.document.sentences import split_sentences
from litcheck.scan.rules.sourcing import find_figures


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    ("The U.S. government acted. Platforms reacted.", 2),
    ("Officials in the U.S. said so. The FBI agreed.", 2),
    ("Tools, e.g. the browser, hide users. Police adapt.", 2),
    ("See General Recommendation No. 38 here. It was adopted.", 2),
    ("Under art. 34 states act. Most do.", 2),
    ("It rose to 2.7 million. It fell.", 2),
    ("J. R. Smith wrote it. Others followed.", 2),
    ("Smith et al. (2018) found it. Nobody disputed it.", 2),
    ("Victims were groomed.¹⁴ Offenders moved on.", 2),
    ("She holds an LL.M. from Delhi. Her thesis was cited.", 2),
    # a PDF's text that lost the blank after a full stop; a domain or a dotted name is no boundary
    ("Cases soared to 27,000, a 235% jump.Further research found more.", 2),
    ("Ads moved to www.Backpage.com and then to Node.Js forums. Police followed.", 2),
    # a link whose text ends the sentence
    ("The Act led to the [blocking of Wikipedia.](https://example.org/a_(b)) Wikipedia is one of the last.", 2),
])
def test_segmenter_abbreviations(text, expected):
    got = sentences(text)
    assert len(got) == expected, got
    assert "¹⁴" not in got[-1]


def test_markers_stay_with_their_sentence_and_offsets_are_exact():
    text = "Groomers target minors.[^3] Platforms respond slowly.\n\n[^3]: A note.\n"
    doc = parse_document(text, fmt="markdown")
    first = doc.sentences[0]
    assert first.text == "Groomers target minors.[^3]" and text[first.start:first.end] == first.text
    assert doc.footnotes["3"].text == "A note." and doc.footnotes["3"].line == 3


def test_html_is_read_with_superscript_markers():
    doc = parse_document("<html><body><h1>Title</h1><p>Cases rose to 5,000.<sup>1</sup></p>"
                         "<script>var x = 99999;</script></body></html>", fmt="html")
    assert [s.kind for s in doc.sentences] == ["heading", "body"]
    assert doc.sentences[1].text == "Cases rose to 5,000.¹"


def cites(text, orgs=None):
    doc = parse_document(text)
    return [(c.kind, c.text, c.names, c.year) for c in find_citations(doc, orgs)]


@pytest.mark.parametrize("text, kind, names, year", [
    ("It grew (Okafor, 2018).", "author-date", ["Okafor"], 2018),
    ("It grew (Okafor 2018).", "author-date", ["Okafor"], 2018),
    ("It grew (Okafor et al., 2018).", "author-date", ["Okafor"], 2018),
    ("It grew (Okafor & Lindqvist, 2018a, p. 4).", "author-date", ["Okafor", "Lindqvist"], 2018),
    ("It grew (Harbour Trust, 2015).", "author-date", ["Harbour Trust"], 2015),
    ("It grew (see Okafor, 2018).", "author-date", ["Okafor"], 2018),
    ("Okafor (2018) found that it grew.", "author-date", ["Okafor"], 2018),
    ("It grew (Anderson).", "author-date", ["Anderson"], None),
])
def test_author_date_shapes(text, kind, names, year):
    found = cites(text)
    assert (kind, names, year) in [(k, n, y) for k, _, n, y in found], found


def test_multiple_author_date_and_non_citations():
    found = cites("It grew (Okafor, 2018; Lindqvist, 2019). The Digital Services Act (DSA 2022) applies. "
                  "It happened in Manila (Philippines). It costs money (roughly half).")
    assert [(n, y) for _, _, n, y in found] == [(["Okafor"], 2018), (["Lindqvist"], 2019)]
    several = cites("It grew (Okafor et al., 2014, 2015; Lindqvist, 2016a, b, p. 3).")
    assert [(n, y, t) for _, t, n, y in several] == [
        (["Okafor"], 2014, "(Okafor et al., 2014)"), (["Okafor"], 2015, "(Okafor et al., 2015)"),
        (["Lindqvist"], 2016, "(Lindqvist, 2016a)"), (["Lindqvist"], 2016, "(Lindqvist, 2016b, p. 3)")]
    assert is_acronym_definition("GDPR", "the General Data Protection Regulation")
    assert not is_acronym_definition("SESTA", "it was revised by the")
    # a letter taken from inside a compound word, the expansion capitalised
    assert is_acronym_definition("IGSA", "- Intergovernmental Service Agreement")
    assert not is_acronym_definition("IGSA", "- intergovernmental service agreements with counties")


def test_named_sources_in_prose():
    from litcheck.library.vocabulary import load_vocabulary

    orgs = OrgMatcher.build(load_vocabulary())
    found = cites("According to a 2018 INTERPOL and ECPAT report, most victims were girls.", orgs)
    assert ("named", "INTERPOL and ECPAT", ["INTERPOL", "ECPAT International"], 2018) in found
    assert cites("Europol arrested 12 people.", orgs) == []  # an actor, not a source


def test_footnote_and_numeric_and_pandoc_shapes():
    doc = parse_document("A claim.¹⁻³ Another [4, 6]. A third [@smith2020title, p. 4; @jones2019].\n")
    found = [(c.kind, c.labels) for c in find_citations(doc)]
    assert found == [("footnote", ["1", "2", "3"]), ("numeric", ["4", "6"]), ("pandoc", ["smith2020title", "jones2019"])]


@pytest.mark.parametrize("text, figures", [
    ("Surveys underestimate prevalence by an order of magnitude.", ["an order of magnitude"]),
    ("More than 60% of victims were girls.", ["60%"]),
    ("It reached 202,605 cases, a 265% increase.", ["202,605", "265%"]),
    ("Use is estimated at $1-2 billion a year.", ["$1-2 billion"]),
    ("Almost one in ten children work.", ["one in ten"]),
    ("It could rise to 168.9 million by 2022.", ["168.9 million"]),
    ("At least 16 minors were forced to upload videos.", ["16"]),
    ("Cases increased from 23,333 to 81,723.", ["23,333", "81,723"]),
    ("Girls aged 11 to 13 were targeted.", []),
    ("Children between 12 and 17 years of age are at risk.", []),
    ("Section 230 of the Act was amended on 11 April 2018.", []),
    ("Goal 8.7 aims to end it by 2025.", []),
    ("It ran for almost ten years until the 1990s.", []),
    ("COVID-19 and Web3 changed it in 2013-2017.", []),
    ("General Recommendation No 38 under arts 34–36.", []),
    ("It adopted Recommendation CM/Rec(2022)16 in May, citing 160 cases (2022) 16 times.", ["160", "16"]),
    ("Tens of thousands of images appeared.", ["Tens of thousands"]),
    ("In 2014 some six hundred thousand people sought asylum.", ["six hundred thousand"]),
    ("The walls cost almost ten million euros a year.", ["ten million"]),
    ("At least ten people a year are wrongly deported.", ["ten people a year"]),
    ("There are a hundred thousand reasons to doubt it.", []),  # a manner of speaking
    ("Tor uses RSA with 1024-bit keys and 128-bit AES.", []),  # technical measures
    ("It is sanctioned by E.O. 12333 and ran when COVID - 19 hit.", []),
    ("See pages 552-554 and 556-562.", []),
    ("Women aged 18 – 24 and 45 – 54 were targeted.", []),
    ("A large majority of US-made surveillance technology is made in one city.", ["A large majority of"]),
    ("The law covers anyone 16 or younger.", []),  # an age
    ("Sextortion is growing at an alarming rate.", ["at an alarming rate"]),
    ("More than a dozen attorneys general backed the laws.", ["More than a dozen"]),
    ("Dozens of pages were removed.", []),  # a manner of speaking
    ("The attack took down over a hundred services.", ["over a hundred"]),
    ("It began over a hundred years ago.", []),
    ("He faces up to 20 years in prison.", ["20"]),  # a bound on a span is a claim
    ("Two years later the law changed.", []),
    ("More than 200 years after she was born, the system stands.", []),
])
def test_figures(text, figures):
    assert [f[2] for f in find_figures(text)] == figures


def test_vague_and_superlative_phrases():
    from litcheck.scan.vague_wording import VAGUE_PATTERNS
    from litcheck.scan.rules.superlatives import SUPERLATIVE_PATTERNS

    def vague(t):
        return any(p.search(t) for p in VAGUE_PATTERNS)

    assert vague("Recent studies show it grew.") and vague("It is estimated that 5 people left.")
    assert vague("Reportedly, the law changed.") and not vague("The study by Okafor shows it grew.")
    assert not vague("Our case studies indicate flexibility.")
    assert vague("According to all available evidence, most users are adults.")
    assert vague("According to the best available evidence, it grew.")
    assert vague("A federal judge in Texas rightly found that the law violated free speech.")
    assert vague("A court ruled in 2023 that the app must verify ages.")
    assert not vague("The study of the court system took two years.")
    assert any(p.search("Most providers have no measures in place at all.") for p in SUPERLATIVE_PATTERNS)
    assert not any(p.search("Most providers have no age checks in place.") for p in SUPERLATIVE_PATTERNS)
    assert any(p.search("the largest market in the world") for p in SUPERLATIVE_PATTERNS)
    assert not any(p.search("the worst forms of child labour") for p in SUPERLATIVE_PATTERNS)


def test_captions_tables_and_questionnaires_are_not_prose():
    text = ("# Results\n\nFigure 2: Share of respondents who met strangers online, 40%.\n\n"
            "| Platform | Share |\n| --- | --- |\n| Facebook | 45% |\n\nMost respondents used two platforms.\n\n"
            "![A chart](chart.png)\n\n## Appendix – Questionnaire\n\n1. How old are you?\n- Under 18\n- 18 to 25\n\n"
            "Less than 2 hours. More than 5 hours.\n\n## Discussion\n\nPlatforms removed 12,000 accounts.\n")
    doc = parse_document(text, fmt="markdown")
    kinds = [(s.kind, s.text[:12]) for s in doc.sentences]
    assert kinds == [("heading", "Results"), ("caption", "Figure 2: Sh"), ("table", "| Platform |"),
                     ("table", "| Facebook |"), ("body", "Most respond"), ("heading", "Appendix – Q"),
                     ("questionnaire", "How old are "), ("questionnaire", "Under 18"), ("questionnaire", "18 to 25"),
                     ("questionnaire", "Less than 2 "), ("questionnaire", "More than 5 "), ("heading", "Discussion"),
                     ("body", "Platforms re")]


def test_page_numbers_and_contents_lines_from_a_pdf_are_not_prose():
    text = ("1. Summary 3 2. Introduction 4 2.1 The Platform 4 2.2 The Act 5 2.3 What changed 6 3. Method 8\n\n"
            "The platform received 14,325 reports. 38\n\nIntroduction ........ 4 Methods ........ 9\n\n"
            "Sales grew by 2.17 million dollars, 4.5 times the 1.2 million of 2019 and 3.3 million of 2020.\n")
    kinds = [(s.kind, s.text[:12]) for s in parse_document(text, fmt="markdown").sentences]
    assert kinds == [("table", "Summary 3 2."), ("table", "Introduction"), ("table", "Method 8"), ("body", "The platform"),
                     ("page", "38"), ("table", "Introduction"), ("body", "Sales grew b")]


def test_the_number_of_a_name_is_not_a_figure():
    from litcheck.scan.quantities import quantities

    assert [q.surface for q in quantities("COVID-19 closed schools; H-2A visas and Form I-9 rose 35% to 1,200.")] == ["35%", "1,200"]


@pytest.mark.parametrize("text, values", [
    ("Some six hundred thousand to seven hundred thousand migrants", [600_000, 700_000]),
    ("The raids ended with one hundred and seventy-nine arrests.", [179]),
    ("Two hundred and fifty thousand workers signed.", [250_000]),
    ("Nine hundred pupils and forty million dollars", [900, 40_000_000]),
    ("a three hundred-strong crowd", [300]),
])
def test_number_words_of_several_parts_are_one_number(text, values):
    from litcheck.scan.quantities import quantities

    assert [q.value for q in quantities(text)] == values


@pytest.mark.parametrize("text, values", [
    # a headline's compound: the scale word after a hyphen still scales the figure
    ("Fishing: a $40-million-a-year trade", [40_000_000]),
    ("an 8-billion-strong population and a 2-thousand-seat hall", [8e9, 2_000]),
    # a hyphen before a letter is no scale, and a range keeps its scale
    ("a 5-m wall cost $1-2 billion", [5, 1e9, 2e9]),
])
def test_a_scale_word_after_a_hyphen_scales_the_figure(text, values):
    from litcheck.scan.quantities import quantities

    assert [q.value for q in quantities(text)] == values


@pytest.mark.parametrize("text, kinds", [
    # two short sentences and a citation on the next line: prose, however short
    ("# Telling\n\nChildren keep quiet. Only 56% told someone.\n(Okafor, 2020)\n\nMore here.\n",
     ["heading", "body", "body", "body", "body"]),
    ("Chapter 3. Methods\n\nU.S. Policy on Trafficking\n\nText follows here.\n", ["heading", "heading", "body"]),
])
def test_a_short_paragraph_of_sentences_is_not_a_heading(text, kinds):
    assert [s.kind for s in parse_document(text, fmt="markdown").sentences] == kinds


@pytest.mark.parametrize("text, kinds", [
    # a numbered section title standing alone between paragraphs, in sentence case
    ("Intro text here.\n\n1. Effect of screens on minors according to recent studies\n\nText follows here.\n",
     ["body", "heading", "body"]),
    # a list of such lines is a list; a lone item after a lead-in is the list's item
    ("Intro text here.\n\n1. Effect of screens on minors\n2. Effect of games on minors\n\nText follows here.\n",
     ["body", "item", "item", "body"]),
    ("The sources:\n\n1. Effect of screens on minors according to recent studies\n\nText follows here.\n",
     ["lead", "item", "body"]),
])
def test_a_lone_numbered_title_is_a_heading(text, kinds):
    assert [s.kind for s in parse_document(text, fmt="markdown").sentences] == kinds
