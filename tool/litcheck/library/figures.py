"""Key figures as data: the `figures:` list in a note's front matter (format in docs/notes-format.md).

    figures:
      - value: 36200000
        unit: reports
        measure: CyberTipline reports received
        scope: worldwide
        period: "2023"
        locator: p. 3
        qualifier: about            # optional

`figure_items` reads a note's items with the file line of each; `figure_problems` says what is
wrong with one item (the `figure-format` check reports it); `collect_figures` returns the
well-formed figures of a library, filtered, for `litcheck figures` and the scanner's
`figure-mismatch` rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUALIFIERS = ("about", "almost", "at least", "more than", "up to", "fewer than", "estimated")
REQUIRED = ("value", "unit", "measure", "scope", "period", "locator")
OPTIONAL = ("qualifier",)
FIELDS = ("key", "value", "unit", "measure", "scope", "period", "locator", "qualifier")
# a year, a range of years, or an ISO date (YYYY-MM or YYYY-MM-DD)
_PERIOD = re.compile(r"^(?:(?P<y>\d{4})(?:\s*[-–/]\s*(?P<y2>\d{4}))?|(?P<d>\d{4})-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)$")


@dataclass(frozen=True)
class Figure:
    key: str  # the work (the note's key)
    value: float | int
    unit: str
    measure: str
    scope: str
    period: str
    locator: str
    qualifier: str = ""
    file: str = ""
    line: int = 0

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in FIELDS} | {"file": self.file, "line": self.line}

    @property
    def years(self) -> tuple[int, int]:
        """The first and last year the period covers."""
        m = _PERIOD.match(self.period)
        if m.group("d"):
            return int(m.group("d")), int(m.group("d"))
        return int(m.group("y")), int(m.group("y2") or m.group("y"))

    @property
    def shown(self) -> str:
        """The value as a person writes it: '36,200,000 reports', '42.5%', 'about 27.6 million people'."""
        value = self.value
        if self.unit == "percent":
            text = f"{value:g}%"
        else:
            text = f"{value:,}" if isinstance(value, int) or float(value).is_integer() else f"{value:,g}"
            if isinstance(value, float) and value.is_integer():
                text = f"{int(value):,}"
            text += f" {self.unit}"
        return f"{self.qualifier} {text}" if self.qualifier else text


def figure_items(note) -> list[tuple[object, int, dict[str, int]]]:
    """(item, file line of the item, file line of each of its fields) for every `figures:` item."""
    value = note.meta.get("figures") if not note.meta_error else None
    if value is None:
        return []
    lines = _item_lines(note)
    items = value if isinstance(value, list) else [value]
    first = note.meta_lines.get("figures", 1)
    out = []
    for i, item in enumerate(items):
        line, fields = lines[i] if i < len(lines) else (first, {})
        out.append((item, line, fields))
    return out


def _item_lines(note) -> list[tuple[int, dict[str, int]]]:
    """File lines of the `figures:` items and their fields, from the YAML node tree (the front
    matter starts on file line 2)."""
    import yaml

    try:
        root = yaml.compose(note.front_matter, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key_node, value_node in root.value:
        if getattr(key_node, "value", None) == "figures" and isinstance(value_node, yaml.SequenceNode):
            out = []
            for item in value_node.value:
                fields = {}
                if isinstance(item, yaml.MappingNode):
                    fields = {str(k.value): v.start_mark.line + 2 for k, v in item.value}
                out.append((item.start_mark.line + 2, fields))
            return out
    return []


def figure_problems(item) -> list[tuple[str, str]]:
    """(field, what is wrong) for one `figures:` item; [] when it is well formed."""
    if not isinstance(item, dict):
        return [("", "a figure must be a mapping with value, unit, measure, scope, period and locator")]
    problems = []
    for name in REQUIRED:
        if name not in item or item[name] is None or (isinstance(item[name], str) and not item[name].strip()):
            problems.append((name, f"`{name}` is missing or empty"))
    unknown = [k for k in item if k not in REQUIRED + OPTIONAL]
    if unknown:
        problems.append((str(unknown[0]), f"unknown field(s) {', '.join(map(str, unknown))}; allowed: "
                         f"{', '.join(REQUIRED + OPTIONAL)}"))
    value = item.get("value")
    if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))):
        hint = " (write it without commas or words: 36200000, not '36.2 million')" if isinstance(value, str) else ""
        problems.append(("value", f"`value` must be a number, not {value!r}{hint}"))
    elif isinstance(value, float) and value != value:
        problems.append(("value", "`value` must be a number, not NaN"))
    for name in ("unit", "measure", "scope", "locator", "qualifier"):
        if name in item and item[name] is not None and not isinstance(item[name], str):
            problems.append((name, f"`{name}` must be text, not {item[name]!r}"))
    period = item.get("period")
    if period is not None:
        if not isinstance(period, str):
            problems.append(("period", f"`period` must be a quoted string such as \"2023\" or \"2016-2021\", not {period!r}"))
        else:
            m = _PERIOD.match(period.strip())
            if not m:
                problems.append(("period", f"`period` {period!r} is not a year (\"2023\"), a range (\"2016-2021\") "
                                 "or an ISO date (\"2023-06-30\")"))
            elif m.group("y2") and int(m.group("y2")) < int(m.group("y")):
                problems.append(("period", f"`period` {period!r} ends before it starts"))
    qualifier = item.get("qualifier")
    if isinstance(qualifier, str) and qualifier.strip().lower() not in QUALIFIERS:
        problems.append(("qualifier", f"`qualifier` {qualifier!r} is not one of: {', '.join(QUALIFIERS)}"))
    return problems


def note_figures(note) -> list[Figure]:
    """The well-formed figures of one note."""
    out = []
    for item, line, _ in figure_items(note):
        if figure_problems(item):
            continue
        out.append(Figure(key=note.key, value=item["value"], unit=item["unit"].strip(), measure=item["measure"].strip(),
                          scope=item["scope"].strip(), period=item["period"].strip(), locator=item["locator"].strip(),
                          qualifier=(item.get("qualifier") or "").strip().lower(), file=note.path, line=line))
    return out


def collect_figures(library, topic: str | None = None, key: str | None = None, text: str | None = None) -> list[Figure]:
    """Every well-formed figure of the library's notes, in key then note order. Filters: `key` (the
    work), `topic` (the work's keywords, else its note's topics), `text` (every word appears in
    the figure's measure, unit, scope, period or key, or the work's title)."""
    words = [w.casefold() for w in re.findall(r"\w+", text or "")]
    out: list[Figure] = []
    for note_key in sorted(library.notes):
        if key and note_key != key:
            continue
        note = library.notes[note_key]
        if "figures" not in note.meta:
            continue
        entry = library.get(note_key)
        if topic and topic.strip().lower() not in _topics(note, entry):
            continue
        title = entry.title if entry is not None else ""
        for figure in note_figures(note):
            if words:
                haystack = " ".join([figure.measure, figure.unit, figure.scope, figure.period, figure.key, title]).casefold()
                if not all(w in haystack for w in words):
                    continue
            out.append(figure)
    return out


def _topics(note, entry) -> set[str]:
    topics = set(entry.keywords) if entry is not None else set()
    own = note.meta.get("topics")
    if isinstance(own, list):
        topics |= {str(t).strip().lower() for t in own}
    return topics


def render_figures(figures: list[Figure], fmt: str) -> str:
    """table | json | csv."""
    if fmt == "json":
        from litcheck.cli.jsonout import dump_json

        return dump_json([f.as_dict() for f in figures])
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(list(FIELDS) + ["file", "line"])
        writer.writerows([getattr(f, n) for n in FIELDS] + [f.file, f.line] for f in figures)
        return buffer.getvalue()
    from litcheck.cli.table import render_table

    rows = [[f.key, f.shown, f.measure, f.scope, f.period, f.locator] for f in figures]
    return render_table(["key", "figure", "measure", "scope", "period", "locator"], rows, 60)
