"""figure-mismatch on a share the document's own counts contradict: the arithmetic is redone from
the document alone, in the body and in the notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcheck.scan.arithmetic import count_value, share_errors

DATA = Path(__file__).parent / "data" / "scan"


@pytest.mark.parametrize("written, value", [
    ("1,103", 1103), ("230", 230), ("two hundred thirty", 230), ("Two hundred and five", 205),
    ("one thousand one hundred three", 1103), ("twenty-five", 25), ("many", None),
])
def test_counts_in_digits_and_words(written, value):
    assert count_value(written) == value


@pytest.mark.parametrize("text, computed", [
    ("Two hundred thirty of the 1,103 NGOs (20.1%) are based in the US.", 20.9),
    ("Of those asked, 52 (14%) of the 127 respondents agreed.", 40.9),
    ("Some 14% (52 of 127) agreed.", 40.9),
    ("In all, 30 out of 60 survivors (25 per cent) were minors.", 50.0),
])
def test_a_share_the_counts_do_not_give_is_found(text, computed):
    [error] = share_errors(text)
    assert round(error.computed, 1) == computed


@pytest.mark.parametrize("text", [
    "About 339 of the 1,763 NGOs (19.2%) are listed.",  # rounds to 19.2
    "Of them, 52 (41%) of the 127 respondents agreed.",  # 40.9 rounds to 41
    "Some 20.9% (231 of 1,103) agreed.",  # 20.94, cut to one decimal
    "One of the 12 cases (8%) went to trial.",
    "The 2019 report (45%) was widely read.",  # no counts
])
def test_right_shares_pass(text):
    assert share_errors(text) == []


def test_the_rule_flags_a_wrong_share_in_a_note_where_it_stands():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    scanner = Scanner(load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False))
    text = ("Few groups are based in the US.[^6]\n\n"
            "[^6]: Two hundred thirty of the 1,103 NGOs (20.1%) in our list are in the United States.\n")
    [flag] = [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "figure-mismatch"]
    assert flag.line == 3 and "20.9%" in flag.message and flag.where == "footnote"


@pytest.mark.parametrize("text, right", [
    ("Daily cost: 516 beds x $89.55 per day = **$46,208**", True),
    ("Year to date: $1,386,240 per month x 10 months = $13,862,400", True),
    ("In all, 1,293 + 14,812 = 22,960 beds.", False),
    ("Per head: 900 / 4 = 250.", False),
])
def test_a_calculation_written_out_is_redone(text, right):
    from litcheck.scan.arithmetic import calculations

    [calc] = calculations(text)
    assert calc.right is right


def test_a_wrong_calculation_is_a_figure_mismatch_and_a_right_one_needs_no_source():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    scanner = Scanner(load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False))
    text = "Daily cost: 516 beds x $89.55 per day = $46,208.\n\nIn all, 1,293 + 14,812 = 22,960 beds.\n"
    flags = [(f.rule, f.line) for f in scanner.scan_text(text, fmt="markdown").flags]
    assert flags == [("figure-mismatch", 3)]


def test_a_share_and_its_count_against_the_total_the_paragraph_gave():
    from litcheck.scan.arithmetic import total_share_errors

    before = "There were 160 million child laborers, 63 million girls and 97 million boys."
    [error] = total_share_errors("Asia accounts for 5.5 percent of all child laborers, or 26.3 million.", before)
    assert round(error.computed, 1) == 16.4 and error.total == "160 million child"
    assert total_share_errors("Asia accounts for 16.4 percent of all child laborers, or 26.3 million.", before) == []
    assert total_share_errors("Girls are 39 percent of all workers, or 63 million.", before) == []  # no total of workers


def test_a_total_split_by_sex_whose_parts_do_not_add_up():
    from litcheck.scan.arithmetic import split_errors

    [error] = split_errors("Rescued victims numbered 5,789 out of which 2,287 were male and 3,052 were female.")
    assert (error.total, error.parts) == (5789, 5339)
    assert split_errors("Rescued victims numbered 5,339 out of which 2,287 were male and 3,052 were female.") == []
    assert split_errors("Of 5,789 victims, 2,287 were rescued in March and 3,052 in May.") == []


@pytest.mark.parametrize("text, wrong", [
    ("Nearly 7,000 girls are trafficked every year across the border - or 200,000 in the last decade.",
     "200,000 in the last decade"),
    ("The beds cost $4,308,391 per day, $129,251,730 per month, or $1,072,562,715 per year.", "$1,072,562,715 per year"),
    ("The beds cost $4,308,391 per day, $129,251,730 per month, or $1,572,562,715 per year.", None),
    ("About 500 people a day, or 15,000 a month, cross the border.", None),
    # two figures for one period are two quantities, not a restatement
    ("Some 500 people a day cross the border or 200 a day are turned back.", None),
])
def test_a_rate_restated_over_another_period_must_agree(text, wrong):
    from litcheck.scan.arithmetic import rate_errors

    assert [e.surface for e in rate_errors(text)] == ([wrong] if wrong else [])


def test_a_disagreeing_restatement_is_a_figure_mismatch():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    scanner = Scanner(load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False))
    text = "Nearly 7,000 girls are trafficked every year across the border - or 200,000 in the last decade.\n"
    [flag] = [f for f in scanner.scan_text(text).flags if f.rule == "figure-mismatch"]
    assert flag.evidence == "200,000 in the last decade" and "about 69,952" in flag.message


@pytest.mark.parametrize("text, stated, counted", [
    ("The study covers five ports: Hull, Dover, Tilbury and Felixstowe.", 5, 4),
    ("We surveyed 7 partner countries: Ghana, Peru, Chad, Laos, Benin, Nepal.", 7, 6),
    # "and" inside the last item leaves the count at 3 or 4: only a count neither gives is reported
    ("We visited two states: Bosnia and Herzegovina, Serbia, and Trinidad and Tobago.", 2, 3),
    # items set apart by semicolons, glosses in brackets left out; an item given twice counts once
    ("They fall into three categories: number and date (the minimum); number, date and code; number, date and code.",
     3, 2),
    ("The review covered four bodies: the ILO (Geneva); the IOM; and UNODC (Vienna).", 4, 3),
    ("It covers four ports: Hull, Dover, Tilbury, and Hull.", 4, 3),
])
def test_a_count_announced_before_a_list_of_another_length_is_found(text, stated, counted):
    from litcheck.scan.list_counts import list_count_errors

    [error] = list_count_errors(text)
    assert (error.stated, error.counted) == (stated, counted)
    assert bool(error.repeated) is (text.count("date and code") == 2 or text.count("Hull") == 2)


@pytest.mark.parametrize("text", [
    "It covers three ports: Hull, Dover and Tilbury.",
    "It covers four ports: Hull, Dover, Tilbury and Felixstowe and Ely.",  # "and" in a name: 4 or 5
    "It covers five ports, among them: Hull, Dover and Tilbury.",
    "It covers five ports, for example: Hull, Dover, Tilbury.",
    "It found three things: wages fell, hours rose, and nobody was paid on time for the work done that year.",
    "Two ports: Hull and Dover.",  # too short a list to count with confidence
])
def test_a_whole_list_or_a_sample_of_one_is_no_miscount(text):
    from litcheck.scan.list_counts import list_count_errors

    assert list_count_errors(text) == []


def test_a_miscounted_list_is_flagged_where_it_stands(scanner):
    text = "Method.\n\nWe surveyed 7 partner countries: Ghana, Peru, Chad, Laos, Benin, Nepal.\n"
    [flag] = [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "figure-mismatch"]
    assert flag.line == 3 and "names 6" in flag.message


@pytest.mark.parametrize("text, counted", [
    # a paragraph of names set apart by full stops after the count
    ("ASPI lists all 5 ports:\n\nHull. Dover. Tilbury. L.L.Port. Ely. Leith.\n", 6),
    # one-line list items after the count
    ("The review covered 4 ports:\n\n- Hull\n- Dover\n- Tilbury\n", 3),
    # an item given twice is counted once
    ("The review covered 4 ports:\n\n- Hull\n- Dover\n- Tilbury\n- Dover\n", 3),
    # the count is right, or prose follows the colon, or the list is a sample
    ("The review covered 3 ports:\n\n- Hull\n- Dover\n- Tilbury\n", None),
    ("Here is what 5 inspectors found:\n\nThe ports were poorly run. Wages went unpaid for months at a time.\n", None),
    ("The review covered 9 ports, including:\n\n- Hull\n- Dover\n- Tilbury\n", None),
])
def test_a_count_announced_before_the_list_that_follows_is_checked(scanner, text, counted):
    flags = [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "figure-mismatch"]
    assert [f.message.split("names ")[1].split(" ")[0] for f in flags] == ([str(counted)] if counted else [])
