"""Summarise the library: counts by kind, state, topic, body.

`litcheck stats`: a first look at what the library holds."""

from __future__ import annotations

import click

from litcheck.cli.jsonout import dump_json
from litcheck.cli.options import emit, library_options


@click.command("stats")
@library_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(library, fmt):
    """Summarise the library: entries per file, kind, verification state, topic, body, decade.

    \b
    Examples:
      litcheck stats
      litcheck stats --bib refs/un.bib --format json
    """
    from litcheck.listing.stats import library_stats, render_stats

    data = library_stats(library())
    emit(dump_json(data) if fmt == "json" else render_stats(data))
