"""date-mismatch and anachronism on shapes that need the document's context: a law named only by
its kind ("the regulation") after it was named in full, and a pandoc key that names its year."""

from __future__ import annotations


import pytest



def fired(scanner, text, rule):
    return [f.sentence for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == rule]


def test_a_law_named_by_its_kind_takes_the_dates_of_the_law_named_before_it(scanner):
    text = ("Platforms lobbied against the Digital Services Act for two years. The regulation was adopted on "
            "12 May 2022.\n\nThe regulation was adopted on 12 May 2022.\n")
    assert fired(scanner, text, "date-mismatch") == ["The regulation was adopted on 12 May 2022."]
    right = "Platforms lobbied against the Digital Services Act. The regulation was adopted on 19 October 2022.\n"
    assert fired(scanner, right, "date-mismatch") == []


@pytest.mark.parametrize("key, fires", [("okafor2011", True), ("Okafor:2011", True), ("okafor2013", False)])
def test_a_pandoc_key_names_its_year(scanner, key, fires):
    text = f"In 2012, donors spent 4 billion dollars on civil society [@{key}].\n"
    assert bool(fired(scanner, text, "anachronism")) is fires


def test_certainty_about_the_documents_own_survey_is_still_an_overclaim(scanner):
    text = ("## Results\n\nMost respondents said they had seen the ranking.\n\n"
            "It is clear from the survey that the ranking changed policy everywhere.\n")
    assert fired(scanner, text, "superlative") == ["It is clear from the survey that the ranking changed policy everywhere."]


def test_a_narrative_pandoc_key_is_a_citation_but_an_address_or_handle_is_not(scanner):
    result = scanner.scan_text("@Okafor:2018, looking at new laws, find a 32% drop in funding.\n\n"
                               "Write to info@shelter2019.org or follow @Shelter for updates.\n", fmt="markdown")
    assert [(c.kind, c.labels) for c in result.citations] == [("pandoc", ["Okafor:2018"])]


def test_the_documents_own_data_dated_two_ways(scanner):
    text = ("## Introduction\n\nThe data analysed here come from a national survey of police agencies in 2012.\n\n"
            "## Methods\n\nThe data were collected from 2,500 agencies in 2000–2006.\n\n"
            "## Conclusion\n\nOur findings are robust.\n")
    assert fired(scanner, text, "date-mismatch") == [
        "The data analysed here come from a national survey of police agencies in 2012.",
        "The data were collected from 2,500 agencies in 2000–2006."]
    same = text.replace("in 2000–2006", "in 2012")
    assert fired(scanner, same, "date-mismatch") == []


@pytest.mark.parametrize("sentence, fires", [
    ("In 2003, traffickers advertised on Facebook to recruit victims.", True),
    ("During 2001, offenders shared links on Telegram.", True),
    ("In 2003, before Facebook existed, traffickers used chat rooms.", False),
    ("In 2010, traffickers advertised on Facebook.", False),
    ("Facebook was launched in 2004.", False),
])
def test_a_platform_at_work_before_it_existed(scanner, sentence, fires):
    assert bool(fired(scanner, sentence + "\n", "date-mismatch")) is fires


def test_a_year_of_the_documents_own_methods_dates_the_authors_work_not_a_claim(scanner):
    text = ("# Report\n\n## Background\n\nThe survey of 2023 found grooming on TikTok.[^1]\n\n## Methods\n\n"
            "The survey ran on TikTok between July and October 2023.[^1]\n\n"
            "[^1]: Maja Lindqvist, *Grooming online* (Northgate Press 2012).\n")
    assert fired(scanner, text, "anachronism") == ["The survey of 2023 found grooming on TikTok.[^1]"]


@pytest.mark.parametrize("item, fires", [
    ("Jordan, Miriam. “Farm workers become essential.” The New York Times, 10 April 2020, "
     "https://www.nytimes.com/2020/04/02/us/farmworkers.html. Accessed 5 February 2023.", True),
    ("“Reality check.” Amnesty International, 20 Oct. 2022, https://www.amnesty.org/en/latest/campaigns/2019/02/reality-check/.",
     True),
    ("“Revealed: deaths in Qatar.” The Guardian, 23 Feb. 2021, "
     "https://www.theguardian.com/global-development/2021/feb/23/revealed-deaths.", False),
    ("Meta. 2022. Report on the enforcement report as of December 31, 2021. "
     "https://about.fb.com/wp-content/uploads/2022/05/report.pdf", False),
    ("Jordan, Miriam. 2020. “Farm workers become essential.” https://www.nytimes.com/2020/04/02/us/farmworkers.html", False),
])
def test_a_reference_items_date_against_the_date_of_its_own_address(scanner, item, fires):
    text = f"Farm work is hard.\n\n## Sources\n\n{item}\n"
    flags = [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "date-mismatch"]
    assert bool(flags) is fires


def test_a_year_a_citation_gives_is_no_date_the_claim_depends_on(scanner):
    """"UNICEF (2021)" dates a work cited beside the 2012 one, not what the claim is about."""
    text = ("Reviews of research on online harm, such as Okafor et al. (2012) and UNICEF (2021), shaped the policy.\n\n"
            "## References\n\nOkafor, A., Lee, B., & Ruiz, C. (2012). Online harm and the young. Journal of Harm, 3, 1-9.\n")
    assert fired(scanner, text, "anachronism") == []
    assert fired(scanner, text.replace("UNICEF (2021)", "the events of 2021"), "anachronism") != []


@pytest.mark.parametrize("verb", ["applied", "employed", "proposed", "used"])
def test_et_al_before_a_year_is_a_citation_whatever_verb_follows(scanner, verb):
    text = (f"In fraud detection, Almeida et al. (2023) {verb} supervised methods to find scams.\n\n"
            "## References\n\nKuo, C., & Tsang, S. (2021). A scam detection model. Journal of Fraud, 3, 1-10.\n")
    assert fired(scanner, text, "dangling-citation") == [
        f"In fraud detection, Almeida et al. (2023) {verb} supervised methods to find scams."]


@pytest.mark.parametrize("period, fires", [("between mid-2019 and early 2021", True), ("since August 2019", False)])
def test_a_link_is_as_old_as_the_month_its_address_files_it_under(scanner, period, fires):
    text = (f"In the north, [thousands of residents](https://news.example.org/en/story/2019/08/10447) lived without "
            f"mobile data {period}.\n")
    assert bool(fired(scanner, text, "anachronism")) is fires
