"""Selecting, ordering and grouping library entries: plain functions over a Library.

Filters combine with AND; the values of one repeatable filter combine with OR
(`--topic grooming --topic recruitment` = works on grooming or on recruitment).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from litcheck.errors import LitcheckError
from litcheck.library.entry import Entry, split_list
from litcheck.listing.rows import RowList, few_stored_bytes, picker, sort_rows

SORTS = ("author", "year", "oldest", "title", "relevance")
GROUPS = ("topic", "org", "kind", "year", "none")
OTHER = "Other"


class SelectionError(LitcheckError, ValueError):
    """A filter value that names nothing (unknown topic, kind, state or key)."""


@dataclass
class Filters:
    topics: list[str] = field(default_factory=list)
    orgs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    states: list[str] = field(default_factory=list)
    since: int | None = None
    until: int | None = None
    text: str | None = None
    keys: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.topics or self.orgs or self.kinds or self.states or self.text or self.keys
                    or self.since is not None or self.until is not None)

    @classmethod
    def from_mapping(cls, data: dict, where: str = "filter") -> "Filters":
        """Build from a saved list's `filter:` mapping (singular or plural names, str or list)."""
        aliases = {"topic": "topics", "topics": "topics", "org": "orgs", "orgs": "orgs",
                   "organisation": "orgs", "kind": "kinds", "kinds": "kinds", "verified": "states",
                   "status": "states", "since": "since", "until": "until", "text": "text", "keys": "keys"}
        values: dict = {}
        for name, value in (data or {}).items():
            if name not in aliases:
                raise SelectionError(f"{where}: unknown filter {name!r} (use {', '.join(sorted(set(aliases)))})")
            target = aliases[name]
            if target in ("since", "until"):
                if not isinstance(value, (int, str)) or not str(value).strip().isdigit():
                    raise SelectionError(f"filter `{name}` must be a year")
                values[target] = int(value)
            elif target == "text":
                values[target] = str(value)
            else:
                values[target] = split_values(value if isinstance(value, list) else [value])
        return cls(**values)


def split_values(values: Iterable) -> list[str]:
    """Flatten repeatable option values that may also be comma-separated: ('a,b', 'c') -> [a, b, c]."""
    out: list[str] = []
    for value in values or ():
        out.extend(v.strip() for v in str(value).split(",") if v.strip())
    return out


def entry_orgs(entry: Entry, vocabulary=None) -> list[str]:
    """Organisations behind an entry: organisation authors/editors, then institution/publisher.

    Names are canonical vocabulary names where the vocabulary knows them, so `--org UNODC`,
    `--org "UN Office on Drugs and Crime"` and the full name all select the same works.
    """
    vocab = vocabulary or _vocabulary()
    found: list[str] = []
    candidates = [n.literal for n in entry.creators if n.is_organisation and n.literal != "others"]
    candidates += [entry.text(f) for f in ("institution", "organization", "publisher") if entry.get(f)]
    for name in candidates:
        org = vocab.canonical_org(name) if vocab else None
        canonical = org.name if org else name
        if canonical not in found:
            found.append(canonical)
    return found


def _vocabulary():
    try:
        from litcheck.library.vocabulary import load_vocabulary

        return load_vocabulary()
    except Exception:  # a missing or broken vocabulary must not stop a reading list
        return None


def validate(filters: Filters, library) -> None:
    """Reject names that cannot match anything, so a typo is not an empty list."""
    vocab = _vocabulary()
    if filters.topics and not (vocab and library.uses_house_fields):
        _check_own_keywords(filters.topics, library)
    if vocab:
        if filters.topics and library.uses_house_fields:
            for topic in filters.topics:
                if topic.lower() not in vocab.topics:
                    raise SelectionError(f"unknown topic {topic!r}; topics: {', '.join(vocab.topics)}")
        for kind in filters.kinds:
            if kind.lower() not in vocab.kinds:
                raise SelectionError(f"unknown source kind {kind!r}; kinds: {', '.join(vocab.kinds)}")
        for state in filters.states:
            if state.lower() not in vocab.states:
                raise SelectionError(f"unknown verification state {state!r}; states: {', '.join(vocab.states)}")
    missing = [k for k in filters.keys if library.get(k) is None]
    if missing:
        raise SelectionError(f"no entry with key {', '.join(missing)}")
    if filters.since is not None and filters.until is not None and filters.since > filters.until:
        raise SelectionError(f"--since {filters.since} is after --until {filters.until}")


def _check_own_keywords(topics: list[str], library) -> None:
    """A library that is not litcheck's own (a Zotero or JabRef export) is filtered by its own
    keywords: a topic is known when some entry has it; otherwise the error names the library's
    most used keywords."""
    from collections import Counter

    wanted = {t.lower() for t in topics}
    counts: Counter = Counter()
    for raw, times in Counter(library.column("keywords")).items():
        for keyword in split_list(raw or ""):
            counts[keyword] += times
    if wanted <= set(counts):
        return
    missing = next(t for t in topics if t.lower() not in counts)
    common = ", ".join(k for k, _ in counts.most_common(15)) or "none"
    raise SelectionError(f"unknown topic {missing!r}: no entry has it as a keyword "
                         f"(most used keywords: {common}{', ...' if len(counts) > 15 else ''})")


def _org_matcher(wanted: list[str]):
    vocab = _vocabulary()
    targets = set()
    for name in wanted:
        org = vocab.canonical_org(name) if vocab else None
        targets.add((org.name if org else name).casefold())

    def match(entry: Entry) -> bool:
        names = [n.casefold() for n in entry_orgs(entry, vocab)]
        # exact canonical match, or the wanted text inside a longer body name
        # ("UNODC" canonicalises; "Regional Office" matches "UNODC, Regional Office ...")
        return any(n in targets or any(t in n for t in targets) for n in names)

    return match


def text_scores(library, query: str) -> dict[str, float]:
    """key -> relevance for a full-text query over entries and notes (the ranked search of
    `litcheck.listing.search`)."""
    from litcheck.listing.search import search_scores

    return search_scores(library, query)


def select(library, filters: Filters, vet=None) -> tuple[list[Entry], dict[str, float]]:
    """Entries matching every filter (library order), and relevance scores when --text is used;
    a big selection of one indexed file comes as row numbers (a `rows.RowList`).

    Topic, kind, state and year filters are one query of the library's filter index (SQLite
    tables with indexes on those fields, `index.filters`). The entries are made for the
    selection (the library does not keep them) and hold no field once tested, so selecting
    100,000 works costs a few MB. `vet(entries)` sees every selected entry in a pass of its
    own before the list is made (a style's refusal, before a million entries are held)."""
    scores = text_scores(library, filters.text) if filters.text else {}
    passing = _passing_keys(library, filters)  # in library order
    in_order = passing is not None
    if filters.text:
        passing = scores if passing is None else {k: None for k in passing if k in scores}
    match = _org_matcher(filters.orgs) if filters.orgs else None

    def made():
        if filters.keys:
            chosen = (library.peek(k) for k in dict.fromkeys(filters.keys))
        elif passing is not None and 64 * len(passing) < len(library):  # a few: made by key
            # (a lookup by key costs about 60 times making an entry in a pass over all of them:
            # 19 us against 0.3 us on the 99k-entry bench file)
            # in library order: the filter index gives its keys so, text scores come by rank
            order = passing if in_order else (k for k in library.entries if k in passing)
            chosen = (library.peek(k) for k in order)
        else:
            chosen = library.each()
        for entry in chosen:
            if entry is None or (passing is not None and entry.key not in passing):
                continue
            if match is not None and not match(entry.transient()):
                continue
            yield entry

    if vet is not None:
        vet(made())
    from litcheck.listing.rows import gather

    return gather(made(), library.row_source()), scores


def _passing_keys(library, filters: Filters) -> dict[str, None] | None:
    """Keys of the entries passing the topic, kind, state and year filters, in library order
    (None when there are none): a query of the library's filter index (`index.filters`)."""
    if not (filters.topics or filters.kinds or filters.states or filters.since is not None
            or filters.until is not None):
        return None
    from litcheck.index.filters import passing_keys

    return passing_keys(library, filters.topics, filters.kinds, filters.states, filters.since, filters.until)




def sort_entries(entries: list[Entry], how: str | None, scores: dict[str, float] | None = None) -> list[Entry]:
    """Order entries: author (then year, title), year (newest first), oldest (oldest first),
    title, or relevance."""
    if how in (None, "", "none"):
        return entries if isinstance(entries, RowList) else list(entries)
    if how not in SORTS:
        raise SelectionError(f"unknown sort {how!r}; choose from {', '.join(SORTS)}")
    key = _sort_key(how, scores or {})
    if isinstance(entries, RowList):  # each entry is made for its key and let go
        return sort_rows(entries, key)
    # A sort keeps the fields it reads on the entries (for the renderer: read once, not twice)
    # while they are few; else each is read for its sort key and let go.
    return sorted(entries, key=key if few_stored_bytes(entries) else lambda e: key(e.transient()))


# Sort keys from an entry and its display values (`display.of`: stored for an indexed file's
# entries, as parsing names and decoding titles was most of the time of a warm listing).
_SORT_KEYS = {
    "author": lambda scores: lambda e, d: (d.author_key, e.year or 0, d.title.casefold()),
    "year": lambda scores: lambda e, d: (-(e.year or 0), d.author_key, d.title.casefold()),
    "oldest": lambda scores: lambda e, d: (e.year or 10_000, d.author_key, d.title.casefold()),
    "title": lambda scores: lambda e, d: (d.title.casefold(), e.year or 0),
    "relevance": lambda scores: lambda e, d: (-scores.get(e.key, 0.0), d.author_key, e.year or 0),
}


def _sort_key(how: str, scores: dict[str, float]):
    from litcheck.listing.display import of

    key = _SORT_KEYS[how](scores)
    return lambda e: key(e, of(e))


def group_entries(entries: list[Entry], how: str | None, only_topics: list[str] | None = None) -> list[tuple[str, list[Entry]]]:
    """Split (already sorted) entries into titled groups, keeping their order inside each group.

    topic: one group per topic in vocabulary order; a work on two topics is listed under both
    (restricted to `only_topics` when a topic filter is active). org: the first organisation
    behind the work. kind: the source kind. year: newest first. Works without a value go last
    under "Other".
    """
    if how in (None, "", "none"):
        return [("", entries if isinstance(entries, RowList) else list(entries))]
    vocab = _vocabulary()
    groups: dict[str, list] = {}
    pick, make = picker(entries)  # a group of a RowList keeps row numbers
    if how == "topic":
        order = list(vocab.topics) if vocab else []
        wanted = {t.lower() for t in only_topics or []}
        for e in entries:
            topics = [t for t in e.keywords if not wanted or t in wanted] or [OTHER]
            for t in topics:
                groups.setdefault(t, []).append(pick(e))
        names = sorted(groups, key=lambda t: (t == OTHER, order.index(t) if t in order else len(order), t))
        return [(_topic_title(t, vocab), make(groups[t])) for t in names]
    if how == "org":
        for e in entries:
            orgs = entry_orgs(e.transient(), vocab)
            groups.setdefault(orgs[0] if orgs else OTHER, []).append(pick(e))
        names = sorted(groups, key=lambda o: (o == OTHER, o.casefold()))
        return [(o, make(groups[o])) for o in names]
    if how == "kind":
        order = list(vocab.kinds) if vocab else []
        for e in entries:
            groups.setdefault(e.kind or OTHER, []).append(pick(e))
        names = sorted(groups, key=lambda k: (k == OTHER, order.index(k) if k in order else len(order), k))
        return [(_kind_title(k), make(groups[k])) for k in names]
    if how == "year":
        for e in entries:
            groups.setdefault(str(e.year) if e.year else OTHER, []).append(pick(e))
        names = sorted(groups, key=lambda y: (y == OTHER, -int(y) if y != OTHER else 0))
        return [(y, make(groups[y])) for y in names]
    raise SelectionError(f"unknown grouping {how!r}; choose from {', '.join(GROUPS)}")


def _topic_title(topic: str, vocab) -> str:
    if topic == OTHER:
        return "Other topics"
    return topic.replace("-", " ").capitalize().replace("Csam", "CSAM").replace("Ai ", "AI ").replace("Covid", "COVID")


_KIND_TITLES = {"official-report": "Official reports and statistics", "ngo-report": "NGO reports",
                "industry-report": "Industry reports", "peer-reviewed": "Peer-reviewed research",
                "book": "Books", "chapter": "Book chapters", "thesis": "Theses",
                "working-paper": "Working papers", "law": "Laws and regulations",
                "treaty": "Treaties and conventions", "court-decision": "Court decisions",
                "press-release": "Press releases", "news": "News reports",
                "web-article": "Web pages and articles", "dataset": "Datasets"}


def _kind_title(kind: str) -> str:
    return _KIND_TITLES.get(kind, "Other" if kind == OTHER else kind.replace("-", " ").capitalize())
