"""`litcheck import FILE`: merge another tool's export into one library file."""

from __future__ import annotations

from pathlib import Path

import click

from litcheck.cli.options import emit, fail, new_entry_options, write_options


@click.command("import")
@write_options
@new_entry_options
@click.argument("export", type=click.Path(exists=True, dir_okay=False))
def command(session, house_fields, target, force, export):
    """Merge EXPORT (BibTeX .bib, RIS .ris or CSL-JSON .json, e.g. from Zotero) into --to.

    New works are added. A work already in the library -- same DOI or ISBN, or a title
    92%+ alike with the same year and a shared author -- is reported with the evidence and
    left out, never merged; so is a work that appears twice in EXPORT. An imported key is
    kept when it is safe and free, otherwise one is generated from the key pattern. Text
    from RIS and CSL-JSON is escaped for LaTeX. A record that cannot be used (no title, a
    BibTeX block that does not parse) is named with its line or record number and left out.

    \b
    Examples:
      litcheck import zotero-export.json --to refs/academic.bib --dry-run
      litcheck import endnote.ris --to refs/ngo.bib --kind ngo-report --status unconfirmed
      litcheck import colleague.bib --to refs/academic.bib --force
    """
    from litcheck.editing.adding import bibtex_drafts, describe, entry_text, plan
    from litcheck.library.bibfile import decode_bytes
    from litcheck.editing.readers import read_export

    path = Path(export)
    with session(new_file=target) as edit:
        doc = edit.target_document(target)
        if path.suffix.lower() == ".bib":
            text, bad = decode_bytes(path.read_bytes(), str(path))
            if bad:
                fail(f"{bad[0].location()}: {bad[0].message}")
            drafts, problems = bibtex_drafts(text, str(path), edit.library_macros())
        else:
            try:
                drafts, problems = read_export(path)
            except ValueError as exc:
                fail(str(exc))
        if not drafts:
            fail(f"nothing to import from {path}" + ("".join(f"\n  {p}" for p in problems)))
        for draft in drafts:
            draft.fields.update(house_fields)
        outcomes = plan(drafts, edit.library, rename_taken=True, force=force)
        report = [describe(o, edit.library) for o in outcomes] + [f"left out: {p}" for p in problems]
        new = [o for o in outcomes if o.added]
        for outcome in new:
            doc.append_entry(entry_text(outcome))
        skipped = len(outcomes) - len(new)
        summary = (f"{len(new)} new, {skipped} duplicate(s) and {len(problems)} unusable record(s) left out, "
                   f"from {path}")
        if edit.dry_run:
            emit("\n".join(report) + f"\n{summary}; nothing written (--dry-run)\n" + edit.diff())
            return
        if new:
            edit.commit()
    emit("\n".join(report) + f"\n{summary}" + (f"; added to {doc.path}\n" if new else "\n"))
