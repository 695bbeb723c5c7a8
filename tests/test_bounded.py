"""Bounded work on hostile .bib files: a file of run-together or endless broken blocks is
refused part by part with a summary, not parsed into millions of problems; output stays
small however many findings there are (timings and memory are in benchmarks/hostile.py)."""

from __future__ import annotations

import json

from litcheck.library import bibblocks
from litcheck.library.bibfile import parse_text


def test_a_storm_of_broken_blocks_on_one_line_stops_with_a_summary():
    parsed = parse_text("@{" * 20_000, "frag.bib")
    assert 1 <= len(parsed.problems) <= 1001
    assert "more than 1000 blocks could not be parsed" in parsed.problems[-1].message
    assert parsed.problems[-1].line == 1


def test_a_whole_library_on_one_line_is_still_read():
    text = "".join(f"@misc{{k{i}, title = {{Work {i}}}, year = {{2020}}}} " for i in range(3_000))
    parsed = parse_text(text, "line.bib")
    assert len(parsed.entries) == 3_000 and parsed.problems == []


def test_a_few_broken_blocks_on_one_line_are_each_reported():
    parsed = parse_text("@misc{ok2020, title = {Fine}, year = 2020}\n" + "@{" * 50, "few.bib")
    assert [e.key for e in parsed.entries] == ["ok2020"] and 1 <= len(parsed.problems) <= 50


def test_endless_broken_blocks_stop_after_the_limit_with_a_summary(monkeypatch):
    monkeypatch.setattr(bibblocks, "MAX_FAILED_BLOCKS", 50)
    text = "@misc{ok2020, title = {Fine}, year = 2020}\n" + "@{\n" * 5_000
    parsed = parse_text(text, "broken.bib", parallel=False)
    assert [e.key for e in parsed.entries] == ["ok2020"]
    assert len(parsed.problems) == 51  # 50 reported, then the summary
    last = parsed.problems[-1]
    assert "more than 50 blocks could not be parsed" in last.message and last.line == 52


def test_check_and_set_on_a_fragment_storm_fail_fast_with_a_short_report(tmp_path, run_cli):
    path = tmp_path / "storm.bib"
    path.write_text("@{" * 200_000, encoding="utf-8")
    check = run_cli("check", "--bib", str(path))
    assert check.exit_code == 1 and len(check.output.splitlines()) < 20
    refused = run_cli("set", "--bib", str(path), "k", "note", "x")
    assert refused.exit_code == 2 and "does not rewrite a library it cannot fully read" in refused.output
    assert path.read_text(encoding="utf-8") == "@{" * 200_000


def test_check_output_is_bounded_by_the_findings_limit(tmp_path, run_cli):
    path = tmp_path / "tiny.bib"
    path.write_text("".join(f"@misc{{k{i},}}\n" for i in range(3_000)), encoding="utf-8")
    result = run_cli("check", "--bib", str(path), "--format", "lines")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) <= 20 + 3 and "... 5980 more missing-field findings not listed" in result.output


def test_a_work_too_large_for_the_citation_engine_is_refused_by_name(tmp_path, run_cli, monkeypatch):
    from litcheck.listing.render import common

    monkeypatch.setattr(common, "MAX_ENGINE_CHARS", 5_000)
    path = tmp_path / "big.bib"
    path.write_text("@misc{small, title = {Fine}, year = 2020}\n\n@misc{huge,\n  title = {"
                    + "word " * 2_000 + "},\n  year = 2020}\n", encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("old", encoding="utf-8")
    refused = run_cli("list", "--bib", str(path), "--format", "json", "-o", str(out))
    assert refused.exit_code == 2
    message = refused.output.strip()
    assert len(message.splitlines()) == 1
    assert "huge" in message and str(path) in message and "line 3" in message and "title" in message
    assert out.read_text(encoding="utf-8") == "old"  # nothing half-written
    plain = run_cli("list", "--bib", str(path), "--format", "json", "--style", "none")
    assert plain.exit_code == 0 and len(json.loads(plain.output)["entries"]) == 2


def test_exports_are_written_entry_by_entry(tmp_path, monkeypatch):
    """Each data format yields pieces as it goes (not one string made at the end), and the
    pieces make exactly what `render` returns."""
    from litcheck.library.core import load_library
    from litcheck.listing.reading_lists import build_listing
    from litcheck.listing.render import render, stream
    from litcheck.listing.select import Filters

    path = tmp_path / "many.bib"
    path.write_text("".join(f"@article{{k{i}, author = {{Doe, Jane}}, title = {{Work {i} "
                            + "long words " * 200 + "}, journal = {J}, year = 2020}\n" for i in range(300)),
                    encoding="utf-8")
    lib = load_library([path], None)
    reading = build_listing(lib, Filters(), None, "none", "")
    for fmt in ("json", "csv", "csl-json", "bib", "biblatex", "ris"):
        pieces = stream(reading, lib, fmt, None)
        first = next(pieces)
        rest = list(pieces)
        assert len(rest) >= 2, fmt
        assert first + "".join(rest) == render(reading, lib, fmt, None), fmt


def test_json_pieces_lay_out_exactly_as_one_dump():
    from litcheck.cli.jsonout import dump_json, stream_json_array, stream_json_object

    big = "x" * 200_000
    for head in ({"title": "T", "sections": [{"keys": ["a"], "text": "line\nbreak"}]}, {}):
        for items in ([], [{"k": [1, 2], "s": "é\n"}, [], {}, 3, {"d": {"e": [{"f": None}]}}],
                      [{"a": big, "b": ["\n"]}] * 3, [{"q": i} for i in range(5_000)]):
            assert "".join(stream_json_object(head, "entries", iter(items))) == dump_json(head | {"entries": items})
            assert "".join(stream_json_array(iter(items))) == dump_json(items)


def test_stream_json_lays_out_generators_exactly_as_dump_json_lays_out_lists():
    from litcheck.cli.jsonout import dump_json, stream_json

    def flags(n):
        return ({"rule": "uncited-statistic", "line": i, "keys": (), "cited_by": [[i, "a “quoted” line\\n"]],
                 "nested": {"a": [], "b": {}}} for i in range(n))

    def data(lazy):
        docs = [{"path": p, "footnotes": [], "flags": flags(n) if lazy else list(flags(n)), "empty": {}}
                for p, n in (("a.md", 3), ("b.md", 0), ("ü.md", 5000))]
        return {"documents": (d for d in docs) if lazy else docs, "unreadable": []}

    assert "".join(stream_json(data(True))) == dump_json(data(False))


def test_a_streamed_dict_writes_its_generators_at_any_depth():
    """A reading list's sections sit where values are encoded whole; their million keys are a
    generator in a `Streamed` dict, laid out exactly as the list would be."""
    from litcheck.cli.jsonout import Streamed, dump_json, stream_json_object

    def head(lazy):
        keys = [[], ["a"], [f"k{i}" for i in range(3)]]
        return {"title": "T", "sections": [Streamed(heading=f"h{n}", keys=iter(k)) if lazy else
                                           {"heading": f"h{n}", "keys": k} for n, k in enumerate(keys)]}

    items = [{"key": "a", "fields": {"x": "1"}}]
    assert "".join(stream_json_object(head(True), "entries", iter(items))) == dump_json(head(False) | {"entries": items})
