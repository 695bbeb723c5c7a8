"""One screen on the state of a library: what `litcheck summary` prints.

A newcomer's first command should end with something readable: whether the library is
healthy, the start of a reading list, how many claims the registers judge false or
misleading, and the commands that show more. Each part comes from the code the full
commands use (check report, saved lists, claims registers), so the numbers agree.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

WORKLIST = ("false", "misleading")


@dataclass
class Overview:
    entries: int
    notes: int
    counts: dict[str, int]  # severity -> findings at every level
    list_name: str = ""
    list_title: str = ""
    list_size: int = 0
    first_references: list[str] = field(default_factory=list)
    list_problem: str = ""  # why the reading list could not be shown
    claims: dict[str, int] = field(default_factory=dict)  # status -> claims (every register)
    articles: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def build_overview(library, list_name: str = "intro-course", style: str | None = "apa", first: int = 3) -> Overview:
    """The overview of `library`, with the first `first` references of saved list `list_name`
    formatted in `style` (None: the plain built-in format); unconfirmed works are left out of
    the list as `litcheck list` leaves them out."""
    from collections import Counter

    from litcheck.checks import check_report
    from litcheck.library.claims import collect_claims, status_counts

    report = check_report(library)
    counts = Counter()
    for (_, severity), n in report.counts.items():
        counts[severity] += n
    claims = collect_claims(library)
    view = Overview(len(library), len(library.notes), dict(counts), claims=status_counts(claims),
                    articles=len({c.article for c in claims}))
    if list_name:
        _add_list(view, library, list_name, style, first)
    return view


def _add_list(view: Overview, library, name: str, style: str | None, first: int) -> None:
    from litcheck.errors import LitcheckError
    from litcheck.listing.reading_lists import load_saved_list
    from litcheck.listing.render.common import format_all

    view.list_name = name
    try:
        reading = load_saved_list(library, name)
        reading.drop_unconfirmed()  # as `litcheck list` does by default
        entries = reading.entries()
        formatted = format_all(entries[:first], style, formats=("plain",))
    except LitcheckError as exc:
        view.list_problem = str(exc)
        return
    view.list_title, view.list_size = reading.title, len(entries)
    view.first_references = [formatted[e.key].reference["plain"] for e in entries[:first]]


def render_overview(view: Overview, width: int = 100, style: str | None = "apa") -> str:
    """The overview as a short text for people, wrapped to `width` columns."""
    import textwrap

    def para(text: str, indent: str = "  ", first: str | None = None) -> list[str]:
        return textwrap.wrap(text, width, initial_indent=indent if first is None else first,
                             subsequent_indent=indent) or [indent.rstrip()]

    errors, warnings, notices = (view.counts.get(s, 0) for s in ("error", "warning", "info"))
    if errors or warnings:
        health = f"{errors} errors and {warnings} warnings to fix (see them: litcheck check)"
    else:
        health = "no problems" + (f" ({notices} notices: litcheck check --level info)" if notices else "")
    out = para(f"Library: {view.entries} entries, {view.notes} notes; {health}.", "  ", "")
    if view.list_name:
        out.append("")
        if view.list_problem:
            out += para(f"Reading list {view.list_name!r}: {view.list_problem}", "  ", "")
        else:
            shown = len(view.first_references)
            out += para(f"Reading list {view.list_name!r} ({view.list_title}): {view.list_size} works; "
                        f"the first {shown}:", "  ", "")
            for n, reference in enumerate(view.first_references, start=1):
                out += para(reference, "     ", f"  {n}. ")
            styled = f" --style {style}" if style else ""
            out.append(f"  all of it: litcheck list --from {view.list_name}{styled}")
    judged = {s: view.claims.get(s, 0) for s in WORKLIST}
    total = sum(view.claims.values())
    if total:
        out.append("")
        out += para(f"Claims registers: {total} claims in {view.articles} registers; "
                    f"{judged['false']} false and {judged['misleading']} misleading.", "  ", "")
        out.append("  see them: litcheck claims --status false --status misleading")
    out += ["", "Next: litcheck scan docs/examples/draft.md   (flag the sentences of a draft that need checking)"]
    return "\n".join(out) + "\n"
