"""Checks of the notes: coverage, links both ways, key figures' locators, claims registers.

None of these fire when the library was loaded without a notes folder (a foreign .bib checked
on its own has no notes to miss). Notes whose front matter did not parse are reported once, by
`front-matter-error`, and skipped by the front-matter checks here.
"""

from __future__ import annotations

import re
from collections import Counter

from litcheck.checks import check
from litcheck.library.findings import Finding
from litcheck.library.notes import find_links
from litcheck.library.vocabulary import load_vocabulary

# The documented examples' library sketches (see litcheck.checks): one entry, and its note.
_ENTRY = "@misc{doe2021online, title = {Online Recruitment of Minors}, year = {2021}}\n"
_HOUSE_ENTRY = _ENTRY.replace("}}", "},\n  keywords = {recruitment}, sourcekind = {web-article}, verification = {confirmed}}")


def _note(meta: str = "key: doe2021online", body: str = "A note.", file: str = "doe2021online") -> str:
    return f"%% notes/{file}.md\n---\n{meta}\n---\n{body}\n"


CLAIM_STATUSES = ("confirmed", "false", "misleading", "unconfirmed", "disputed")
RELIABILITY = ("high", "medium", "low", "unknown")

# A figure: a number that is not part of a word (COVID-19, G7) and not a bare year.
_NUMBER = re.compile(r"(?<![\w\-/.,])(\d+(?:[.,]\d+)*)(?!st\b|nd\b|rd\b|th\b)(\s*(?:%|per\s*cent|percent))?", re.I)
_LINK_GROUP = re.compile(r"\[[^\[\]]*@[^\[\]]*\]")
_NO_LOCATOR = re.compile(r"\(\s*no locator\s*\)", re.I)
_YEARISH = re.compile(r"^(1[89]\d\d|20\d\d)$")


def _notes_loaded(library) -> bool:
    return library.notes_dir is not None or bool(library.notes)


def _parsed_notes(library):
    """Notes whose front matter parsed (the others have a front-matter-error already)."""
    return [n for n in library.notes.values() if not n.meta_error]


def _line(note, name: str) -> int:
    return note.meta_lines.get(name, 1)


@check("note-missing", "warning", "an entry has no note (notes/<key>.md)",
       why="The note is where a work's findings, reliability and checks are recorded; without one the work is an unread title.",
       fires=_ENTRY,
       passes=_ENTRY + _note(),
       per_entry=True)
def note_missing(library):
    if library.notes_dir is None:
        return
    for entry in library:
        if entry.key not in library.notes:
            yield Finding.of("note-missing", f"no note; create one with `litcheck note new {entry.key}`",
                             entry.file, entry.line, entry.key)


@check("orphan-note", "error", "a note whose file name is not a key in the library",
       why='A note filed under a key the library lacks is never shown, listed or checked against its entry.',
       fires=_ENTRY + _note("key: doe2020online", file="doe2020online"),
       passes=_ENTRY + _note())
def orphan_note(library):
    if not _notes_loaded(library):
        return
    for note in library.notes.values():
        if note.key not in library.entries:
            yield Finding.of("orphan-note", f"note for {note.key!r}, which is not a key in the library"
                             f"{_suggest(note.key, library)}", note.path, 1, note.key)


def _suggest(key: str, library) -> str:
    """`; did you mean 'x'?` for the closest existing key, or ''."""
    if not library.entries:
        return ""
    from rapidfuzz import process

    best = process.extractOne(key, list(library.entries), score_cutoff=80)
    return f"; did you mean {best[0]!r}?" if best else ""


@check("broken-link", "error", "a [@key] link in a note names a key that is not in the library",
       why='A link to a missing key leads nowhere in `show` and hides a typo or a removed work.',
       fires=_ENTRY + _note(body="Extends [@doe2012online]."),
       passes=_ENTRY + _note(body="Extends [@doe2021online]."))
def broken_link(library):
    for note in library.notes.values():
        for link in note.links:
            if link.key not in library.entries:
                where = "front matter" if link.in_front_matter else "body"
                yield Finding.of("broken-link",
                                 f"[@{link.key}] in the {where} links to a key that is not in the library"
                                 f"{_suggest(link.key, library)}", note.path, link.line, note.key)


@check("note-key-mismatch", "error", "a note's front matter `key` differs from its file name",
       why='The front matter key is what tools read; a mismatch says the note was copied or renamed by hand.',
       fires=_ENTRY + _note("key: doe2021"),
       passes=_ENTRY + _note())
def note_key_mismatch(library):
    for note in _parsed_notes(library):
        if "key" not in note.meta:
            yield Finding.of("note-key-mismatch", f"front matter has no `key:`; it should be `key: {note.key}`",
                             note.path, 1, note.key)
        elif str(note.meta["key"]).strip() != note.key:
            yield Finding.of("note-key-mismatch",
                             f"front matter key {str(note.meta['key'])!r} differs from the file name {note.key!r}",
                             note.path, _line(note, "key"), note.key)


def figures(text: str) -> list[str]:
    """The figures a sentence states (numbers outside links, bare years left out)."""
    prose = _LINK_GROUP.sub(" ", text)
    found = []
    for match in _NUMBER.finditer(prose):
        number, percent = match.group(1), match.group(2)
        if _YEARISH.match(number) and not percent:
            continue
        found.append(number + ("%" if percent else ""))
    return list(dict.fromkeys(found))


@check("figure-no-locator", "warning", "a Key findings bullet states a figure with no [@key, locator] link",
       why='A key figure must be traceable to a page or section of the work, or a reader cannot verify it.',
       fires=_ENTRY + _note(body="## Key findings\n- About 4,300 children were contacted [@doe2021online]."),
       passes=_ENTRY + _note(body="## Key findings\n- About 4,300 children were contacted [@doe2021online, p. 12]."))
def figure_no_locator(library):
    for note in library.notes.values():
        for bullet in note.section_bullets("Key findings"):
            stated = figures(bullet.text)
            if not stated:
                continue
            if any(link.locator for link in find_links(bullet.text)):
                continue
            shown = ", ".join(stated[:3]) + (", ..." if len(stated) > 3 else "")
            if _NO_LOCATOR.search(bullet.text):
                yield Finding.of("figure-no-locator", f"figure ({shown}) marked '(no locator)'; add a page or "
                                 "section when it can be established", note.path, bullet.line, note.key, "info")
            else:
                yield Finding.of("figure-no-locator", f"figure ({shown}) has no pinpoint locator such as "
                                 f"[@{note.key}, p. N]; mark it '(no locator)' if none can be given",
                                 note.path, bullet.line, note.key)


@check("claim-status", "error", "a claims-register item lacks id/claim/status, repeats an id, or has an unknown status",
       why='The claims register is the verification worklist; an item without a known status cannot be worked on.',
       fires=_ENTRY + _note("key: doe2021online\nclaims:\n  - id: c01\n    claim: Most recruitment starts online.\n"
                                 "    status: probably"),
       passes=_ENTRY + _note("key: doe2021online\nclaims:\n  - id: c01\n    claim: Most recruitment starts online.\n"
                                  "    status: unconfirmed"))
def claim_status(library):
    for note in _parsed_notes(library):
        if "claims" not in note.meta:
            continue
        register = note.meta.get("claims")
        if register is None:
            continue
        if not isinstance(register, list):
            yield Finding.of("claim-status", "`claims:` must be a list of claims", note.path,
                             _line(note, "claims"), note.key)
            continue
        ids = Counter(str(c.get("id")) for c in register if isinstance(c, dict) and c.get("id") is not None)
        reported: set[str] = set()
        for index, item in enumerate(register):
            line = note.claim_lines[index] if index < len(note.claim_lines) else _line(note, "claims")
            label = f"claim {index + 1}"
            if not isinstance(item, dict):
                yield Finding.of("claim-status", f"{label} is not a mapping with id, claim, status",
                                 note.path, line, note.key)
                continue
            if item.get("id") is not None:
                label = f"claim {item['id']}"
            missing = [name for name in ("id", "claim", "status") if item.get(name) in (None, "")]
            if missing:
                yield Finding.of("claim-status", f"{label} has no {', '.join(missing)}", note.path, line, note.key)
            status = item.get("status")
            if status not in (None, "") and str(status).strip().lower() not in CLAIM_STATUSES:
                yield Finding.of("claim-status", f"{label} has status {status!r}; use one of: "
                                 f"{', '.join(CLAIM_STATUSES)}", note.path, line, note.key)
            claim_id = str(item.get("id")) if item.get("id") is not None else None
            if claim_id and ids[claim_id] > 1 and claim_id not in reported:
                reported.add(claim_id)
                yield Finding.of("claim-status", f"claim id {claim_id!r} is used {ids[claim_id]} times in this "
                                 "register; ids must be unique", note.path, line, note.key)


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip().lower() for v in re.split(r"[,;]", value) if v.strip()]
    if isinstance(value, list):
        return [str(v).strip().lower() for v in value if str(v).strip()]
    return [str(value).strip().lower()]


@check("note-metadata", "warning", "a note's topics/kind/status/reliability are outside the vocabulary or disagree with its entry",
       why="A note's topics, kind and status mirror its entry; when they disagree, lists built from either are wrong.",
       fires=_HOUSE_ENTRY + _note("key: doe2021online\ntopics: [grooming]\nkind: web-article\nstatus: confirmed"),
       passes=_HOUSE_ENTRY + _note("key: doe2021online\ntopics: [recruitment]\nkind: web-article\nstatus: confirmed"))
def note_metadata(library):
    vocab = load_vocabulary()
    for note in _parsed_notes(library):
        meta, entry = note.meta, library.get(note.key)

        def warn(name, message):
            return Finding.of("note-metadata", message, note.path, _line(note, name), note.key)

        topics = _as_list(meta.get("topics"))
        if not topics:
            yield warn("topics", "no `topics:`; list the entry's topics from the vocabulary")
        for topic in topics:
            if topic not in vocab.topics:
                yield warn("topics", f"topic {topic!r} is not in the topic vocabulary")
        if entry is not None and topics and set(topics) != set(entry.keywords):
            only_note = sorted(set(topics) - set(entry.keywords))
            only_entry = sorted(set(entry.keywords) - set(topics))
            parts = ([f"only in the note: {', '.join(only_note)}"] if only_note else []) + \
                    ([f"only in the entry's keywords: {', '.join(only_entry)}"] if only_entry else [])
            yield warn("topics", f"topics differ from the entry's keywords ({'; '.join(parts)})")

        for name, allowed, mirror, field in (("kind", vocab.kinds, "kind", "sourcekind"),
                                             ("status", vocab.states, "status", "verification")):
            value = str(meta.get(name) or "").strip().lower()
            if not value:
                yield warn(name, f"no `{name}:`; it mirrors the entry's {field}")
                continue
            if value not in allowed:
                yield warn(name, f"{name} {value!r} is not one of: {', '.join(allowed)}")
            elif entry is not None and getattr(entry, mirror) and value != getattr(entry, mirror):
                yield warn(name, f"{name} {value!r} disagrees with the entry's {field} {getattr(entry, mirror)!r}")

        reliability = meta.get("reliability")
        if reliability is not None and str(reliability).strip().lower() not in RELIABILITY:
            yield warn("reliability", f"reliability {reliability!r} is not one of: {', '.join(RELIABILITY)}")
