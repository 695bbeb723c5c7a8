"""Look a work up by DOI, ISBN or title in Crossref, OpenAlex, Open Library.

`litcheck lookup DOI|ISBN|TITLE WORDS`: candidates from Crossref, OpenAlex, Open Library."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, online_option


@click.command("lookup")
@online_option
@click.argument("query", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "bibtex", "json"], case_sensitive=False),
              default="text", show_default=True)
@click.option("--limit", type=click.IntRange(min=1, max=20), default=5, show_default=True,
              help="Candidates shown for a title search.")
def command(fetcher, query, fmt, limit):
    """Look a work up by DOI, ISBN or title words, with a match score (1 = exact identifier).

    Offline by default: answers come from the local cache of earlier look-ups; --online (or
    LITCHECK_ONLINE=1) asks the registries. LITCHECK_MAILTO=you@example.org joins their
    polite pools. Exit status 1 when nothing is found, 2 when offline and not cached.

    \b
    Examples:
      litcheck lookup 10.1371/journal.pone.0033693 --online
      litcheck lookup 978-0-9802004-4-7 --online --format bibtex
      litcheck lookup "ecological forecasting uncertainty" --online --format json
    """
    from litcheck.online.records import record_draft
    from litcheck.online.resolvers import lookup

    text = " ".join(query)
    candidates = lookup(fetcher(), text, limit)
    if fmt == "json":
        from litcheck.cli.jsonout import dump_json

        emit(dump_json({"query": text, "candidates": [dict(c.record.as_dict(), score=c.score) for c in candidates]}))
    elif fmt == "bibtex":
        from litcheck.editing.bibwrite import format_draft
        from litcheck.library.keys import generate_key

        out = []
        for candidate in candidates:
            draft = record_draft(candidate.record)
            out.append(f"% {candidate.record.source}, score {candidate.score:.2f}\n"
                       + format_draft(draft, generate_key(draft.fields, set())) + "\n")
        emit("\n".join(out))
    else:
        emit("".join(_line(c) for c in candidates) or f"nothing found for {text!r}\n")
    if not candidates:
        raise SystemExit(1)


def _line(candidate) -> str:
    r = candidate.record
    who = "; ".join(r.families[:3]) + (" et al." if len(r.families) > 3 else "")
    where = ", ".join(filter(None, [r.venue, r.volume and f"vol. {r.volume}", r.pages and f"pp. {r.pages}"]))
    ident = f"doi:{r.doi}" if r.doi else (f"isbn:{r.isbn[0]}" if r.isbn else "")
    notice = "  [RETRACTED]" if r.retracted else ("  [" + ", ".join(u.kind for u in r.updates) + "]" if r.updates else "")
    return f"{candidate.score:.2f}  {r.source:<11} {who} ({r.year or 'n.d.'}). {r.title}. {where} {ident}{notice}\n".replace(" . ", " ")
