"""`scan --online`: cited works the library does not hold, checked against recorded registry answers
served on localhost (tests/registry_server.py); never the network."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from litcheck.online.verify import same_pages
from litcheck.scan.online_check import cited_pages, registry_check
from litcheck.settings import OnlineSettings
from registry_server import RegistryServer

# each test starts the recorded registry server or runs the CLI: half a minute in all, so out of
# the everyday run (the README's test command and CI run them)
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
DOC = "tests/data/scan/registry-cited.md"
LIB = ["--bib", "tests/data/scan/lib.bib", "--notes", "tests/data/scan/notes"]


@pytest.fixture
def server(monkeypatch):
    monkeypatch.chdir(ROOT)
    with RegistryServer() as srv:
        for name, value in srv.environ().items():
            monkeypatch.setenv(name, value)
        yield srv


def flags_of(result) -> list[dict]:
    return [f for d in json.loads(result.stdout)["documents"] for f in d["flags"]]


def registry_flags(flags) -> list[dict]:
    return [f for f in flags if f["rule"] in ("citation-mismatch", "doubtful-source")]


def test_mismatches_name_the_registry_its_value_and_the_doi(server, run_cli):
    result = run_cli("scan", DOC, *LIB, "--online", "--format", "json")
    assert result.exit_code == 1, result.output
    found = {(f["where"], f["line"]): f for f in registry_flags(flags_of(result))}
    trap = found[("footnote", 8)]
    assert trap["rule"] == "citation-mismatch" and trap["severity"] == "error"
    assert "year 2021 (Crossref: 2022), volume 24 (Crossref: 25)" in trap["message"]
    assert "checked against Crossref, doi:10.1111/ele.14024" in trap["message"]
    assert trap["cited_by"][0]["line"] == 3 and trap["keys"] == []
    # a paper online in 2020 and in print in 2021: citing either year is right
    assert ("footnote", 9) not in found
    ryu = found[("footnote", 10)]
    assert "volume 16 (OpenAlex: 15)" in ryu["message"] and "checked against OpenAlex, doi:10.30773/pi.2018.08.27" in ryu["message"]
    item = found[("reference", 15)]  # found by the DOI in the item's text
    assert item["rule"] == "citation-mismatch" and "year 2013 (Crossref: 2012)" in item["message"]


def test_a_fully_specified_citation_with_no_record_is_doubtful_never_fake(server, run_cli):
    flags = registry_flags(flags_of(run_cli("scan", DOC, *LIB, "--online", "--format", "json")))
    doubtful = [f for f in flags if f["rule"] == "doubtful-source"]
    assert len(doubtful) == 1 and doubtful[0]["line"] == 11 and doubtful[0]["severity"] == "warning"
    assert "nothing matching this citation was found in Crossref or OpenAlex" in doubtful[0]["message"]
    assert "fake" not in doubtful[0]["message"].lower()


EDGE_CASES = """\
A report made the claim.[^1] A paper said so.[^2] A newspaper said so too.[^3] So did a sequel.[^4]

[^1]: Jane Doe, 'Online recruitment of trafficking victims' (2020) 3 *Journal of Borrowed Identifiers* 1, doi:10.1371/journal.pone.0033693.
[^2]: Richard Roe, 'A paper with an unregistered identifier' (2021) 2 *Nowhere Review* 5, https://doi.org/10.1371/notarealdoi.
[^3]: Ann Smith, 'Payment Trails in Online Labour Recruitment', *The Daily Courier* (2020).
[^4]: Carl Boettiger, 'The forecast trap revisited in managed fisheries' (2023) 30 *Ecology Letters* 1-20.
"""


def test_a_doi_of_another_work_and_an_unregistered_doi(server, run_cli, tmp_path):
    doc = tmp_path / "edge.md"
    doc.write_text(EDGE_CASES, encoding="utf-8")
    flags = {f["line"]: f for f in registry_flags(flags_of(run_cli("scan", str(doc), *LIB, "--online", "--format", "json")))}
    assert flags[3]["rule"] == "citation-mismatch"
    assert "doi:10.1371/journal.pone.0033693, which Crossref registers to another work: 'Methylphenidate" in flags[3]["message"]
    assert flags[4]["rule"] == "doubtful-source"
    assert "nothing is registered under doi:10.1371/notarealdoi in Crossref or OpenAlex" in flags[4]["message"]
    assert 5 not in flags  # a newspaper absent from the scholarly registries says nothing
    assert 6 not in flags  # a record holding the cited title's words: not confident, but no doubt either


def test_authors_agree_word_by_word():
    from litcheck.online.records import Record
    from litcheck.scan.online_check import Unheld, _authors_agree

    def cited(*surnames):
        return Unheld("footnote", "1", "", None, list(surnames), 1)

    record = Record("crossref", authors=["Shakeri Hossein Abad, Zahra", "Lee, Joon"])
    assert _authors_agree(cited("Abad"), record) and _authors_agree(cited("Butler", "Lee"), record)
    assert not _authors_agree(cited("Butler"), record)


def test_offline_by_default_and_rules_left_out_are_not_looked_up(server, run_cli):
    plain = run_cli("scan", DOC, *LIB, "--format", "json")
    assert server.requests == [] and registry_flags(flags_of(plain)) == []
    ignored = run_cli("scan", DOC, *LIB, "--online", "--format", "json", "--ignore", "doubtful-source")
    assert {f["rule"] for f in registry_flags(flags_of(ignored))} == {"citation-mismatch"}
    asked = len(server.requests)
    run_cli("scan", DOC, *LIB, "--online", "--rules", "uncited-statistic")
    assert len(server.requests) == asked


def test_a_second_scan_is_answered_from_the_cache(server, run_cli):
    first = run_cli("scan", DOC, *LIB, "--online", "--format", "json")
    asked = len(server.requests)
    again = run_cli("scan", DOC, *LIB, "--online", "--format", "json")
    assert len(server.requests) == asked and again.stdout == first.stdout


def test_the_cap_bounds_look_ups_and_says_what_was_left_out(server, run_cli):
    result = run_cli("scan", DOC, *LIB, "--online", "--lookups", "2", "--format", "json")
    assert "5 cited works are not in the library; the first 2 were looked up" in result.stderr
    assert [r["path"] for r in server.requests] == ["/crossref/works"] * 2  # notes 1 and 2, found in Crossref
    assert {f["line"] for f in registry_flags(flags_of(result))} == {8}
    run_cli("scan", DOC, *LIB, "--online", "--lookups", "0")
    assert len(server.requests) == 2


def copies(tmp_path, n=3) -> list[str]:
    paths = []
    for i in range(n):
        path = tmp_path / f"doc{i}.md"
        shutil.copy(ROOT / DOC, path)
        paths.append(str(path))
    return paths


def test_jobs_give_the_same_report_and_share_the_cache(server, run_cli, tmp_path, monkeypatch):
    docs = copies(tmp_path)
    outputs = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("LITCHECK_CACHE_DIR", str(tmp_path / f"cache{jobs}"))
        result = run_cli("scan", *docs, *LIB, "--online", "--format", "json", "--jobs", jobs)
        assert result.exit_code == 1, result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1] and len(registry_flags(json.loads(outputs[0])["documents"][2]["flags"])) == 4
    asked = len(server.requests)
    again = run_cli("scan", *docs, *LIB, "--online", "--format", "json", "--jobs", "2")
    assert again.stdout == outputs[0] and len(server.requests) == asked  # the workers' answers were kept


def test_workers_share_the_per_host_rate():
    settings = OnlineSettings(rate=6.0)
    assert registry_check(settings, 40, workers=3).settings.rate == 2.0
    assert registry_check(settings, 40).settings.online is True
    assert registry_check(settings, 0) is None


def test_remote_dask_is_refused_with_the_reason(run_cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run_cli("scan", DOC, *LIB, "--online", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2
    assert "remote Dask cluster" in result.stderr and "rate limit" in result.stderr


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_local_report(server, run_cli, tmp_path):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    docs = copies(tmp_path, 2)
    local = run_cli("scan", *docs, *LIB, "--online", "--format", "json", "--jobs", "1")
    dask = run_cli("scan", *docs, *LIB, "--online", "--format", "json", "--engine", "dask", "--jobs", "2")
    assert dask.exit_code == local.exit_code == 1 and dask.stdout == local.stdout


def test_offline_the_scan_stops_at_once_with_one_line(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on: connection refused, as offline
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {"LITCHECK_CROSSREF_URL": f"http://127.0.0.1:{port}", "LITCHECK_OPENALEX_URL": f"http://127.0.0.1:{port}",
           "LITCHECK_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "litcheck", "scan", *copies(tmp_path), *LIB, "--online", "--jobs", "2"],
                          env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "cannot reach 127.0.0.1" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("text, volume, pages", [
    ("Smith, J. (2019). Title. *Journal*, 7(3), 12–34.", "7", "12–34"),
    ("J Smith, 'Title' (2011) 48 *Journal* 128, 130–31.", "48", ""),  # a pin cite, not the article's pages
    ("John Smith, \"Title,\" *Journal* 4, no. 2 (2019): 101-19.", "4", "101-19"),
    ("Smith, Title, Journal, pp. 5-9, 2001.", "", "5-9"),
])
def test_cited_pages(text, volume, pages):
    assert cited_pages(text, volume) == pages


def test_page_ranges_agree_when_abbreviated():
    assert same_pages("1655-64", "1655-1664") and same_pages("1655", "1655-1664") and same_pages("12--34", "12–34")
    assert not same_pages("1656-64", "1655-1664") and not same_pages("1655-65", "1655-1664")


def test_the_readme_example_is_what_scan_prints(server, run_cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n\$ litcheck scan (tests/data/scan/registry-cited\.md[^\n]*)\n(.*?)```", readme, re.S)
    assert block, "the README's scan --online example is missing"
    result = run_cli("scan", *block.group(1).split())
    assert result.stdout == block.group(2)


def test_the_time_budget_stops_the_look_ups_not_the_document(server, run_cli):
    server.script["/crossref/works"] = [(200, server.answer("/crossref/works", {})[1], {}, 1.5)]  # a slow first answer
    result = run_cli("scan", DOC, *LIB, "--online", "--timeout", "1", "--format", "json")
    assert result.exit_code == 1, result.output  # scanned and reported, not failed
    assert "registry look-ups stopped after 1 of 5 works: the document's time budget ran out" in result.stderr
    assert len(server.requests) == 1 and {f["line"] for f in registry_flags(flags_of(result))} == {8}


def test_a_failing_registry_stops_the_look_ups_of_that_document_only(server, run_cli):
    server.script["/crossref/works"] = [(500, "oops", {}, 0.0)]
    result = run_cli("scan", DOC, *LIB, "--online", "--format", "json", env={"LITCHECK_ONLINE_RETRIES": "0"})
    assert result.exit_code == 0, result.output  # reported as scanned, with the library's flags only
    assert "registry look-ups stopped after 0 of 5 works" in result.stderr and "answered HTTP 500" in result.stderr
    assert registry_flags(flags_of(result)) == [] and len(flags_of(result)) > 0


def test_a_retracted_record_makes_the_citation_doubtful(monkeypatch):
    """The flag logic on a record built here (the recorded answers hold a correction, not a
    retraction): a retraction is a doubtful-source, a correction is not."""
    from litcheck.library.core import load_library
    from litcheck.online.records import Record, Update
    from litcheck.scan import online_check
    from litcheck.scan.pipeline import Scanner

    monkeypatch.chdir(ROOT)
    record = Record("crossref", title="The forecast trap", authors=["Boettiger, Carl"], year=2022, years=[2022],
                    doi="10.1111/ele.14024", updates=[Update("retraction", "10.1111/ele.99999", "2023-01-02")],
                    retracted=True)
    monkeypatch.setattr(online_check, "look_up", lambda fetcher, work: online_check.Outcome("match", record))
    registry = online_check.RegistryCheck(OnlineSettings(online=True))
    scanner = Scanner(load_library(["tests/data/scan/lib.bib"], None), registry=registry)
    text = "Forecasts trap managers.[^1]\n\n[^1]: Carl Boettiger, 'The forecast trap' (2022) 25 *Ecology Letters* 1655.\n"
    flags = [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "doubtful-source"]
    assert [f.message for f in flags] == [
        "footnote 1: Crossref records this work as retracted (retraction 10.1111/ele.99999 2023-01-02); checked "
        "against Crossref, doi:10.1111/ele.14024 (cited at line 1)"]
    record.retracted, record.updates = False, [Update("correction", "10.1111/ele.88888", "2023-01-02")]
    assert not [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "doubtful-source"]


@pytest.mark.parametrize("text, doi", [
    ("Smith, 'Title' (2019) 7 J 1 (doi:10.1016/S0140-6736(97)11096-0).", "10.1016/s0140-6736(97)11096-0"),
    ("Smith (2012). Title. PLoS ONE, 7(3). https://doi.org/10.1371/journal.pone.0033693.", "10.1371/journal.pone.0033693"),
    ("Smith, Title (2012) (see 10.1111/ele.14024)", "10.1111/ele.14024"),
    ("Smith, Title (2012) 7 Journal 12.", None),
])
def test_the_doi_a_citation_gives(text, doi):
    from litcheck.scan.online_check import Unheld

    assert Unheld("reference", "0", text, None, [], 1).doi == doi
