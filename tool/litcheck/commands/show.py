"""Show one entry with its note, what cites it and related works.

`litcheck show KEY`: one entry with its note, what cites it and what it links to."""

from __future__ import annotations

import click

from litcheck.cli.jsonout import dump_json
from litcheck.cli.options import emit, fail, library_options


@click.command("show")
@library_options
@click.argument("key")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "bib"]), default="text", show_default=True,
              help="text for reading, json for all of it as data, bib for the entry as written in its file.")
def command(library, key, fmt):
    """Show one entry: its record, its note, what cites it and related works.

    "Cited by" lists the notes (of works and of the articles under review) that link to KEY;
    "Related" lists the works KEY's own note links to. An unknown key exits with status 2
    and suggests the closest keys.

    \b
    Examples:
      litcheck show unodc2020global
      litcheck show unodc2020global --format json
      litcheck show unodc2020global --format bib -o unodc2020global.bib
    """
    from litcheck.listing.details import entry_details, render_details, resolve_key, suggest_keys

    lib = library()
    found = resolve_key(lib, key)
    if found is None:
        close = suggest_keys(lib, key)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        fail(f"no entry or note with key {key!r}{hint}")
    if fmt == "bib":
        entry = lib.get(found)
        if entry is None:
            fail(f"{found!r} has a note but no entry in the library")
        emit(entry.raw.rstrip() + "\n")
        return
    data = entry_details(lib, found)
    emit(dump_json(data) if fmt == "json" else render_details(data))
