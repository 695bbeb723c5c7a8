"""Regular expressions over long lists of words that Python's engine runs quickly.

`re` tries the branches of `(?:a|b|c|...)` one after the other at every position of the text,
so a lexicon of 750 forms costs 750 failed tests a character (1 µs a character: a 1 MB
document took over a second a pass). Grouped by first character, each group behind a
look-ahead on that character, it costs about 25 tests a character and matches exactly the
same: inside a group the forms keep their order, and a text character can pass only one
group's look-ahead, so the first form that matches at a position is the one the plain
alternation would have taken.
"""

from __future__ import annotations

import itertools
import re


def alternation(forms, escape=re.escape, ignorecase: bool = False) -> str:
    """`(?:...)` matching the first of `forms` (in the order given) that matches, like
    `"(?:" + "|".join(map(escape, forms)) + ")"`. `escape(form)` must begin with `form`'s first
    character as a plain literal; `ignorecase` says whether the pattern is compiled with re.I
    (characters equal ignoring case then share a group)."""
    forms = list(forms)
    if any(not form or form[0].isspace() for form in forms):
        return "(?:" + "|".join(escape(form) for form in forms) + ")"
    flags = re.I if ignorecase else 0
    groups: list[tuple[set[str], list[str]]] = []
    of_char: dict[str, tuple[set[str], list[str]]] = {}
    for form in forms:
        first = form[0]
        group = of_char.get(first)
        if group is None:
            group = next((g for g in groups if any(_same_char(first, c, flags) for c in g[0])), None)
            if group is None:
                group = (set(), [])
                groups.append(group)
            group[0].add(first)
            of_char[first] = group
        group[1].append(escape(form))
    branches = ("(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])(?:" + "|".join(alts) + ")"
                for chars, alts in groups)
    return "(?:" + "|".join(branches) + ")"


def _same_char(a: str, b: str, flags: int) -> bool:
    return a == b or (bool(flags) and (re.fullmatch(re.escape(a), b, flags) is not None
                                       or re.fullmatch(re.escape(b), a, flags) is not None))


_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")  # the only non-ASCII letters re.I equates with ASCII ones


def lowered(text: str) -> str | None:
    """`text` in lower case, in which a plain substring test (`"seven" in low`) finds every place
    a case-insensitive pattern for that word could match: a cheap test before a costly search.
    None when the text holds one of the four non-ASCII letters that re.I equates with ASCII ones
    (then any word may be there)."""
    return text.lower() if text.isascii() or not _FOLDS_TO_ASCII.search(text) else None


def may_match(pattern: re.Pattern, low: str | None) -> bool:
    """False when `pattern` cannot match the text whose `lowered` form is `low`: every match of
    the pattern holds one string of each of a few sets of literal strings, read from the pattern
    itself, and the text holds none of some set. Far cheaper than trying a long case-insensitive pattern at every
    character, and most sentences fail it. (Called for every sentence and pattern: kept short.)"""
    if low is None:
        return True
    known = _NEEDED.get(id(pattern))
    bits = known[1] if known is not None and known[0] is pattern else _register(pattern)
    if not bits:
        return True
    if low != _LAST[0]:
        _read(low)
    return (_LAST[1] & bits) == bits


def may_occur(pattern: re.Pattern, low: str | None) -> bool:
    """`may_match` for one long text (a whole document) asked about one pattern: each set of the
    pattern's words is looked for with `in`, a substring search in C, where the automaton would
    report every word of every pattern in megabytes of text. A search of a whole document for a
    pattern that opens with a case-insensitive alternation tries it at every character (0.1 s
    a pattern for 2 MB); most documents lack one of its sets of words. False also means that no
    span of the text can match, even with its whitespace collapsed (a sentence's text): each word
    is looked for by its longest part without a space."""
    if low is None:
        return True
    known = _SETS.get(id(pattern))
    if known is None or known[0] is not pattern:
        from re import _parser

        sets = [tuple(max(w.split(" "), key=len) for w in _shortest(c))
                for c in _needed(_parser.parse(pattern.pattern, pattern.flags))]
        known = _SETS[id(pattern)] = (pattern, sets)
    return all(any(w in low for w in words) for words in known[1])


def may_match_any(patterns: list[re.Pattern], low: str | None) -> bool:
    """`any(may_match(p, low) for p in patterns)`: a sentence that holds none of the words a
    list of patterns needs skips the whole list at the cost of one test."""
    if low is None:
        return True
    known = _ANY.get(id(patterns))
    if known is None or known[0] is not patterns:
        known = _list(patterns, None)
    if not known[1]:
        return True
    if low != _LAST[0]:
        _read(low)
    mask = _LAST[1]
    return (mask & known[1]) != 0 and any(mask & bits == bits for bits, _ in known[2])


def matchable(items: list, low: str | None, of=None) -> list:
    """The items (patterns, or anything `of(item)` reads a pattern from) whose pattern may match
    the text whose `lowered` form is `low`, in order: `may_match` for a whole list at the cost
    of one test, where a rule would call it for every pattern of every sentence."""
    known = _ANY.get(id(items))
    if known is None or known[0] is not items:
        known = _list(items, of)
    if low is None:
        return items
    if low != _LAST[0]:
        _read(low)
    mask = _LAST[1]
    if known[1] and not mask & known[1]:
        return []
    return [item for bits, item in known[2] if mask & bits == bits]


def _list(items: list, of) -> tuple:
    """(items, the union of their patterns' bits or 0 when one needs no word, (bits, item) pairs)."""
    bits = [_bits(item if of is None else of(item)) for item in items]
    union = 0
    for b in bits:
        union |= b
    _ANY[id(items)] = known = (items, union if all(bits) else 0, tuple(zip(bits, items)))
    return known


def _bits(pattern: re.Pattern) -> int:
    """The pattern's bits in `_LAST`'s answer, one for each set of words of which a match holds
    one (0: none known); the pattern may match only a text whose answer has all of them."""
    known = _NEEDED.get(id(pattern))
    return known[1] if known is not None and known[0] is pattern else _register(pattern)


def _register(pattern: re.Pattern) -> int:
    """`_bits(pattern)` for a pattern not seen before: its words read from the pattern itself."""
    from re import _parser  # the standard library's own reading of the pattern

    bits = 0
    for clause in _needed(_parser.parse(pattern.pattern, pattern.flags)):
        bit = 1 << next(_BITS)
        bits |= bit
        for w in _shortest(clause):
            _WORD_BITS[w] = _WORD_BITS.get(w, 0) | bit
    _NEEDED[id(pattern)] = (pattern, bits)
    if bits:
        _AUTOMATON.clear()
        _LAST[:] = [None, 0]
    return bits


def _read(low: str) -> None:
    """Set `_LAST` to `low` and the bits of every pattern known so far one of whose words `low`
    holds. One Aho-Corasick pass (pyahocorasick, in C) finds every word of every pattern at
    once; testing each pattern's words one by one, in Python, took 20-50 us a sentence over the
    lists of three rules. The answer for the last text is kept: the rules ask about one sentence
    many times in a row."""
    if not _AUTOMATON:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        for w, bits in _WORD_BITS.items():
            automaton.add_word(w, bits)
        automaton.make_automaton()
        _AUTOMATON.append(automaton)
    mask = 0
    for _, bits in _AUTOMATON[0].iter(low):
        mask |= bits
    _LAST[:] = [low, mask]


# Keyed by the pattern's id, not the pattern: hashing a compiled pattern hashes its whole
# program every time (several kB for a lexicon). The entry holds the pattern, so the id cannot
# be reused while it stands.
_NEEDED: dict[int, tuple[re.Pattern, int]] = {}  # a pattern's id -> (the pattern, its bits)
_ANY: dict[int, tuple] = {}  # a list's id -> `_list`'s answer for it
_SETS: dict[int, tuple] = {}  # a pattern's id -> (the pattern, its sets of words) for `may_occur`
_WORD_BITS: dict[str, int] = {}  # a needed word -> the bits of the sets of words it is in
_AUTOMATON: list = []  # the automaton over _WORD_BITS, built again when a pattern is added
_LAST: list = [None, 0]  # the last text `_read` read, and its answer
_BITS = itertools.count()  # the next set's bit number


def _needed(items) -> list[list[str]]:
    """Sets of lower-case strings such that every match of the parsed sequence `items` holds
    one string of each set (at most `_CLAUSES` sets, those whose shortest string is longest
    first; none when nothing is known). An ASCII literal run is one set; a group, an atomic
    group or a repetition of at least once adds its body's sets; a small character class gives
    its characters; alternatives, when each has sets, give sets that take one set of each
    alternative ("there is no evidence|no research has" needs "there " or "no ", and also
    "evidence" or "research": a text holding "research" alone is skipped)."""
    from re import _constants as op

    found: list[list[str]] = []
    run: list[str] = []
    for code, arg in items:
        if code is op.LITERAL and _plain(chr(arg)):
            run.append(chr(arg).lower())
            continue
        if run:
            found.append(["".join(run)])
        run = []
        if code is op.IN:
            found += [chars] if (chars := _class_chars(arg)) else []
        elif code is op.SUBPATTERN:
            found += _needed(arg[3])
        elif code is op.ATOMIC_GROUP:
            found += _needed(arg)
        elif code in (op.MAX_REPEAT, op.MIN_REPEAT, op.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found += _needed(arg[2])
        elif code is op.BRANCH:
            found += _either([_needed(b) for b in arg[1]])
    if run:
        found.append(["".join(run)])
    unique = {tuple(sorted(set(clause))): None for clause in found}
    return [list(c) for c in sorted(unique, key=lambda c: -min(map(len, c)))[:_CLAUSES]]


_CLAUSES = 3  # sets kept for one sequence: more adds bits, rarely precision


def _either(alternatives: list[list[list[str]]]) -> list[list[str]]:
    """The sets that alternatives with these sets need: one set of each alternative, joined
    (each alternative's best two when there are at most three alternatives, else its best)."""
    if not alternatives or not all(alternatives):
        return []
    best = 2 if len(alternatives) <= 3 else 1
    return [[w for clause in pick for w in clause] for pick in itertools.product(*(a[:best] for a in alternatives))]


def _shortest(words) -> tuple[str, ...]:
    """`words` less those holding another of them ("dramatically" holds "dramatic"): a text
    holding the longer holds the shorter, so testing the longer is wasted."""
    words = sorted(set(words), key=len)
    return tuple(w for i, w in enumerate(words) if not any(v in w for v in words[:i]))


def _plain(char: str) -> bool:
    """A character a plain substring test of the lowered text finds wherever re.I may match it:
    ASCII, or a symbol with no case ("%", "$", "€"); other letters may fold to other letters."""
    return char < "\x80" or char.lower() == char.upper() == char


def _class_chars(items) -> list[str] | None:
    """The characters a class `[...]` matches (lower case), when it is a short list of plain
    characters, small ranges and digits (`[$€£]`, `[0-9]`, `\\d`); None for anything wider."""
    from re import _constants as op

    chars: set[str] = set()
    for code, arg in items:
        if code is op.LITERAL and _plain(chr(arg)):
            chars.add(chr(arg).lower())
        elif code is op.RANGE and arg[1] - arg[0] < 10 and all(_plain(chr(c)) for c in range(arg[0], arg[1] + 1)):
            chars.update(chr(c).lower() for c in range(arg[0], arg[1] + 1))
        elif code is op.CATEGORY and arg is op.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None
    return sorted(chars) if 0 < len(chars) <= 12 else None
