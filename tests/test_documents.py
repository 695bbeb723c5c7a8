"""Word and LibreOffice reading lists, read back with pandoc's own docx and odt readers."""

from __future__ import annotations

import subprocess
import zipfile

import pytest

from list_library import make_library


def pandoc():
    from litcheck.listing.styles import EngineError, pandoc_path

    try:
        return pandoc_path()
    except EngineError as exc:
        pytest.skip(str(exc))


def read_back(path, fmt: str) -> str:
    proc = subprocess.run([pandoc(), str(path), "-f", fmt, "-t", "markdown", "--wrap=none"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.replace("\xa0", " ")  # pandoc joins "p. 4" with a no-break space


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_document_reading_list_reads_back(tmp_path, run_cli, fmt):
    bib, notes = make_library(tmp_path)
    out = tmp_path / f"list.{fmt}"
    result = run_cli("list", "--bib", str(bib), "--notes", str(notes), "--format", fmt, "--style", "apa",
                     "--title", "Course <reading> list", "-o", str(out), "--include-unconfirmed")
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(out)  # a real Office/OpenDocument package
    text = read_back(out, fmt)
    assert "Course \\<reading\\> list" in text or "Course <reading> list" in text  # the title as text
    assert "Legislation" in text and "Sex trafficking" in text  # topic headings
    # formatted references, with the title in italics and the year suffixes of one run
    assert "*Global Report on Trafficking in Persons 2020*" in text and "(2020b)" in text
    # note summaries: Markdown rendered, citations as text, raw HTML kept as text
    assert "read it with *Darknet Cybercrime Threats* (United Nations Office on Drugs and Crime, 2020, p. 4)" in text
    assert "[@" not in text
    assert "markup" in text and "<b>" not in text.replace("\\<b\\>", "")
    assert "\\[unverified\\] Smith" in text or "[unverified] Smith" in text


def test_binary_formats_are_not_written_to_a_terminal(monkeypatch):
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    from litcheck.cli.options import emit
    from litcheck.errors import LitcheckError

    with pytest.raises(LitcheckError, match="-o FILE"):
        emit(b"PK\x03\x04")


def test_a_line_naming_the_source_of_the_list_under_it_leads_the_list():
    from litcheck.scan.document import parse_document

    doc = parse_document("Findings\n\nAccording to the [Youth Internet Safety Survey]\n\n1. One in seven was approached.\n\n"
                         "Source: ILO estimates of 40.3 million victims\n\n- One in four were children.\n", "x.md", "markdown")
    kinds = {s.text: (s.kind, s.lead) for s in doc.sentences}
    lead = kinds["According to the [Youth Internet Safety Survey]"]
    assert lead[0] == "lead" and kinds["One in seven was approached."] == ("item", doc.sentences[1].index)
    assert kinds["Source: ILO estimates of 40.3 million victims"][0] != "lead"
    assert kinds["One in four were children."][1] is None
