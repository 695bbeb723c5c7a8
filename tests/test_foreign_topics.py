"""`list --topic` on a library that is not litcheck's own uses that library's keywords; litcheck's
own library stays held to the house vocabulary."""

from __future__ import annotations

from pathlib import Path

FOREIGN = """@article{ross2019salmon,
  author = {Ross, Ann},
  title = {Salmon Runs in Cold Rivers},
  journal = {Fisheries Research},
  year = {2019},
  keywords = {Salmon; River ecology},
}
@article{lee2020cod,
  author = {Lee, Bo},
  title = {Cod Stocks},
  journal = {Fisheries Research},
  year = {2020},
  keywords = {cod, stock assessment},
}
"""

HOUSE = """@techreport{unodc2020global,
  author = {{United Nations Office on Drugs and Crime}},
  title = {Global Report on Trafficking in Persons 2020},
  institution = {UNODC},
  year = {2020},
  keywords = {statistics, salmon},
  sourcekind = {official-report},
  verification = {confirmed},
}
"""


def run_list(run_cli, tmp_path: Path, text: str, *topics: str):
    bib = tmp_path / "lib.bib"
    bib.write_text(text, encoding="utf-8")
    (tmp_path / "notes").mkdir(exist_ok=True)
    args = [a for t in topics for a in ("--topic", t)]
    return run_cli("list", "--bib", str(bib), "--notes", str(tmp_path / "notes"), *args,
                   "--format", "md", "--style", "none")


def test_foreign_library_filters_by_its_own_keywords(tmp_path, run_cli):
    result = run_list(run_cli, tmp_path, FOREIGN, "river ecology")
    assert result.exit_code == 0, result.output
    assert "Salmon Runs" in result.output and "Cod Stocks" not in result.output
    both = run_list(run_cli, tmp_path, FOREIGN, "SALMON", "cod")
    assert both.exit_code == 0 and "Salmon Runs" in both.output and "Cod Stocks" in both.output


def test_foreign_library_names_its_keywords_for_an_unknown_topic(tmp_path, run_cli):
    result = run_list(run_cli, tmp_path, FOREIGN, "grooming")  # a house topic this library lacks
    assert result.exit_code == 2
    assert "unknown topic 'grooming'" in result.output and "salmon" in result.output


def test_house_library_keeps_the_vocabulary(tmp_path, run_cli):
    result = run_list(run_cli, tmp_path, HOUSE, "salmon")  # a keyword, but not a house topic
    assert result.exit_code == 2 and "unknown topic 'salmon'; topics:" in result.output
    ok = run_list(run_cli, tmp_path, HOUSE, "statistics")
    assert ok.exit_code == 0 and "Global Report" in ok.output
