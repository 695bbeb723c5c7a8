"""Works arriving at the library: BibTeX bytes or an export file -> drafts, and the `add`
pipeline (refuse anything doubtful, then append). `import` plans through `adding.plan_import`.

Every refusal is a LitcheckError naming the input and line, raised before anything is written.
"""

from __future__ import annotations

from pathlib import Path

from litcheck.editing.adding import Outcome, bibtex_drafts, describe, entry_text, plan
from litcheck.editing.bibwrite import Draft
from litcheck.errors import LitcheckError


def decode_input(data: bytes, origin: str) -> str:
    """BibTeX bytes as text; input that is not UTF-8 is refused with the line of the first bad byte."""
    from litcheck.library.bibfile import decode_bytes

    text, bad = decode_bytes(data, origin)
    if bad:
        raise LitcheckError(f"{bad[0].location()}: {bad[0].message}")
    return text


def export_drafts(path: Path, macros: dict[str, str]) -> tuple[list[Draft], list[str]]:
    """The drafts of an export (.bib, RIS or CSL-JSON) and the records left out, each with why;
    an export with no usable record at all is refused."""
    from litcheck.editing.readers import read_export

    if path.suffix.lower() == ".bib":
        drafts, problems = bibtex_drafts(decode_input(path.read_bytes(), str(path)), str(path), macros)
    else:
        try:
            drafts, problems = read_export(path)
        except ValueError as exc:
            raise LitcheckError(str(exc)) from None
    if not drafts:
        raise LitcheckError(f"nothing to import from {path}" + "".join(f"\n  {p}" for p in problems))
    return drafts, problems


def add_entries(edit, doc, text: str, origin: str, house_fields: dict[str, str], force: bool) -> list[Outcome]:
    """Append every entry of BibTeX `text` to `doc` in the open EditSession `edit` (nothing is
    committed here), or refuse them all: a block that does not parse, no entry at all (exit 2),
    a key already used or a work already in the library unless `force` (exit 1)."""
    drafts, problems = bibtex_drafts(text, origin, edit.library_macros())
    if problems:
        raise LitcheckError("cannot add; fix the input first:\n  " + "\n  ".join(problems))
    if not drafts:
        raise LitcheckError(f"no BibTeX entry found in {origin}")
    for draft in drafts:
        draft.fields.update(house_fields)
    outcomes = plan(drafts, edit.library, rename_taken=False, force=force)
    refused = [o for o in outcomes if not o.added]
    if refused:
        raise LitcheckError("nothing added:\n  " + "\n  ".join(describe(o, edit.library) for o in refused), code=1)
    for outcome in outcomes:
        doc.append_entry(entry_text(outcome))
    return outcomes
