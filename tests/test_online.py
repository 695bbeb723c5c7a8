"""Online look-ups against a real HTTP server on localhost serving recorded registry answers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from litcheck.online.fetch import Fetcher, OnlineError
from litcheck.online.store import ResponseStore
from litcheck.settings import read_online
from registry_server import RegistryServer

# each test starts the recorded registry server or runs the CLI: half a minute in all, so out of
# the everyday run (the README's test command and CI run them)
pytestmark = pytest.mark.slow

DOI = "10.1371/journal.pone.0033693"


@pytest.fixture
def server(monkeypatch):
    with RegistryServer() as srv:
        for name, value in srv.environ().items():
            monkeypatch.setenv(name, value)
        yield srv


def fetcher_for(server, tmp_path, sleeps=None, clock=None, **env):
    environ = {**server.environ(), "LITCHECK_ONLINE": "1", **{k: str(v) for k, v in env.items()}}
    settings = read_online(environ)
    store = ResponseStore(tmp_path / "online.sqlite", **({"clock": clock} if clock else {}))
    return Fetcher(settings, store, sleep=(sleeps.append if sleeps is not None else lambda s: None),
                   **({"clock": clock} if clock else {}))


def test_lookup_by_doi_shows_the_record_and_its_correction_then_answers_offline(server, run_cli):
    first = run_cli("lookup", DOI, "--online")
    assert first.exit_code == 0, first.output
    assert "Methylphenidate Exposure Induces Dopamine Neuron Loss" in first.output
    assert "Sadasivan" in first.output and "(2012)" in first.output and "[correction]" in first.output
    asked = len(server.requests)
    again = run_cli("lookup", DOI)  # no --online: the local cache answers
    assert again.exit_code == 0 and again.output == first.output
    assert len(server.requests) == asked


def test_requests_name_litcheck_and_the_contact_address(server, run_cli, monkeypatch):
    monkeypatch.setenv("LITCHECK_MAILTO", "checker@example.org")
    assert run_cli("lookup", DOI, "--online").exit_code == 0
    request = server.requests[-1]
    assert request["headers"]["User-Agent"].startswith("litcheck/")
    assert "checker@example.org" in request["headers"]["User-Agent"]
    assert request["query"]["mailto"] == ["checker@example.org"]


def test_lookup_isbn_as_bibtex_parses_back(server, run_cli):
    from litcheck.library.bibfile import parse_text

    result = run_cli("lookup", "978-0-9802004-4-7", "--online", "--format", "bibtex")
    assert result.exit_code == 0, result.output
    parsed = parse_text(result.output, "lookup.bib")
    assert not parsed.problems and len(parsed.entries) == 1
    entry = parsed.entries[0]
    assert (entry.type, entry.title, entry.year) == ("book", "Slow reading", 2009)
    assert entry.authors[0].family == "Miedema" and entry.get("publisher") == "Litwin Books"


def test_title_search_ranks_the_matching_work_first(server, run_cli):
    result = run_cli("lookup", "The forecast trap", "--online", "--format", "json")
    assert result.exit_code == 0, result.output
    candidates = json.loads(result.output)["candidates"]
    assert candidates[0]["title"] == "The forecast trap" and candidates[0]["doi"] == "10.1111/ele.14024"
    assert candidates[0]["score"] > 0.9 > candidates[-1]["score"]
    assert [c["score"] for c in candidates] == sorted((c["score"] for c in candidates), reverse=True)
    assert {r["path"] for r in server.requests} >= {"/crossref/works", "/openalex/works"}  # both registries asked


def test_an_unknown_doi_is_not_found_and_the_404_is_cached(server, run_cli):
    first = run_cli("lookup", "10.1371/notarealdoi", "--online")
    assert first.exit_code == 1 and "nothing found" in first.output
    asked = len(server.requests)
    assert run_cli("lookup", "10.1371/notarealdoi", "--online").exit_code == 1
    assert len(server.requests) == asked


def test_429_waits_for_retry_after_then_succeeds(server, tmp_path):
    path = f"/crossref/works/{DOI}"
    server.script[path] = [(429, "slow down", {"Retry-After": "7"}, 0.0), (503, "busy", {}, 0.0)]
    sleeps: list[float] = []
    fetcher = fetcher_for(server, tmp_path, sleeps, LITCHECK_ONLINE_RATE=1000)
    data = fetcher.get_json(f"{server.url}{path}")
    assert data["message"]["DOI"] == DOI
    assert fetcher.requests == 3
    assert [s for s in sleeps if s >= 1] == [7.0, 2.0]  # Retry-After, then the back-off's second step


def test_persistent_server_errors_give_up_with_a_clear_error(server, tmp_path):
    path = f"/crossref/works/{DOI}"
    server.script[path] = [(500, "oops", {}, 0.0)] * 4
    fetcher = fetcher_for(server, tmp_path, [], LITCHECK_ONLINE_RETRIES=3, LITCHECK_ONLINE_RATE=1000)
    with pytest.raises(OnlineError, match=r"answered HTTP 500 after 4 tries"):
        fetcher.get_json(f"{server.url}{path}")
    assert fetcher.requests == 4


def test_a_slow_server_times_out_and_is_retried(server, tmp_path):
    path = f"/crossref/works/{DOI}"
    server.script[path] = [(200, "{}", {}, 1.5)]
    fetcher = fetcher_for(server, tmp_path, [], LITCHECK_ONLINE_TIMEOUT=0.3, LITCHECK_ONLINE_RATE=1000)
    data = fetcher.get_json(f"{server.url}{path}")  # the second try gets the recorded answer
    assert data["message"]["DOI"] == DOI


def test_malformed_json_is_an_error_and_is_not_cached(server, tmp_path):
    path = f"/crossref/works/{DOI}"
    server.script[path] = [(200, '{"status": "ok", "message": {', {}, 0.0)]
    fetcher = fetcher_for(server, tmp_path, LITCHECK_ONLINE_RATE=1000)
    with pytest.raises(OnlineError, match="malformed JSON"):
        fetcher.get_json(f"{server.url}{path}")
    assert fetcher.get_json(f"{server.url}{path}")["message"]["DOI"] == DOI  # asked again, not the bad body


def test_cached_answers_expire_after_their_time_to_live(server, tmp_path):
    now = [1_000_000.0]
    fetcher = fetcher_for(server, tmp_path, clock=lambda: now[0], LITCHECK_ONLINE_TTL_DAYS=2)
    url = f"{server.url}/crossref/works/{DOI}"
    fetcher.get_json(url)
    now[0] += 1.5 * 86400
    fetcher.get_json(url)
    assert fetcher.requests == 1
    now[0] += 1 * 86400
    fetcher.get_json(url)
    assert fetcher.requests == 2


def test_requests_to_one_host_are_spaced_by_the_rate_limit(server, tmp_path):
    sleeps: list[float] = []
    now = [0.0]
    fetcher = fetcher_for(server, tmp_path, sleeps, clock=lambda: now[0], LITCHECK_ONLINE_RATE=2)
    fetcher.get_json(f"{server.url}/crossref/works/{DOI}")
    fetcher.get_json(f"{server.url}/crossref/works", {"query.bibliographic": "x"})
    assert sleeps == [0.5]


def test_offline_fails_fast_with_one_line_and_exit_2(tmp_path):
    import socket

    with socket.socket() as sock:  # a port nobody listens on: connection refused, as offline
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {"LITCHECK_CROSSREF_URL": f"http://127.0.0.1:{port}", "LITCHECK_CACHE_DIR": str(tmp_path),
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "litcheck", "lookup", DOI, "--online"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "cannot reach 127.0.0.1" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("name, value", [("LITCHECK_ONLINE_RATE", "fast"), ("LITCHECK_ONLINE_RETRIES", "-1"),
                                         ("LITCHECK_CROSSREF_URL", "ftp://x"), ("LITCHECK_MAILTO", "nobody"),
                                         ("LITCHECK_ONLINE", "perhaps")])
def test_bad_settings_are_refused_before_any_request(run_cli, monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    result = run_cli("lookup", DOI)
    assert result.exit_code == 2 and name in result.output


LIBRARY = r"""
@article{sadasivan2012methylphenidate,
  author = {Sadasivan, Shankar and Pond, Brooks B.},
  title = {Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice},
  journal = {PLoS ONE}, year = {2013}, volume = {7}, pages = {e33693}, doi = {10.1371/journal.pone.0033693},
}
@article{wrong2020borrowed,
  author = {Doe, Jane}, title = {Online recruitment of trafficking victims},
  journal = {Journal of Borrowed Identifiers}, year = {2020}, doi = {10.1371/journal.pone.0033693},
}
@article{ghost2021paper,
  author = {Roe, Richard}, title = {A paper with an unregistered DOI}, journal = {Nowhere}, year = {2021},
  doi = {10.1371/notarealdoi},
}
@book{miedema2009slow,
  author = {Miedema, John}, title = {Slow reading}, publisher = {Litwin Books}, year = {2010}, isbn = {9780980200447},
}
@article{boettiger2022forecast,
  author = {Boettiger, Carl}, title = {The forecast trap}, journal = {Ecology Letters}, year = {2022},
}
@techreport{ngo2021report,
  author = {{Some NGO}}, title = {Annual report 2021}, institution = {Some NGO}, year = {2021},
}
"""


def test_verify_gives_each_entry_a_plain_verdict(server, run_cli, write_bib):
    bib = write_bib(LIBRARY)
    result = run_cli("verify", "--bib", str(bib), "--online", "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    verdicts = {e["key"]: e for e in data["entries"]}
    assert {k: v["verdict"] for k, v in verdicts.items()} == {
        "sadasivan2012methylphenidate": "corrected",  # the record carries a correction notice
        "wrong2020borrowed": "doi-other-work",
        "ghost2021paper": "not-found",
        "miedema2009slow": "differs",
        "boettiger2022forecast": "verified",  # found by title, author and year
        "ngo2021report": "not-checkable",
    }
    assert {"field": "year", "library": "2013", "registry": "2012"} in verdicts["sadasivan2012methylphenidate"]["differences"]
    assert "Methylphenidate" in verdicts["wrong2020borrowed"]["message"]
    assert verdicts["miedema2009slow"]["differences"] == [{"field": "year", "library": "2010", "registry": "2009"}]
    assert data["summary"]["not-found"] == 1 and data["summary"]["verified"] == 1


def test_verify_text_starts_with_the_summary(server, run_cli, write_bib):
    bib = write_bib(LIBRARY)
    result = run_cli("verify", "--bib", str(bib), "--online")
    lines = result.output.splitlines()
    assert lines[0].split() == ["verdict", "entries"]
    assert "wrong2020borrowed: doi-other-work (crossref): DOI 10.1371/journal.pone.0033693 is registered" in result.output


def test_verify_fix_applies_chosen_corrections_through_the_safe_write_path(server, run_cli, write_bib):
    bib = write_bib(LIBRARY)
    before = bib.read_bytes()
    dry = run_cli("verify", "miedema2009slow", "--bib", str(bib), "--online", "--fix", "year", "--dry-run")
    assert "-  year" in dry.output or "year" in dry.output
    assert "+" in dry.output and "2009" in dry.output and bib.read_bytes() == before
    run_cli("verify", "miedema2009slow", "--bib", str(bib), "--online", "--fix", "year")
    after = bib.read_text(encoding="utf-8")
    assert "year = {2009}" in after.replace("  ", " ") or "{2009}" in after
    assert after.replace("2009", "2010", 1).count("\n") == before.decode().count("\n")
    again = json.loads(run_cli("verify", "miedema2009slow", "--bib", str(bib), "--format", "json").output)
    assert again["entries"][0]["verdict"] == "verified"  # answered from the cache, now agreeing


def test_cache_info_counts_and_clear_removes_online_answers(server, run_cli):
    run_cli("lookup", DOI, "--online")
    info = json.loads(run_cli("cache", "info", "--format", "json").output)
    assert info["online"]["responses"] >= 1
    cleared = run_cli("cache", "clear", "--online")
    assert "removed" in cleared.output
    assert json.loads(run_cli("cache", "info", "--format", "json").output)["online"]["responses"] == 0
    assert run_cli("lookup", DOI).exit_code == 2  # offline and no longer cached


def test_add_doi_adds_the_registry_record_through_the_duplicate_checks(server, run_cli, write_bib):
    from litcheck.library.bibfile import parse_file

    bib = write_bib(GOOD_LIBRARY)
    first = run_cli("add", "--doi", DOI, "--online", "--bib", str(bib))
    assert first.exit_code == 0, first.output
    assert "added sadasivan2012methylphenidate" in first.output
    entry = next(e for e in parse_file(str(bib)).entries if e.key == "sadasivan2012methylphenidate")
    assert (entry.type, entry.year, entry.get("doi"), entry.get("volume")) == ("article", 2012, DOI, "7")
    again = run_cli("add", "--doi", f"https://doi.org/{DOI}", "--bib", str(bib))  # from the cache, offline
    assert again.exit_code == 1 and "sadasivan2012methylphenidate" in again.output  # the same work: refused


def test_add_isbn_and_bad_identifiers(server, run_cli, write_bib):
    bib = write_bib(GOOD_LIBRARY)
    added = run_cli("add", "--isbn", "978-0-9802004-4-7", "--online", "--bib", str(bib))
    assert added.exit_code == 0 and "added miedema2009slow" in added.output
    assert run_cli("add", "--isbn", "978-0-9802004-4-8", "--online", "--bib", str(bib)).exit_code == 2
    missing = run_cli("add", "--doi", "10.1371/notarealdoi", "--online", "--bib", str(bib))
    assert missing.exit_code == 2 and "no record found for doi:10.1371/notarealdoi" in missing.output


GOOD_LIBRARY = """
@book{bales2012disposable,
  author = {Bales, Kevin}, title = {Disposable People}, publisher = {University of California Press}, year = {2012},
}
"""


def test_a_planted_link_in_the_cache_is_replaced_not_followed(server, run_cli, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("LITCHECK_CACHE_DIR", str(cache))
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me")
    (cache / "online").mkdir(parents=True, mode=0o700)
    cache.chmod(0o700)
    (cache / "online" / "responses.sqlite").symlink_to(outside)
    assert run_cli("lookup", DOI, "--online").exit_code == 0
    assert outside.read_text() == "keep me"
    assert (cache / "online" / "responses.sqlite").is_file() and not (cache / "online" / "responses.sqlite").is_symlink()
