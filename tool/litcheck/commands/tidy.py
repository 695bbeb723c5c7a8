"""Normalise the layout of entries (--check for CI, --diff).

`litcheck tidy`: put every entry in the house layout (report-only with --check)."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, write_options


@click.command("tidy")
@write_options
@click.option("--check", "check_only", is_flag=True,
              help="Write nothing; list the untidy entries and exit 1 if there are any (for CI).")
@click.option("--diff", "show_diff", is_flag=True, help="Print the changes as a unified diff (--dry-run always does).")
@click.option("--rename-keys", is_flag=True,
              help="Also give keys off the pattern <author-or-body><year><word> a generated key "
                   "(not keys a note is filed under or links to); prints old -> new.")
@click.option("--notes", "notes", type=click.Path(),
              help="Notes folder whose keys --rename-keys must not rename. Default: bundled notes/.")
def command(session, check_only, show_diff, rename_keys, notes):
    """Normalise the layout of every entry, without changing what it says.

    Lower-case types and field names; fields in house order (author, title, venue, ...,
    year, identifiers, keywords, sourcekind, verification, notes); two-space indentation
    with aligned `=`; {braces} instead of "quotes" and bare numbers; bare month macros;
    organisations spelled as the vocabulary spells them. Macro references and # joins are
    kept as written. Comments, @string and @preamble blocks and the text between entries
    are never touched, and an entry litcheck cannot lay out exactly is left alone and named.
    Keys are renamed only with --rename-keys, since documents cite them: the old -> new
    list is printed so citing documents can be updated.

    \b
    Examples:
      litcheck tidy --check            # in CI: exit 1 if anything is untidy
      litcheck tidy --dry-run          # see what would change, as a diff
      litcheck tidy --bib refs/law.bib
      litcheck tidy --bib refs/law.bib --rename-keys --dry-run
    """
    from litcheck.editing.tidy import note_keys, tidy_documents

    with session() as edit:
        protected = note_keys(notes, edit.documents) if rename_keys else frozenset()
        result = tidy_documents(edit.documents, rename_keys, protected)
        if result.kept:
            click.echo(f"litcheck: not renamed (notes use them): {', '.join(result.kept)}", err=True)
        for file, key in result.skipped:
            click.echo(f"litcheck: left as it is (not plain BibTeX): {file}: {key}", err=True)
        out = [f"rename {old} -> {new}\n" for old, new in result.renamed.items()]
        if show_diff and not edit.dry_run:  # --dry-run prints the diff anyway
            out.append(edit.diff())
        if check_only:  # a report, like `check`: nothing written, exit 1 if anything is untidy
            out += [f"{file}: {key}: not tidy\n" for file, key in result.changed]
            out.append(f"{_entries(result.changed)} to tidy\n" if result.changed else "tidy: nothing to change\n")
            emit("".join(out))
            if result.changed:
                raise SystemExit(1)
            return
        diff = edit.finish()  # the ending every writing command shares: the diff with --dry-run, else commit
    if diff is not None:
        out.append(diff or "tidy: nothing to change\n")
    elif result.changed:
        out.append(f"tidied {_entries(result.changed)} in {', '.join(sorted({file for file, _ in result.changed}))}\n")
    else:
        out.append("tidy: nothing to change\n")
    emit("".join(out))


def _entries(changed) -> str:
    return f"{len(changed)} entr{'y' if len(changed) == 1 else 'ies'}"
