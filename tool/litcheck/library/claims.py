"""The claims registers of the notes, flattened into one verification worklist.

`collect_claims` is the stable entry point: `litcheck claims` prints its rows, and the
scanner's `known-claim` rule reads it to recognise claims already judged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

STATUSES = ("confirmed", "false", "misleading", "unconfirmed", "disputed")
FIELDS = ("article", "id", "where", "claim", "cites", "status", "evidence")


def _text(value) -> str:
    """A front matter value as one line of text (lists joined with '; ')."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value if v is not None)
    return " ".join(str(value).split())


@dataclass(frozen=True)
class Claim:
    id: str
    article: str  # key of the note holding the register (an article under review, or a work documenting a claim)
    claim: str
    where: str  # "para 3", "fn 14", ...
    cites: str  # what the article cites for it: "none", "fn 14" or a key
    status: str  # confirmed | false | misleading | unconfirmed | disputed (lower-cased)
    evidence: str
    file: str = ""
    line: int = 0  # 1-based line of the claim in the note's front matter
    topics: tuple[str, ...] = ()  # the claim's own, else its linked works', else the article's
    keys: tuple[str, ...] = field(default=())  # library keys named in cites/evidence

    def as_dict(self) -> dict:
        data = asdict(self)
        data["topics"] = list(self.topics)
        data["keys"] = list(self.keys)
        return data


def _keys_in(item: dict, library) -> list[str]:
    """Keys a claim names: `[@key]` links in any field, and a bare key given as `cites`."""
    from litcheck.library.notes import find_links

    keys = [l.key for name in ("cites", "evidence", "claim") for l in find_links(_text(item.get(name)))]
    for word in _text(item.get("cites")).replace(",", " ").replace(";", " ").split():
        word = word.lstrip("@")
        if word in library.entries:
            keys.append(word)
    return list(dict.fromkeys(keys))


def _topics(item: dict, keys: list[str], article: str, library) -> tuple[str, ...]:
    own = item.get("topics")
    if own:
        values = own if isinstance(own, list) else str(own).split(",")
        return tuple(dict.fromkeys(str(v).strip().lower() for v in values if str(v).strip()))
    linked = [t for k in keys if k != article and library.get(k) for t in library.get(k).keywords]
    if linked:
        return tuple(dict.fromkeys(linked))
    note = library.note(article)
    from_note = note.meta.get("topics") if note else None
    if isinstance(from_note, list) and from_note:
        return tuple(str(t).strip().lower() for t in from_note)
    entry = library.get(article)
    return tuple(entry.keywords) if entry else ()


def collect_claims(library, statuses=None, article: str | None = None, topic: str | None = None) -> list[Claim]:
    """Every well-formed item of every note's `claims:` register, in article then register order.

    Items that are not mappings are skipped (the `claim-status` check reports them). Filters:
    `statuses` (any of), `article` (note key), `topic` (matches the claim's topics: its own
    `topics:`, else the keywords of the works it links to, else the article's topics).
    """
    wanted = {s.strip().lower() for s in statuses} if statuses else None
    out: list[Claim] = []
    for key in sorted(library.notes):
        if article and key != article:
            continue
        note = library.notes[key]
        for index, item in enumerate(_register(note)):
            if not isinstance(item, dict):
                continue
            status = _text(item.get("status")).lower()
            if wanted is not None and status not in wanted:
                continue
            keys = _keys_in(item, library)
            topics = _topics(item, keys, key, library)
            if topic and topic.strip().lower() not in topics:
                continue
            line = note.claim_lines[index] if index < len(note.claim_lines) else note.meta_lines.get("claims", 1)
            out.append(Claim(id=_text(item.get("id")), article=key, claim=_text(item.get("claim")),
                             where=_text(item.get("where")), cites=_text(item.get("cites")), status=status,
                             evidence=_text(item.get("evidence")), file=note.path, line=line,
                             topics=topics, keys=tuple(keys)))
    return out


def _register(note) -> list:
    value = note.meta.get("claims")
    return value if isinstance(value, list) else []


def status_counts(claims: list[Claim]) -> dict[str, int]:
    """Claims per status, in the register's status order (unknown statuses last)."""
    from collections import Counter

    counts = Counter(c.status for c in claims)
    ordered = {s: counts[s] for s in STATUSES if counts[s]}
    ordered.update({s: n for s, n in sorted(counts.items()) if s not in ordered})
    return ordered


def render_claims(claims: list[Claim], fmt: str) -> str:
    """table | md | csv | json."""
    if fmt == "json":
        from litcheck.cli.jsonout import dump_json

        return dump_json([c.as_dict() for c in claims])
    rows = [[getattr(c, f) for f in FIELDS] for c in claims]
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(list(FIELDS) + ["file", "line"])
        writer.writerows(r + [c.file, c.line] for r, c in zip(rows, claims))
        return buffer.getvalue()
    if fmt == "md":
        escape = lambda s: s.replace("\\", "\\\\").replace("|", "\\|")
        lines = ["| " + " | ".join(FIELDS) + " |", "|" + "---|" * len(FIELDS)]
        lines += ["| " + " | ".join(escape(v) for v in r) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    from litcheck.cli.table import render_table

    return render_table(list(FIELDS), rows, 60)
