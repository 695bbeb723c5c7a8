"""Check the library (and notes) for integrity problems.

`litcheck check`: integrity problems of the library and notes."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, id_list_option, library_options, severity_choice


def _check_ids():
    from litcheck.checks import all_checks

    return all_checks()


@click.command("check")
@library_options
@click.option("--format", "fmt", type=click.Choice(["table", "lines", "json"]), default="table", show_default=True,
              help="table for people, lines (file:line: id: message) for editors and CI, json for tools.")
@id_list_option("--select", known=_check_ids, what="check", listed_by="litcheck check --list-checks",
                help="Run only these checks (comma-separated or repeated).")
@id_list_option("--ignore", known=_check_ids, what="check", listed_by="litcheck check --list-checks",
                help="Skip these checks (comma-separated or repeated).")
@click.option("--fail-on", type=severity_choice(), default="warning", show_default=True,
              help="Exit 1 when a problem at or above this severity is found.")
@click.option("--level", type=severity_choice(), default="warning", show_default=True,
              help="Report problems at or above this severity; below it only a count is given "
                   "(info = notices such as a key figure marked '(no locator)').")
@click.option("--max-findings", type=click.IntRange(min=0), default=20, show_default=True, metavar="N",
              help="List at most N findings of each check, with a count of the rest (0: all). "
                   "Counts are always complete, in every format.")
@click.option("--list-checks", is_flag=True,
              help="Describe the checks (all, or those given by --select): what each finds, why it matters, "
                   "an example library where it fires and one where it does not (--format json keeps them as data).")
@click.option("--output", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
def command(library, fmt, select, ignore, fail_on, level, max_findings, list_checks, output):
    """Check the library and notes for integrity problems.

    A count per check comes first, then at most --max-findings findings of each check
    (json too: its `summary` has every count, `not_listed` what the limit left out).
    Each problem has a stable id, a severity, the entry key, the file and line. Silence one
    finding for one entry with a `nocheck = {near-duplicate:otherkey}` field in that entry.
    Exit status: 0 clean, 1 problems found, 2 usage error or unreadable input.

    \b
    Examples:
      litcheck check
      litcheck check --bib refs/law.bib --format lines
      litcheck check --select near-duplicate,doi-url --format json
      litcheck check --list-checks --select bad-isbn
    """
    from litcheck.checks import check_report, describe_checks
    from litcheck.library.findings import format_report, severity_rank

    if list_checks:
        emit(describe_checks({"table": "text", "lines": "md"}.get(fmt, fmt), select), output)
        return
    lib = library()
    from litcheck.cli.terminal import progress

    report = check_report(lib, select or None, ignore, level, max_findings,
                          progress=lambda checks: progress(checks, "check", len(checks)))
    emit(format_report(report, fmt, len(lib), len(lib.notes)), output)
    if report.worst() >= severity_rank(fail_on):
        raise SystemExit(1)
