"""`litcheck add`: add entries from BibTeX text, refusing duplicate keys and works."""

from __future__ import annotations

import sys

import click

from litcheck.cli.options import emit, fail, new_entry_options, write_options


@click.command("add")
@write_options
@new_entry_options
@click.argument("text", required=False)
@click.option("--file", "source", type=click.File("rb"), help="Read the BibTeX from a file ('-': stdin).")
def command(session, house_fields, target, force, text, source):
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
    """
    from litcheck.editing.adding import bibtex_drafts, describe, entry_text, plan
    from litcheck.library.bibfile import decode_bytes

    if text is not None and source is not None:
        fail("give BibTeX TEXT or --file, not both")
    if source is None and text in (None, "-"):
        if text is None and sys.stdin.isatty():
            fail("give BibTeX TEXT, --file FILE, or pipe it in")
        source = sys.stdin.buffer
    origin = "<argument>"
    if source is not None:
        name = getattr(source, "name", None)
        origin = name if isinstance(name, str) and name not in ("-", "<stdin>") else "<stdin>"
        text, bad = decode_bytes(source.read(), origin)
        if bad:
            fail(f"{bad[0].location()}: {bad[0].message}")
    with session(new_file=target) as edit:
        doc = edit.target_document(target)
        drafts, problems = bibtex_drafts(text, origin, edit.library_macros())
        if problems:
            fail("cannot add; fix the input first:\n  " + "\n  ".join(problems))
        if not drafts:
            fail(f"no BibTeX entry found in {origin}")
        for draft in drafts:
            draft.fields.update(house_fields)
        outcomes = plan(drafts, edit.library, rename_taken=False, force=force)
        refused = [o for o in outcomes if not o.added]
        if refused:
            fail("nothing added:\n  " + "\n  ".join(describe(o, edit.library) for o in refused), code=1)
        for outcome in outcomes:
            doc.append_entry(entry_text(outcome))
        if edit.dry_run:
            emit(edit.diff())
            return
        edit.commit()
    emit("".join(f"added {o.key} to {doc.path}:{line}" + (f" ({o.renamed}; key generated)" if o.renamed else "")
                 + "\n" for o, line in zip(outcomes, doc.appended_lines())))

