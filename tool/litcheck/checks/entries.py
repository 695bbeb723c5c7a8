"""Checks of the entries themselves: keys, types, required fields, identifiers, vocabulary."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from urllib.parse import urlparse

from litcheck.checks import check
from litcheck.library.duplicates import DOI_RESOLVER, TITLE_CUTOFF, authors_compatible, normal_title, told_apart
from litcheck.library.entry_types import HOUSE_REQUIRED
from litcheck.library.findings import Finding
from litcheck.library.keys import key_is_safe, key_problem
from litcheck.library.vocabulary import load_vocabulary

_KEY_STYLE = re.compile(r"^[a-z0-9][a-z0-9]*$")
_YEAR = re.compile(r"^\d{4}$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def _misc(fields: str = "") -> str:
    """An example entry for the checks' documented examples, with `fields` added."""
    return "@misc{doe2021online, title = {Online Recruitment of Minors}, year = {2021}" + (", " + fields if fields else "") + "}"


def _book(fields: str) -> str:
    return ("@book{doe2021online, author = {Doe, Jane}, title = {Online Recruitment of Minors}, "
            "publisher = {Example Press}, year = {2021}, " + fields + "}")


def _f(check_id, entry, message, field=None) -> Finding:
    return Finding.of(check_id, message, entry.file, entry.line_of(field) if field else entry.line, entry.key)


@check("duplicate-key", "error", "a citation key is defined more than once (within or across files)",
       why='Documents cite by key: only the first definition is used, and the other work silently disappears.',
       fires=_misc() + "\n" + _misc().replace("Online Recruitment of Minors", "Recruiters on Social Media"),
       passes=_misc() + "\n" + "@misc{doe2021recruiters, title = {Recruiters on Social Media}, year = {2021}}")
def duplicate_key(library):
    yield from (p for p in library.problems if p.check == "duplicate-key")
    for entry in library.shadowed:
        first = library.get(entry.key)
        yield _f("duplicate-key", entry,
                 f"key '{entry.key}' is already defined at {first.file}:{first.line}; this definition is ignored")


@check("unsafe-key", "error", "a key cannot be used as a file name or breaks BibTeX (slash, '..', leading '-', "
       "spaces, braces, control, shell or bidi characters, Windows device names)",
       why='A note is stored as notes/<key>.md, so such a key could name a file outside the notes folder, '
           'read as an option, or hide its real name; a brace or comma in a key would end the entry.',
       fires='@misc{../doe2021online, title = {Online Recruitment of Minors}, year = {2021}}',
       passes=_misc(),
       per_entry=True)
def unsafe_key(library):
    for entry in library:
        problem = key_problem(entry.key)
        if problem:
            yield _f("unsafe-key", entry, f"key {entry.key!r} is not safe: {problem}; notes are stored as notes/<key>.md")


@check("key-style", "info", "a key is not lower-case letters and digits (<body><year><word>)",
       why='One key pattern makes keys predictable to type and to find; a notice only.',
       fires='@misc{Doe_2021, title = {Online Recruitment of Minors}, year = {2021}}',
       passes=_misc(),
       per_entry=True)
def key_style(library):
    for entry in library:
        if key_is_safe(entry.key) and not _KEY_STYLE.match(entry.key):
            yield _f("key-style", entry, f"key {entry.key!r} is not lower-case letters and digits")


@check("unknown-type", "warning", "an entry type that classic BibTeX or Biber does not accept",
       why='A type one of the two programs does not know is printed wrongly or dropped from the bibliography.',
       fires='@report{doe2021online, author = {Doe, Jane}, title = {Online Recruitment of Minors}, institution = {Example Institute}, year = {2021}}',
       passes='@techreport{doe2021online, author = {Doe, Jane}, title = {Online Recruitment of Minors}, institution = {Example Institute}, year = {2021}}',
       per_entry=True)
def unknown_type(library):
    for entry in library:
        if entry.type not in HOUSE_REQUIRED:
            yield _f("unknown-type", entry,
                     f"@{entry.type} is not a type both BibTeX and Biber accept; use @misc or a standard type")


@check("missing-field", "error", "a field required for the entry type is missing or empty",
       why='A reader cannot find the work without it, and BibTeX warns or prints a broken reference.',
       fires='@article{doe2021online, author = {Doe, Jane}, title = {Online Recruitment of Minors}, year = {2021}}',
       passes='@article{doe2021online, author = {Doe, Jane}, title = {Online Recruitment of Minors}, journal = {Journal of Example Studies}, year = {2021}}',
       per_entry=True)
def missing_field(library):
    for entry in library:
        for need in HOUSE_REQUIRED.get(entry.type, ()):
            options = need if isinstance(need, tuple) else (need,)
            if not any(entry.get(name).strip() for name in options):
                yield _f("missing-field", entry,
                         f"@{entry.type} needs {' or '.join(options)}")


@check("bad-date", "error", "a year that is not four digits, a date that is not ISO 8601, or a year and date that disagree",
       why='Dates decide anachronism and date-mismatch flags in the scanner and the order of every list.',
       fires=_misc('date = {2021-02-30}'),
       passes=_misc('date = {2021-02-28}'),
       per_entry=True)
def bad_date(library):
    for entry in library:
        year, date = entry.get("year").strip(), entry.get("date").strip()
        if year and not _YEAR.match(year):
            yield _f("bad-date", entry, f"year {year!r} is not a four-digit year", "year")
        if not date:
            continue
        match = _ISO_DATE.match(date)
        if not match:
            yield _f("bad-date", entry, f"date {date!r} is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)", "date")
            continue
        if not _valid_calendar(*match.groups()):
            yield _f("bad-date", entry, f"date {date!r} is not a real calendar date", "date")
        elif year and _YEAR.match(year) and year != match.group(1):
            yield _f("bad-date", entry, f"year {year} disagrees with date {date}", "date")


def _valid_calendar(year: str, month: str | None, day: str | None) -> bool:
    import datetime

    try:
        datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return False
    return True


@check("bad-doi", "error", "a DOI that is not of the form 10.NNNN/suffix",
       why='A malformed DOI resolves nowhere, so the work cannot be checked against its publisher.',
       fires=_misc('doi = {10.1000}'),
       passes=_misc('doi = {10.1000/xyz123}'),
       per_entry=True)
def bad_doi(library):
    for entry in library:
        doi = entry.get("doi").strip()
        if doi and not _DOI.match(DOI_RESOLVER.sub("", doi)):
            yield _f("bad-doi", entry, f"DOI {doi!r} is malformed", "doi")


@check("doi-url", "warning", "a DOI stored with its resolver prefix (styles add the prefix again)",
       why='Citation styles print https://doi.org/ themselves, so the stored prefix appears twice.',
       fires=_misc('doi = {https://doi.org/10.1000/xyz123}'),
       passes=_misc('doi = {10.1000/xyz123}'),
       per_entry=True)
def doi_url(library):
    for entry in library:
        doi = entry.get("doi").strip()
        bare = DOI_RESOLVER.sub("", doi)
        if doi and bare != doi and _DOI.match(bare):
            yield _f("doi-url", entry, f"DOI {doi!r} carries a resolver prefix; store {bare!r}", "doi")


def isbn_valid(raw: str) -> bool:
    """ISBN-10 or ISBN-13 with a correct check digit (hyphens and spaces ignored)."""
    digits = re.sub(r"[\s-]", "", raw).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def issn_valid(raw: str) -> bool:
    """An ISSN: eight characters NNNN-NNNC with a correct check digit (C may be X)."""
    match = re.fullmatch(r"(\d{4})-?(\d{3}[\dX])", raw.strip().upper())
    if not match:
        return False
    digits = match.group(1) + match.group(2)
    total = sum((8 - i) * int(c) for i, c in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


@check("bad-isbn", "error", "an ISBN with the wrong length or check digit, or an ISSN in the isbn field",
       why="A mistyped ISBN points a library catalogue at another book, or at none.",
       fires=_book("isbn = {978-0-306-40615-6}"),
       passes=_book("isbn = {978-0-306-40615-7}"),
       per_entry=True)
def bad_isbn(library):
    for entry in library:
        isbn = entry.get("isbn").strip()
        parts = [part for part in re.split(r"[,;]\s*", isbn) if part]
        if not isbn or all(isbn_valid(part) for part in parts):
            continue
        issns = [part for part in parts if issn_valid(part)]
        if issns:
            yield _f("bad-isbn", entry,
                     f"{', '.join(map(repr, issns))} is an ISSN, not an ISBN: move it to the issn field", "isbn")
        else:
            yield _f("bad-isbn", entry, f"ISBN {isbn!r} has a wrong length or check digit", "isbn")


@check("bad-url", "error", "a URL that is not an absolute http(s) address",
       why='A relative or malformed address cannot be followed from a printed or exported list.',
       fires=_misc('url = {www.example.org/report}'),
       passes=_misc('url = {https://www.example.org/report}'),
       per_entry=True)
def bad_url(library):
    for entry in library:
        url = entry.get("url").strip()
        if not url:
            continue
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or "." not in parsed.netloc or re.search(r"\s", url):
            yield _f("bad-url", entry, f"URL {url!r} is not an absolute http(s) address", "url")


def _block_word(title: str) -> str:
    """Alphabetically first word of 4+ letters: near-identical titles (token_sort_ratio >= 92)
    share it, so big year groups can be compared block by block."""
    return min((w for w in title.split() if len(w) >= 4), default="")


@check("near-duplicate", "warning", "two keys look like the same work (fuzzy title, same year, shared author)",
       why='Two entries for one work split its notes and citations, and a list shows it twice.',
       fires=('@misc{doe2021online, author = {Doe, Jane}, title = {Online Recruitment of Minors}, year = {2021}}\n'
              '@misc{doe2021recruitment, author = {Doe, J.}, title = {Online recruitment of minors}, year = {2021}}'),
       passes=('@misc{doe2021online, author = {Doe, Jane}, title = {Online Recruitment of Minors}, year = {2021}}\n'
               '@misc{doe2023online, author = {Doe, Jane}, title = {Online Recruitment of Minors}, year = {2023}}'))
def near_duplicate(library):
    from rapidfuzz import fuzz, process

    # Only (normalised title, key) pairs are kept, not the entries: the pairs to compare are
    # few, and their entries are read again when found. A title is normalised only in a year
    # shared with another entry (years come from the index's columns; a lone 50 MB title is
    # never copied).
    years = Counter(entry.year for entry in library.each())
    by_year: dict[int | None, list] = defaultdict(list)
    for entry in library.each():
        if years[entry.year] < 2:
            continue
        title = entry.get("title")
        if title:
            by_year[entry.year].append((normal_title(title), entry.key))
    for group in by_year.values():
        if len(group) < 2:
            continue
        blocks: dict[str, list] = defaultdict(list)
        for title, key in group:
            blocks[_block_word(title) if len(group) > 300 else ""].append((title, key))
        for block in blocks.values():
            if len(block) < 2:
                continue
            scores = process.cdist([t for t, _ in block], [t for t, _ in block], scorer=fuzz.token_sort_ratio,
                                   score_cutoff=TITLE_CUTOFF, workers=-1)
            for i, j in zip(*scores.nonzero()):
                if i >= j:
                    continue
                a, b = library.peek(block[i][1]), library.peek(block[j][1])
                if not authors_compatible(a, b) or told_apart(a, b):
                    continue
                for first, other in ((a, b), (b, a)):
                    yield _f("near-duplicate", first,
                             f"looks like the same work as '{other.key}' ({other.file}:{other.line}): "
                             f"title {int(scores[i, j])}% similar, same year; "
                             f"if they differ, add nocheck = {{near-duplicate:{other.key}}}")


def _house_entries(library) -> list:
    """The entries held to litcheck's own conventions (topics, source kind, verification): all
    of them once any entry uses those fields, none in a foreign library that uses none of them
    (a Zotero export is not wrong for lacking a `sourcekind`)."""
    return list(library) if library.uses_house_fields else []


def _house(keywords: str = "recruitment", kind: str = "web-article", state: str = "confirmed") -> str:
    """An example entry that uses litcheck's own fields (so the house checks apply)."""
    return _misc(f"keywords = {{{keywords}}}, sourcekind = {{{kind}}}, verification = {{{state}}}")


def _outside_vocabulary(check_id: str, library, allowed, value_of, field: str, label: str):
    """Findings for house entries whose `field` (read by `value_of`) is missing or not `allowed`."""
    for entry in _house_entries(library):
        value = value_of(entry)
        if value not in allowed:
            what = f"{label} {value!r} is unknown" if value else f"no {field} field"
            yield _f(check_id, entry, f"{what}; use one of: {', '.join(allowed)}", field)


@check("keyword-vocabulary", "error", "a keyword outside the controlled topic vocabulary, or no keywords at all",
       why='Topics are how lists are selected; a topic outside the vocabulary puts the work in no list.',
       fires=_house(keywords="darkweb"), passes=_house(keywords="dark-web"),
       per_entry=True)
def keyword_vocabulary(library):
    topics = load_vocabulary().topics
    for entry in _house_entries(library):
        if not entry.keywords:
            yield _f("keyword-vocabulary", entry, "no keywords; give 1-5 topics from the vocabulary")
        for word in entry.keywords:
            if word not in topics:
                yield _f("keyword-vocabulary", entry, f"keyword {word!r} is not in the topic vocabulary", "keywords")


@check("source-kind", "error", "the source kind is missing or not one of the vocabulary's kinds",
       why="The kind of source says how much weight a work can bear and selects lists by kind.",
       fires=_house(kind="blog"), passes=_house(),
       per_entry=True)
def source_kind(library):
    yield from _outside_vocabulary("source-kind", library, load_vocabulary().kinds, lambda e: e.kind,
                                   "sourcekind", "source kind")


@check("verification-state", "error", "the verification state is missing or not confirmed/partly/unconfirmed",
       why="The state tells a reader whether the record was checked against the work itself; "
           "the scanner's doubtful-source rule reads it.",
       fires=_house(state="checked"), passes=_house(),
       per_entry=True)
def verification_state(library):
    yield from _outside_vocabulary("verification-state", library, load_vocabulary().states, lambda e: e.status,
                                   "verification", "verification")


@check("org-variant", "warning", "an organisation spelled other than the vocabulary's one spelling",
       why='One spelling per organisation keeps its works together when lists are selected or sorted by body.',
       fires=('@techreport{unodc2020global, author = {{UN Office on Drugs and Crime}},\n'
              '  title = {Global Report on Trafficking in Persons 2020}, institution = {United Nations Office on Drugs and Crime}, year = {2020}}'),
       passes=('@techreport{unodc2020global, author = {{United Nations Office on Drugs and Crime}},\n'
               '  title = {Global Report on Trafficking in Persons 2020}, institution = {United Nations Office on Drugs and Crime}, year = {2020}}'),
       per_entry=True)
def org_variant(library):
    vocab = load_vocabulary()
    for entry in library:
        # An organisation is a brace-protected name, so a name list without braces has none
        # (and need not be split, the costly part on a large library).
        candidates = [(n.literal, "author") for n in (entry.authors if "{" in entry.get("author") else []) if n.literal]
        candidates += [(n.literal, "editor") for n in (entry.editors if "{" in entry.get("editor") else []) if n.literal]
        candidates += [(entry.text(f), f) for f in ("institution", "publisher", "organization") if entry.get(f)]
        for text, field in candidates:
            org = vocab.canonical_org(text)
            if org and text != org.name:
                yield _f("org-variant", entry,
                         f"{field} {text!r} should be spelled {org.name!r} (short name {org.short})", field)
