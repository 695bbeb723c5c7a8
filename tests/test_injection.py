"""No injection through imported text (issue 20, item 4): hostile RIS and CSL-JSON records are
imported, then real `bibtex` and `biber` read the library and find exactly the imported
entries; keys that are dangerous as file names or in BibTeX are never written."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from litcheck.library.bibfile import parse_file
from litcheck.library.keys import key_is_safe

TITLES = [
    "Harmless } @misc{injected, title={Injected entry}}",
    "Escaped \\} brace and \\{ another",
    "Closing first } then opening {",
    "Trailing backslash \\",
    "Percent % and hash # and {balanced} braces",
    "@comment{ } @string{x = {y}}",
]
RIS = "".join(f"TY  - RPRT\nTI  - {t}\nAU  - Doe}}, Jane{{\nPY  - 202{i}\nPB  - Body }} @misc{{x,\nER  - \n\n"
              for i, t in enumerate(TITLES))
CSL = json.dumps([{"id": key, "type": "report", "title": f"CSL {i}: {t}", "author": [{"family": "Roe}", "given": "{A"}],
                   "issued": {"date-parts": [[2010 + i]]}, "publisher": "P } @misc{y,"}
                  for i, (key, t) in enumerate(zip(["evil}, @misc{z,", "-rf", "CON", "ok\u202ekey", "a,b", "fine2020"],
                                                   TITLES))])


def need(program: str) -> None:
    if not shutil.which(program):
        pytest.skip(f"{program} is not installed (Debian: texlive-binaries, biber; .ci/run installs them)")


@pytest.fixture
def imported(tmp_path, run_cli) -> tuple[Path, list[str]]:
    bib = tmp_path / "refs.bib"
    bib.write_text("", encoding="utf-8")
    for name, text in (("hostile.ris", RIS), ("hostile.json", CSL)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        result = run_cli("import", str(tmp_path / name), "--bib", str(bib), "--backups", "0")
        assert result.exit_code == 0, result.output
    parsed = parse_file(bib)
    assert not parsed.problems, parsed.problems
    keys = [e.key for e in parsed.entries]
    assert len(keys) == len(TITLES) * 2 and all(key_is_safe(k) for k in keys)
    assert "fine2020" in keys and not {"-rf", "CON", "a,b"} & set(keys)
    return bib, keys


def test_litcheck_reads_back_exactly_the_imported_titles(imported, run_cli):
    bib, _ = imported
    result = run_cli("list", "--bib", str(bib), "--format", "json", "--style", "none", "--include-unconfirmed")
    titles = sorted(e["title"] for e in json.loads(result.output)["entries"])
    assert titles == sorted([*TITLES, *(f"CSL {i}: {t}" for i, t in enumerate(TITLES))])


def test_bibtex_sees_exactly_the_imported_entries(imported, tmp_path):
    need("bibtex")
    bib, keys = imported
    (tmp_path / "check.aux").write_text("\\citation{*}\n\\bibstyle{plain}\n\\bibdata{refs}\n", encoding="utf-8")
    proc = subprocess.run(["bibtex", "check"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    log = (tmp_path / "check.blg").read_text(encoding="utf-8", errors="replace")
    assert proc.returncode in (0, 1) and "error message" not in log, log  # 1: warnings only
    items = re.findall(r"\\bibitem\{([^}]*)\}", (tmp_path / "check.bbl").read_text(encoding="utf-8"))
    assert sorted(items) == sorted(keys)


def test_biber_sees_exactly_the_imported_entries(imported, tmp_path):
    need("biber")
    bib, keys = imported
    out = tmp_path / "out.bib"
    proc = subprocess.run(["biber", "--tool", f"--output-file={out}", str(bib)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "ERROR" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    written = re.findall(r"^@\w+\{([^,]*),", out.read_text(encoding="utf-8"), re.M)
    assert sorted(k.lower() for k in written) == sorted(k.lower() for k in keys)


@pytest.mark.parametrize("key", ["-rf", "--help", "CON", "nul.txt", "com1", "lpt9", "a\u202eb", "x\u200fy",
                                 "a,b", "x{y", "p}q", "at@home"])
def test_check_and_add_refuse_dangerous_keys(key, tmp_path, run_cli):
    bib = tmp_path / "refs.bib"
    entry = f"@misc{{{key}, title = {{A title}}, year = {{2020}}}}\n"
    bib.write_text(entry if key_parses(key) else "", encoding="utf-8")
    if key_parses(key):
        result = run_cli("check", "--bib", str(bib), "--format", "json", "--select", "unsafe-key")
        assert [p["key"] for p in json.loads(result.output)["problems"]] == [key]
        bib.write_text("", encoding="utf-8")
    result = run_cli("add", "--bib", str(bib), "--backups", "0", entry)
    assert result.exit_code in (0, 1, 2)  # renamed to a generated key, or (unparsable key) refused
    assert key not in [e.key for e in parse_file(bib).entries]


def key_parses(key: str) -> bool:
    return not any(c in key for c in ",{}@")
