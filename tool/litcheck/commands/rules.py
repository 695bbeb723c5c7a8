"""Document the scanner's rules with examples.

`litcheck rules`: the scanner's rules with their severity, meaning and examples."""

from __future__ import annotations

import click

from litcheck.cli.jsonout import dump_json
from litcheck.cli.options import IdList, emit


def _rule_ids():
    from litcheck.scan.rules import all_rules

    return all_rules()


@click.command("rules")
@click.argument("ids", nargs=-1, type=IdList(_rule_ids, "rule", "litcheck rules"))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md"]), default="text", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
def command(ids, fmt, output):
    """Document the scanner's rules: id, severity, what it catches, an example that fires and one
    that does not.

    \b
    Examples:
      litcheck rules
      litcheck rules uncited-statistic
      litcheck rules --format json
    """
    from litcheck.scan.rules import all_rules, describe_rules

    rules = all_rules()
    chosen = [rules[i] for group in ids for i in group] if ids else list(rules.values())
    if fmt == "json":
        emit(dump_json([r.as_dict() for r in chosen]), output)
        return
    emit(describe_rules(chosen, fmt), output)
