"""Select entries and render a reading list or export.

`litcheck list`: select, order, group and render a reading list or an export."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, fail, library_options
from litcheck.cli.terminal import notice
from litcheck.listing.render import early_refusal, formats, names
from litcheck.listing.select import GROUPS, SORTS
from litcheck.listing.styles import STYLES

STYLE_CHOICES = [*STYLES, "none"]


@click.command("list")
@library_options
@click.option("--topic", "topics", multiple=True, metavar="TOPIC",
              help="Works on this topic (repeatable or comma-separated; any of them matches).")
@click.option("--org", "orgs", multiple=True, metavar="ORG",
              help="Works by or published by this organisation (full or short name, e.g. UNODC).")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Source kind, e.g. official-report, law, treaty, peer-reviewed (repeatable).")
@click.option("--since", type=int, metavar="YEAR", help="Works from this year on.")
@click.option("--until", type=int, metavar="YEAR", help="Works up to this year.")
@click.option("--verified", "states", multiple=True, metavar="STATE",
              help="Verification state: confirmed, partly or unconfirmed (repeatable).")
@click.option("--text", metavar="QUERY", help="Full-text search over entries and notes.")
@click.option("--keys", "keys", multiple=True, metavar="KEY[,KEY...]", help="Exactly these entries, in this order.")
@click.option("--sort", type=click.Choice(SORTS, case_sensitive=False),
              help="Order within each group (year: newest first; oldest: oldest first). "
                   "Default: relevance with --text, the given order with --keys, else author.")
@click.option("--group-by", "group_by", type=click.Choice(GROUPS, case_sensitive=False),
              help="Sections by topic, organisation, source kind or year. "
                   f"Default: topic for {'/'.join(names('DOCUMENT'))}, none otherwise.")
@click.option("--format", "fmt", type=click.Choice(list(formats()), case_sensitive=False), default="md", show_default=True)
@click.option("--style", type=click.Choice(STYLE_CHOICES, case_sensitive=False), default=None,
              help=f"Citation style for {'/'.join(names('STYLED'))} (default: the saved list's style, else apa; "
                   "'none' skips the CSL engine).")
@click.option("--csl", "csl_file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Any CSL 1.0 style file (e.g. from the Zotero style repository) instead of --style.")
@click.option("--from", "from_name", metavar="NAME", help="Render a saved reading list (notes/lists/NAME.yaml).")
@click.option("--saved", is_flag=True, help="Show the saved reading lists and exit.")
@click.option("--include-unconfirmed", is_flag=True,
              help="Also list works whose verification is unconfirmed (left out by default), marked [unverified].")
@click.option("--annotate", is_flag=True,
              help="bib/biblatex/csl-json/ris: add each note's summary (biblatex annotation, CSL annote).")
@click.option("--keywords", is_flag=True, help="bib/biblatex/csl-json/ris: add the topics as keywords.")
@click.option("--title", help="Title for the list (md/html).")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here (atomically) instead of stdout.")
def command(library, topics, orgs, kinds, since, until, states, text, keys, sort, group_by, fmt, style,
            csl_file, from_name, saved, include_unconfirmed, annotate, keywords, title, output):
    """Select entries and render a reading list or an export.

    Filters combine (all must hold); a repeated filter matches any of its values. With no
    options at all, the whole library is printed as an annotated reading list grouped by topic.
    Works whose verification is unconfirmed are left out unless --include-unconfirmed.

    \b
    Examples:
      litcheck list
      litcheck list --topic grooming --topic recruitment --style apa --format md
      litcheck list --topic legislation --format bib -o legislation.bib
      litcheck list --org UNODC --kind official-report --since 2018 --sort year --format csv
      litcheck list --from intro-course --format html -o course.html
      litcheck list --topic grooming --format biblatex --annotate -o grooming.bib
      litcheck list --from intro-course --csl tool/litcheck/data/styles/harvard-cite-them-right.csl --format docx -o course.docx
    """
    from litcheck.listing.reading_lists import ListError, build_listing, lists_dir, load_saved_list, read_list_file, saved_lists
    from litcheck.listing.select import Filters, split_values
    from litcheck.listing.styles import EngineError, resolve_style

    lib = library()
    if saved:
        folder = lists_dir(lib)
        lines = []
        for path in saved_lists(folder):
            try:
                lines.append(f"{path.stem}\t{read_list_file(path).get('title', '')}")
            except ListError as exc:
                lines.append(f"{path.stem}\t(unreadable: {exc})")
        emit("\n".join(lines) + "\n" if lines else f"no saved reading lists in {folder}\n", output)
        return
    if csl_file and style:
        fail("give either --style or --csl, not both")
    filters = Filters(topics=split_values(topics), orgs=list(orgs), kinds=split_values(kinds),
                      states=split_values(states), since=since, until=until, text=text, keys=split_values(keys))
    keep_unconfirmed = include_unconfirmed or "unconfirmed" in {s.lower() for s in filters.states}
    if from_name:
        reading = load_saved_list(lib, from_name, narrow=filters)
        if title:
            reading.title = title
    else:
        if group_by is None:
            flat = fmt not in names("DOCUMENT") or sort is not None or filters.keys or filters.text
            group_by = "none" if flat else "topic"
        named = csl_file or style or "apa"
        vet = early_refusal(fmt, None if named.lower() == "none" else resolve_style(named), keep_unconfirmed)
        try:
            reading = build_listing(lib, filters, sort, group_by, title or "", vet)
        except EngineError as exc:
            fail(f"{exc} (or use --style none)")
    chosen = csl_file or style or (reading.style if from_name and reading.style else "apa")
    resolved = None if str(chosen).lower() == "none" else resolve_style(str(chosen))
    if not keep_unconfirmed:
        left_out = reading.drop_unconfirmed()
        if left_out:
            notice(f"litcheck: left out {left_out} unconfirmed work{'s' if left_out != 1 else ''} "
                   "(not found as cited); --include-unconfirmed lists them, marked [unverified]")
    if not reading.entries():
        click.echo("litcheck: no entries match", err=True)
    from litcheck.listing.render import stream

    try:  # the data formats are written entry by entry; the engine runs before the first piece
        emit(stream(reading, lib, fmt, resolved, annotate, keywords), output)
    except EngineError as exc:
        fail(f"{exc} (or use --style none)")
    from litcheck.listing.display import save

    save()  # the display values computed for this listing, for the next one
