"""Notes: `notes/<key>.md` files with YAML front matter and pandoc-style `[@key, locator]` links.

Notes are hand-edited, so they are only ever read here; nothing rewrites them. `litcheck note
new` creates new ones from a template (see `litcheck.editing.skeleton`).

Links are found the way a reader sees them: text inside code spans, fenced code blocks and
HTML comments is not a link (templates and format examples can show `[@key, p. N]` safely),
and a citation group may wrap onto the next line but never across a blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from litcheck.library.findings import Finding

# A bracketed pandoc citation group such as [@a, p. 3; see @b] (no nested brackets, may wrap
# onto a following line); not a Markdown link text such as [@user](https://...).
_GROUP = re.compile(r"\[([^\[\]]*?@[^\[\]]*?)\](?![(\[])")
# One item of a group: optional prefix ending in a space, `@key` or `@{key}`, optional locator.
_ITEM = re.compile(r"^\s*(?:[^@;]*?\s)?-?@(?:\{([^{}\s]+)\}|([A-Za-z0-9_][\w:.#$%&\-+?<>~/]*))(.*)$", re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Regions that are not prose: fenced code, inline code, HTML comments.
# An unclosed fence or comment runs to the end of the text, as Markdown reads it; this also
# keeps the search linear (a failed `.*?` would rescan the rest of the text from every opener).
_NOT_PROSE = re.compile(r"^(```|~~~)[^\n]*\n.*?(?:^\1[^\n]*$|\Z)|`[^`\n]+`|<!--.*?(?:-->|\Z)", re.S | re.M)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s{0,3})(?:[-*+]|\d+[.)])\s+")


@dataclass(frozen=True)
class Link:
    key: str
    locator: str  # "p. 31", "art. 34", or "" when none
    line: int  # 1-based line in the note file
    in_front_matter: bool


@dataclass(frozen=True)
class Bullet:
    """One list item of a body section (continuation lines joined), with its first file line."""

    text: str
    line: int


@dataclass
class Note:
    key: str  # from the file name
    path: str
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # file line where the body starts
    links: list[Link] = field(default_factory=list)
    front_matter: str = ""  # the raw YAML between the `---` lines ("" when there is none)
    has_front_matter: bool = False
    meta_error: bool = False  # the front matter did not parse (a front-matter-error was reported)
    meta_lines: dict[str, int] = field(default_factory=dict)  # top-level front matter key -> file line
    claim_lines: list[int] = field(default_factory=list)  # file line of each `claims:` item, in order

    @property
    def claims(self) -> list[dict]:
        value = self.meta.get("claims") or []
        return [c for c in value if isinstance(c, dict)] if isinstance(value, list) else []

    def section(self, heading: str) -> str:
        """The text under a `## heading` of the body (case-insensitive), without the heading."""
        pattern = re.compile(rf"^##\s+{re.escape(heading)}\s*$(.*?)(?=^##\s|\Z)", re.M | re.S | re.I)
        match = pattern.search(self.body)
        return match.group(1).strip() if match else ""

    def section_bullets(self, heading: str) -> list[Bullet]:
        """The list items under `## heading` (sub-headings included), with their file lines.

        Code blocks and HTML comments are blanked first, so template guidance is never a bullet.
        """
        lines = mask_non_prose(self.body).split("\n")
        bullets: list[Bullet] = []
        inside = False
        current: list[str] = []
        start = 0

        def close():
            if current:
                bullets.append(Bullet(" ".join(" ".join(current).split()), start))
            current.clear()

        for i, line in enumerate(lines):
            heading_match = _HEADING.match(line)
            if heading_match and len(heading_match.group(1)) <= 2:
                close()
                inside = len(heading_match.group(1)) == 2 and heading_match.group(2).casefold() == heading.casefold()
                continue
            if not inside:
                continue
            bullet = _BULLET.match(line)
            if bullet and not heading_match:
                close()
                current.append(line[bullet.end():])
                start = self.body_line + i
            elif current and line.strip() and not heading_match and (line[:1].isspace() or not _BULLET.match(line)):
                current.append(line)
            else:
                close()
        close()
        return bullets

    @property
    def summary(self) -> str:
        """The note's first paragraph under 'What it is' (or of the body): what lists annotate with."""
        text = _COMMENT.sub("", self.section("What it is") or self.body)
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip() and not p.lstrip().startswith("#")]
        return " ".join(paragraphs[0].split()) if paragraphs else ""

    def text_lines(self) -> list[tuple[int, str]]:
        """Every line of the note file with its 1-based number (front matter and body)."""
        out: list[tuple[int, str]] = []
        if self.has_front_matter:
            out += [(2 + i, line) for i, line in enumerate(self.front_matter.split("\n"))]
        out += [(self.body_line + i, line) for i, line in enumerate(self.body.split("\n"))]
        return out


def mask_non_prose(text: str) -> str:
    """Blank out code blocks, code spans and HTML comments, keeping every line break."""
    return _NOT_PROSE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def find_links(text: str, first_line: int = 1, in_front_matter: bool = False) -> list[Link]:
    """Every `[@key]` / `[@key, locator]` item in `text`, with its file line."""
    links = []
    masked = mask_non_prose(text) if not in_front_matter else text
    line, counted = first_line, 0  # newlines are counted once, forward: linear in the text
    for match in _GROUP.finditer(masked):
        if _BLANK_LINE.search(match.group(1)):
            continue
        offset = match.start(1)
        for item in match.group(1).split(";"):
            m = _ITEM.match(item)
            if m:
                key = (m.group(1) or m.group(2).rstrip(".,:"))
                at = offset + item.index("@")
                locator = " ".join(m.group(3).strip().lstrip(",").split())
                line += masked.count("\n", counted, at)
                counted = at
                links.append(Link(key, locator, line, in_front_matter))
            offset += len(item) + 1
    return links


def _record_lines(note: Note, node, first_line: int) -> None:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode):
            note.meta_lines[str(key_node.value)] = key_node.start_mark.line + first_line
            if key_node.value == "claims" and isinstance(value_node, yaml.SequenceNode):
                note.claim_lines = [item.start_mark.line + first_line for item in value_node.value]


def parse_note(text: str, path: str, key: str) -> tuple[Note, list[Finding]]:
    """Split front matter from body and collect links; YAML errors become findings with a line."""
    import yaml

    from litcheck.library.safe_yaml import load_yaml_tree, yaml_problem

    note = Note(key=key, path=path, body=text)
    problems: list[Finding] = []
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if end is None:
            note.meta_error = True
            problems.append(Finding("front-matter-error", "error", "front matter opened with '---' is never closed", path, 1, key))
            return note, problems
        raw_meta = "\n".join(lines[1:end])
        note.front_matter = raw_meta
        note.has_front_matter = True
        note.body = "\n".join(lines[end + 1:])
        note.body_line = end + 2
        try:
            meta, node = load_yaml_tree(raw_meta)
            meta = {} if meta is None else meta
            if not isinstance(meta, dict):
                raise yaml.YAMLError("front matter is not a mapping of keys to values")
            note.meta = meta
            _record_lines(note, node, 2)
        except yaml.YAMLError as exc:
            note.meta_error = True
            line, reason = yaml_problem(exc, raw_meta)
            problems.append(Finding("front-matter-error", "error", f"front matter is not valid YAML: {reason}", path,
                                    1 if line is None else line + 2, key))
        note.links.extend(find_links(raw_meta, 2, in_front_matter=True))
    note.links.extend(find_links(note.body, note.body_line))
    return note, problems


MAX_NOTE_BYTES = 1_000_000  # 30 times the longest real note; more is a mistake or an attack


def read_note(path: Path) -> tuple[bytes | None, str | None, Finding | None]:
    """(bytes, text, None) of a note file, or (None, None, why it is skipped).

    A note over MAX_NOTE_BYTES, or a FIFO or device named *.md, is skipped by every command and
    reported by `check` (note-skipped): loading notes must never block the other commands."""
    from litcheck.library.files import FileRefused, read_file

    try:
        data = read_file(path, MAX_NOTE_BYTES)
        return data, data.decode("utf-8"), None
    except FileRefused as exc:
        return None, None, Finding("note-skipped", "error", f"note skipped: {exc.strerror}", str(path), 1, path.stem)
    except OSError as exc:
        reason = exc.strerror or str(exc)
    except UnicodeDecodeError as exc:
        reason = f"not valid UTF-8 at byte {exc.start}"
    return None, None, Finding("front-matter-error", "error", f"cannot read note: {reason}", str(path), 1, path.stem)


def load_notes(folder: Path | None) -> tuple[dict[str, Note], list[Finding]]:
    """Read every `*.md` note directly in `folder` (reading lists and templates live elsewhere)."""
    notes: dict[str, Note] = {}
    problems: list[Finding] = []
    if folder is None or not Path(folder).is_dir():
        return notes, problems
    for path in sorted(Path(folder).glob("*.md")):
        _, text, problem = read_note(path)
        if problem is not None:
            problems.append(problem)
            continue
        note, found = parse_note(text, str(path), path.stem)
        notes[note.key] = note
        problems.extend(found)
    return notes, problems
