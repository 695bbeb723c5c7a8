"""The exports, proven with the programs people actually use.

bibtex and biber (texlive-binaries + texlive-base, biber), pandoc 3 (the pypandoc-binary wheel) and
headless chromium. `.ci/run` installs the Debian packages; a test skips, saying why, only when
its program is not installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess

import pytest

from list_library import KEYS, load
from litcheck.listing.reading_lists import ReadingList, Section
from litcheck.listing.render import render

STYLES = ["apa", "chicago", "harvard", "oscola"]


def need(program: str) -> str:
    path = shutil.which(program)
    if not path:
        pytest.skip(f"{program} is not installed (Debian: see .ci/run for the packages)")
    return path


def pandoc() -> str:
    from litcheck.listing.styles import EngineError, pandoc_path

    try:
        return pandoc_path()
    except EngineError as exc:
        pytest.skip(str(exc))


@pytest.fixture
def lib(tmp_path):
    return load(tmp_path)


def whole(lib):
    return ReadingList("Client test list", sections=[Section("", "", list(lib))])


def _run(cmd, cwd, **kw):
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=120, **kw)


# --- BibTeX -----------------------------------------------------------------------------------

def check_with_bibtex(bib_text: str, folder) -> str:
    need("bibtex")
    (folder / "refs.bib").write_text(bib_text, encoding="utf-8")
    (folder / "check.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
    proc = _run(["bibtex", "check"], folder)
    log = (folder / "check.blg").read_text(encoding="utf-8", errors="replace")
    assert proc.returncode == 0, proc.stdout + log
    assert "Warning--" not in log and "Warning--" not in proc.stdout, log
    return (folder / "check.bbl").read_text(encoding="utf-8", errors="replace")


def check_with_biber(bib_text: str, folder) -> str:
    need("biber")
    (folder / "refs.bib").write_text(bib_text, encoding="utf-8")
    proc = _run(["biber", "--tool", "--validate-datamodel", f"--output-file={folder / 'validated.bib'}", "refs.bib"],
                folder)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    return out


def test_bib_export_passes_bibtex(lib, tmp_path):
    bbl = check_with_bibtex(render(whole(lib), lib, "bib"), tmp_path)
    for key in KEYS:
        assert f"\\bibitem{{{key}}}" in bbl
    assert "United Nations Office on Drugs and Crime" in bbl  # kept whole, not "U.~N. O. on D."
    assert "Crime, U" not in bbl


def biber_problems(out: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(("WARN", "ERROR"))]


def test_biblatex_export_passes_biber_datamodel(lib, tmp_path):
    text = render(whole(lib), lib, "biblatex", annotate=True, keywords=True)
    out = check_with_biber(text, tmp_path)
    assert not biber_problems(out), out
    validated = (tmp_path / "validated.bib").read_text(encoding="utf-8")
    for key, btype in (("unodc2020global", "book"), ("unodc2020darknet", "report"), ("usc2018fosta", "misc"),
                       ("europol2021page", "online"), ("smith2019script", "article")):
        assert re.search(rf"@{btype}{{{key},", validated, re.I), (key, btype)  # Biber read the type we chose
    assert "978-92-1-130411-4" in validated and "ANNOTATION" in validated and "URLDATE = {2024-05-01}" in validated


def _bundled_listing():
    from test_list import _bundled
    from litcheck.listing.reading_lists import build_listing
    from litcheck.listing.select import Filters

    bundled = _bundled()
    reading = build_listing(bundled, Filters(), "author", "none")
    reading.drop_unconfirmed()  # what `litcheck list` exports by default
    return bundled, reading


def test_bib_export_of_bundled_library_passes_bibtex(tmp_path):
    bundled, reading = _bundled_listing()
    check_with_bibtex(render(reading, bundled, "bib"), tmp_path)


def test_biblatex_export_of_bundled_library_passes_biber(tmp_path):
    bundled, reading = _bundled_listing()
    out = check_with_biber(render(reading, bundled, "biblatex", annotate=True), tmp_path)
    # A work the library cannot date (no year anywhere in the record or its sources) is the one
    # warning we accept: the alternative is inventing a date. Anything else is an exporter bug.
    undated = {e.key for e in reading.entries() if not e.year}
    problems = [line for line in biber_problems(out)
                if not ("one of 'date, year' must be defined" in line and line.split("'")[1] in undated)]
    assert not problems, "\n".join(problems)


# --- CSL-JSON through pandoc --citeproc --------------------------------------------------------

@pytest.mark.parametrize("style", STYLES)
def test_csl_json_renders_with_pandoc_citeproc(lib, tmp_path, style):
    from litcheck.listing.styles import style_path

    exe = pandoc()
    (tmp_path / "refs.json").write_text(render(whole(lib), lib, "csl-json"), encoding="utf-8")
    (tmp_path / "doc.md").write_text('---\nnocite: "@*"\n---\n', encoding="utf-8")
    proc = _run([exe, "doc.md", "--citeproc", "--bibliography=refs.json", f"--csl={style_path(style)}",
                 "-t", "plain", "--wrap=none"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == len(KEYS), text  # one bibliography entry per work
    for needle in ("Global Report on Trafficking in Persons 2020", "Darknet Cybercrime Threats",
                   "Online Sex Trafficking Act", "Protocol to Prevent", "Child Sexual Exploitation",
                   "Platforms", "and Other Risks"):
        assert needle.lower() in text.lower(), (style, needle)
    assert "United Nations Office on Drugs and Crime" in text and "Crime, U" not in text
    if style != "oscola":
        assert "2020a" in text and "2020b" in text


def test_csl_json_round_trips_through_pandoc(lib, tmp_path):
    exe = pandoc()
    (tmp_path / "refs.json").write_text(render(whole(lib), lib, "csl-json"), encoding="utf-8")
    proc = _run([exe, "refs.json", "-f", "csljson", "-t", "csljson"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    items = {i["id"]: i for i in json.loads(proc.stdout)}
    assert set(items) == set(KEYS)
    assert items["unodc2020global"]["author"] == [{"literal": "United Nations Office on Drugs and Crime"}]


# --- RIS --------------------------------------------------------------------------------------

def test_ris_export_read_by_pandoc(lib, tmp_path):
    """pandoc 3's RIS reader is a second, independent reader (rispy is checked in test_list)."""
    exe = pandoc()
    (tmp_path / "refs.ris").write_text(render(whole(lib), lib, "ris"), encoding="utf-8")
    proc = _run([exe, "refs.ris", "-f", "ris", "-t", "csljson"], tmp_path)
    assert proc.returncode == 0, proc.stderr
    items = json.loads(proc.stdout)
    titles = {i.get("title", "") for i in items}
    assert len(items) == len(KEYS)
    assert "Global Report on Trafficking in Persons 2020" in titles


# --- HTML in a real browser -------------------------------------------------------------------

def chromium(tmp_path, *args):
    exe = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not exe:
        pytest.skip("chromium is not installed (Debian package: chromium)")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
           f"--user-data-dir={profile}", *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})


@pytest.mark.slow
def test_html_renders_in_chromium(lib, tmp_path):
    page = tmp_path / "list.html"
    page.write_text(render(whole(lib), lib, "html", "apa"), encoding="utf-8")
    proc = chromium(tmp_path, "--dump-dom", page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    # The browser parsed the escaped title as text: no script element came from the data.
    assert "Grooming on &lt;script&gt;alert(1)&lt;/script&gt; Platforms" in dom
    assert dom.count("<script>") == 1  # only the page's own filter/copy script
    assert "(2020a)" in dom and "(2020b)" in dom
    assert dom.count('class="entry') == len(KEYS)
    # the filter script ran: it wrote the count of shown entries
    assert re.search(r'<span id="count" class="count">\d+ shown</span>', dom), dom[:3000]

    shot = tmp_path / "list.png"
    proc = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1000,1400", page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.stat().st_size > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
