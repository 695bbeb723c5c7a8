"""citation-mismatch for one author spelt two ways in one reference list, with no library."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "scan"


@pytest.fixture(scope="module")
def scanner():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    return Scanner(load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False))


def respelt(scanner, items):
    text = "Grooming is studied (Whittle et al., 2013).\n\n## References\n\n" + "\n\n".join(items) + "\n"
    return [(f.message, f.evidence) for f in scanner.scan_text(text, fmt="markdown").flags
            if f.rule == "citation-mismatch" and "spells an author" in f.message]


def test_an_author_spelt_two_ways_beside_a_common_co_author_is_flagged_at_the_odd_spelling(scanner):
    items = ["Writtle, H. C., Hamilton-Giachritsis, C., & Beech, A. R. (2013). A review of online grooming. "
             "Aggression and Violent Behavior, 18(1), 62-70.",
             "Whittle, H. C., Hamilton-Giachritsis, C., & Beech, A. R. (2013). Victims' voices. "
             "Journal of Child Sexual Abuse, 22(1), 59-78."]
    [(message, evidence)] = respelt(scanner, items)
    assert evidence == "Writtle" and message.startswith("reference item 1 spells an author 'Writtle, H. C.'")


@pytest.mark.parametrize("items", [
    # two people with the same initials and no co-author in common
    ["Smith, J. (2019). Shelters. Northgate.", "Smyth, J. (2020). Hotlines. Northgate."],
    # the same spelling twice
    ["Whittle, H. C., & Beech, A. R. (2013). A review. Aggression, 18, 62-70.",
     "Whittle, H. C., & Beech, A. R. (2014). Voices. Abuse, 22, 59-78."],
])
def test_different_people_or_one_spelling_are_not_flagged(scanner, items):
    assert respelt(scanner, items) == []
