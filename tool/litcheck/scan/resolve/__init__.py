"""Match footnotes, reference-list items and in-text citations to library entries.

A footnote or reference item is parsed into author, title, year, venue and volume, and scored
against candidate entries (those sharing a title or author word) with rapidfuzz:

    score = 0.70 title + 0.15 author/organisation + 0.10 year + 0.05 venue   (author given)
    score = 0.80 title + 0.15 year + 0.05 venue                                  (no author part)

Title similarity dominates on purpose: a footnote that names a real work with the wrong year,
venue or even author (an NGO credited with another body's report) must still resolve to that
work, so that `citation-mismatch` can say what is wrong. Below THRESHOLD the footnote is
unresolved. Author-date citations resolve on the exact (accent- and case-folded) family name or
organisation name, short name or variant, plus the year; the reference list is consulted first.

The stages: `text` (folding), `index` (the library's works), `references` (parsing a note),
`scoring` (note against work), `items` (a citation against the document's reference list);
this module resolves a whole document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from litcheck.scan.citations.model import Citation
from litcheck.scan.resolve.index import LibraryIndex, org_forms
from litcheck.scan.resolve.items import match_reference_item
from litcheck.scan.resolve.references import parse_reference, split_works
from litcheck.scan.resolve.scoring import Match, match_reference
from litcheck.scan.resolve.text import norm, tokens


@dataclass
class Resolution:
    footnotes: dict[str, Match] = field(default_factory=dict)  # label -> match
    references: list[Match] = field(default_factory=list)  # parallel to doc.references


_IBID = re.compile(r"^\s*(?:ibid|id)\b\.?", re.I)
_SUPRA = re.compile(r"\b(?:supra\s+)?(?:note|n)\.?\s+(\d{1,3})\b", re.I)


def resolve_document(doc, citations: list[Citation], index: LibraryIndex) -> Resolution:
    res = Resolution()
    previous: Match | None = None
    for label in sorted(doc.footnotes, key=lambda l: (not l.isdigit(), int(l) if l.isdigit() else 0, l)):
        note = doc.footnotes[label]
        if _IBID.match(note.text) and previous is not None:
            match = Match(previous.key, previous.score, previous.parts, None, previous.keys)
        elif (sm := _SUPRA.search(note.text)) and len(note.text.split()) <= 8 and sm.group(1) in res.footnotes:
            ref = res.footnotes[sm.group(1)]
            match = Match(ref.key, ref.score, ref.parts, None, ref.keys)
        else:
            match = match_reference(note.text, index)
        res.footnotes[label] = match
        previous = match
    for item in doc.references:
        res.references.append(match_reference(item.text, index))
    for c in citations:
        _resolve_citation(c, doc, res, index)
    return res


def _resolve_citation(c: Citation, doc, res: Resolution, index: LibraryIndex) -> None:
    if c.kind == "footnote":
        ms = [res.footnotes.get(l) for l in c.labels]
        keys = [k for m in ms if m for k in (m.keys or ([m.key] if m.key else []))]
        c.keys = list(dict.fromkeys(keys))
        c.key = c.keys[0] if c.keys else None
        c.score = max((m.score for m in ms if m), default=0.0)
        missing = [l for l, m in zip(c.labels, ms) if m is None]
        c.note = f"no footnote text for {', '.join(missing)}{_empty(missing, doc)}" if missing else ""
        return
    if c.kind == "pandoc":
        known = [k for k in c.labels if k in index.works]
        c.keys = known
        c.key = known[0] if known else None
        c.score = 1.0 if len(known) == len(c.labels) else 0.0
        if len(known) < len(c.labels):
            c.note = "not in the library: " + ", ".join(k for k in c.labels if k not in index.works)
        return
    if c.kind == "numeric":
        keys, missing = [], []
        for label in c.labels:
            item = doc.reference_index(label)
            if item is None and label in doc.footnotes:
                m = res.footnotes[label]
                keys.extend(m.keys or ([m.key] if m.key else []))
                continue
            if item is None:
                missing.append(label)
                continue
            m = res.references[item]
            keys.extend(m.keys or ([m.key] if m.key else []))
            c.via_reference = item
        c.keys = list(dict.fromkeys(keys))
        c.key = c.keys[0] if c.keys else None
        c.score = 1.0 if c.key else 0.0
        if missing:
            c.note = "no reference-list item " + ", ".join(missing) + _empty(missing, doc)
        return
    if c.kind == "author-date":
        _resolve_author_date(c, doc, res, index)
        if c.key is None and c.via_reference is None and doc.footnotes:
            # a note of the document naming the same author or body and year ("The Bureau of
            # Justice Statistics (2019) reports ...⁷" with note 7 by the Bureau, 2019)
            label = _note_naming(c, doc, name_forms(c.names[0], index) if c.names else set())
            if label is not None:
                c.via_note = label
                c.note = f"footnote {label}"
        return
    if c.kind == "named":
        _resolve_named(c, doc, index)
        return
    if c.kind == "link" and c.anchor:
        _resolve_anchored_link(c, doc, res)
        return
    if c.kind == "title":
        _resolve_title(c, doc, res)


def _resolve_anchored_link(c: Citation, doc, res: Resolution) -> None:
    """Words linked to a reference item's anchor cite that item (or nothing, if no item has it)."""
    i = doc.anchored_item(c.anchor)
    if i is None:
        c.note = f"it links to #{c.anchor}, which no reference item carries"
        return
    m = res.references[i]
    c.via_reference = i
    c.key, c.keys, c.score = m.key, (m.keys or ([m.key] if m.key else [])), m.score
    c.note = f"reference-list item {i + 1}"


EMPTY_ITEM = " (the item is there but empty)"


def _empty(labels: list[str], doc) -> str:
    """Say so when every missing label is an item without text, not an item that is absent."""
    return EMPTY_ITEM if all(label in doc.empty_items for label in labels) else ""


def _resolve_title(c: Citation, doc, res: Resolution) -> None:
    """A work the prose names by title: the note the sentence cites or the reference item with
    that title; the prose's title and year are compared with it (c.ref_diffs)."""
    from rapidfuzz import fuzz

    from litcheck.scan.citations import sentence_note_labels

    t = norm(c.title)
    candidates = []  # (score, where, label or index, parts)
    for label in sentence_note_labels(doc, doc.sentences[c.sentence]):
        for parts in split_works(doc.footnotes[label].text):
            if parts.title:
                candidates.append((fuzz.token_set_ratio(t, norm(parts.title)), "note", label, parts))
    for i, item in enumerate(doc.references):
        parts = parse_reference(item.text)
        if parts.title:
            candidates.append((fuzz.token_set_ratio(norm(_without_authors(c.title, parts)), norm(parts.title)), "item", i, parts))
    if not candidates:
        return
    score, where, which, parts = max(candidates, key=lambda x: x[0])
    if score < 80:
        return
    if where == "note":
        c.via_note, place = which, f"footnote {which}"
        m = res.footnotes.get(which)
    else:
        c.via_reference, place = which, f"reference item {which + 1}, line {doc.references[which].line}"
        m = res.references[which]
    if m is not None and m.key:
        c.key, c.keys, c.score = m.key, (m.keys or [m.key]), m.score
    c.note = place
    c.title = _without_authors(c.title, parts)
    mine, theirs = tokens(c.title), tokens(parts.title)
    if mine != theirs and not _short_title(mine, parts.title):
        c.ref_diffs.append(f"the title '{c.title}' ({place}: '{parts.title}')")
    if c.year is not None and parts.year is not None and c.year != parts.year:
        c.ref_diffs.append(f"the year {c.year} ({place}: {parts.year})")


def _without_authors(title: str, parts) -> str:
    """The title less the item's author names run on after it: an unquoted title has no end of its
    own ("In his paper Decoding OECD Guidelines Baker describes", "... Unseen Achterberg and Lee")."""
    names = set(tokens(parts.authors)) - set(tokens(parts.title))
    words = title.split()
    while len(words) > 3 and (words[-1] in ("and", "&") or tokens(words[-1]) and set(tokens(words[-1])) <= names):
        words.pop()
    return " ".join(words)


def _short_title(mine: list[str], title: str) -> bool:
    """The prose gives the title in its own order of words, or cut where the title has a break
    (a subtitle, a series after a comma): "Keys Under Doormats" for "Keys Under Doormats: Mandating
    Insecurity ...", or the subtitle alone. A word dropped or changed where the title runs on
    ("... for Cryptography" for "... for Cryptography Policy") makes another title."""
    if sorted(mine) == sorted(tokens(title)):
        return True
    parts = [tokens(p) for p in _BREAK.split(title)]
    return any(mine == [t for p in parts[a:b] for t in p] for a in range(len(parts)) for b in range(a + 1, len(parts) + 1))


_BREAK = re.compile(r"[:.?!,;]\s|\s[–—-]\s|\s\(")


def name_forms(name: str, index: LibraryIndex) -> set[str]:
    """Normalised forms of an author or body name (memoised per index: a long document names the
    same bodies thousands of times)."""
    cache = index.__dict__.setdefault("_forms_cache", {})
    forms = cache.get(name)
    if forms is None:
        forms = cache[name] = frozenset(f for f in {norm(name)} | org_forms(name, index.vocabulary) if f)
    return set(forms)


def _keys_by_alias(index: LibraryIndex) -> dict[str, set[str]]:
    """Library keys by the normalised form of each of their aliases, built once per index: every
    citation of a name the library does not hold used to normalise every alias of every work."""
    table = index.__dict__.get("_alias_keys")
    if table is None:
        table = {}
        for k, w in index.works.items():
            for a in w.aliases:
                table.setdefault(norm(a), set()).add(k)
        index.__dict__["_alias_keys"] = table
    return table


def _resolve_author_date(c: Citation, doc, res: Resolution, index: LibraryIndex) -> None:
    first = c.names[0] if c.names else ""
    forms = name_forms(first, index)
    # 1. the document's own reference list
    if doc.references:
        found = match_reference_item(c, doc, forms)
        if found is None and c.anchor:
            c.note = f"it links to #{c.anchor}, which no reference item carries"
            return
        if found is not None:
            i, c.ref_diffs = found
            c.via_reference = i
            m = res.references[i]
            c.key, c.keys, c.score = m.key, (m.keys or ([m.key] if m.key else [])), m.score
            c.note = f"reference-list item {i + 1}" + ("" if m.key else " (not in the library)")
            return
    # 2. the library
    keys: set[str] = set()
    for f in forms:
        keys |= index.by_creator.get(f, set())
    if not keys:
        aliased = set().union(*(_keys_by_alias(index).get(f, ()) for f in forms))
        keys = {k for k in index.works if k in aliased} if aliased else set()  # in the library's order
    if len(c.names) > 1 and not c.et_al:
        for other in c.names[1:]:
            other_keys: set[str] = set()
            for f in name_forms(other, index):
                other_keys |= index.by_creator.get(f, set())
            if keys & other_keys:
                keys &= other_keys
    if not keys:
        c.note = f"no library entry by {first}"
        return
    works = [index.works[k] for k in keys]
    if c.year is None:
        if len(works) == 1:
            c.key, c.keys, c.score = works[0].key, [works[0].key], 0.6
            return
        c.via_reference = -1  # names a body the library holds, but no single work: not dangling
        c.note = f"names {first} only; the library holds {len(works)} works by it"
        return
    exact = [w for w in works if c.year in w.years]
    if exact:
        suffix = c.year_text[4:5] if len(c.year_text) > 4 and c.year_text[4].isalpha() else ""
        exact.sort(key=lambda w: w.key)
        pick = exact[ord(suffix) - ord("a")] if suffix and ord(suffix) - ord("a") < len(exact) else exact[0]
        c.key, c.keys, c.score = pick.key, [pick.key], 0.95 if len(exact) == 1 else 0.8
        return
    near = [w for w in works if w.year and abs(w.year - c.year) <= 1]
    if len(works) == 1 and near:
        c.key, c.keys, c.score = near[0].key, [near[0].key], 0.7
        c.year_mismatch = True
        c.note = f"the library's work by {first} is from {near[0].year}"
        return
    c.note = f"{first} has no {c.year} work in the library (has {', '.join(sorted(str(w.year) for w in works if w.year))})"


def _note_naming(c: Citation, doc, forms: set[str]) -> str | None:
    """The footnote that names the citation's author or body (and its year, when it gives one):
    the sentence's own notes first, then any note."""
    own = [l for x in doc.sentences[c.sentence:c.sentence + 1] for l in _sentence_note_labels(doc, x)]
    for label in own + [l for l in doc.footnotes if l not in own]:
        text = doc.footnotes[label].text
        padded = f" {norm(text)} "
        if any(f" {f} " in padded for f in forms) and (c.year is None or str(c.year) in text):
            return label
    return None


def _sentence_note_labels(doc, sent) -> list[str]:
    from litcheck.scan.citations import sentence_note_labels

    return sentence_note_labels(doc, sent)


def _resolve_named(c: Citation, doc, index: LibraryIndex) -> None:
    sets = []
    for name in c.names:
        keys: set[str] = set()
        forms = name_forms(name, index)
        if c.note == "person":
            parts = norm(name).split()
            forms = {parts[-1]} if parts else set()
        for f in forms:
            keys |= index.by_creator.get(f, set())
        sets.append(keys)
    if not sets or not any(sets):
        return
    both = set.intersection(*sets) if all(sets) else set()
    pool = both or set.union(*sets)
    works = [index.works[k] for k in sorted(pool)]  # sorted: equal ranks resolve the same way on every run
    sent_tokens = set(tokens(doc.sentences[c.sentence].text))
    ranked = sorted(works, key=lambda w: (len(w.title_tokens & sent_tokens), -(abs((w.year or 0) - (c.year or w.year or 0)))), reverse=True)
    if c.year is not None:
        same_year = [w for w in ranked if c.year in w.years]
        if same_year:
            c.key, c.keys, c.score = same_year[0].key, [same_year[0].key], 0.8 if len(same_year) == 1 else 0.65
            return
    if both and len(c.names) > 1 and len(both) == 1:
        w = works[0]
        c.key, c.keys, c.score = w.key, [w.key], 0.7
        c.year_mismatch = c.year is not None and c.year not in w.years
        return
    if c.note == "person" and len(works) == 1:
        c.key, c.keys, c.score = works[0].key, [works[0].key], 0.6
        return
    overlap = len(ranked[0].title_tokens & sent_tokens) if ranked else 0
    if ranked and overlap >= 3 and (len(ranked) == 1 or overlap > len(ranked[1].title_tokens & sent_tokens)):
        w = ranked[0]
        c.key, c.keys, c.score = w.key, [w.key], 0.6
        c.year_mismatch = c.year is not None and c.year not in w.years
        return
    c.note = f"{' and '.join(c.names)} named; no single work identified"
