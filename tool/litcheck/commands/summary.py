"""One screen: library health, a reading list, the claims to check.

`litcheck summary`: one screen on the library's health, a reading list and the claims."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, library_options


@click.command("summary")
@library_options
@click.option("--from", "list_name", default="intro-course", show_default=True, metavar="NAME",
              help="The saved reading list to start ('' for none).")
@click.option("--style", type=click.Choice(["apa", "chicago", "harvard", "oscola", "none"]), default="apa",
              show_default=True, help="Citation style of the references shown ('none': no CSL engine).")
@click.option("--first", type=click.IntRange(min=0, max=50), default=3, show_default=True, metavar="N",
              help="How many references of the list to show.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(library, list_name, style, first, fmt):
    """One screen: library health, the first works of a reading list, and how many claims
    the articles' registers judge false or misleading, each with the command that shows all.

    The counts come from `check`, `list` and `claims` themselves, so they agree with them.
    Exit status: 0 when `check` finds no errors or warnings, 1 otherwise.

    \b
    Examples:
      litcheck summary
      litcheck summary --from law-and-policy --style oscola --first 5
      litcheck summary --format json
    """
    from litcheck.cli.jsonout import dump_json
    from litcheck.cli.terminal import width
    from litcheck.listing.overview import build_overview, render_overview

    chosen = None if style == "none" else style
    view = build_overview(library(), list_name, chosen, first)
    emit(dump_json(view.as_dict()) if fmt == "json" else render_overview(view, min(width(), 100), chosen))
    if view.counts.get("error") or view.counts.get("warning"):
        raise SystemExit(1)
