"""Fields only pylatexenc decodes (math, commands litcheck does not decode itself) are decoded
once and kept with the indexed file's stored values: a later search shows the same lines
without importing pylatexenc, and a stored text is used only for the value it was made from."""

from __future__ import annotations

import os
import subprocess
import sys

from litcheck.index import decoded
from litcheck.index.rowvalues import store_for
from litcheck.library.core import load_library
from litcheck.library.latex import to_text

BIB = r"""@article{k1, author = {{\"O}zt{\"u}rk, Ay{\c{s}}e and {\relax Ch}ristine Leroy},
  title = {How well can {$ F_{\rm MSY} $} be estimated?}, journal = {Fish Res},
  address = {Dept. of Mathematics, e-mail: \path|beebe@math.utah.edu|}, year = {2001}}
@article{k2, author = {Smith, Jo}, title = {Estimated yields}, journal = {Fish Res}, year = {2002}}
"""

SEARCH = """
import sys
from litcheck.cli import main
try:
    main(sys.argv[1:], prog_name="litcheck")
except SystemExit as exc:
    assert exc.code in (0, None), exc.code
print("HEAVY:" + ",".join(sorted({m.split(".")[0] for m in sys.modules} & {"pylatexenc", "bibtexparser"})))
"""


def _search(path, *args) -> tuple[str, str]:
    out = subprocess.run([sys.executable, "-c", SEARCH, "search", "--bib", str(path), *args],
                         capture_output=True, text=True, check=True, env=dict(os.environ, COLUMNS="200")).stdout
    text, _, heavy = out.rpartition("HEAVY:")
    return text, heavy.strip()


def test_a_second_search_shows_the_same_lines_without_pylatexenc(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text(BIB, encoding="utf-8")
    query = ("ozturk", "estimated", "mathematics")
    first, heavy = _search(path, *query)
    assert "F_ MSY" in first and "|beebe@math.utah.edu|" in first and "Öztürk, Ayşe" in first
    assert heavy == "pylatexenc"  # the first search decodes them (and bibtexparser is never needed)
    for args in (query, (*query, "--format", "json")):
        again, heavy = _search(path, *args)
        assert heavy == ""
        assert again == _search(path, *args, "--no-cache")[0]  # entries parsed, values decoded afresh
    assert _search(path, *query)[0] == first


def test_a_stored_text_is_used_only_for_its_own_value(tmp_path):
    path = tmp_path / "lib.bib"
    path.write_text(BIB, encoding="utf-8")
    index = load_library([path], None).get("k1")._index
    value = "{$ F_{\\rm MSY} $} and more"
    store = store_for(index, "decoded", decoded.FORMAT, 2)
    key = int.from_bytes(decoded.blake2b(value.encode(), digest_size=8).digest(), "little", signed=True)
    store.put(key, ("another value", "wrong"))  # as if another value had the same digest
    assert decoded.text(index, value) == to_text(value) != "wrong"
    store.put(key, (value, "kept"))
    assert decoded.text(index, value) == "kept"
