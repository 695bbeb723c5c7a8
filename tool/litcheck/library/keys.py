"""The project's citation-key pattern: `<author-or-body><year><first-title-word>`.

`unodc2020global`, `bales2012disposable`, `steineradair2013big`. Keys are lower-case ASCII
letters and digits only, so they are safe as note file names and stable across machines.
An organisation contributes its short name from the vocabulary (UNODC, ILO) or, failing that,
its initials (its words, when it has one or two); a work with no year gets `nd`; a key already taken gets a, b, c, ... appended.
"""

from __future__ import annotations

import re
import unicodedata

from litcheck.library.latex import fold, to_text
from litcheck.library.names import Name, parse_names
from litcheck.library.vocabulary import load_vocabulary

STOPWORDS = {"a", "an", "the", "on", "of", "in", "and", "for", "to", "at", "by", "from", "with",
             "into", "about", "as", "is", "are", "be", "or", "its", "their", "le", "la", "les",
             "der", "die", "das", "el", "los", "un", "une", "de", "des", "du"}
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
# What a key must not contain, since it names a note file: path separators, '..', a leading
# dot, whitespace and control characters (which could take the file out of notes/ or hide
# it), and shell metacharacters (a file named `$(id)` is a trap for every script that
# touches it). ':' and the like are legal on POSIX and common (Author:2020:ABC).
# Also refused: what ends a key or an entry in BibTeX ({ } ( ) , = # % @: an imported key
# holding them would write another entry), a leading '-' (read as an option by every command
# line tool given the note's file name), names Windows reserves whatever the extension (CON,
# NUL, COM1, ...), and invisible format characters such as bidi overrides, which make a file
# name display as something else.
UNSAFE_KEY = re.compile(r"[/\\\s\x00-\x1f\x7f`$;|&<>*?'\"!{}(),=#%@]|\.\.|^[.-]")
WINDOWS_RESERVED = re.compile(r"(?i)(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?")
MAX_KEY_CHARS = 200


def _ascii(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", fold(text))


def _body(name: Name) -> str:
    if not name.literal:
        return _ascii(name.family) or _ascii(name.given)
    vocab = load_vocabulary()
    org = vocab.canonical_org(name.literal)
    if org:
        return _ascii(org.short)
    words = re.findall(r"[A-Za-z][\w'-]*", name.literal)
    capitals = [w for w in words if w[0].isupper() and fold(w) not in STOPWORDS]
    if len(capitals) >= 3:
        return _ascii("".join(w[0] for w in capitals))
    if capitals:
        return _ascii("".join(capitals))
    return _ascii(name.literal)


def _title_word(title: str) -> str:
    for word in re.findall(r"[^\W_]+", fold(title)):
        if word not in STOPWORDS and _ascii(word):
            return _ascii(word)
    return ""


def key_stem(fields: dict[str, str]) -> str:
    """The key a work's raw BibTeX fields call for, before disambiguation."""
    people = parse_names(fields.get("author", "")) or parse_names(fields.get("editor", ""))
    body = _body(people[0]) if people else ""
    if not body:
        for name in ("institution", "organization", "publisher", "journal", "howpublished"):
            if fields.get(name):
                body = _body(Name(literal=to_text(fields[name])))
                break
    year = _YEAR.search(fields.get("year", "") or fields.get("date", ""))
    stem = f"{body or 'anon'}{year.group(1) if year else 'nd'}{_title_word(to_text(fields.get('title', '')))}"
    return stem[:60]


def generate_key(fields: dict[str, str], taken) -> str:
    """A key that follows the pattern and is not in `taken` (a set or a dict of keys)."""
    stem = key_stem(fields)
    if stem not in taken:
        return stem
    for i in range(1, 10_000):
        suffix = ""
        n = i
        while n:  # a, b, ..., z, aa, ab, ...
            n, r = divmod(n - 1, 26)
            suffix = chr(97 + r) + suffix
        if stem + suffix not in taken:
            return stem + suffix
    raise ValueError(f"no free key for {stem!r}")


def key_problem(key: str | None) -> str | None:
    """Why `key` cannot name a note file or be written into a .bib, or None when it can."""
    if not key:
        return "it is empty"
    if len(key) > MAX_KEY_CHARS:
        return f"it is longer than {MAX_KEY_CHARS} characters"
    bad = UNSAFE_KEY.search(key)
    if bad:
        return "it starts with '-' or '.'" if bad.start() == 0 and bad.group() in "-." else \
            f"it contains {bad.group()!r}"
    if WINDOWS_RESERVED.fullmatch(key):
        return "it is a device name on Windows"
    if any(unicodedata.category(ch) in ("Cf", "Co", "Cs", "Cn", "Zl", "Zp") for ch in key):
        return "it contains an invisible or unassigned character"
    return None


def key_is_safe(key: str | None) -> bool:
    return key_problem(key) is None


def follows_pattern(key: str) -> bool:
    return bool(re.fullmatch(r"[a-z0-9]+", key))
