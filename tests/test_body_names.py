"""citation-mismatch for a body named wrongly beside its own acronym, against the vocabulary."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "scan"


@pytest.fixture(scope="module")
def scanner():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    return Scanner(load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False))


def misnamed(scanner, sentence):
    return [f.evidence for f in scanner.scan_text(sentence + "\n", fmt="markdown").flags
            if f.rule == "citation-mismatch" and f.message.startswith("names ")]


@pytest.mark.parametrize("sentence, written", [
    ("The International Watch Foundation (IWF) assessed 375,230 reports in 2022.", "International Watch Foundation"),
    ("Reports go to the [National Center of Missing and Exploited Children (NCMEC)](https://example.org/).",
     "National Center of Missing and Exploited Children"),
])
def test_a_body_misnamed_beside_its_acronym(scanner, sentence, written):
    assert misnamed(scanner, sentence) == [written]


@pytest.mark.parametrize("sentence", [
    "The Internet Watch Foundation (IWF) assessed reports.",
    "The International Labour Organisation (ILO) counts forced labour.",  # British spelling
    "Introduction The National Center for Missing & Exploited Children (NCMEC) was founded in 1984.",
    "The International Workers Federation (IWF) met in Geneva.",  # another body the letters fit
])
def test_the_right_name_a_spelling_or_another_body_is_not_flagged(scanner, sentence):
    assert misnamed(scanner, sentence) == []
