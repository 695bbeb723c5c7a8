"""The `figure-format` check: every item of a note's `figures:` list is well formed.

Examples (docs/notes-format.md, "Key figures as data"):

    - value: 36200000                       # fine
      unit: reports
      measure: CyberTipline reports received
      scope: worldwide
      period: "2023"
      locator: p. 3

    - value: 36.2 million                   # error: `value` must be a number ... (line of `value`)
    - value: 42.5                           # error: `locator` is missing or empty
      ...
      period: 2023                          # error: `period` must be a quoted string ...
"""

from __future__ import annotations

from litcheck.checks import check
from litcheck.library.figures import figure_items, figure_problems
from litcheck.library.findings import Finding

_ENTRY = "@misc{doe2021online, title = {Online Recruitment of Minors}, year = {2021}}\n"
_NOTE = ("%% notes/doe2021online.md\n---\nkey: doe2021online\nfigures:\n  - value: {value}\n    unit: children\n"
         "    measure: children contacted by recruiters\n    scope: one platform\n    period: \"2021\"\n"
         "    locator: p. 12\n---\nA note.\n")


@check("figure-format", "error", "a note's `figures:` item is malformed (missing field, value not a number, "
       "period not a quoted year/range/date, unknown qualifier)",
       why="The scanner compares a document's figures with these; a malformed one is left out until fixed.",
       fires=(_ENTRY + _NOTE.format(value="4.3 thousand")),
       passes=(_ENTRY + _NOTE.format(value="4300")))
def figure_format(library):
    for note in library.notes.values():
        if note.meta_error or "figures" not in note.meta:
            continue
        if not isinstance(note.meta["figures"], list):
            yield Finding.of("figure-format", "`figures:` must be a list of figures", note.path,
                          note.meta_lines.get("figures", 1), note.key)
            continue
        for number, (item, line, field_lines) in enumerate(figure_items(note), 1):
            for name, problem in figure_problems(item):
                yield Finding.of("figure-format", f"figure {number}: {problem}", note.path,
                              field_lines.get(name, line), note.key)
