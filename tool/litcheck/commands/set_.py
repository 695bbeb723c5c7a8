"""Set or remove one field of one entry.

`litcheck set KEY FIELD VALUE`: change one field of one entry, and nothing else."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, fail, write_options


@click.command("set")
@write_options
@click.argument("key")
@click.argument("field_name", metavar="FIELD")
@click.argument("value", required=False)
@click.option("--unset", is_flag=True, help="Remove FIELD from the entry instead of setting it.")
def command(session, key, field_name, value, unset):
    """Set (or with --unset remove) FIELD of entry KEY.

    VALUE is BibTeX text, as it would stand between braces: braces must balance, and a bare
    &, % or # is escaped for you (except in url, doi and other verbatim fields). Only that
    value's bytes change; the rest of the file stays exactly as it was.

    \b
    Examples:
      litcheck set unodc2020global urldate 2026-11-24
      litcheck set bales2012disposable note "Revised edition with a new preface."
      litcheck set bales2012disposable note --unset
      litcheck set ecpat2021online verification partly --dry-run
    """
    from litcheck.editing.bibwrite import value_expression
    from litcheck.editing.entryedit import FIELD_NAME, checked_value, remove_field, set_field

    name = field_name.lower()
    if not FIELD_NAME.fullmatch(name):
        fail(f"{field_name!r} is not a field name (letters, digits, '-' and '_')")
    if unset == (value is not None):
        fail("give a VALUE, or --unset (not both)")
    if not unset:
        try:
            value = checked_value(name, value)
        except ValueError as exc:
            fail(str(exc))
    with session() as edit:
        doc = edit.document_of(key)
        if doc is None:
            fail(f"no entry with key {key!r}")
        raw = doc.entry_text(key)
        new = remove_field(raw, key, name) if unset else set_field(raw, key, name, value_expression(name, value))
        if new == raw:
            emit(f"{key}: nothing to change\n")
            return
        doc.replace_entry(key, new)
        diff = edit.finish()
    emit(diff if diff is not None else f"{key}: {'removed' if unset else 'set'} {name} in {doc.path}\n")
