"""Works arriving (editing/intake.py) and how every writing command ends (EditSession.finish):
plain functions, called here without the CLI."""

from __future__ import annotations

import pytest

from litcheck.editing.intake import add_entries, decode_input, export_drafts
from litcheck.editing.writing import EditSession
from litcheck.errors import LitcheckError

from conftest import GOOD_ENTRY

NEW = "@misc{, author = {Doe, Jane}, title = {Online Recruitment of Minors}, year = {2021}}"


def test_add_entries_appends_and_finish_writes(write_bib):
    bib = write_bib(GOOD_ENTRY)
    with EditSession([bib]) as edit:
        outcomes = add_entries(edit, edit.target_document(None), NEW, "<test>", {"keywords": "recruitment"}, False)
        assert edit.finish() is None
    assert [o.key for o in outcomes] == ["doe2021online"]
    written = bib.read_text(encoding="utf-8")
    assert written.startswith(GOOD_ENTRY.lstrip("\n")) and "@misc{doe2021online," in written
    assert "keywords     = {recruitment}" in written


def test_a_dry_run_finishes_with_the_diff_and_writes_nothing(write_bib):
    bib = write_bib(GOOD_ENTRY)
    before = bib.read_bytes()
    with EditSession([bib], dry_run=True) as edit:
        add_entries(edit, edit.target_document(None), NEW, "<test>", {}, False)
        diff = edit.finish()
    assert "+@misc{doe2021online," in diff and bib.read_bytes() == before


@pytest.mark.parametrize("text, code, words", [
    (NEW + GOOD_ENTRY, 1, "nothing added"),  # the second key is taken
    ("no entry here", 2, "no BibTeX entry"),
    (NEW + "\n@misc{x, title = {unclosed}", 2, "cannot add"),
])
def test_add_entries_refuses_everything_or_nothing(write_bib, text, code, words):
    bib = write_bib(GOOD_ENTRY)
    before = bib.read_bytes()
    with EditSession([bib]) as edit:
        with pytest.raises(LitcheckError) as refused:
            add_entries(edit, edit.target_document(None), text, "<test>", {}, False)
    assert refused.value.code == code and words in str(refused.value)
    assert bib.read_bytes() == before


def test_input_that_is_not_utf8_or_has_no_record_is_refused(tmp_path):
    with pytest.raises(LitcheckError, match="<stdin>:1"):
        decode_input("title = {Caf\xe9}".encode("latin-1"), "<stdin>")
    export = tmp_path / "export.ris"
    export.write_text("", encoding="utf-8")
    with pytest.raises(LitcheckError, match="no RIS records"):
        export_drafts(export, {})
    export.write_text("TY  - JOUR\nPY  - 2020\nER  - \n", encoding="utf-8")  # a record with no title
    with pytest.raises(LitcheckError, match="nothing to import"):
        export_drafts(export, {})
