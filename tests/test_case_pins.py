"""A case's short form ("742 F.3d at 433") checked against the full citation it abbreviates."""

from __future__ import annotations

from litcheck.scan.case_pins import pin_conflicts

FULL = "Greater L.A. Agency on Deafness, Inc. v. Cable News Network, Inc., 742 F.3d 414, 432–33 (9th Cir. 2014)."


def test_a_pinpoint_the_case_cannot_reach_is_a_conflict():
    got = pin_conflicts({"4": FULL, "70": "See Greater L.A. Agency on Deafness, 742 F.3d at 872.",
                         "71": "Greater L.A. Agency on Deafness, 742 F.3d at 433."})
    assert [(c.label, c.short, c.full, c.full_labels) for c in got] == [("70", "742 F.3d at 872", "742 F.3d 414", ("4",))]


def test_a_page_before_the_first_or_another_volume_is_checked_and_long_opinions_may_run_long():
    notes = {"1": FULL, "2": "Dobbs v. Jackson Women's Health Org., 597 U.S. 215 (2022).",
             "3": "742 F.3d at 400.", "4": "597 U.S. at 590.", "5": "741 F.3d at 900.", "6": "597 U.S. at 900."}
    assert [(c.label, c.short) for c in pin_conflicts(notes)] == [("3", "742 F.3d at 400"), ("6", "597 U.S. at 900")]


def test_the_rule_reports_it_at_the_short_forms_note(scanner):
    text = ("Captions were required.[^1] The court assumed so.[^2]\n\n[^1]: " + FULL +
            "\n[^2]: See Greater L.A. Agency on Deafness, 742 F.3d at 872.\n")
    flags = [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "inconsistent-duplicate"]
    assert [(f.line, "742 F.3d at 872" in f.message and "742 F.3d 414" in f.message) for f in flags] == [(4, True)]
