"""A search hit's matching line in the text output is the start of the field's text, cut to
the line; a long author list is not parsed beyond the names that fill it."""

from __future__ import annotations

from litcheck.library import names
from litcheck.library.core import load_library
from litcheck.listing.search import search_page


def test_a_long_author_list_is_cut_for_its_line_from_the_first_names(tmp_path, monkeypatch):
    accent = "{\\o}"  # markup: bibtexparser's splitter
    people = " and ".join(f"Ab{accent if i % 2 else 'o'}l{i}, Ann" for i in range(300))
    (tmp_path / "lib.bib").write_text(f"@article{{k1, author = {{{people}}}, title = {{Ablations}}}}\n"
                                      "@article{k2, author = {Abel, Bo and Abel, Cy}, title = {Ablations}}\n"
                                      f"@article{{k3, author = {{Ab{'c' * 104}, Bo}}, title = {{Ablations}}}}\n")
    lib = load_library([tmp_path / "lib.bib"], None)
    parsed = []
    real = names._name
    monkeypatch.setattr(names, "_name", lambda *a: parsed.append(a[0]) or real(*a))
    lines = {h.key: [m for m in h.matches if m.field == "author"][0].head(110) for h in search_page(lib, "ab", 5)[0]}
    assert 0 < len(parsed) < 20
    whole = {h.key: [m for m in h.matches if m.field == "author"][0].text for h in search_page(lib, "ab", 5)[0]}
    assert len(whole["k1"]) > 3000 and lines["k1"] == whole["k1"][:109] + "…"
    assert lines["k2"] == whole["k2"] == "Abel, Bo; Abel, Cy"
    assert lines["k3"] == whole["k3"] and len(whole["k3"]) == 110  # a line exactly full is not cut
