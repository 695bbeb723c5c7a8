"""Scan documents for claims that need verification.

`litcheck scan`: flag the sentences of articles that need checking, and say why."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, id_list_option, library_options, severity_choice
from litcheck.scan.online_check import DEFAULT_LIMIT
from litcheck.scan.pipeline import paced_collector


def _rule_ids():
    from litcheck.scan.rules import all_rules

    return all_rules()


def _format_names():
    from litcheck.scan.reports import FORMATS

    return list(FORMATS)


@click.command("scan")
@click.argument("inputs", nargs=-1, required=True)
@library_options
@id_list_option("--rules", "only", known=_rule_ids, what="rule", listed_by="litcheck rules",
                help="Run only these rules (comma-separated or repeated).")
@id_list_option("--ignore", known=_rule_ids, what="rule", listed_by="litcheck rules",
                help="Skip these rules (comma-separated or repeated).")
@click.option("--fail-on", type=severity_choice(), default="error", show_default=True,
              help="Exit 1 when a flag at or above this severity is found.")
@click.option("--format", "fmt", type=click.Choice(_format_names(), case_sensitive=False), default="text",
              show_default=True, help="text for people, json for tools (stable contract), jsonl, csv, md, "
                                      "html (one self-contained page), sarif (code review).")
@click.option("--output", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.option("--online", is_flag=True,
              help="Look up cited works the library does not hold in Crossref and OpenAlex (cached), and allow "
                   "fetching web addresses given as inputs.")
@click.option("--lookups", type=click.IntRange(min=0), default=DEFAULT_LIMIT, show_default=True, metavar="N",
              help="With --online: at most N cited works looked up per document (0: none).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Documents scanned at once (default: all cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local processes, or a Dask cluster (pip install 'litcheck[dask]').")
@click.option("--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler (default: a local cluster).")
@click.option("--timeout", type=click.FloatRange(min=0), default=None,
              help="Seconds allowed per document (default 120; 0 = no limit). A document over it is reported "
                   "and skipped (exit 2); the others are still scanned.")
@click.option("--show-suppressed", is_flag=True, help="List the flags marked reviewed or wrong (hidden by default).")
@click.option("--review", is_flag=True,
              help="Go through the flags one by one and record each as reviewed or wrong in ARTICLE.litcheck.yaml.")
@paced_collector
def command(inputs, library, only, ignore, fail_on, fmt, output, online, lookups, jobs, engine, scheduler, timeout,
            show_suppressed, review):
    """Scan articles for claims that need verification: text, Markdown, HTML, Word (.docx),
    OpenDocument (.odt), LaTeX, PDF, folders of them, and web addresses (with --online).

    Finds footnotes (¹ ² … or [^n]), [@key], [n] and author-date citations, resolves them
    against the library, and flags uncited figures, vague attributions, dangling or mismatched
    citations, anachronisms, wrong dates, doubtful sources, superlatives and claims already
    judged in a claims register. Line numbers refer to the text extracted from the document
    (the html report shows it). Exit status: 0 no flag at or above --fail-on, 1 otherwise,
    2 usage error or a document that could not be read (the others are still scanned).

    \b
    Examples:
      litcheck scan docs/examples/article.txt
      litcheck scan docs/examples/draft.md --format html --output report.html
      litcheck scan docs/examples/ --format jsonl --output flags.jsonl
      litcheck scan docs/examples/draft.md docs/examples/article.txt --rules uncited-statistic,vague-attribution --fail-on warning
      litcheck scan docs/examples/draft.md --timeout 600
      litcheck scan docs/examples/draft.md --online --lookups 20
    """
    from litcheck.cli.terminal import colour_wanted, notice, progress
    from litcheck.errors import LitcheckError
    from litcheck.library.findings import severity_rank
    from litcheck.scan import corpus, suppress
    from litcheck.scan.pipeline import DEFAULT_TIMEOUT, Scanner
    from litcheck.scan.reports import FORMATS, View, render
    from litcheck.scan.rules import select_rules
    from litcheck.settings import current

    import os

    fmt = fmt.lower()
    arguments = corpus.expand(inputs)
    if not arguments:
        raise click.UsageError("no documents of a known type in " + ", ".join(inputs))
    online = online or current().online.online
    rules = select_rules(only, ignore)
    registry = _registry(online, lookups, engine, scheduler, jobs, len(arguments))
    scanner = Scanner(library(), rules, registry=registry)
    recipe = corpus.ScannerRecipe(library, tuple(r.id for r in rules), token=os.urandom(8).hex(), registry=registry)
    view = View(show_suppressed=show_suppressed, library=scanner.library,
                colour=fmt == "text" and colour_wanted(to_file=bool(output)))
    stream = FORMATS[fmt].streams and not output
    results = []
    outcomes = corpus.run(arguments, scanner, jobs=jobs, engine=engine, scheduler=scheduler, online=online,
                          recipe=recipe, timeout=DEFAULT_TIMEOUT if timeout is None else timeout)
    for outcome in progress(outcomes, "scanning", total=len(arguments)):
        if isinstance(outcome, corpus.Failure):
            view.failures.append(outcome)
            click.echo(f"litcheck: {outcome.message}", err=True)
            continue
        try:
            view.suppressed[outcome.path] = suppress.apply(outcome, suppress.suppressions_for(outcome))
        except LitcheckError as exc:  # a damaged review file: that document is not reported
            view.failures.append(corpus.Failure(outcome.path, str(exc)))
            click.echo(f"litcheck: {exc}", err=True)
            continue
        for line in outcome.notices:
            notice(f"litcheck: {line}")
        results.append(outcome)
        if stream:
            from litcheck.scan.reports.jsonout import jsonl_line

            click.echo(jsonl_line(outcome, view), nl=False)
    if registry is not None:
        registry.close()
    if review:
        from litcheck.scan.review import review_flags

        review_flags(results)
    elif stream:
        if len(arguments) > 1:
            from litcheck.scan.reports.people import summary

            notice(summary(results, view.failures).rstrip())
    else:
        emit(render(results, fmt, view), output)
        if fmt not in ("text", "md") and len(arguments) > 1:
            from litcheck.scan.reports.people import summary

            notice(summary(results, view.failures).rstrip())
    if view.failures:
        raise SystemExit(2)
    threshold = severity_rank(fail_on)
    if any(severity_rank(f.severity) >= threshold for r in results for f in r.flags):
        raise SystemExit(1)


def _registry(online, lookups, engine, scheduler, jobs, documents):
    """The registry look-ups of `scan --online` (None when offline or --lookups 0), with a
    progress bar when they run in this process."""
    from litcheck.cli.options import fail
    from litcheck.cli.terminal import progress
    from litcheck.scan.corpus import default_jobs
    from litcheck.scan.online_check import registry_check
    from litcheck.settings import current

    if not online or lookups == 0:
        return None
    if engine == "dask" and scheduler:
        fail("scan --online cannot look cited works up on a remote Dask cluster: its workers would not share "
             "the response cache or the per-host rate limit the registries ask for. Use a local engine or a local "
             "Dask cluster (no --scheduler), or --lookups 0 to fetch web addresses only")
    workers = jobs or default_jobs()
    if engine == "local":
        workers = 1 if workers == 1 or documents < 2 else min(workers, documents)
    registry = registry_check(current().online, lookups, workers)
    if workers == 1:
        registry.progress = lambda works: progress(works, "looking up", total=len(works))
    return registry
