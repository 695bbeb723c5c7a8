"""New works joining the library (`add`, `import`): keys, duplicate checks, the entry text.

Both commands turn their input into `Draft`s, then `plan` decides for each draft: the key it
gets (its own when safe and free, else one generated from the key pattern) or the existing
work it duplicates. Nothing is merged silently: a duplicate is reported with the evidence and
left out, so the user decides; only `import --update` asks for the export's changed fields
to be written into the existing entry, one field at a time through the minimal-edit path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from litcheck.editing.bibwrite import Draft, escape_bare_specials, format_draft
from litcheck.library.duplicates import DuplicateIndex, Match, normal_doi, surnames, told_apart
from litcheck.library.entry import Entry
from litcheck.library.keys import generate_key, key_is_safe, key_problem

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
    changes: dict[str, str] = field(default_factory=dict)  # --update: fields to write into the duplicate

    @property
    def added(self) -> bool:
        return self.key is not None


def as_entry(draft: Draft, key: str = "") -> Entry:
    return Entry(key or draft.key or "", draft.type, draft.fields)


# The library's own judgement of a work (topics, source kind, verification, discrepancy,
# silenced checks): an export never overwrites them.
HOUSE_FIELDS = frozenset({"keywords", "sourcekind", "verification", "discrepancy", "nocheck"})


def same_by_key(candidate: Entry, existing: Entry | None) -> bool:
    """A draft carrying an existing entry's key is that work again (a re-exported record
    whose title was corrected) when they share an author or the DOI and no identifier
    (DOI, volume, issue, pages) tells them apart: a key alone proves nothing."""
    if existing is None or told_apart(candidate, existing):
        return False
    same_doi = bool(candidate.get("doi")) and normal_doi(candidate.get("doi")) == normal_doi(existing.get("doi"))
    return same_doi or bool(surnames(candidate) & surnames(existing))


def changed_fields(draft: Draft, existing: Entry, protected=frozenset()) -> dict[str, str]:
    """The draft's fields whose value differs from the existing entry's (spacing ignored),
    new fields included; fields the export lacks are kept, never removed."""
    norm = lambda v: " ".join(v.split())
    return {name: value for name, value in draft.fields.items()
            if name not in protected and value.strip() and norm(value) != norm(existing.get(name))}


def plan(drafts: list[Draft], library, *, rename_taken: bool, force: bool = False, update: bool = False,
         progress=iter) -> list[Outcome]:
    """Decide each draft's fate against the library and the drafts before it.

    A draft with an entry's key is that work unless authors or identifiers differ.
    `rename_taken`: a draft whose key belongs to a different work gets a generated key
    (import) instead of being refused (add). `force`: add near-duplicates anyway. `update`:
    a draft that is a work already in the library (same key, DOI or fuzzy identity) gets
    the fields that changed in `changes`. `progress` wraps the loop (a progress bar).
    """
    index = DuplicateIndex(library)
    taken: set[str] = set(library.entries)
    protected = HOUSE_FIELDS if library.uses_house_fields else frozenset()
    matched: set[str] = set()  # library entries an earlier draft already stands for
    out = []
    for draft in progress(drafts):
        outcome = Outcome(draft)
        candidate = as_entry(draft)
        match = index.find(candidate)
        if match is None and draft.key and same_by_key(candidate, library.get(draft.key)):
            match = Match(library.get(draft.key), f"same key {draft.key}")
        if match and not force:
            outcome.duplicate = match
            # Only the first draft for a library entry updates it: a second is the export's own duplicate.
            if update and match.entry.file and match.entry.key not in matched:
                outcome.changes = changed_fields(draft, match.entry, protected)
            matched.add(match.entry.key)
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
            outcome.renamed = f"its key {key!r} is not safe as a file name ({key_problem(key)})"
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
        updated = f"; updated {', '.join(outcome.changes)}" if outcome.changes else ""
        return f"{origin}: same work as '{other.key}'{where}: {outcome.duplicate.reason}{updated}"
    if outcome.key_taken:
        other = library.get(outcome.key_taken)
        return (f"{origin}: key '{outcome.key_taken}' is already used at {other.file}:{other.line} "
                f"({other.title[:60]})")
    note = f" ({outcome.renamed}; key generated)" if outcome.renamed else ""
    return f"{origin}: new, as {outcome.key}{note}"


def apply_changes(raw: str, key: str, changes: dict[str, str]) -> str:
    """`raw` with each changed field set in place (or added), every other byte kept."""
    from litcheck.editing.bibwrite import value_expression
    from litcheck.editing.entryedit import set_field

    for name, value in changes.items():
        raw = set_field(raw, key, name, value_expression(name, value))
    return raw


@dataclass
class ImportResult:
    outcomes: list[Outcome]
    added: list[Outcome]
    updated: list[Outcome]
    refused: list[str]  # updates that could not be written safely, with the reason
    update_diff: str  # the diff of the updates alone (additions are only appended)
    files: set[str]  # library files changed


def plan_import(edit, doc, drafts: list[Draft], house_fields: dict[str, str], *, force: bool, update: bool,
                progress=iter) -> ImportResult:
    """Plan an import into the open EditSession `edit`: write the updates into their entries,
    then append the new works (with `house_fields`) to `doc`; nothing is committed here."""
    from litcheck.editing.bibdoc import RefuseWrite

    outcomes = plan(drafts, edit.library, rename_taken=True, force=force, update=update, progress=progress)
    updated, refused = [], []
    for outcome in (o for o in outcomes if o.changes):
        key = outcome.duplicate.entry.key
        try:
            holder = edit.document_of(key)
            holder.replace_entry(key, apply_changes(holder.entry_text(key), key, outcome.changes))
            updated.append(outcome)
        except RefuseWrite as exc:
            outcome.changes = {}
            refused.append(f"{outcome.draft.origin}: '{key}' not updated: {exc}")
    update_diff = edit.diff() if updated else ""
    added = [o for o in outcomes if o.added]
    for outcome in added:
        outcome.draft.fields.update(house_fields)
        doc.append_entry(entry_text(outcome))
    files = {str(d.path) for d in edit.documents if d.changed}
    return ImportResult(outcomes, added, updated, refused, update_diff, files)


def import_report(result: ImportResult, problems: list[str], library, source: str, verbose: bool,
                  shown: int = 10) -> str:
    """The summary first (added / duplicates / updated / unusable), then what was left out:
    every record with `verbose`, else at most `shown` lines and a count of the rest."""
    outcomes = result.outcomes
    duplicates = [o for o in outcomes if o.duplicate and not o.changes]
    plural = lambda n, word: f"{n} {word}{'' if n == 1 else 's'}"
    lines = [f"{source}: {plural(len(outcomes) + len(problems), 'record')}: {len(result.added)} added, "
             f"{plural(len(duplicates), 'duplicate')} left out, {len(result.updated)} updated, "
             f"{len(problems)} unusable"]
    if verbose:
        details = [describe(o, library) for o in outcomes] + [f"left out: {p}" for p in problems]
    else:
        details = [f"left out: {p}" for p in problems] + [describe(o, library) for o in duplicates]
        details += [describe(o, library) for o in result.updated]
    details = result.refused + details
    if len(details) > shown and not verbose:
        details = details[:shown] + [f"... and {len(details) - shown} more (--verbose lists every record)"]
    return "\n".join(lines + [f"  {d}" for d in details]) + "\n"
