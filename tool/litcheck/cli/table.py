"""Plain-text tables for the terminal (no dependency, so commands start fast)."""

from __future__ import annotations


def render_table(headers: list[str], rows: list[list[str]], max_width: int = 70) -> str:
    """Left-aligned columns; cells longer than `max_width` are cut with an ellipsis."""
    cells = [[shorten(str(c), max_width) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = lambda row: "  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()
    out = [line(headers), line(["-" * w for w in widths])]
    out += [line(r) for r in cells]
    return "\n".join(out) + "\n"


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut to `width` characters with an ellipsis; control characters
    (a NUL or an escape sequence in a hostile key) are shown escaped, never sent to the
    terminal."""
    text = " ".join(text.split())
    if not text.isprintable():
        text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    return text if len(text) <= width else text[: width - 1] + "…"
