"""`tidy`: one layout for every entry, without changing what any entry says.

Per entry: lower-case type and field names, house field order and alignment
(`bibwrite.format_entry`), `{...}` instead of `"..."` and bare numbers, month macros bare,
and organisations spelled as the vocabulary spells them (what the `org-variant` check asks
for). Macro references and `#` concatenations are kept as written (inlining them would
lose the user's `@string` definitions); comments, `@string` and `@preamble` blocks and the
text between entries are never touched. An entry litcheck cannot lay out exactly (a comment
inside it, say) is left as it is and reported. Tidying a tidy file changes nothing.
Keys are renamed to the key pattern only on request, since every document that cites a key
breaks when it changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from litcheck.editing.bibdoc import BibDocument, end_of_braced, end_of_quoted, entry_layout
from litcheck.editing.bibwrite import MONTH_MACROS, braces_balanced, escape_latex, format_entry
from litcheck.library.keys import follows_pattern, generate_key
from litcheck.library.vocabulary import load_vocabulary

ORG_FIELDS = ("institution", "publisher", "organization")
NAME_FIELDS = ("author", "editor")
_AND = re.compile(r"\s+and\s+")


def _single_braced(expr: str) -> bool:
    return expr.startswith("{") and end_of_braced(expr, 0) == len(expr)


def _single_quoted(expr: str) -> bool:
    return expr.startswith('"') and end_of_quoted(expr, 0) == len(expr)


def _canonical(text: str) -> str | None:
    """The vocabulary's spelling of an organisation, if `text` is another spelling of one."""
    if "\\" in text or "{" in text:
        return None
    org = load_vocabulary().canonical_org(text)
    return escape_latex(org.name) if org and " ".join(text.split()) != org.name else None


def _split_names(inner: str) -> list[str]:
    """Split a name list at ` and ` outside braces."""
    parts, depth, last = [], 0, 0
    i = 0
    while i < len(inner):
        c = inner[i]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and c.isspace():
            m = _AND.match(inner, i)
            if m:
                parts.append(inner[last:i])
                last = i = m.end()
                continue
        i += 1
    parts.append(inner[last:])
    return parts


def _org_spelling(name: str, inner: str) -> str:
    if name in NAME_FIELDS:
        parts = _split_names(inner)
        fixed = []
        for part in parts:
            core = part.strip()
            better = _canonical(core[1:-1]) if _single_braced(core) else None
            fixed.append("{" + better + "}" if better else part)
        return " and ".join(p.strip() for p in fixed) if fixed != parts else inner
    if name in ORG_FIELDS:
        wrapped = _single_braced(inner)
        better = _canonical(inner[1:-1] if wrapped else inner)
        if better:
            return "{" + better + "}" if wrapped else better
    return inner


def tidy_expression(name: str, expr: str) -> str:
    """The house form of one value expression (same meaning, same BibTeX output)."""
    expr = expr.strip()
    if _single_quoted(expr) and braces_balanced(expr[1:-1]):
        inner = expr[1:-1]
    elif _single_braced(expr):
        inner = expr[1:-1]
    elif expr.isdigit():
        inner = expr
    else:
        return expr  # a macro or a concatenation: kept as written
    if name == "month" and inner.strip().lower() in MONTH_MACROS:
        return inner.strip().lower()
    return "{" + _org_spelling(name, inner) + "}"


def tidy_entry(raw: str, key: str | None = None) -> str | None:
    """The entry in house layout (under `key`, if given); None when it cannot be laid out
    exactly."""
    layout = entry_layout(raw)
    if layout is None or raw[layout.close + 1:].strip():
        return None
    fields = [(f.name.lower(), tidy_expression(f.name.lower(), f.expression(raw))) for f in layout.fields]
    if len({n for n, _ in fields}) != len(fields):
        return None
    return format_entry(layout.type, key or layout.key, fields)


@dataclass
class TidyResult:
    changed: list[tuple[str, str]] = field(default_factory=list)  # (file, key) of entries rewritten
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, key): not plain BibTeX
    renamed: dict[str, str] = field(default_factory=dict)  # old key -> new key
    kept: list[str] = field(default_factory=list)  # off-pattern keys not renamed: notes use them


def tidy_documents(documents: list[BibDocument], rename_keys: bool = False,
                   protected: frozenset[str] = frozenset()) -> TidyResult:
    """Rewrite every entry of the documents into house layout (in memory: commit writes).

    With `rename_keys`, a key off the pattern gets a generated one, except keys in
    `protected` (those notes are filed under or link to), which are reported instead.
    """
    result = TidyResult()
    taken = {key for doc in documents for key in doc.spans}
    for doc in documents:
        fields = {e.key: e.fields for e in doc.parsed.entries}
        for key in doc.spans:
            new_key = None
            if rename_keys and not follows_pattern(key) and doc.definitions.get(key) == 1:
                if key in protected:
                    result.kept.append(key)
                else:
                    new_key = generate_key(fields.get(key, {}), taken)
                    taken.add(new_key)
            tidy = tidy_entry(doc.entry_text(key), new_key)
            if tidy is None:
                result.skipped.append((str(doc.path), key))
                continue
            if new_key:
                result.renamed[key] = new_key
            if doc.replace_entry(key, tidy):
                result.changed.append((str(doc.path), key))
    return result


def note_keys(notes: str | None, documents: list[BibDocument]) -> frozenset[str]:
    """Keys that notes are filed under or link to (`tidy --rename-keys` must not rename them,
    or the notes would be orphaned): the notes of --notes, else of the settings, else the
    bundled notes when the documents are the bundled refs/."""
    from litcheck.library.notes import load_notes
    from litcheck.library.paths import checkout_root, resolve_notes_dir

    refs = (checkout_root() / "refs").resolve()
    bundled = all(d.path.resolve().parent == refs for d in documents)
    found, _ = load_notes(resolve_notes_dir(notes, bib_given=not bundled))
    return frozenset(found) | {link.key for note in found.values() for link in note.links}
