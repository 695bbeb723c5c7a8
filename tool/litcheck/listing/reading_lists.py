"""Reading lists: the structure every renderer draws, built from filters or from a saved list.

A saved list is a YAML file in `notes/lists/<name>.yaml`:

```yaml
title: Online exploitation: an introductory reading list
introduction: >-
  Who this list is for and how to use it.
style: apa                      # optional default for --style
sections:
  - heading: Start here
    commentary: Why these works, and what to read them for.
    keys: [unodc2020global, ilo2017global]     # explicit works, in this order
  - heading: The law
    commentary: ...
    filter: {topic: legislation, kind: [law, treaty]}   # and/or a filter (same names as the CLI)
    sort: oldest                                        # author (default) | year | oldest | title
```
A section lists its explicit `keys` first, then whatever its `filter` selects that is not already
listed. Unknown keys and unknown filter names are errors naming the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from litcheck.errors import LitcheckError
from litcheck.library.entry import Entry
from litcheck.listing.rows import RowList, distinct, keep
from litcheck.listing.select import Filters, SelectionError, group_entries, select, sort_entries, validate

LIST_SUFFIXES = (".yaml", ".yml")


@dataclass
class Section:
    heading: str
    commentary: str = ""
    entries: list[Entry] = field(default_factory=list)
    left_out: int = 0  # unconfirmed works dropped from this section (see ReadingList.drop_unconfirmed)

    def empty_message(self) -> str:
        """What a reader sees under a section with no works, saying why."""
        if self.left_out == 1:
            return ("The one work of this section could not be confirmed as cited and is left out "
                    "(--include-unconfirmed lists it).")
        if self.left_out:
            return (f"The {self.left_out} works of this section could not be confirmed as cited and are left "
                    "out (--include-unconfirmed lists them).")
        return "No works in the library match this section yet."


@dataclass
class ReadingList:
    title: str
    introduction: str = ""
    sections: list[Section] = field(default_factory=list)
    style: str | None = None
    name: str = ""  # the saved list's name, "" for an ad-hoc selection

    def entries(self) -> Sequence[Entry]:
        """Every entry once, in first-appearance order (for flat exports such as .bib or CSV)."""
        return distinct([section.entries for section in self.sections])

    def drop_unconfirmed(self) -> int:
        """Leave out works whose verification is `unconfirmed` (they may not exist as cited, and a
        reader copying the list would cite them); return how many distinct works were left out.
        A group of an ad-hoc list that held only such works goes too; a saved list keeps its
        sections as written."""
        dropped: set[str] = set()
        kept = []
        for section in self.sections:
            entries = section.entries
            # (no pass when no work of the file records a verification state)
            recorded = not isinstance(entries, RowList) or entries.may_have("verification")
            gone = {e.key for e in entries if e.status == "unconfirmed"} if recorded else set()
            dropped |= gone
            if gone:
                section.entries = keep(section.entries, lambda e: e.key not in gone)
            section.left_out = len(gone)
            if section.entries or not gone or self.name:
                kept.append(section)
        self.sections = kept
        return len(dropped)

    def sections_of(self) -> dict[str, list[str]]:
        """key -> headings of the sections that list it (sections without one are not named)."""
        out: dict[str, list[str]] = {}
        for section in self.sections:
            if not section.heading:
                continue
            for entry in section.entries:
                out.setdefault(entry.key, []).append(section.heading)
        return out


class ListError(LitcheckError, ValueError):
    """A saved list that cannot be found or read; the message names the file."""


def build_listing(library, filters: Filters, sort: str | None = None, group_by: str | None = None,
                  title: str = "", vet=None) -> ReadingList:
    """An ad-hoc reading list: the selection, sorted, split into groups (`vet`: see `select`)."""
    validate(filters, library)
    entries, scores = select(library, filters, vet)
    if sort is None:
        sort = "relevance" if filters.text else "none" if filters.keys else "author"
    ordered = sort_entries(entries, sort, scores)
    groups = group_entries(ordered, group_by, only_topics=filters.topics)
    return ReadingList(title=title or default_title(filters, len(entries)),
                       sections=[Section(heading, "", items) for heading, items in groups])


def default_title(filters: Filters, count: int) -> str:
    parts = []
    if filters.topics:
        parts.append(" and ".join(t.replace("-", " ") for t in filters.topics))
    if filters.orgs:
        parts.append("by " + " or ".join(filters.orgs))
    if filters.kinds:
        parts.append("(" + ", ".join(k.replace("-", " ") for k in filters.kinds) + ")")
    if filters.since or filters.until:
        parts.append(f"{filters.since or '…'}–{filters.until or '…'}")
    if filters.text:
        parts.append(f"matching “{filters.text}”")
    return "Reading list" + (": " + " ".join(parts) if parts else "")


def lists_dir(library=None, notes_dir: str | Path | None = None) -> Path:
    """Where saved lists live: `<notes>/lists/` beside the notes (the checkout's notes by default)."""
    base = notes_dir or (getattr(library, "notes_dir", None) if library is not None else None)
    if base:
        return Path(base) / "lists"
    from litcheck.library.paths import checkout_root

    return checkout_root() / "notes" / "lists"


def find_list(name: str, folder: Path) -> Path:
    """A list by name (`intro-course`) in `folder`, or a path to a list file."""
    direct = Path(name)
    if direct.suffix in LIST_SUFFIXES and direct.is_file():
        return direct
    for suffix in LIST_SUFFIXES:
        candidate = folder / f"{name}{suffix}"
        if candidate.is_file():
            return candidate
    known = ", ".join(sorted(p.stem for p in saved_lists(folder))) or "none"
    raise ListError(f"no saved reading list {name!r} in {folder} (saved lists: {known})")


def saved_lists(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in LIST_SUFFIXES and p.is_file())


MAX_LIST_BYTES = 1_000_000  # a saved list is a page of YAML; 300 times the bundled ones


def read_list_file(path: Path) -> dict:
    """A saved list's YAML, bounded (size, nesting, aliases) and checked for shape, so a
    hostile or damaged list gives one message naming the file, never a traceback."""
    import yaml

    from litcheck.library.files import read_file
    from litcheck.library.safe_yaml import load_yaml, yaml_problem

    try:
        text = read_file(path, MAX_LIST_BYTES).decode("utf-8")
        data = load_yaml(text)
    except OSError as exc:
        raise ListError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ListError(f"{path}: cannot read: not valid UTF-8 at byte {exc.start}") from None
    except yaml.YAMLError as exc:
        line, reason = yaml_problem(exc, text)
        raise ListError(f"{path}{'' if line is None else f':{line + 1}'}: not valid YAML: {reason}") from None
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        raise ListError(f"{path}: a reading list needs a `title` and a list of `sections`")
    _check_shape(data, path)
    return data


def _is_scalar(value) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _check_shape(data: dict, path: Path) -> None:
    """Refuse values of the wrong type (a list where a title belongs, `filter: [1, 2]`)."""
    for name in ("title", "introduction", "style"):
        if not _is_scalar(data.get(name)):
            raise ListError(f"{path}: `{name}` must be text")
    for number, raw in enumerate(data["sections"], start=1):
        where = f"{path}: section {number}"
        if not isinstance(raw, dict):
            raise ListError(f"{where}: each section is a mapping with heading, commentary, keys and/or filter")
        for name in ("heading", "commentary", "sort"):
            if not _is_scalar(raw.get(name)):
                raise ListError(f"{where}: `{name}` must be text")
        keys = raw.get("keys")
        if keys is not None and not (isinstance(keys, list) and all(_is_scalar(k) for k in keys)):
            raise ListError(f"{where}: `keys` must be a list of entry keys")
        selection = raw.get("filter")
        if selection is not None and not (isinstance(selection, dict) and all(
                _is_scalar(v) or (isinstance(v, list) and all(map(_is_scalar, v))) for v in selection.values())):
            raise ListError(f"{where}: `filter` must be a mapping of filter names to values, "
                            "e.g. {topic: grooming, kind: [law, treaty]}")


def load_saved_list(library, name: str, folder: Path | None = None,
                    narrow: Filters | None = None) -> ReadingList:
    """Resolve a saved list against the library. `narrow` (CLI filters) further restricts each section."""
    folder = folder or lists_dir(library)
    path = find_list(name, folder)
    data = read_list_file(path)
    reading = ReadingList(title=str(data.get("title") or path.stem), introduction=str(data.get("introduction") or "").strip(),
                          style=data.get("style"), name=path.stem)
    allowed = None
    if narrow is not None and not narrow.is_empty():
        validate(narrow, library)
        allowed = {e.key for e in select(library, narrow)[0]}
    for number, raw in enumerate(data["sections"], start=1):
        where = f"{path}: section {number}"
        unknown = set(raw) - {"heading", "commentary", "keys", "filter", "sort"}
        if unknown:
            raise ListError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
        keys = [str(k) for k in raw.get("keys") or []]
        missing = [k for k in keys if library.get(k) is None]
        if missing:
            raise ListError(f"{where}: no entry with key {', '.join(missing)}")
        entries = [library.get(k) for k in dict.fromkeys(keys)]
        if raw.get("filter"):
            try:
                filters = Filters.from_mapping(raw["filter"], where)
                validate(filters, library)
                matched, scores = select(library, filters)
                matched = sort_entries(matched, raw.get("sort") or "author", scores)
            except (SelectionError, ValueError) as exc:
                raise ListError(f"{where}: {exc}") from None
            listed = {e.key for e in entries}
            entries += [e for e in matched if e.key not in listed]
        if allowed is not None:
            entries = [e for e in entries if e.key in allowed]
        reading.sections.append(Section(str(raw.get("heading") or f"Section {number}"),
                                        str(raw.get("commentary") or "").strip(), entries))
    return reading
