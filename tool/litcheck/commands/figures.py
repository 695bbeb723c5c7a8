"""The key figures the notes record (value, measure, period, locator).

`litcheck figures`: the key figures the library's notes record, as a fact-checker's reference."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, fail, library_options


@click.command("figures")
@library_options
@click.option("--topic", metavar="TOPIC", help="Only figures of works on this topic.")
@click.option("--key", metavar="KEY", help="Only the figures of this work.")
@click.option("--text", metavar="WORDS", help="Only figures whose measure, unit, scope, period, key or work "
              "title contain every one of these words.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"], case_sensitive=False), default="table",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the list here instead of stdout.")
def command(library, topic, key, text, fmt, output):
    """List the key figures recorded in the notes' `figures:` front matter: value, unit, what is
    measured, scope, period and the pinpoint locator in the work.

    \b
    Examples:
      litcheck figures --text "CyberTipline reports"
      litcheck figures --key ilo2022global --format json
      litcheck figures --topic statistics --format csv -o figures.csv
    """
    from litcheck.library.figures import collect_figures, render_figures

    fmt = fmt.lower()
    if topic:
        from litcheck.library.vocabulary import known_topic

        topic = known_topic(topic)
    lib = library()
    if key and key not in lib.entries:
        fail(f"no entry {key!r} in the library")
    figures = collect_figures(lib, topic, key, text)
    emit(render_figures(figures, fmt), output)
    if fmt == "table" and not output:
        works = len({f.key for f in figures})
        click.echo(f"\n{len(figures)} figure{'s' if len(figures) != 1 else ''} from {works} work{'s' if works != 1 else ''}")
