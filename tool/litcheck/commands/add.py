"""Add entries from BibTeX text, refusing duplicates.

`litcheck add`: add entries from BibTeX text, refusing duplicate keys and works."""

from __future__ import annotations

import sys

import click

from litcheck.cli.options import emit, fail, new_entry_options, online_option, write_options


@click.command("add")
@write_options
@new_entry_options
@online_option
@click.argument("text", required=False)
@click.option("--file", "source", type=click.File("rb"), help="Read the BibTeX from a file ('-': stdin).")
@click.option("--doi", help="Add the work with this DOI, as Crossref (or OpenAlex) records it.")
@click.option("--isbn", help="Add the book with this ISBN, as Open Library records it.")
def command(session, house_fields, target, force, fetcher, text, source, doi, isbn):
    """Add the entries in TEXT (BibTeX; '-' or nothing: stdin) to the library.

    An entry without a key (`@book{, title = ...}`) gets one from the key pattern
    <author-or-body><year><first-title-word>, e.g. unodc2020global. A key that is already
    used is refused (exit 1). A work that is already in the library under another key (same
    DOI or ISBN, or a title 92%+ alike with the same year and a shared author) is refused
    with the existing entry shown; --force adds it anyway. Nothing is written unless every
    entry can be added.

    \b
    Examples:
      litcheck add '@book{, author = {Bales, Kevin and Soodalter, Ron}, title = {The Slave Next Door}, publisher = {University of California Press}, year = {2009}}' --to refs/academic.bib
      litcheck add --file docs/examples/new-works.bib --to refs/academic.bib --topic sex-trafficking --kind book --dry-run
      cat docs/examples/new-works.bib | litcheck add --to refs/academic.bib --dry-run
      litcheck add --doi 10.1371/journal.pone.0033693 --online --to refs/academic.bib --dry-run
    """
    from litcheck.editing.intake import add_entries, decode_input

    if sum(x is not None for x in (text, source, doi, isbn)) > 1:
        fail("give one of BibTeX TEXT, --file, --doi or --isbn")
    origin = "<argument>"
    if doi or isbn:
        from litcheck.online.resolvers import registry_bibtex

        text, origin = registry_bibtex(fetcher(), doi=doi, isbn=isbn)
    elif source is None and text in (None, "-"):
        if text is None and sys.stdin.isatty():
            fail("give BibTeX TEXT, --file FILE, or pipe it in")
        source = sys.stdin.buffer
    if source is not None:
        name = getattr(source, "name", None)
        origin = name if isinstance(name, str) and name not in ("-", "<stdin>") else "<stdin>"
        text = decode_input(source.read(), origin)
    with session(new_file=target) as edit:
        doc = edit.target_document(target)
        outcomes = add_entries(edit, doc, text, origin, house_fields, force)
        diff = edit.finish()
    if diff is not None:
        emit(diff)
        return
    emit("".join(f"added {o.key} to {doc.path}:{line}" + (f" ({o.renamed}; key generated)" if o.renamed else "")
                 + "\n" for o, line in zip(outcomes, doc.appended_lines())))
