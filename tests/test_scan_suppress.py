"""Suppression: a flag marked reviewed or wrong (by `scan --review` into the sidecar file, or by
an inline comment in Markdown or LaTeX) is hidden and counted, listed with --show-suppressed,
survives edits elsewhere in the document and comes back when its sentence changes."""

from __future__ import annotations

import json

from make_docs import DATA


def scan(run_cli, *args, input=None):
    from click.testing import CliRunner

    from litcheck.cli import main

    argv = ["scan", "--bib", str(DATA / "lib.bib"), "--notes", str(DATA / "notes"), "--jobs", "1", *args]
    if input is None:
        return run_cli(*argv)
    return CliRunner().invoke(main, argv, input=input, catch_exceptions=False)


def rules_of(run_cli, path, *args):
    report = json.loads(scan(run_cli, str(path), "--format", "json", *args).stdout)["documents"][0]
    return sorted((f["rule"], f["line"]) for f in report["flags"]), report


def test_review_writes_the_sidecar_and_hides_those_flags(run_cli, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text((DATA / "footnoted.txt").read_text(encoding="utf-8"), encoding="utf-8")
    before, _ = rules_of(run_cli, article)
    assert ("uncited-statistic", 3) in before and ("vague-attribution", 9) in before
    # flags come in worklist order; answer: first reviewed (with a note), second wrong, then quit
    order = [(f["rule"], f["line"]) for f in json.loads(scan(run_cli, str(article), "--format", "json").stdout)
             ["documents"][0]["flags"]]
    result = scan(run_cli, str(article), "--review", input="r\nchecked against the source\nw\n\nq\n")
    assert result.exit_code == 1, result.output
    sidecar = tmp_path / "article.litcheck.yaml"
    assert "2 decisions written to" in result.output and sidecar.is_file()
    assert "checked against the source" in sidecar.read_text(encoding="utf-8")

    after, report = rules_of(run_cli, article)
    assert after == sorted(set(before) - set(order[:2]))
    assert report["suppressed_count"] == 2 and "suppressed" not in report
    text = scan(run_cli, str(article)).stdout
    assert "Suppressed flags (reviewed or marked wrong): 2 (--show-suppressed lists them)" in text

    _, shown = rules_of(run_cli, article, "--show-suppressed")
    assert sorted((f["rule"], f["line"], f["review"]["status"]) for f in shown["suppressed"]) == sorted(
        [(*order[0], "reviewed"), (*order[1], "wrong")])

    # edits elsewhere (a new opening paragraph shifts every line) keep the decisions...
    original = article.read_text(encoding="utf-8")
    article.write_text("A new opening paragraph.\n\n" + original, encoding="utf-8")
    shifted, report = rules_of(run_cli, article)
    assert shifted == [(rule, line + 2) for rule, line in after] and report["suppressed_count"] == 2
    # ...and editing the reviewed sentence itself brings its flag back
    first_sentence = next(f["sentence"] for f in shown["suppressed"] if (f["rule"], f["line"]) == order[0])
    article.write_text(original.replace(first_sentence, first_sentence.replace(" in ", " during ", 1)), encoding="utf-8")
    back, report = rules_of(run_cli, article)
    assert order[0] in back and report["suppressed_count"] == 1


def test_inline_comments_in_markdown_and_latex(run_cli, tmp_path):
    md = tmp_path / "draft.md"
    md.write_text("Studies show that offenders rarely meet their victims.\n\n"
                  "<!-- litcheck: reviewed vague-attribution the survey is named in the next paragraph -->\n"
                  "Experts say that most grooming starts in game chat.\n\n"
                  "Reports say this was the largest rise ever seen. <!-- litcheck: wrong superlative -->\n",
                  encoding="utf-8")
    flags, report = rules_of(run_cli, md, "--show-suppressed")
    assert flags == [("vague-attribution", 1), ("vague-attribution", 6)]  # line 6: only its superlative is marked
    assert sorted((f["rule"], f["line"], f["review"]["origin"], f["review"]["note"]) for f in report["suppressed"]) == [
        ("superlative", 6, "inline", ""), ("vague-attribution", 4, "inline", "the survey is named in the next paragraph")]

    tex = tmp_path / "paper.tex"
    tex.write_text("\\documentclass{article}\n\\begin{document}\n"
                   "Groomers contacted more than 4,300 children on one platform in 2021.\n\n"
                   "% litcheck: reviewed uncited-statistic figure checked with the authors\n"
                   "Payments rose by 38\\% between 2019 and 2021.\n\\end{document}\n", encoding="utf-8")
    flags, report = rules_of(run_cli, tex)
    assert [rule for rule, _ in flags] == ["uncited-statistic"] and report["suppressed_count"] == 1


def test_a_damaged_review_file_names_itself(run_cli, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Studies show that offenders rarely meet their victims.\n", encoding="utf-8")
    (tmp_path / "a.litcheck.yaml").write_text("suppress:\n  - rule: [unclosed\n", encoding="utf-8")
    other = tmp_path / "b.txt"
    other.write_text("Experts say so.\n", encoding="utf-8")
    result = scan(run_cli, str(article), str(other), "--format", "json")
    assert result.exit_code == 2
    assert f"litcheck: {tmp_path / 'a.litcheck.yaml'}:" in result.stderr and "Traceback" not in result.stderr
    assert [d["path"] for d in json.loads(result.stdout)["documents"]] == [str(other)]
