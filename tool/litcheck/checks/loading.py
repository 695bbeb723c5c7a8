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
]:
    check(_id, _sev, _summary)(_loaded(_id))
