"""Minimal edits inside one entry's text: set, add or remove a field and touch nothing else.

`litcheck set` and `litcheck tag` change one value; the rest of the entry (other fields,
their order, alignment, quoting, comments) keeps its bytes. A new field copies the layout
of the entry's own first field (indentation, alignment of `=`), so it looks hand-written.
"""

from __future__ import annotations

import re

from litcheck.editing.bibdoc import EntryLayout, RefuseWrite, entry_layout
from litcheck.editing.bibwrite import braces_balanced, escape_bare_specials
from litcheck.library.entry import split_list

FIELD_NAME = re.compile(r"[a-z][a-z0-9_\-]*")


def layout_or_refuse(raw: str, key: str) -> EntryLayout:
    layout = entry_layout(raw)
    if layout is None:
        raise RefuseWrite(f"entry '{key}' is not plain BibTeX litcheck can edit safely; edit it by hand")
    return layout


def checked_value(name: str, text: str) -> str:
    """A value typed by a user, made safe to store: braces must balance (refused otherwise,
    it would corrupt the file), and a bare `&`, `%` or `#` is escaped outside verbatim fields
    (LaTeX would otherwise fail on it or drop the rest of the line)."""
    if not braces_balanced(text):
        raise ValueError(f"the value for {name} has unbalanced braces: {text!r}")
    if "\x00" in text:
        raise ValueError(f"the value for {name} contains a NUL character")
    return escape_bare_specials(text, name)


def _newline(raw: str) -> str:
    """The entry's own line break: the one ending its first line (values may hold others)."""
    first = raw.find("\n")
    return "\r\n" if first > 0 and raw[first - 1] == "\r" else "\n"


def _line_start(raw: str, pos: int) -> int:
    return raw.rfind("\n", 0, pos) + 1


def _new_field_line(raw: str, layout: EntryLayout, name: str, expression: str) -> str:
    """`name = expression` laid out like the entry's first field (on its own line)."""
    if not layout.fields:
        return f"  {name} = {expression}"
    first = layout.fields[0]
    indent = raw[_line_start(raw, first.start):first.start]
    if indent.strip():  # the first field shares its line with the key
        indent = "  "
    eq = raw.index("=", first.start + len(first.name))
    column = eq - first.start  # where `=` sits, counted from the name
    gap = raw[first.start + len(first.name):eq]
    columns = {raw.index("=", f.start + len(f.name)) - f.start for f in layout.fields}
    aligned = gap.strip() == "" and (len(gap) > 1 or (len(layout.fields) > 1 and len(columns) == 1))
    pad = " " * max(1, column - len(name)) if aligned else gap or " "
    after = raw[eq + 1:first.value_start] or " "
    return f"{indent}{name}{pad}={after}{expression}"


def set_field(raw: str, key: str, name: str, expression: str) -> str:
    """`raw` with field `name` set to `expression` (replaced in place, or added last)."""
    layout = layout_or_refuse(raw, key)
    span = layout.find(name)
    if span is not None:
        return raw[:span.value_start] + expression + raw[span.value_end:]
    line = _new_field_line(raw, layout, name, expression)
    nl = _newline(raw)
    if not layout.fields:
        head_end = raw.index(",", layout.key_end) + 1
        return raw[:head_end] + nl + line + nl + raw[layout.close:].lstrip(" \t")
    last = layout.fields[-1]
    if last.end > last.value_end:  # the last field has a trailing comma: keep that style
        return raw[:last.end] + nl + line + "," + raw[last.end:]
    # blanks after the last value stay on its line (before the new one), so --unset restores them
    blanks = len(raw[last.value_end:]) - len(raw[last.value_end:].lstrip(" \t"))
    rest = last.value_end + (blanks if raw[last.value_end + blanks:last.value_end + blanks + 1] in ("\n", "\r") else 0)
    return raw[:last.value_end] + "," + raw[last.value_end:rest] + nl + line + raw[rest:]


def remove_field(raw: str, key: str, name: str) -> str:
    """`raw` without field `name` (its whole line when it has one); unchanged if absent."""
    layout = layout_or_refuse(raw, key)
    span = layout.find(name)
    if span is None:
        return raw
    index = layout.fields.index(span)
    start, end = span.start, span.end
    line_start = _line_start(raw, start)
    if not raw[line_start:start].strip():  # the field starts its own line: remove the line
        newline = raw.find("\n", end)
        if newline != -1 and not raw[end:newline].strip():
            start, end = line_start, newline + 1
        elif line_start > 0:  # the entry's `}` follows on that line: join it to the line before,
            start = line_start - 1  # as `set` found it (`...980}}` stays `...980}}`)
            if start > 0 and raw[start - 1] == "\r":
                start -= 1
        else:
            start = line_start
    out = raw[:start] + raw[end:]
    is_last = index == len(layout.fields) - 1
    if is_last and span.end == span.value_end and index > 0:
        # The last field had no trailing comma, so the new last field should not have one.
        prev = layout.fields[index - 1]
        if prev.end > prev.value_end and prev.end <= start:
            out = out[:prev.value_end] + out[prev.end:]
    return out


def field_expression(raw: str, key: str, name: str) -> str | None:
    layout = layout_or_refuse(raw, key)
    span = layout.find(name)
    return span.expression(raw) if span else None


def retag(raw: str, key: str, add: list[str], remove: list[str]) -> str:
    """`raw` with topics added to / removed from its `keywords` (order kept, no repeats)."""
    expression = field_expression(raw, key, "keywords")
    if expression and not (expression[0] in "{\"" and expression[-1] in "}\""):
        raise RefuseWrite(f"entry '{key}': keywords is a macro or concatenation; edit it by hand")
    current = split_list(expression[1:-1]) if expression else []
    wanted = [t for t in current if t not in remove]
    wanted += [t for t in add if t not in wanted]
    if wanted == current:
        return raw
    if not wanted:
        return remove_field(raw, key, "keywords")
    return set_field(raw, key, "keywords", "{" + ", ".join(wanted) + "}")
