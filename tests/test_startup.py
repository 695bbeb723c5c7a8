"""`litcheck --help` and `--version` start fast: no pandas, citeproc, bibtexparser (or other
heavy libraries) are imported. Checked in a fresh interpreter, since this test process has
imported everything already."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "citeproc", "bibtexparser", "pypandoc", "rapidfuzz", "pylatexenc", "yaml", "rispy")

CODE = """
import sys
from litcheck.cli import main
try:
    main({args!r}, prog_name="litcheck")
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print("HEAVY:" + ",".join(heavy))
"""


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["cache", "--help"]])
def test_start_up_imports_nothing_heavy(args):
    out = subprocess.run([sys.executable, "-c", CODE.format(args=args, heavy=HEAVY)],
                         capture_output=True, text=True, check=True)
    line = [l for l in out.stdout.splitlines() if l.startswith("HEAVY:")][-1]
    assert line == "HEAVY:", f"litcheck {' '.join(args)} imported {line[6:]}"


def test_importtime_of_cli_has_no_heavy_module():
    out = subprocess.run([sys.executable, "-X", "importtime", "-c", "import litcheck.cli"],
                         capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in out.stderr.splitlines() if "|" in line}
    assert not imported & set(HEAVY)
