"""Notes: `notes/<key>.md` files with YAML front matter and pandoc-style `[@key, locator]` links.

Notes are hand-edited, so they are only ever read here; nothing rewrites them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from litcheck.findings import Finding

# A bracketed pandoc citation group such as [@a, p. 3; see @b] (no nested brackets).
_GROUP = re.compile(r"\[([^\[\]\n]*?@[^\[\]\n]*?)\]")
_ITEM = re.compile(r"^\s*(?:[^@;]*?\s)?-?@([A-Za-z0-9_][\w:.#$%&\-+?<>~/]*)\s*(?:,\s*(.*?))?\s*$")


@dataclass(frozen=True)
class Link:
    key: str
    locator: str  # "p. 31", "art. 34", or "" when none
    line: int  # 1-based line in the note file
    in_front_matter: bool


@dataclass
class Note:
    key: str  # from the file name
    path: str
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # file line where the body starts
    links: list[Link] = field(default_factory=list)

    @property
    def claims(self) -> list[dict]:
        value = self.meta.get("claims") or []
        return [c for c in value if isinstance(c, dict)] if isinstance(value, list) else []

    def section(self, heading: str) -> str:
        """The text under a `## heading` of the body (case-insensitive), without the heading."""
        pattern = re.compile(rf"^##\s+{re.escape(heading)}\s*$(.*?)(?=^##\s|\Z)", re.M | re.S | re.I)
        match = pattern.search(self.body)
        return match.group(1).strip() if match else ""

    @property
    def summary(self) -> str:
        """The note's first paragraph under 'What it is' (or of the body): what lists annotate with."""
        text = self.section("What it is") or self.body
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip() and not p.lstrip().startswith("#")]
        return " ".join(paragraphs[0].split()) if paragraphs else ""


def find_links(text: str, first_line: int = 1, in_front_matter: bool = False) -> list[Link]:
    """Every `[@key]` / `[@key, locator]` item in `text`, with its file line."""
    links = []
    for match in _GROUP.finditer(text):
        line = first_line + text.count("\n", 0, match.start())
        for item in match.group(1).split(";"):
            m = _ITEM.match(item)
            if m:
                links.append(Link(m.group(1).rstrip(".,:"), (m.group(2) or "").strip(), line, in_front_matter))
    return links


def parse_note(text: str, path: str, key: str) -> tuple[Note, list[Finding]]:
    """Split front matter from body and collect links; YAML errors become findings with a line."""
    import yaml

    note = Note(key=key, path=path, body=text)
    problems: list[Finding] = []
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            problems.append(Finding("front-matter-error", "error", "front matter opened with '---' is never closed", path, 1, key))
            return note, problems
        raw_meta = "\n".join(lines[1:end])
        note.body = "\n".join(lines[end + 1:])
        note.body_line = end + 2
        try:
            meta = yaml.safe_load(raw_meta) or {}
            if not isinstance(meta, dict):
                raise yaml.YAMLError("front matter is not a mapping of keys to values")
            note.meta = meta
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            reason = getattr(exc, "problem", None) or str(exc)
            problems.append(Finding("front-matter-error", "error", f"front matter is not valid YAML: {reason}", path, line, key))
        note.links.extend(find_links(raw_meta, 2, in_front_matter=True))
    note.links.extend(find_links(note.body, note.body_line))
    return note, problems


def load_notes(folder: Path | None) -> tuple[dict[str, Note], list[Finding]]:
    """Read every `*.md` note directly in `folder` (reading lists and templates live elsewhere)."""
    notes: dict[str, Note] = {}
    problems: list[Finding] = []
    if folder is None or not Path(folder).is_dir():
        return notes, problems
    for path in sorted(Path(folder).glob("*.md")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Finding("front-matter-error", "error", f"cannot read note: {exc}", str(path), 1, path.stem))
            continue
        note, found = parse_note(text, str(path), path.stem)
        notes[note.key] = note
        problems.extend(found)
    return notes, problems
