"""Merge a BibTeX, RIS or CSL-JSON export into the library.

`litcheck import FILE`: merge another tool's export into one library file."""

from __future__ import annotations

from pathlib import Path

import click

from litcheck.cli.options import emit, new_entry_options, write_options


@click.command("import")
@write_options
@new_entry_options
@click.argument("export", type=click.Path(exists=True, dir_okay=False))
@click.option("--update", is_flag=True,
              help="Write the export's changed fields into the works already in the library (shown as a diff).")
@click.option("--verbose", "-v", is_flag=True, help="One line per record: new, duplicate (with evidence), updated.")
def command(session, house_fields, target, force, export, update, verbose):
    """Merge EXPORT (BibTeX .bib, RIS .ris or CSL-JSON .json, e.g. from Zotero) into --to.

    New works are added. A work already in the library -- same DOI or ISBN, or a title
    92%+ alike with the same year and a shared author -- is left out, never merged; so is a
    work that appears twice in EXPORT. A chapter or paper that shares its book's DOI or
    ISBN but has another title or other pages is a work of its own. With --update, a work
    already in the library (same key, DOI or fuzzy identity) gets the export's changed and
    new fields, each edited in place (fields the export lacks, and the library's own
    keywords, sourcekind and verification, are kept); the diff is shown. An imported key is
    kept when it is safe and free, otherwise one is generated from the key pattern. Text
    from RIS and CSL-JSON is escaped for LaTeX. A record that cannot be used (no title, a
    BibTeX block that does not parse) is named with its line or record number and left out.

    A summary comes first; --verbose lists every record.

    \b
    Examples:
      litcheck import tests/data/import/library.ris --bib refs/academic.bib --dry-run
      litcheck import tests/data/import/library.json --bib refs/ngo.bib --kind ngo-report --status unconfirmed --dry-run
      litcheck import tests/data/import/library.ris --bib refs/academic.bib --update --verbose --dry-run
    """
    from litcheck.cli.terminal import progress
    from litcheck.editing.adding import import_report, plan_import
    from litcheck.editing.intake import export_drafts

    path = Path(export)
    with session(new_file=target) as edit:
        doc = edit.target_document(target)
        drafts, problems = export_drafts(path, edit.library_macros())
        result = plan_import(edit, doc, drafts, house_fields, force=force, update=update,
                             progress=lambda items: progress(items, "import", len(drafts)))
        report = import_report(result, problems, edit.library, str(path), verbose)
        diff = edit.finish()
    if diff is not None:
        emit(report + "nothing written (--dry-run); the change would be:\n" + diff)
        return
    where = f"written to {', '.join(sorted(result.files))}\n" if result.files else "nothing written\n"
    emit(report + result.update_diff + where)
