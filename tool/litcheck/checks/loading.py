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
    ("note-skipped", "error", "a note is too large or not a regular file; every other command skips it",
     "A note of megabytes is a mistake or an attack; reading it would slow or stop every command.",
     _ENTRY + "\n" + _NOTE.replace("{}", "") + "<1,000,001 × a>", _ENTRY + "\n" + _NOTE.replace("{}", "")),
]


def _loaded(check_id: str):
    return lambda library: (p for p in library.problems if p.check == check_id)


for _id, _severity, _summary, _why, _fires, _passes in LOAD_PROBLEMS:
    check(_id, _severity, _summary, why=_why, fires=_fires, passes=_passes)(_loaded(_id))


@check("saved-list-error", "error", "a saved reading list (notes/lists/*.yaml) is unreadable, too large or malformed",
       why="`list --from` refuses such a list; check names the file and line before anyone needs it.",
       fires=_ENTRY + "\n%% notes/lists/course.yaml\ntitle: Course\nsections: [",
       passes=_ENTRY + "\n%% notes/lists/course.yaml\ntitle: Course\nsections:\n  - heading: Reading\n    keys: [doe2021online]")
def saved_list_errors(library):
    from litcheck.library.findings import Finding
    from litcheck.listing.reading_lists import ListError, lists_dir, read_list_file, saved_lists

    if not library.notes_dir:
        return
    for path in saved_lists(lists_dir(library)):
        try:
            read_list_file(path)
        except ListError as exc:
            message = str(exc).removeprefix(f"{path}: ")
            line = 1
            if message.startswith(f"{path}:"):  # "path:LINE: reason"
                number, _, message = message.removeprefix(f"{path}:").partition(": ")
                line = int(number) if number.isdigit() else 1
            yield Finding.of("saved-list-error", message, str(path), line)
