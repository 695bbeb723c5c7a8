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


def _people(raw: str, plain: bool):
    return _AND.split(raw.strip(" \r\n\t")) if plain else _split_marked(raw)


def _name(part: str, plain: bool) -> Name:
    part = part.strip()
    if _fully_braced(part):
        return Name(literal=to_text(part))
    if part.lower() == "others":
        return Name(literal="others")
    try:
        last, first, von, jr = _plain_parts(part) if plain else _marked_parts(part)
    except Exception:  # a malformed name is shown as written rather than lost
        return Name(literal=to_text(part))
    return Name(family=to_text(" ".join(last)), given=to_text(" ".join(first)),
                particle=to_text(" ".join(von)), suffix=to_text(" ".join(jr)))


# The rules are BibTeX's, as bibtexparser 2 applies them (non-strict); tests compare the two.
# Names without braces or backslashes (nearly all) are split by regular expressions: a
# character-by-character parse was most of the time of listing 5,000 works.
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


# Names with braces or backslashes: bibtexparser's character-level parse
# (`split_multiple_persons_names`, `parse_single_name_into_parts`), ported rather than imported:
# importing bibtexparser costs a search whose hits have such names about 10 ms, and its splitter
# reads a whole list of hundreds of authors to show the first few.
_SPACES = frozenset(" \r\n\t")
_NAME_SPACES = frozenset(" ~\r\n\t")


def _split_marked(names: str):
    """The names of a list, one at a time: split at "and" between spaces outside braces (a
    backslash escapes the next character)."""
    names = names.strip(" \r\n\t")
    if not names:
        return
    # step: 0 looking for a space, 1 for "a" (after spaces), 2 "n", 3 "d", 4 the space after
    # it, 5 the next word; `end` is where the name before a possible "and" ends
    step, level, start, end = 0, 0, 0, 0
    chars = iter(enumerate(names, 1))
    for pos, char in chars:
        if char == "\\":
            next(chars, None)
        elif char == "{":
            if step == 5:
                yield names[start:end]
                start = pos - 1
            level += 1
            step = 0
        elif char == "}":
            level -= level > 0
            step = 0
        elif level:
            step = 0
        elif step == 0:
            if char in _SPACES:
                step, end = 1, pos - 1
        elif step == 1:
            if char in "aA":
                step = 2
            elif char not in _SPACES:
                step = 0
        elif step in (2, 3):
            if char in ("nN" if step == 2 else "dD"):
                step += 1
            elif char in _SPACES:
                step, end = 1, pos - 1
            else:
                step = 0
        elif step == 4:
            step = 5 if char in _SPACES else 0
        elif char not in _SPACES:  # the first letter of the next name
            yield names[start:end]
            start, step = pos - 1, 0
    yield names[start:]


def _marked_parts(name: str) -> tuple[list, list, list, list]:
    """(last, first, von, jr) words of a name with braces or backslashes: words split at spaces
    and ties outside braces, sections at commas (a third comma and those after are dropped);
    a word's case is that of its first letter outside braces, or of the first letter of a
    brace group that starts with a command (`{\\"O}`); an unmatched brace is closed."""
    sections, cases = [[]], [[]]
    word, case, level = [], -1, 0
    bracestart, controlseq, specialchar = False, True, None
    chars = iter(name)
    for char in chars:
        if char == "\\":
            escaped = next(chars, None)
            if escaped is None:  # a final backslash is kept (twice, as bibtexparser keeps it)
                word.append(char)
            elif escaped in _NAME_SPACES:  # a space cannot be escaped: the backslash ends the word
                word.append(char)
                char = escaped
            else:
                if bracestart:
                    bracestart, controlseq, specialchar = False, escaped.isalpha(), True
                elif case == -1 and escaped.isalpha():
                    case = 1 if escaped.isupper() else 0
                word += (char, escaped)
                continue
        if char == "{":
            level += 1
            word.append(char)
            bracestart, controlseq, specialchar = True, False, False
            continue
        bracestart = False
        if char == "}":
            if level:
                level -= 1
            else:
                word.insert(0, "{")
            controlseq = specialchar = False
            word.append(char)
            continue
        if level:
            if controlseq:
                controlseq = char.isalpha()
            elif specialchar and case == -1 and char.isalpha():
                case = 1 if char.isupper() else 0
            word.append(char)
            continue
        if char == "," or char in _NAME_SPACES:
            if word:
                sections[-1].append("".join(word))
                cases[-1].append(case)
                word, case, controlseq, specialchar = [], -1, False, False
            if char == "," and len(sections) < 3:
                sections.append([])
                cases.append([])
            continue
        word.append(char)
        if case == -1 and char.isalpha():
            case = 1 if char.isupper() else 0
    word += "}" * level
    if word:
        sections[-1].append("".join(word))
        cases[-1].append(case)
    if not sections[-1]:
        sections.pop()
        cases.pop()
    if not any(sections):
        return [], [], [], []
    if len(sections) == 1:  # First von Last
        words, word_cases = sections[0], cases[0]
        if len(words) < 3 or 0 not in word_cases:
            return words[-1:], words[:-1], [], []
        first_lower = word_cases.index(0) - len(word_cases)
        last_lower = -word_cases[::-1].index(0) - 1
        if last_lower == -1:
            last_lower -= 1  # the last word is always the family name
        return words[last_lower + 1:], words[:first_lower], words[first_lower:last_lower + 1], []
    first = sections[-1]
    jr = sections[1] if len(sections) == 3 else []
    last, last_cases = sections[0], cases[0]
    if len(last) > 1 and 0 in last_cases:
        split = next((i for i in range(len(last) - 2, -1, -1) if last_cases[i] == 0), -1) + 1
        return last[split:], first, last[:split], jr
    return last, first, [], jr
