"""Ranked full-text search over entries and notes.

`litcheck search TEXT`: ranked full-text search over entries and notes."""

from __future__ import annotations

import click

from litcheck.cli.jsonout import dump_json
from litcheck.cli.options import emit, library_options


@click.command("search")
@library_options
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Show at most this many keys.")
@click.option("--lines", "max_lines", type=click.IntRange(min=1), default=3, show_default=True,
              help="Matching lines shown per key.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def command(library, text, limit, max_lines, fmt):
    """Search titles, authors, venues, keywords, every other field and the notes.

    Every word must occur (at the start of a word, ignoring case and accents); put a phrase in
    double quotes. Hits are ranked: title, key and author matches weigh most, note text least.
    Each hit shows its key, score and the matching lines with file and line number.
    Exit status 1 when nothing matches.

    \b
    Examples:
      litcheck search sextortion
      litcheck search '"live streaming" grooming' --limit 5
      litcheck search europol iocta --format json
    """
    from litcheck.cli.terminal import progress
    from litcheck.listing.search import render_hits, search_page

    query = " ".join(text)
    shown, total = search_page(library(), query, limit, progress)
    if fmt == "json":
        emit(dump_json({"query": query, "total": total,
                        "hits": [dict(h.as_dict(), matches=h.as_dict()["matches"][:max_lines]) for h in shown]}))
    else:
        emit(render_hits(shown, total, max_lines))
    from litcheck.listing.display import save

    save()  # the values decoded for the shown lines, for the next search (`index.decoded`)
    if not shown:
        raise SystemExit(1)
