"""New works joining the library (`add`, `import`): keys, duplicate checks, the entry text.

Both commands turn their input into `Draft`s, then `plan` decides for each draft: the key it
gets (its own when safe and free, else one generated from the key pattern) or the existing
work it duplicates. Nothing is merged: a duplicate is reported with the evidence and left
out, so the user decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from litcheck.editing.bibwrite import Draft, escape_bare_specials, format_draft
from litcheck.library.duplicates import DuplicateIndex, Match
from litcheck.library.entry import Entry
from litcheck.library.keys import generate_key, key_is_safe

_KEYLESS = re.compile(r"(@(?!string|preamble|comment)\w+\s*[{(])\s*(?:,|(?=[^\s,{}()=]+\s*=))", re.I)
_PLACEHOLDER = "litcheck-new-key-"


def bibtex_drafts(text: str, origin: str, env: dict[str, str] | None = None) -> tuple[list[Draft], list[str]]:
    """BibTeX text -> drafts (values with macros resolved; months stay macros), plus the
    problems with blocks that could not be used, each naming origin and line. An entry written without
    a key (`@article{, ...}` or `@article{title = ...}`) gets its key generated later."""
    from litcheck.library.bibfile import parse_text

    counter = iter(range(1, 1_000_000))
    marked = _KEYLESS.sub(lambda m: f"{m.group(1)}{_PLACEHOLDER}{next(counter)},", text)
    parsed = parse_text(marked, origin, env or {})
    problems = [f"{p.location()}: {p.message}" for p in parsed.problems if p.severity == "error"]
    drafts = [Draft(e.type, None if e.key.startswith(_PLACEHOLDER) else e.key,
                    {name: escape_bare_specials(value, name) for name, value in e.fields.items()},
                    f"{origin}:{e.line}") for e in parsed.entries]
    return drafts, problems


@dataclass
class Outcome:
    draft: Draft
    key: str | None = None  # the key it is added under; None when it is left out
    duplicate: Match | None = None
    key_taken: str = ""  # the draft's own key, when another entry already has it
    renamed: str = ""  # why the draft's own key was not used

    @property
    def added(self) -> bool:
        return self.key is not None


def as_entry(draft: Draft, key: str = "") -> Entry:
    return Entry(key or draft.key or "", draft.type, draft.fields)


def plan(drafts: list[Draft], library, *, rename_taken: bool, force: bool = False) -> list[Outcome]:
    """Decide each draft's fate against the library and the drafts before it.

    `rename_taken`: a draft whose key belongs to a different work gets a generated key
    (import) instead of being refused (add). `force`: add near-duplicates anyway.
    """
    index = DuplicateIndex(library)
    taken: set[str] = set(library.entries)
    out = []
    for draft in drafts:
        outcome = Outcome(draft)
        candidate = as_entry(draft)
        match = index.find(candidate)
        if match and not force:
            outcome.duplicate = match
            out.append(outcome)
            continue
        key = draft.key
        if key and key in taken:
            if not rename_taken:
                outcome.key_taken = key
                out.append(outcome)
                continue
            outcome.renamed = f"its key {key!r} belongs to another entry"
            key = None
        elif key and not key_is_safe(key):
            outcome.renamed = f"its key {key!r} is not safe as a file name"
            key = None
        outcome.key = key or generate_key(draft.fields, taken)
        taken.add(outcome.key)
        index.add(as_entry(draft, outcome.key))
        out.append(outcome)
    return out


def entry_text(outcome: Outcome) -> str:
    return format_draft(outcome.draft, outcome.key)


def describe(outcome: Outcome, library) -> str:
    """One line saying what happens to a draft and why."""
    origin = outcome.draft.origin
    if outcome.duplicate:
        other = outcome.duplicate.entry
        where = f" ({other.file}:{other.line})" if other.file else " (earlier in this input)"
        return f"{origin}: same work as '{other.key}'{where}: {outcome.duplicate.reason}"
    if outcome.key_taken:
        other = library.get(outcome.key_taken)
        return (f"{origin}: key '{outcome.key_taken}' is already used at {other.file}:{other.line} "
                f"({other.title[:60]})")
    note = f" ({outcome.renamed}; key generated)" if outcome.renamed else ""
    return f"{origin}: new, as {outcome.key}{note}"
