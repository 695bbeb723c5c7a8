"""Compare entries with Crossref/OpenAlex/Open Library records.

`litcheck verify [KEY…]`: compare library entries with the registries' records."""

from __future__ import annotations

import click

from litcheck.cli.options import emit, fail, online_option, write_options


@click.command("verify")
@write_options
@online_option
@click.argument("keys", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json"], case_sensitive=False), default="text",
              show_default=True)
@click.option("--fix", "fix_fields", multiple=True, metavar="FIELD",
              type=click.Choice(["title", "year", "volume", "number", "pages", "journal"], case_sensitive=False),
              help="Take the registry's value for FIELD where it differs (repeatable; with --dry-run, show the diff).")
def command(session, fetcher, keys, fmt, fix_fields):
    """Check entries (all, or KEYs) against Crossref, OpenAlex and Open Library.

    Each entry gets one verdict: verified; differs (each field with both values); DOI of
    another work (the entry's DOI is registered to a different title); retracted or
    corrected (the registry's notices); not found (never "fake": agency and NGO reports are
    mostly absent from the registries); not checkable (no DOI or ISBN, and a kind of work
    the registries do not hold). A summary comes first. Works on any .bib (--bib).
    Exit status 1 when any entry differs, is retracted or carries another work's DOI.

    \b
    Examples:
      litcheck verify --online
      litcheck verify --bib manuscript.bib --online --format json
      litcheck verify smith2020study --online --fix year --fix pages --dry-run
    """
    from litcheck.online.verify import VERDICTS, corrections, verify_entry

    with session() as edit:
        library = edit.library
        wanted = list(keys) or [entry.key for entry in library]
        missing = [k for k in wanted if library.get(k) is None]
        if missing:
            fail(f"no entry with key {', '.join(missing)}")
        verdicts = [verify_entry(library.get(k), fetcher()) for k in wanted]
        counts = {v: sum(1 for x in verdicts if x.verdict == v) for v in VERDICTS}
        if fix_fields:
            _apply(edit, verdicts, {f.lower() for f in fix_fields}, corrections)
            diff = edit.finish()
            if diff is not None:
                emit(diff)
                return
    if fmt == "json":
        from dataclasses import asdict

        from litcheck.cli.jsonout import dump_json

        emit(dump_json({"summary": counts, "entries": [
            {k: v for k, v in asdict(x).items() if k != "record"} | {"record": x.record.as_dict() if x.record else None}
            for x in verdicts]}))
    else:
        emit(_text(counts, verdicts))
    if any(x.verdict in ("differs", "doi-other-work", "retracted") for x in verdicts):
        raise SystemExit(1)


def _apply(edit, verdicts, fields, corrections) -> None:
    from litcheck.editing.bibwrite import escape_latex, value_expression
    from litcheck.editing.entryedit import set_field

    for verdict in verdicts:
        changes = corrections(verdict, fields)
        if not changes or verdict.verdict == "doi-other-work":
            continue
        doc = edit.document_of(verdict.key)
        text = doc.entry_text(verdict.key)
        for name, value in changes.items():
            value = value.replace("-", "--") if name == "pages" else value
            text = set_field(text, verdict.key, name, value_expression(name, escape_latex(value, name)))
        doc.replace_entry(verdict.key, text)


def _text(counts, verdicts) -> str:
    from litcheck.cli.table import render_table

    out = [render_table(["verdict", "entries"], [[v, str(n)] for v, n in counts.items() if n]).rstrip("\n"), ""]
    for x in verdicts:
        if x.verdict in ("verified", "not-checkable"):
            continue
        line = f"{x.key}: {x.verdict}" + (f" ({x.source})" if x.source else "")
        out.append(line + (f": {x.message}" if x.message else ""))
        out.extend(f"    {d.field}: library {d.library!r}, registry {d.registry!r}" for d in x.differences)
    return "\n".join(out) + "\n"
