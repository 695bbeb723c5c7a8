"""Note skeletons: the safe path of `notes/<key>.md` and a template prefilled from the entry.

A key comes from a .bib file someone else may have written, so it is treated as untrusted:
it must be a plain file name (no separators, no '..', not absolute, no control characters),
and the resolved path must still lie directly inside the notes folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from litcheck.errors import LitcheckError
from litcheck.library.keys import key_is_safe
from litcheck.library.paths import PACKAGE_DIR

TEMPLATE = PACKAGE_DIR / "templates" / "note.md"
_PLAIN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class UnsafeKey(LitcheckError, ValueError):
    """The key cannot be used as a note file name."""


class NoteExists(FileExistsError):
    """A note for the key is already there; notes are never overwritten."""


def note_path(notes_dir: str | os.PathLike, key: str) -> Path:
    """`notes_dir/<key>.md`, or UnsafeKey if the key could name any other file."""
    if not key_is_safe(key) or ":" in key or os.path.isabs(key):  # ':' is no Windows file name
        raise UnsafeKey(f"key {key!r} is not a safe file name (no slashes, '..', leading dot, spaces, "
                        "control or shell characters, or ':' which Windows forbids)")
    folder = Path(notes_dir).resolve()
    path = (folder / f"{key}.md").resolve()
    if path.parent != folder:
        raise UnsafeKey(f"key {key!r} would write outside the notes folder {folder}")
    return path


def _scalar(value: str) -> str:
    """`value` as a YAML scalar: bare when YAML reads it back unchanged, else double-quoted."""
    import json

    import yaml

    if _PLAIN.match(value):
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)


def render_skeleton(entry, template: str | None = None) -> str:
    """The note template filled in from `entry`: key, topics, kind, status and the title."""
    text = template if template is not None else TEMPLATE.read_text(encoding="utf-8")
    title = " ".join(entry.title.split()) or "(no title)"
    year = f" ({entry.year})" if entry.year else ""
    who = entry.author_display()
    values = {
        "key": _scalar(entry.key),
        "title": " ".join(f"{who + ': ' if who else ''}{title}{year}".split()),
        "topics": ", ".join(_scalar(t) for t in entry.keywords),
        "kind": _scalar(entry.kind) if entry.kind else "",
        "status": _scalar(entry.status) if entry.status else "",
    }
    return re.sub(r"\{\{(\w+)\}\}", lambda m: values.get(m.group(1), m.group(0)), text)


def create_note(library, key: str, notes_dir: str | os.PathLike | None = None) -> Path:
    """Write a skeleton note for `key`; never overwrites. Raises UnsafeKey, KeyError, NoteExists."""
    from litcheck.editing.atomic import write_text_atomic

    folder = notes_dir if notes_dir is not None else library.notes_dir
    if folder is None:
        raise FileNotFoundError("no notes folder: pass --notes DIR")
    path = note_path(folder, key)
    entry = library.get(key)
    if entry is None:
        raise KeyError(key)
    if os.path.lexists(path) or key in library.notes:
        raise NoteExists(f"{path} already exists; notes are never overwritten")
    write_text_atomic(path, render_skeleton(entry))
    return path


def missing_note_keys(library) -> list[str]:
    """Keys of entries that have no note, in library order."""
    return [e.key for e in library if e.key not in library.notes]
