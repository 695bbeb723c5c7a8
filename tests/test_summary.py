"""`litcheck summary`: the Quick start's one screen, whose numbers agree with the full commands."""

from __future__ import annotations

import json


def test_summary_is_one_short_screen_that_agrees_with_check_list_and_claims(run_cli):
    result = run_cli("summary")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) <= 24 and max(len(line) for line in lines) <= 100
    check = json.loads(run_cli("check", "--format", "json", "--level", "info").output)
    entries = check["entries"]
    assert lines[0].startswith(f"Library: {entries} entries, {check['notes']} notes;")
    claims = json.loads(run_cli("claims", "--status", "false", "--status", "misleading", "--format", "json").output)
    false = sum(c["status"] == "false" for c in claims)
    misleading = sum(c["status"] == "misleading" for c in claims)
    assert f"{false} false and {misleading} misleading." in result.output
    assert "see them: litcheck claims --status false --status misleading" in result.output
    assert "all of it: litcheck list --from intro-course --style apa" in result.output


def test_summary_json_has_the_parts_and_the_first_references(run_cli):
    data = json.loads(run_cli("summary", "--format", "json", "--first", "2", "--style", "none").output)
    assert data["list_name"] == "intro-course" and len(data["first_references"]) == 2
    listed = run_cli("list", "--from", "intro-course", "--format", "json", "--style", "none").output
    listed = json.JSONDecoder().raw_decode(listed[listed.index("{"):])[0]  # past any notice on stderr
    assert data["list_size"] == len(listed["entries"])
    assert set(data["claims"]) >= {"false", "misleading"} and data["articles"] >= 1


def test_summary_of_a_library_with_problems_and_no_saved_list(write_bib, run_cli, tmp_path):
    bib = write_bib("@misc{x2020a, title = {T}, year = {20}}\n")
    result = run_cli("summary", "--bib", str(bib), "--notes", str(tmp_path / "none"))
    assert result.exit_code == 1, result.output  # as `check` would
    assert "1 errors and 1 warnings to fix (see them: litcheck check)" in result.output  # bad-date, note-missing
    assert "Reading list 'intro-course':" in result.output and "Claims registers" not in result.output
