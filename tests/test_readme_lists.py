"""Every command in the README's `litcheck list` section runs, on the bundled library, and makes
what the README says it makes (the LaTeX, Pandoc and Word workflows included)."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import zipfile

import pytest

from litcheck.library.paths import checkout_root


def list_section_commands() -> list[str]:
    text = (checkout_root() / "README.md").read_text(encoding="utf-8")
    section = text.split("### `litcheck list`", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def test_the_section_documents_the_three_workflows():
    commands = list_section_commands()
    assert any("--format biblatex" in c for c in commands)
    assert any(c.startswith("pandoc ") and "--citeproc" in c for c in commands)
    assert any("--format docx" in c for c in commands)


@pytest.mark.parametrize("command", list_section_commands())
def test_readme_list_command_runs(command, tmp_path, monkeypatch, run_cli):
    from litcheck.listing.styles import EngineError, pandoc_path, style_path

    if not list((checkout_root() / "refs").glob("*.bib")):
        pytest.skip("the bundled refs/ holds no .bib files yet")
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(command, comments=True)
    if argv[0] == "pandoc":
        # the README's Pandoc workflow: the export it cites from, a paper, and a CSL file
        assert run_cli("list", "--topic", "legislation", "--format", "csl-json", "-o", "legislation.json").exit_code == 0
        key = json.loads((tmp_path / "legislation.json").read_text(encoding="utf-8"))[0]["id"]
        (tmp_path / "paper.md").write_text(f"# Paper\n\nAs the law says [@{key}].\n\n# References\n", encoding="utf-8")
        shutil.copy(style_path("apa"), tmp_path / "apa.csl")
        try:
            exe = pandoc_path()
        except EngineError as exc:
            pytest.skip(str(exc))
        proc = subprocess.run([exe, *argv[1:]], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert zipfile.is_zipfile(tmp_path / "paper.docx")
        return
    assert argv[0] == "litcheck"
    result = run_cli(*argv[1:])
    assert result.exit_code == 0, (command, result.output)
    if "-o" in argv:
        made = tmp_path / argv[argv.index("-o") + 1]
        assert made.stat().st_size > 0
        if made.suffix in (".docx", ".odt"):
            assert zipfile.is_zipfile(made)
        if "biblatex" in argv and shutil.which("biber"):
            proc = subprocess.run(["biber", "--tool", "--validate-datamodel", "--output-file=checked.bib", made.name],
                                  capture_output=True, text=True, timeout=120)
            assert proc.returncode == 0 and "WARN" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    else:
        assert result.stdout.strip()
