"""Problems met while reading the files: reported as checks so they share ids and output."""

from __future__ import annotations

from litcheck.checks import check


def _loaded(check_id: str):
    return lambda library: (p for p in library.problems if p.check == check_id)


for _id, _sev, _summary in [
    ("unreadable-file", "error", "a .bib file cannot be read at all"),
    ("encoding-error", "error", "a .bib file is not valid UTF-8 (the first bad byte's line is given)"),
    ("parse-error", "error", "a block cannot be parsed (unbalanced braces, missing comma, ...); it is skipped"),
    ("duplicate-field", "error", "an entry repeats a field; BibTeX would refuse it"),
    ("field-too-long", "error", "a field value is implausibly long, usually a missing closing brace"),
    ("front-matter-error", "error", "a note's YAML front matter does not parse"),
    ("note-skipped", "error", "a note is too large or not a regular file; every other command skips it"),
]:
    check(_id, _sev, _summary)(_loaded(_id))


@check("saved-list-error", "error", "a saved reading list (notes/lists/*.yaml) is unreadable, too large or malformed")
def saved_list_errors(library):
    from litcheck.library.findings import Finding
    from litcheck.listing.reading_lists import ListError, lists_dir, read_list_file, saved_lists

    if not library.notes_dir:
        return
    for path in saved_lists(lists_dir(library)):
        try:
            read_list_file(path)
        except ListError as exc:
            message = str(exc).removeprefix(f"{path}: ")
            line = 1
            if message.startswith(f"{path}:"):  # "path:LINE: reason"
                number, _, message = message.removeprefix(f"{path}:").partition(": ")
                line = int(number) if number.isdigit() else 1
            yield Finding("saved-list-error", "error", message, str(path), line)
