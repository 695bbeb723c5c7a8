"""The scan report formats: html (in headless Chromium: DOM, selection, filters, escaping,
screenshot), sarif (validated against the OASIS SARIF 2.1.0 schema), md and jsonl."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from make_docs import DATA
from test_clients import chromium

# A sentence whose text is markup, to prove every report escapes document text.
HOSTILE = 'Groomers reached <img src=x onerror="alert(1)"> 4,300 children in 2021 </script><b>bold</b>.'


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.md"
    text = (DATA / "footnoted.txt").read_text(encoding="utf-8")
    path.write_text(text.replace("Cryptocurrency gives", HOSTILE + "\n\nCryptocurrency gives"), encoding="utf-8")
    return path


def scan(run_cli, *args):
    return run_cli("scan", "--bib", str(DATA / "lib.bib"), "--notes", str(DATA / "notes"), "--jobs", "1", *args)


@pytest.mark.slow
def test_html_report_in_chromium(run_cli, article, tmp_path):
    page = tmp_path / "report.html"
    result = scan(run_cli, str(article), "--format", "html", "--output", str(page))
    assert result.exit_code == 1, result.stderr  # errors in the article
    html = page.read_text(encoding="utf-8")
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html  # nothing remote
    expected = json.loads(scan(run_cli, str(article), "--format", "json").stdout)["documents"][0]["flags"]

    # A test script appended to the page drives it as a reader would, then the DOM is dumped.
    driver = """<script>
    const out = {};
    out.marks = document.querySelectorAll('mark').length;
    out.severities = [...document.querySelectorAll('.count')].map(c => c.textContent.trim());
    const first = document.querySelector('mark.error');
    first.click();
    out.detail = document.getElementById('detail').textContent;
    out.selected = document.querySelectorAll('mark.selected').length;
    document.getElementById('rule-filter').value = 'superlative';
    document.getElementById('rule-filter').dispatchEvent(new Event('change'));
    out.shownAfterRule = document.getElementById('shown').textContent;
    out.itemsAfterRule = document.querySelectorAll('ol.flags li:not(.hidden)').length;
    document.getElementById('rule-filter').value = '';
    document.querySelector('.sev-filter[value=warning]').click();
    out.shownWithoutWarnings = document.getElementById('shown').textContent;
    out.liveMarksWithoutWarnings = document.querySelectorAll('mark:not(.off)').length;
    const pre = document.createElement('pre'); pre.id = 'test-out'; pre.textContent = JSON.stringify(out);
    document.body.append(pre);
    </script></body>"""
    driven = tmp_path / "driven.html"
    driven.write_text(html.replace("</body>", driver), encoding="utf-8")
    proc = chromium(tmp_path, "--dump-dom", driven.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    state = json.loads(dom.split('<pre id="test-out">')[1].split("</pre>")[0].replace("&quot;", '"')
                       .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    by_severity = {s: sum(f["severity"] == s for f in expected) for s in ("error", "warning", "info")}
    assert state["severities"] == [f"{s} {n}" for s, n in by_severity.items()]
    assert state["marks"] >= len({(f["start"], f["end"]) for f in expected})
    first_error = next(f for f in sorted(expected, key=lambda f: f["start"]) if f["severity"] == "error")
    assert first_error["rule"] in state["detail"] and first_error["message"] in state["detail"]
    assert "library entry" in state["detail"] and state["selected"] >= 1
    assert state["shownAfterRule"] == str(sum(f["rule"] == "superlative" for f in expected)) == str(state["itemsAfterRule"])
    assert state["shownWithoutWarnings"] == str(len(expected) - by_severity["warning"])
    assert 0 < state["liveMarksWithoutWarnings"] < state["marks"]
    # escaping: the hostile sentence is text, highlighted, and made no element
    assert "<img" not in dom and "<b>bold</b>" not in dom and "&lt;img src=x" in dom
    assert dom.count("<script>") == 2  # the page's script and the test driver; the data block is JSON

    shot = tmp_path / "report.png"
    proc = chromium(tmp_path, f"--screenshot={shot}", "--window-size=1300,900", page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_sarif_validates_against_the_schema(run_cli, article, tmp_path):
    import jsonschema

    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    missing = tmp_path / "missing.pdf"
    result = scan(run_cli, str(article), str(missing), "--format", "sarif")
    assert result.exit_code == 2  # one document could not be read; the report still covers the other
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER).validate(log)
    run = log["runs"][0]
    expected = json.loads(scan(run_cli, str(article), "--format", "json").stdout)["documents"][0]["flags"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in run["results"]] == \
        [(f["rule"], f["line"]) for f in expected]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in run["results"])
    assert {r["level"] for r in run["results"]} <= {"error", "warning", "note"}
    assert run["invocations"][0]["executionSuccessful"] is False
    assert str(missing) in run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]


def test_md_report_is_a_pasteable_worklist(run_cli, article):
    out = scan(run_cli, str(article), "--format", "md").stdout
    assert out.startswith("# litcheck scan\n")
    assert "| `citation-mismatch` | 1 |" in out
    assert "- **line 3**: Groomers contacted more than 4,300 children" in out


def test_jsonl_one_document_per_line(run_cli, article, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Studies show that offenders rarely meet their victims.\n", encoding="utf-8")
    result = scan(run_cli, str(article), str(other), "--format", "jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    records = [json.loads(line) for line in lines]
    assert [r["path"] for r in records] == [str(article), str(other)]
    assert [f["rule"] for f in records[1]["flags"]] == ["vague-attribution"]
    whole = json.loads(scan(run_cli, str(article), str(other), "--format", "json").stdout)["documents"]
    assert records == whole


def test_sarif_points_at_latex_source_lines(run_cli, tmp_path):
    """For a .tex manuscript the results carry the lines of the source a reviewer sees, not of
    the text pandoc extracted (which has no preamble and one line per paragraph)."""
    tex = tmp_path / "paper.tex"
    tex.write_text("\\documentclass{article}\n\\usepackage{hyperref}\n\\begin{document}\n\\section{Scale}\n\n"
                   "Groomers contacted more than 4,300 children\non one platform in 2021.\n\n"
                   "% a comment line\nStudies show that most offenders never meet their victims.\n\\end{document}\n",
                   encoding="utf-8")
    log = json.loads(scan(run_cli, str(tex), "--format", "sarif").stdout)
    found = {r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in log["runs"][0]["results"]}
    assert found == {"uncited-statistic": 6, "vague-attribution": 10}
    assert log["runs"][0]["artifacts"][0]["properties"] == {"input": "latex", "lineNumbers": "source"}
