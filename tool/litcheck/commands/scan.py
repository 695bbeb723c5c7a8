"""`litcheck scan`: flag the sentences of an article that need checking, and say why."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, id_list_option, library_options, severity_choice


def _rule_ids():
    from litcheck.scan.rules import all_rules

    return all_rules()


@click.command("scan")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@library_options
@id_list_option("--rules", "only", known=_rule_ids, what="rule", listed_by="litcheck rules",
                help="Run only these rules (comma-separated or repeated).")
@id_list_option("--ignore", known=_rule_ids, what="rule", listed_by="litcheck rules",
                help="Skip these rules (comma-separated or repeated).")
@click.option("--fail-on", type=severity_choice(), default="error", show_default=True,
              help="Exit 1 when a flag at or above this severity is found.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "md"]), default="text", show_default=True,
              help="text for people (grouped by sentence), json for tools (stable contract), csv, md.")
@click.option("--output", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.option("--timeout", type=click.FloatRange(min=0), default=None,
              help="Seconds allowed per document (default 120; 0 = no limit). A document over it is reported "
                   "and skipped (exit 2); the others are still scanned.")
def command(files, library, only, ignore, fail_on, fmt, output, timeout):
    """Scan articles (plain text, Markdown or HTML) for claims that need verification.

    Finds footnotes (¹ ² … or [^n]), [@key], [n] and author-date citations, resolves them
    against the library, and flags uncited figures, vague attributions, dangling or mismatched
    citations, anachronisms, wrong dates, doubtful sources, superlatives and claims already
    judged in a claims register. Exit status: 0 no flag at or above --fail-on, 1 otherwise,
    2 usage error or unreadable file.

    \b
    Examples:
      litcheck scan docs/examples/article.txt
      litcheck scan docs/examples/draft.md --format json -o flags.json
      litcheck scan docs/examples/draft.md docs/examples/article.txt --rules uncited-statistic,vague-attribution --fail-on warning
      litcheck scan docs/examples/draft.md --timeout 600
    """
    from litcheck.scan.document import read_document
    from litcheck.library.findings import severity_rank
    from litcheck.scan.report import render
    from litcheck.scan.rules import select_rules
    from litcheck.scan.pipeline import DEFAULT_TIMEOUT, Deadline, Scanner, ScanTimeout

    rules = select_rules(only, ignore)
    docs = [read_document(path) for path in files]
    scanner = Scanner(library(), rules)
    budget = DEFAULT_TIMEOUT if timeout is None else timeout
    results, over = [], []
    for d in docs:
        try:
            results.append(scanner.scan_document(d, Deadline(budget, d.path)))
        except ScanTimeout as exc:
            over.append(str(exc))
    from litcheck.cli.terminal import colour_wanted

    colour = fmt == "text" and colour_wanted(to_file=bool(output))
    emit(render(results, fmt, colour), output)
    for message in over:
        click.echo(f"litcheck scan: {message}", err=True)
    if over:
        raise SystemExit(2)
    threshold = severity_rank(fail_on)
    if any(severity_rank(f.severity) >= threshold for r in results for f in r.flags):
        raise SystemExit(1)
