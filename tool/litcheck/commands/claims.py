"""The verification worklist from the notes' claims registers.

`litcheck claims`: the verification worklist from the notes' claims registers (the articles under
review, and the works that document claims circulating in the field)."""

from __future__ import annotations

import click

from litcheck.library.claims import STATUSES
from litcheck.cli.options import emit, fail, library_options


@click.command("claims")
@library_options
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES, case_sensitive=False),
              help="Only claims with this status (repeatable).")
@click.option("--article", metavar="KEY", help="Only the register of this note (an article's, or a work's).")
@click.option("--topic", metavar="TOPIC", help="Only claims on this topic (the claim's own topics, "
              "else those of the works it cites, else the article's).")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "csv", "json"]), default="table",
              show_default=True)
@click.option("--output", type=click.Path(dir_okay=False), help="Write the worklist here instead of stdout.")
def command(library, statuses, article, topic, fmt, output):
    """List the claims registered in the notes' `claims:` registers, with status and evidence.

    Each row gives the key of the note holding the register, claim id, where the claim stands
    in that work, the claim, what it cites or is attributed to, its status and the evidence.
    The registers are in the notes of the articles under review and of works that document a
    claim circulating in the field (a fact-check, an audit, a critique).

    \b
    Examples:
      litcheck claims --status false --status misleading
      litcheck claims --article saxenandfrom --format md
      litcheck claims --topic dark-web --format csv --output worklist.csv
    """
    from litcheck.library.claims import collect_claims, render_claims, status_counts

    if topic:
        from litcheck.library.vocabulary import known_topic

        topic = known_topic(topic)
    lib = library()
    if article and article not in lib.notes:
        fail(f"no note for article {article!r}" + ("" if article in lib.entries else " (and no such entry)"))
    claims = collect_claims(lib, statuses or None, article, topic)
    text = render_claims(claims, fmt)
    from litcheck.cli.terminal import quiet

    if fmt == "table" and not quiet():
        counts = status_counts(claims)
        articles = len({c.article for c in claims})
        summary = ", ".join(f"{n} {s}" for s, n in counts.items()) or "none"
        text += (f"\n{len(claims)} claim{'s' if len(claims) != 1 else ''} in {articles} register"
                 f"{'s' if articles != 1 else ''}: {summary}\n")
    emit(text, output)
