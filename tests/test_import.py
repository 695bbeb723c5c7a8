"""`litcheck import`: chapters of one book, --update of works already in the library, and a
summary before any per-record line."""

from __future__ import annotations

import textwrap

from litcheck.library.bibfile import parse_file

BOOK_PARTS = """\
@incollection{lee2010growth,
  author = {Lee, Ann},
  title = {Growth of Thin Films},
  booktitle = {Surfaces},
  publisher = {Open Press},
  pages = {10--30},
  year = {2010},
  doi = {10.9999/surfaces},
  isbn = {978-0-306-40615-7}
}
"""

OTHER_CHAPTERS = """\
@incollection{kim2010optics,
  author = {Kim, Bo},
  title = {Optical Properties of Surfaces},
  booktitle = {Surfaces},
  publisher = {Open Press},
  pages = {31--50},
  year = {2010},
  doi = {10.9999/surfaces},
  isbn = {978-0-306-40615-7}
}
@article{ortiz2010review,
  author = {Ortiz, Carla},
  title = {A Review of Surface Science},
  journal = {Surfaces},
  year = {2010},
  doi = {10.9999/SURFACES},
  isbn = {9780306406157}
}
@incollection{lee2010growthagain,
  author = {Lee, Ann},
  title = {Growth of thin films},
  booktitle = {Surfaces},
  publisher = {Open Press},
  pages = {10--30},
  year = {2010},
  doi = {10.9999/surfaces}
}
"""


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_chapters_sharing_the_book_doi_and_isbn_are_distinct_works(tmp_path, run_cli):
    lib = _write(tmp_path, "lib.bib", BOOK_PARTS)
    export = _write(tmp_path, "export.bib", OTHER_CHAPTERS)
    result = run_cli("import", "--bib", str(lib), str(export), "--verbose")
    assert result.exit_code == 0, result.output
    assert "2 added, 1 duplicate left out" in result.output
    assert "export.bib:19: same work as 'lee2010growth'" in result.output  # same title and pages: the same chapter
    assert [e.key for e in parse_file(lib).entries] == ["lee2010growth", "kim2010optics", "ortiz2010review"]


def test_same_doi_with_other_pages_is_another_part(tmp_path, run_cli):
    lib = _write(tmp_path, "lib.bib", BOOK_PARTS)
    export = _write(tmp_path, "export.bib", BOOK_PARTS.replace("lee2010growth", "lee2010part").replace("10--30", "31--40"))
    result = run_cli("import", "--bib", str(lib), str(export))
    assert "1 added, 0 duplicates" in result.output


def test_summary_first_and_records_only_with_verbose(tmp_path, run_cli):
    lib = _write(tmp_path, "lib.bib", "")
    words = "apple birch cedar delta ember fjord grove harbor island jungle karst lagoon meadow nectar orchid".split()
    records = "".join(f"@misc{{w{i}, author = {{Roe, R.}}, title = {{{w}}}, year = {{2020}}}}\n" for i, w in enumerate(words))
    export = _write(tmp_path, "export.bib", records + records.replace("@misc{w", "@misc{again"))
    result = run_cli("import", "--bib", str(lib), str(export), "--dry-run")
    lines = result.output.splitlines()
    assert lines[0].endswith("30 records: 15 added, 15 duplicates left out, 0 updated, 0 unusable")
    assert sum("same work as" in line for line in lines) == 10
    assert "... and 5 more (--verbose lists every record)" in result.output
    assert not any("new, as" in line for line in lines)
    verbose = run_cli("import", "--bib", str(lib), str(export), "--dry-run", "--verbose")
    assert sum("new, as w" in line for line in verbose.output.splitlines()) == 15
    assert sum("same work as" in line for line in verbose.output.splitlines()) == 15


HOUSE = """\
@article{roe2019platform,
  author       = {Roe, Rita},
  title        = {Platform Design and Exploitation},
  journal      = {Journal of Things},
  year         = {2019},
  keywords     = {recruitment},
  sourcekind   = {peer-reviewed},
  verification = {confirmed}
}
"""


def test_update_writes_changed_fields_of_the_same_work_and_shows_the_diff(tmp_path, run_cli):
    lib = _write(tmp_path, "lib.bib", HOUSE)
    export = _write(tmp_path, "export.bib", """\
        @article{roe2019platform,
          author = {Roe, Rita},
          title = {Platform Design and Exploitation: A Corrected Title},
          journal = {Journal of Things},
          year = {2019},
          volume = {12},
          keywords = {zotero-tag}
        }
        """)
    before = lib.read_text()
    plain = run_cli("import", "--bib", str(lib), str(export))
    assert "0 added, 1 duplicate left out, 0 updated" in plain.output and lib.read_text() == before
    result = run_cli("import", "--bib", str(lib), str(export), "--update")
    assert result.exit_code == 0, result.output
    assert "0 added, 0 duplicates left out, 1 updated" in result.output
    assert "same key roe2019platform; updated title, volume" in result.output
    assert "+  title        = {Platform Design and Exploitation: A Corrected Title}," in result.output
    text = lib.read_text()
    assert "A Corrected Title" in text and "volume       = {12}" in text
    assert "keywords     = {recruitment}" in text and "zotero-tag" not in text  # the library's own judgement kept
    assert "verification = {confirmed}" in text  # fields the export lacks are kept
    again = run_cli("import", "--bib", str(lib), str(export), "--update")
    assert "0 updated" in again.output and lib.read_text() == text


def test_update_matches_by_doi_and_dry_run_writes_nothing(tmp_path, run_cli):
    lib = _write(tmp_path, "lib.bib", BOOK_PARTS)
    export = _write(tmp_path, "export.bib", BOOK_PARTS.replace("lee2010growth", "zotero_key").replace("{2010}", "{2011}"))
    before = lib.read_bytes()
    dry = run_cli("import", "--bib", str(lib), str(export), "--update", "--dry-run")
    assert "1 updated" in dry.output and "+  year = {2011}," in dry.output
    assert lib.read_bytes() == before


def test_a_key_shared_by_a_different_work_is_not_updated(tmp_path, run_cli):
    lib = _write(tmp_path, "lib.bib", HOUSE)
    export = _write(tmp_path, "export.bib", "@article{roe2019platform, author = {Smith, Sam}, title = {Unrelated},"
                                            " journal = {J}, year = {2019}}\n")
    result = run_cli("import", "--bib", str(lib), str(export), "--update")
    assert "1 added, 0 duplicates left out, 0 updated" in result.output
    assert "Platform Design and Exploitation}" in lib.read_text()
