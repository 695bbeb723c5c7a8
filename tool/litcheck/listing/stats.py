"""What the library holds, counted (`litcheck stats`)."""

from __future__ import annotations

from collections import Counter


def library_stats(lib) -> dict:
    """Counts by source kind, verification state, topic, body and decade, plus note coverage."""
    orgs = Counter(n.literal for e in lib for n in e.creators if n.is_organisation)
    return {
        "entries": len(lib),
        "notes": len(lib.notes),
        "entries_with_note": sum(1 for e in lib if e.key in lib.notes),
        "files": {f: sum(1 for e in lib if e.file == f) for f in lib.bib_files},
        "verification": dict(Counter(e.status or "(none)" for e in lib).most_common()),
        "kind": dict(Counter(e.kind or "(none)" for e in lib).most_common()),
        "topics": dict(Counter(k for e in lib for k in e.keywords).most_common()),
        "organisations": dict(orgs.most_common()),
        "decades": dict(sorted(Counter(f"{e.year // 10 * 10}s" if e.year else "(none)" for e in lib).items())),
    }


def render_stats(data: dict) -> str:
    """`library_stats` as text: the totals, then one block of counts per facet."""
    lines = [f"{data['entries']} entries; {data['entries_with_note']} with a note ({data['notes']} notes)"]
    for title in ("files", "verification", "kind", "topics", "organisations", "decades"):
        lines.append(f"\n{title}:")
        lines += [f"  {count:>6}  {name}" for name, count in data[title].items()]
    return "\n".join(lines) + "\n"
