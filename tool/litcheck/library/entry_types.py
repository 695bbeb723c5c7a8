"""The entry types litcheck accepts and the fields each requires: one table, read by the
`unknown-type` and `missing-field` checks and by the BibTeX export.

The types are those both classic BibTeX (the standard styles) and Biber accept; the required
fields are plain.bst's (a tuple means "one of these").
"""

from __future__ import annotations

REQUIRED: dict[str, tuple] = {
    "article": ("author", "title", "journal", "year"),
    "book": (("author", "editor"), "title", "publisher", "year"),
    "booklet": ("title",),
    "inbook": (("author", "editor"), "title", ("chapter", "pages"), "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
    "misc": (),
}

# What litcheck itself needs beyond plain.bst: a @misc must still have a title and a date to
# be cited in a reading list.
HOUSE_REQUIRED: dict[str, tuple] = REQUIRED | {"misc": ("title", ("year", "date"))}
