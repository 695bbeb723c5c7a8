"""The registries are the one source of truth: ids are discovered from their packages, and
every option that takes ids, formats, styles or severities is built from them."""

from __future__ import annotations

import json
import pkgutil

import pytest

import litcheck.checks
import litcheck.scan.rules
from litcheck.checks import all_checks
from litcheck.listing.render import formats
from litcheck.listing.styles import STYLES
from litcheck.scan.rules import all_rules

from conftest import GOOD_ENTRY


@pytest.mark.parametrize("package, registry", [(litcheck.checks, all_checks), (litcheck.scan.rules, all_rules)])
def test_every_module_of_a_registry_package_is_discovered(package, registry):
    found = {getattr(item, "func").__module__ for item in registry().values()}
    modules = {f"{package.__name__}.{m.name}" for m in pkgutil.iter_modules(package.__path__)}
    assert modules <= found | {package.__name__}


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_check_takes_comma_separated_ids_in_any_case(run_cli, write_bib, option):
    bib = write_bib(GOOD_ENTRY.replace("year = {2020}", "year = {20}"))
    both = run_cli("check", "--bib", str(bib), option, "bad-date,Missing-Field", "--format", "json")
    repeated = run_cli("check", "--bib", str(bib), option, "bad-date", option, "missing-field", "--format", "json")
    assert both.output == repeated.output
    found = {p["check"] for p in json.loads(both.output)["problems"]}
    assert ("bad-date" in found) == (option == "--select")


def test_scan_and_check_refuse_an_unknown_id_the_same_way(run_cli, write_bib, tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("Nothing here.\n", encoding="utf-8")
    check = run_cli("check", "--bib", str(write_bib(GOOD_ENTRY)), "--select", "bad-date,nonsense")
    scan = run_cli("scan", str(doc), "--rules", "superlative,nonsense")
    for result, listed_by in ((check, "litcheck check --list-checks"), (scan, "litcheck rules")):
        assert result.exit_code == 2
        assert "unknown" in result.output and "nonsense" in result.output and listed_by in result.output


def test_list_choices_are_the_registries(run_cli):
    text = run_cli("list", "--help").output
    for name in [*formats(), *STYLES]:
        assert name in text
    assert "@techreport{unodc2020global," in run_cli("list", "--format", "BIB", "--keys", "unodc2020global").output


def test_every_format_module_is_a_format_and_renders_what_it_declares(tmp_path):
    import litcheck.listing.render as render_package
    from litcheck.listing.render import names

    modules = {m.name for m in pkgutil.iter_modules(render_package.__path__)}
    helpers = modules - {m.__name__.rpartition(".")[2] for m in formats().values()}
    assert helpers == {"common", "document", "summaries"}  # modules other formats share
    assert set(names("DOCUMENT")) <= set(names("STYLED"))
    assert "md" in names("DOCUMENT") and "bib" not in names("STYLED")


def test_new_entry_states_and_kinds_come_from_the_vocabulary(run_cli, write_bib):
    from litcheck.library.vocabulary import load_vocabulary

    bib = write_bib(GOOD_ENTRY)
    new = "@misc{, title = {Online Recruitment of Minors}, year = {2021}}"
    refused = run_cli("add", new, "--bib", str(bib), "--status", "checked")
    assert refused.exit_code == 2 and ", ".join(load_vocabulary().states) in refused.output
    added = run_cli("add", new, "--bib", str(bib), "--status", "UNCONFIRMED", "--kind", "Web-Article", "--dry-run")
    assert added.exit_code == 0 and "verification = {unconfirmed}" in " ".join(added.output.split())


def test_a_rule_declares_its_priority_and_place_in_its_registration(monkeypatch):
    """A rule's worklist priority and its place in `litcheck rules` come from its `@rule` alone:
    one registered here is listed where its `order` puts it (one without comes last), and its
    flags stand at its priority (by default 3 for a warning, 6 for info; an error always 1)."""
    from pathlib import Path

    import litcheck.scan.rules as rules
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner
    from litcheck.scan.report import render

    rules.all_rules()  # the real rules registered first, then kept apart from the ones added here
    monkeypatch.setattr(rules, "_RULES", dict(rules._RULES))

    def flags_a_sentence(rule_id):  # test-vague flags the first sentence, the others the second
        return lambda ctx: [ctx.flag(rule_id, ctx.doc.sentences[rule_id != "test-vague"], f"{rule_id} fired")]

    rules.rule("test-vague", "warning", "a test rule", fires="a", passes="b", priority=5, order=15)(
        flags_a_sentence("test-vague"))
    rules.rule("test-plain", "warning", "a test rule", fires="a", passes="b")(flags_a_sentence("test-plain"))
    rules.rule("test-context", "info", "a test rule", fires="a", passes="b")(flags_a_sentence("test-context"))
    with pytest.raises(AssertionError):  # an error is always first on the worklist
        rules.rule("test-error", "error", "a test rule", fires="a", passes="b", priority=2)

    ids = list(rules.all_rules())
    assert ids.index("uncited-statistic") < ids.index("test-vague") < ids.index("vague-attribution")
    assert ids[-2:] == ["test-plain", "test-context"]

    data = Path(__file__).parent / "data" / "scan"
    library = load_library([data / "lib.bib"], data / "notes", use_cache=False)
    chosen = rules.select_rules(["test-vague,test-plain,test-context"])
    result = Scanner(library, rules=chosen).scan_text("Reports say the number rose. It fell later.\n")
    assert {f.rule: f.as_dict()["priority"] for f in result.flags} == {"test-vague": 5, "test-plain": 3, "test-context": 6}
    text = render([result], "text")
    assert "[5] vague attributions (1)" in text and "[3] sources to verify (1)" in text
