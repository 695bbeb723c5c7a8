"""Each input type, on files the tests make: the footnoted test article as Word, OpenDocument
(written by pandoc, with real Word/ODT footnotes), PDF (written with fpdf2: raised note markers,
notes at the page bottoms) and LaTeX gives the same flags as its plain-text scan; a saved web
page loses its menus and footers; every kind of bad input is a one-line error naming the file,
and the other documents are still scanned."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from make_docs import DATA, article_parts, as_markdown, pandoc_write, write_image_only_pdf, write_pdf

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def scanner():
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    return Scanner(load_library([DATA / "lib.bib"], DATA / "notes", use_cache=False))


def flags(scanner, path):
    """(rule, keys, normalised sentence): line numbers refer to each input's own extracted text."""
    from litcheck.scan.inputs import load
    from litcheck.scan.wording import normalise

    return sorted((f.rule, tuple(f.keys), normalise(f.sentence)) for f in scanner.scan_document(load(str(path))).flags)


@pytest.fixture(scope="module")
def plain_flags(scanner):
    found = flags(scanner, DATA / "footnoted.txt")
    assert len(found) == 9  # the article exercises every footnote rule (see test_scan.py)
    return found


@pytest.mark.parametrize("suffix", [".docx", ".odt"])
def test_word_and_odt_footnotes_are_notes_and_flags_match_plain_text(scanner, plain_flags, tmp_path, suffix):
    from litcheck.scan.inputs import load

    path = pandoc_write(as_markdown(), tmp_path / f"article{suffix}")
    doc = load(str(path))
    _, notes = article_parts()
    # Word numbers every note reference anew: the article cites note 1 again at its end
    texts = [text.replace("*", "") for _, text in notes]
    assert [n.text.replace("‘", "'").replace("’", "'") for n in doc.footnotes.values()] == texts + texts[:1]
    assert all("Lindqvist" not in s.text for s in doc.sentences)  # notes are not body sentences
    assert doc.source_kind == suffix[1:]
    assert flags(scanner, path) == plain_flags


def test_pdf_page_bottom_notes_and_raised_markers(scanner, plain_flags, tmp_path):
    from litcheck.scan.inputs import load

    paragraphs, notes = article_parts()
    path = write_pdf(tmp_path / "article.pdf", paragraphs, notes, new_page_at=5)
    doc = load(str(path))
    assert {label: n.text for label, n in doc.footnotes.items()} == {n: t.replace("*", "") for n, t in notes}
    assert any(s.text.endswith("within days.¹") for s in doc.sentences)
    assert flags(scanner, path) == plain_flags


def test_latex_footnotes_and_cite_commands(scanner, tmp_path):
    from litcheck.scan.inputs import load

    tex = tmp_path / "article.tex"
    tex.write_text(r"""\documentclass{article}
\begin{document}
\section{Recruitment}
Groomers contacted more than 4,300 children on one platform in 2021.
Recruiters advertise on TikTok to find teenagers.\footnote{Ilse Hartmann, \emph{Markets in the Shadows} (Northgate Press 2012).}
Game chat moved children to private messaging \cite{lindqvist2021play}.
\end{document}
""", encoding="utf-8")
    doc = load(str(tex))
    assert doc.footnotes["1"].text == "Ilse Hartmann, Markets in the Shadows (Northgate Press 2012)."
    found = {(f.rule, tuple(f.keys)) for f in scanner.scan_document(doc).flags}
    assert found == {("uncited-statistic", ()),  # 4,300 children, uncited
                     ("anachronism", ("hartmann2012markets",))}  # TikTok launched after the 2012 book
    # (\cite{lindqvist2021play} became [@lindqvist2021play] and resolved: no dangling-citation)


@pytest.mark.slow
def test_seed_article_as_docx_flags_equal_plain_text(tmp_path):
    """A real source article, converted at test time (the seed text is not committed)."""
    seed = SEEDS / "003_9ee618337523f58a.txt"
    if not seed.is_file():
        pytest.skip(f"the seed articles are not at {SEEDS}")
    from litcheck.library.core import load_library
    from litcheck.library.paths import resolve_bib_paths, resolve_notes_dir
    from litcheck.scan.pipeline import Scanner

    big = Scanner(load_library(resolve_bib_paths(()), resolve_notes_dir(None, False)))
    docx = pandoc_write(seed.read_text(encoding="utf-8"), tmp_path / "seed.docx")
    plain = flags(big, seed)
    assert len(plain) > 20
    assert flags(big, docx) == plain


PAGE = """<!DOCTYPE html><html><head><title>News</title><script>var tracking = 1;</script></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> Subscribe today: 90% off your first month!</nav>
<div class="cookie-banner">We use cookies on 100% of our pages.</div>
<article><h1>Recruitment in game chat</h1>
<p>Offenders now meet children inside multiplayer games and move them to private messaging within days.<sup>1</sup>
Groomers contacted more than 4,300 children on one platform in 2021.</p>
<p>Studies show that most offenders never meet their victims in person, and the pattern has been described in several
countries by researchers and practitioners alike.</p>
<h2>Notes</h2>
<ol><li>Maja Lindqvist and Kwame Osei, 'Play and Prey: Grooming in Multiplayer Game Chat' (2021) 4 Journal of Online Harm 12.</li></ol>
</article>
<aside>Most read: the best phones of the year</aside>
<footer>Copyright 2026 Example Media. All rights reserved.</footer></body></html>"""


def test_html_main_text_only(scanner, tmp_path):
    from litcheck.scan.inputs import load

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    doc = load(str(page))
    for furniture in ("Subscribe", "cookies", "Most read", "Copyright", "tracking"):
        assert furniture not in doc.text
    assert doc.footnotes["1"].text.startswith("Maja Lindqvist and Kwame Osei")
    found = {(f.rule, tuple(f.keys)) for f in scanner.scan_document(doc).flags}
    assert found == {("uncited-statistic", ()), ("vague-attribution", ())}


def write_bad_inputs(folder: Path) -> dict[str, str]:
    """name -> a phrase the error message must contain."""
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not a zip archive at all")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage\n")
    paragraphs, notes = article_parts()
    write_pdf(folder / "locked.pdf", paragraphs, notes, password="secret")
    write_image_only_pdf(folder / "scanned.pdf")
    (folder / "empty.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    with open(folder / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)  # a 50 MB file (sparse: no time or disk spent writing it)
    return {"corrupt.docx": "not a readable Word file", "corrupt.pdf": "not a readable PDF",
            "locked.pdf": "password-protected", "scanned.pdf": "OCR", "empty.html": "no article",
            "huge.txt": "50 MB"}


def test_bad_inputs_are_named_and_the_rest_is_scanned(run_cli, tmp_path):
    expected = write_bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    shutil.copy(DATA / "footnoted.txt", good)
    bib, notes = str(DATA / "lib.bib"), str(DATA / "notes")
    result = run_cli("scan", "--bib", bib, "--notes", notes, "--format", "json", "--jobs", "1",
                     str(good), *(str(tmp_path / name) for name in expected))
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert [d["path"] for d in report["documents"]] == [str(good)]
    assert len(report["documents"][0]["flags"]) == 9
    errors = [line for line in result.stderr.splitlines() if line.startswith("litcheck: ")]
    for name, phrase in expected.items():
        line = next(line for line in errors if str(tmp_path / name) in line)
        assert phrase in line, line
    assert {u["path"] for u in report["unreadable"]} == {str(tmp_path / name) for name in expected}
    assert "Traceback" not in result.stderr


def test_url_offline_is_one_line_and_exit_2(run_cli):
    result = run_cli("scan", "https://news.example/article")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "litcheck: https://news.example/article: reading a web address needs the network; pass --online "
        "(or save the page and scan the file)"]


def test_url_online_is_fetched_and_read_as_its_type(scanner, tmp_path):
    """A page served on this machine's loopback address (tests never use the network)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from litcheck.scan.inputs import load

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            body = PAGE.encode()
            self.send_response(200 if self.path == "/story" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        doc = load(url + "/story", online=True)
        assert doc.path == url + "/story" and doc.source_kind == "html" and "Subscribe" not in doc.text
        from litcheck.scan.inputs import InputError

        with pytest.raises(InputError, match="answered HTTP 404"):
            load(url + "/missing", online=True)
    finally:
        server.shutdown()
