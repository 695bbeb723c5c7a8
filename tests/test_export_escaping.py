"""No injection in exports (issue 20, item 4): a Markdown reading list built from hostile fields,
notes and a saved list, rendered to HTML by pandoc, has no live markup or script link; CSV cells
never start a spreadsheet formula."""

from __future__ import annotations

import csv
import io
import re
import subprocess

import pytest

HOSTILE_NOTE = """---
key: evil2020title
---
## What it is

<script>alert(1)</script> and <img src=x onerror=alert(2)> with [a link](javascript:alert(3)),
[another](JaVa&#115;cript:alert(4)), [data](data:text/html;base64,PHNjcmlwdD4=) and
[vb](vbscript:msgbox(5)) but also [a real one](https://example.org/report) and `code<b>`.
"""

BIB = r"""
@misc{evil2020title,
  author = {Doe, Jane},
  title = {<script>alert(6)</script> and [x](javascript:alert(7))},
  year = {2020},
  url = {javascript:alert(8)},
  doi = {10.1000/x"><script>alert(9)</script>},
  verification = {confirmed},
}
@misc{tick`key2021,
  author = {Roe, Richard},
  title = {＝1+1},
  year = {2021},
  howpublished = {|calc},
  verification = {confirmed},
}
@misc{plain2022,
  author = {@Ann, Other},
  title = { =HYPERLINK("http://x")},
  year = {2022},
  verification = {confirmed},
}
"""

LIST = """title: <b>bold</b> list
introduction: Intro with <iframe src="https://evil.example"></iframe> and [x](javascript:alert(10)).
sections:
  - heading: <em>Section</em>
    commentary: Commentary <script>alert(11)</script>
    keys: [evil2020title, "tick`key2021", plain2022]
"""


@pytest.fixture
def hostile(tmp_path):
    (tmp_path / "notes" / "lists").mkdir(parents=True)
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "notes" / "evil2020title.md").write_text(HOSTILE_NOTE, encoding="utf-8")
    (tmp_path / "notes" / "lists" / "evil.yaml").write_text(LIST, encoding="utf-8")
    return tmp_path


def export(run_cli, root, fmt: str, style: str = "apa") -> str:
    result = run_cli("list", "--bib", str(root / "refs.bib"), "--notes", str(root / "notes"), "--from", "evil",
                     "--format", fmt, "--style", style)
    assert result.exit_code == 0, result.output
    return result.output


def live_markup(html: str) -> list[str]:
    """Elements and attributes that would run or load something in a browser (a page's own
    inline <script>, which has no src, is reported as "script" too; callers count them)."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Scan(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in ("script", "img", "iframe", "object", "embed"):
                found.append(tag)
            for name, value in attrs:
                if name.startswith("on"):
                    found.append(name)
                if name in ("href", "src") and re.match(r"\s*(javascript|data|vbscript):", value or "", re.I):
                    found.append(f"{name}={value}")

    Scan().feed(html)
    return found


@pytest.mark.parametrize("style", ["apa", "none"])
def test_markdown_export_rendered_by_pandoc_has_no_live_markup(hostile, run_cli, style):
    from litcheck.listing.styles import EngineError, pandoc_path

    try:
        pandoc = pandoc_path()
    except EngineError as exc:
        pytest.skip(str(exc))
    md = export(run_cli, hostile, "md", style)
    html = subprocess.run([pandoc, "-f", "markdown", "-t", "html"], input=md, capture_output=True, text=True,
                          timeout=120, check=True).stdout
    assert live_markup(html) == [], html
    assert 'href="https://example.org/report"' in html  # a safe link survives
    assert "tick`key2021" in re.sub(r"<[^>]+>", "", html)  # the key is shown whole, as code
    assert "alert(1)" in html  # shown as text, not dropped


def test_html_export_has_no_live_markup(hostile, run_cli):
    assert live_markup(export(run_cli, hostile, "html", "none")) == ["script"]  # the page's own search


def test_csv_cells_never_start_a_formula(hostile, run_cli):
    rows = list(csv.DictReader(io.StringIO(export(run_cli, hostile, "csv", "none"))))
    cells = [value for row in rows for value in row.values() if value]
    triggers = ("=", "+", "-", "@", "|", "＝", "＋", "－", "＠", "\t", "\r")
    assert [c for c in cells if c.lstrip(" ").startswith(triggers)] == []
    assert {"'＝1+1", "'=HYPERLINK(\"http://x\")"} <= set(cells)


@pytest.mark.parametrize("cell", [" =1+1", "\uff0bx", "\uff0dx", "\uff20x", "|x", "\tx", "-x", "@x"])
def test_neutralise_every_trigger(cell):
    from litcheck.listing.render.csv_ import neutralise

    assert neutralise(cell) == "'" + cell and neutralise("plain") == "plain" and neutralise(3) == 3
