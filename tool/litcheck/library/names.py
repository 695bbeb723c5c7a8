"""Author lists: people versus organisations.

An organisation is written as one brace-protected unit (`{{United Nations Office on Drugs and
Crime}}` in the file, `{United ...}` once the outer delimiters are removed). It must never
be split into given and family names by any renderer, so it is kept as a `literal`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from litcheck.library.latex import to_text


@dataclass(frozen=True)
class Name:
    family: str = ""
    given: str = ""
    particle: str = ""
    suffix: str = ""
    literal: str = ""  # set for organisations; then the other parts are empty

    @property
    def is_organisation(self) -> bool:
        return bool(self.literal)

    @property
    def display(self) -> str:
        """`Family, Given` for people, the full name for organisations."""
        if self.literal:
            return self.literal
        family = " ".join(p for p in (self.particle, self.family) if p)
        out = f"{family}, {self.given}" if self.given else family
        return f"{out}, {self.suffix}" if self.suffix else out

    def csl(self) -> dict[str, str]:
        if self.literal:
            return {"literal": self.literal}
        data = {"family": self.family, "given": self.given}
        if self.particle:
            data["non-dropping-particle"] = self.particle
        if self.suffix:
            data["suffix"] = self.suffix
        return {k: v for k, v in data.items() if v}


def _fully_braced(text: str) -> bool:
    """True if `text` is one `{...}` group (the whole name protected as a unit)."""
    if not (text.startswith("{") and text.endswith("}")):
        return False
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0 and i < len(text) - 1:
            return False
    return True


def parse_names(raw: str) -> list[Name]:
    """Split a raw BibTeX name list (`A and B and {Org}`) into `Name`s."""
    if not raw or not raw.strip():
        return []
    return list(_parse_names(raw))


def first_names(raw: str):
    """The `Name`s of a raw name list one at a time, each parsed when reached: a caller that
    shows the start of a list of hundreds of authors parses only the first few."""
    if raw and raw.strip():
        plain = not _MARKUP.search(raw)
        for part in _people(raw, plain):
            yield _name(part, plain)


@functools.lru_cache(maxsize=16384)
def _parse_names(raw: str) -> tuple[Name, ...]:
    """Cached: a listing reads an entry's names to sort and again to format it (entries drop
    what they read between the two, to bound memory), and authors recur across a library."""
    plain = not _MARKUP.search(raw)
    return tuple(_name(part, plain) for part in _people(raw, plain))


def _people(raw: str, plain: bool) -> list[str]:
    if plain:
        return _AND.split(raw.strip(" \r\n\t"))
    from bibtexparser.middlewares.names import split_multiple_persons_names

    return split_multiple_persons_names(raw)


def _name(part: str, plain: bool) -> Name:
    part = part.strip()
    if _fully_braced(part):
        return Name(literal=to_text(part))
    if part.lower() == "others":
        return Name(literal="others")
    try:
        last, first, von, jr = _plain_parts(part) if plain else _parts(part)
    except Exception:  # a malformed name is shown as written rather than lost
        return Name(literal=to_text(part))
    return Name(family=to_text(" ".join(last)), given=to_text(" ".join(first)),
                particle=to_text(" ".join(von)), suffix=to_text(" ".join(jr)))


def _parts(name: str) -> tuple[list, list, list, list]:
    from bibtexparser.middlewares.names import parse_single_name_into_parts

    parts = parse_single_name_into_parts(name, strict=False)
    return parts.last, parts.first, parts.von, parts.jr


# Names without braces or backslashes (nearly all) are split here rather than by bibtexparser,
# whose character-by-character parse was most of the time of listing 5,000 works. The rules are
# BibTeX's, as bibtexparser applies them (non-strict); tests compare the two on such names.
_MARKUP = re.compile(r"[{}\\]")
_AND = re.compile(r"[ \r\n\t]+[aA][nN][dD][ \r\n\t]+")
_COMMA = re.compile(r"(,)")
_WORD_BREAK = re.compile(r"[ ~\r\n\t]+")


def _case(word: str) -> int:
    """1 when the word's first letter is upper case, 0 when lower case, -1 without letters."""
    for char in word:
        if char.isalpha():
            return 1 if char.isupper() else 0
    return -1


def _plain_parts(name: str) -> tuple[list, list, list, list]:
    """(last, first, von, jr) words of a name without braces or backslashes."""
    sections: list[list[str]] = [[]]
    for chunk in _COMMA.split(name):
        if chunk == ",":
            if len(sections) < 3:  # later commas are dropped (non-strict)
                sections.append([])
        else:
            sections[-1] += [w for w in _WORD_BREAK.split(chunk) if w]
    if not sections[-1]:
        sections.pop()
    if not any(sections):
        return [], [], [], []
    if len(sections) == 1:  # First von Last
        words = sections[0]
        if len(words) < 3:
            return words[-1:], words[:-1], [], []
        cases = [_case(w) for w in words]
        if 0 not in cases:
            return words[-1:], words[:-1], [], []
        first_lower = cases.index(0)
        last_lower = len(cases) - 1 - cases[::-1].index(0)
        if last_lower == len(cases) - 1:
            last_lower -= 1  # the last word is always the family name
        if last_lower < first_lower:  # only the last word is lower case: bibtexparser's slices
            return words[last_lower + 1:], words[:first_lower - len(words)], [], []
        return words[last_lower + 1:], words[:first_lower], words[first_lower:last_lower + 1], []
    first = sections[-1] if sections[-1] and sections[-1][0] else []
    jr = sections[1] if len(sections) == 3 and sections[1] and sections[1][0] else []
    last = sections[0]
    if len(last) > 1:
        cases = [_case(w) for w in last]
        lower = [i for i, c in enumerate(cases[:-1]) if c == 0]
        if lower:
            return last[lower[-1] + 1:], first, last[:lower[-1] + 1], jr
    return last, first, [], jr
