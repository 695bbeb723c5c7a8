"""Plain-text tables for the terminal (no dependency, so commands start fast)."""

from __future__ import annotations

MIN_COLUMN = 8


def render_table(headers: list[str], rows: list[list[str]], max_width: int = 70, width: int | None = None,
                 wrap: bool = False, keep_end: tuple[int, ...] = ()) -> str:
    """Left-aligned columns; cells longer than `max_width` are cut with an ellipsis, and the
    row is fitted to `width` characters (default: the terminal's): the last column gives way
    first, then the widest ones. With `wrap`, the last column is wrapped onto continuation
    lines instead of cut; columns in `keep_end` (a file:line location) lose their start
    instead of their end. --format json keeps the full text."""
    if width is None:
        from litcheck.cli.terminal import width as terminal_width

        width = terminal_width()
    last_limit = 10 * max_width if wrap else max_width
    cells = [[shorten(str(c), last_limit if i == len(row) - 1 else max_width) for i, c in enumerate(row)]
             for row in rows]
    widths = fit([max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)], width)
    pad = lambda row: [shorten(c, w, i in keep_end).ljust(w) for i, (c, w) in enumerate(zip(row, widths))]
    out = ["  ".join(pad(headers)).rstrip(), "  ".join("-" * w for w in widths)]
    for row in cells:
        if not wrap or len(row[-1]) <= widths[-1]:
            out.append("  ".join(pad(row)).rstrip())
            continue
        import textwrap

        pieces = textwrap.wrap(row[-1], widths[-1], break_long_words=True) or [""]
        out.append("  ".join(pad(row[:-1]) + [pieces[0]]).rstrip())
        indent = " " * (sum(widths[:-1]) + 2 * (len(widths) - 1))
        out += [indent + piece for piece in pieces[1:]]
    return "\n".join(out) + "\n"


def fit(widths: list[int], total: int, gap: int = 2) -> list[int]:
    """Column widths that fit in `total` characters with gaps: the last column (the free
    text) narrows first, down to a quarter of the row; then the widest columns are cut to one common
    width. No column goes below MIN_COLUMN (a very narrow terminal gets rows a little too wide)."""
    widths = list(widths)
    excess = sum(widths) + gap * (len(widths) - 1) - total
    if excess <= 0:
        return widths
    widths[-1] = max(min(widths[-1], max(MIN_COLUMN, total // 4)), widths[-1] - excess)
    room = total - gap * (len(widths) - 1)
    cap = max(widths)
    while sum(min(w, cap) for w in widths) > room and cap > MIN_COLUMN:
        cap -= 1
    return [min(w, cap) for w in widths]


def shorten(text: str, width: int, keep_end: bool = False) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis (at the start when
    `keep_end`, so a location keeps its file name and line); control characters
    (a NUL or an escape sequence in a hostile key) are shown escaped, never sent to the
    terminal."""
    text = " ".join(text.split())
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    if len(text) <= width:
        return text
    return "…" + text[len(text) - width + 1:] if keep_end else text[: width - 1] + "…"
