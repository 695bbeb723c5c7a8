"""date-mismatch within the document: one named event given two years in two places."""

from __future__ import annotations

import pytest

from test_reference_items import flags


@pytest.mark.parametrize("text, line", [
    ("The Online Safety Act was passed in 2023.\n\nWhen the Online Safety Act was passed in 2021, campaigners cheered.\n", 3),
    ("Operation Harbour was launched in 2017.\n\nOperation Harbour, launched on 3 May 2019, is a model.\n", 3),
    ("The Protection Act of 2000 was signed into law on 28 October 2000.\n\n"
     "The Protection Act of 2000 was signed into law in 2001.\n", 3),
])
def test_one_event_given_two_years_is_queried_where_it_contradicts(scanner, text, line):
    assert flags(scanner, text, "date-mismatch") == [("date-mismatch", line, "body")]


@pytest.mark.parametrize("text", [
    "The Online Safety Act was passed in 2023.\n\nThe Online Safety Act came into force in 2025.\n",
    "The bill passed the House in 2017.\n\nThe bill passed the Senate in 2018.\n",
    "The Protection Act of 2000 was signed into law in 2000.\n\nThe Protection Act of 2008 was signed into law in 2008.\n",
    "Operation Harbour was launched in 2017.\n\nOperation Lighthouse was launched in 2019.\n",
])
def test_different_events_or_names_are_not_one_event(scanner, text):
    assert flags(scanner, text, "date-mismatch") == []
