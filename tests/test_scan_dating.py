"""A document's own header date, and the works it cites that are dated after it (citation-mismatch
from the document alone)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from litcheck.scan.dating import document_date, later_than

DATA = Path(__file__).parent / "data" / "scan"


@pytest.mark.parametrize("header, date", [
    ("Detention beds\nA. Writer\n04-28-2021\nText follows here.", dt.date(2021, 4, 28)),
    ("Detention beds\nA. Writer\n2022-03-18\nText.", dt.date(2022, 3, 18)),
    ("# Title\nA. Writer, 4 July 2022\nText.", dt.date(2022, 7, 4)),
    ("Title\nA. Writer and B. Writer\nOctober 28, 2018\nAbstract: text.", dt.date(2018, 10, 28)),
    ("Title\nOn 4 July 2022 the bill was introduced in Parliament after a long debate.\n", None),  # prose
    ("Posts\nBy A, 2013-04-19\nText.\n\nSecond post\nBy B, 2018-02-01\nText.", None),  # several dated posts
])
def test_the_header_date(header, date):
    assert document_date(header) == date


@pytest.mark.parametrize("item, year, later", [
    ('[2] ICE, "Detention management." Apr. 30, 2021. Available: <https://example.org>', 2021, "30 April 2021"),
    ("Okafor, B. (2023). Chat. Journal of Harm, 3, 1-9.", 2023, "2023"),
    ("Okafor, B. (2021, May 3). Chat. The Daily.", 2021, "3 May 2021"),
    ("Okafor, B. (2020). Chat. Accessed 21 December 2021. https://example.org", 2020, None),
    ("Okafor, B. (2022). Chat. Journal of Harm, forthcoming.", 2022, None),
    ("Okafor, B. (2021, April 2). Chat. The Daily.", 2021, None),
])
def test_items_dated_after_the_document(item, year, later):
    assert later_than(dt.date(2021, 4, 28), item, year) == later


def test_the_flag_stands_at_the_item():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    scanner = Scanner(load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False))
    text = ("Beds\n\nA. Writer\n\n04-28-2021\n\nThe list names 142 sites [1].\n\n# References\n\n"
            '[1] ICE, "Detention management." Apr. 30, 2021. Available: <https://example.org/list>\n')
    flags = [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "citation-mismatch"]
    assert [(f.where, f.line) for f in flags] == [("reference", 11)]
    assert "30 April 2021" in flags[0].message and "28 April 2021" in flags[0].message
