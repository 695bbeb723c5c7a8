"""Problems met while reading the files: reported as checks so they share ids and output."""

from __future__ import annotations

from litcheck.checks import check

_ENTRY = "@misc{doe2021online,\n  title = {Online Recruitment of Minors},\n  year = {2021},\n}"
_NOTE = "%% notes/doe2021online.md\n---\nkey: doe2021online\n{}\n---\nA note.\n"

# id, severity, what it finds, why it matters, a sketch that fires, one that does not
LOAD_PROBLEMS = [
    ("unreadable-file", "error", "a .bib file cannot be read at all",
     "Nothing in it reaches the library, so every key it defines looks missing.",
     "%% refs.bib (a folder)", _ENTRY),
    ("encoding-error", "error", "a .bib file is not valid UTF-8 (the first bad byte's line is given)",
     "The file cannot be decoded safely; litcheck will not guess and risk writing it back changed.",
     "%% refs.bib (latin-1)\n" + _ENTRY.replace("Minors", "Minors in Québec"), _ENTRY.replace("Minors", "Minors in Québec")),
    ("parse-error", "error", "a block cannot be parsed (unbalanced braces, missing comma, ...); it is skipped",
     "BibTeX would stop or misread the entries after it; litcheck names the line and reads on.",
     _ENTRY.replace("Minors}", "Minors"), _ENTRY),
    ("duplicate-field", "error", "an entry repeats a field; BibTeX would refuse it",
     "Which of the two values a tool uses is anyone's guess, so the entry is skipped.",
     _ENTRY.replace("  year", "  title = {Recruiting Minors Online},\n  year"), _ENTRY),
    ("field-too-long", "error", "a field value is implausibly long, usually a missing closing brace",
     "A brace left open swallows the entries after it into one field.",
     _ENTRY.replace("  year", "  abstract = {<100,001 × a>},\n  year"),
     _ENTRY.replace("  year", "  abstract = {<1,000 × a>},\n  year")),
    ("front-matter-error", "error", "a note's YAML front matter does not parse",
     "The note's topics, status and claims register are lost to every check and listing.",
     _ENTRY + "\n" + _NOTE.replace("{}", "topics: [grooming"), _ENTRY + "\n" + _NOTE.replace("{}", "topics: [grooming]")),
]


def _loaded(check_id: str):
    return lambda library: (p for p in library.problems if p.check == check_id)


for _id, _severity, _summary, _why, _fires, _passes in LOAD_PROBLEMS:
    check(_id, _severity, _summary, why=_why, fires=_fires, passes=_passes)(_loaded(_id))
