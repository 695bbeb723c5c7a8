"""Create note skeletons for entries.

`litcheck note new`: note skeletons for entries that have none."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, fail, library_options


@click.group("note")
def command():
    """Create and manage notes (notes/<key>.md).

    \b
    Examples:
      litcheck note new unodc2020global --notes my-notes   # a note folder of your own
      litcheck note new --all-missing
    """


@command.command("new")
@library_options
@click.argument("keys", nargs=-1, metavar="KEY...")
@click.option("--all-missing", is_flag=True, help="Create a skeleton for every entry that has no note.")
def new(library, keys, all_missing):
    """Write a note skeleton notes/<KEY>.md prefilled from the entry.

    The front matter gets the key, the entry's topics, source kind and verification state,
    and the title in a comment; the body gets the standard sections with guidance in
    comments. An existing note is never overwritten (exit 1). A key that is not in the
    library, or that is not a safe file name, is refused (exit 2).

    \b
    Examples:
      litcheck note new unodc2020global --notes my-notes   # a note folder of your own
      litcheck note new --all-missing --notes notes/
    """
    from litcheck.listing.details import suggest_keys
    from litcheck.editing.skeleton import NoteExists, UnsafeKey, create_note, missing_note_keys, note_path

    if not keys and not all_missing:
        fail("give one or more KEYs, or --all-missing")
    lib = library()
    if lib.notes_dir is None:
        fail("there is no notes folder; pass --notes DIR (it is created if needed)")
    targets = list(dict.fromkeys([*keys, *(missing_note_keys(lib) if all_missing else [])]))
    for key in keys:  # refuse everything before writing anything
        try:
            note_path(lib.notes_dir, key)
        except UnsafeKey as exc:
            fail(str(exc))
        if lib.get(key) is None:
            close = suggest_keys(lib, key)
            fail(f"{key!r} is not a key in the library" + (f"; did you mean {', '.join(close)}?" if close else ""))
    written, existing = [], []
    for key in targets:
        try:
            written.append(create_note(lib, key))
        except NoteExists:
            existing.append(key)
        except UnsafeKey as exc:  # an unsafe key from --all-missing: skip it, say so
            click.echo(f"litcheck: skipped: {exc}", err=True)
    emit("".join(f"wrote {path}\n" for path in written) or "no note written\n")
    refused = [k for k in existing if k in keys]
    if refused:
        fail(f"not overwriting existing note(s): {', '.join(refused)}", code=1)
