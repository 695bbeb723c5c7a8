"""One bibliography entry, as stored (raw BibTeX values) plus the views other code needs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from litcheck.library.latex import to_text
from litcheck.library.names import Name, parse_names

_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def split_list(raw: str) -> list[str]:
    """Split a comma- or semicolon-separated field (keywords, nocheck) into clean items."""
    if not raw:
        return []
    return [item.strip().lower() for item in raw.replace(";", ",").split(",") if item and not item.isspace()]


def year_in(*values: str | None) -> int | None:
    """The first year written in `values` (the raw `year`, then `date` of an entry), or None."""
    for source in values:
        match = _YEAR.search(source or "")
        if match:
            return int(match.group(1))
    return None


def released(entries):
    """Each entry in turn as one to read once (`Entry.transient`): a pass over a big selection
    then holds the fields of one entry at a time, not of all of them."""
    for entry in entries:
        yield entry.transient()


@dataclass
class Entry:
    """A BibTeX entry. `fields` keeps raw values (lower-case field names) so nothing is lost;
    the properties give decoded text for display, matching and export."""

    key: str
    type: str
    fields: dict[str, str]
    file: str = ""
    line: int = 0  # 1-based line of the `@type{` in `file`
    field_lines: dict[str, int] = field(default_factory=dict)
    raw: str = ""  # the entry exactly as written in the file

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    def text(self, name: str) -> str:
        """The decoded display text of a field ("" if absent)."""
        return to_text(self.fields.get(name, ""))

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, self.line)

    def transient(self) -> "Entry":
        """This entry, to be read once and let go: an entry read from the index gives a copy
        whose fields go with it; a parsed entry's fields are their only copy, so itself."""
        return self

    def stored_size(self) -> int:
        """The bytes of what its fields are read from (none: a parsed entry holds them)."""
        return 0

    @property
    def title(self) -> str:
        return self.text("title")

    @cached_property
    def year(self) -> int | None:
        """The year from `year`, else from an ISO `date` (biblatex), else None."""
        return year_in(self.get("year"), self.get("date"))

    @cached_property
    def authors(self) -> list[Name]:
        return parse_names(self.get("author"))

    @cached_property
    def editors(self) -> list[Name]:
        return parse_names(self.get("editor"))

    @property
    def creators(self) -> list[Name]:
        """Authors, else editors: whoever a citation would name first."""
        return self.authors or self.editors

    @property
    def keywords(self) -> list[str]:
        return split_list(self.get("keywords"))

    @property
    def kind(self) -> str:
        """The kind of source (controlled vocabulary `kinds`)."""
        return self.get("sourcekind").strip().lower()

    @property
    def status(self) -> str:
        """Verification state: confirmed | partly | unconfirmed."""
        return self.get("verification").strip().lower()

    @property
    def suppressed(self) -> list[str]:
        """Check ids (optionally `id:otherkey`) silenced for this entry by its `nocheck` field."""
        return split_list(self.get("nocheck"))

    @property
    def venue(self) -> str:
        for name in ("journal", "journaltitle", "booktitle", "institution", "publisher", "howpublished", "organization"):
            if self.get(name):
                return self.text(name)
        return ""

    def author_display(self) -> str:
        names = self.creators
        if not names:
            return ""
        if len(names) > 3:
            return f"{names[0].display} et al."
        return "; ".join(n.display for n in names)
