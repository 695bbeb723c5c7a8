"""Turn raw BibTeX values into display text.

Raw values are what the library stores (case-protecting braces and accents intact); this
decoding is for display and matching only. pylatexenc decodes anything but costs about a
millisecond a value, which makes listing tens of thousands of entries take seconds; so the
forms real libraries use almost exclusively (accent commands such as {\\"o} or \\c{c}, the
special letters \\ss \\o \\aa ..., escaped specials \\& \\% ...) are decoded here with regular
expressions, and pylatexenc is used only for a value with any other command or with math.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACE = re.compile(r"\s+")
_UNTIDY = re.compile(r"[^\S ]|  ")  # whitespace that _SPACE would change

# Accent command -> combining character.
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328",
            "r": "\u030a", "d": "\u0323", "b": "\u0331"}
_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å",
            "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
_BASE = r"(?:\\[ij](?![A-Za-z])|[A-Za-z])"
# \"o  \"{o}  {\"o}  \'\i  \c{c}  \c c  \v{s}
_ACCENT = re.compile(
    r"""\\([`'^"~=.])\s*(?:\{\s*(%s)\s*\}|(%s))"""
    r"""|\\([uvHckrdb])(?:\s*\{\s*(%s)\s*\}|\s+([A-Za-z]))""" % (_BASE, _BASE, _BASE))
_LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|\s+)?")
_ESCAPE = re.compile(r"\\([&%$_#{}])")
# Text symbols, and commands whose braced argument is simply shown (\emph{x}, \bioname{x}).
_SYMBOLS = {"textendash": "\u2013", "textemdash": "\u2014", "slash": "/", "textdegree": "\u00b0",
            "degree": "\u00b0", "TM": "\u2122", "textregistered": "\u00ae", "copyright": "\u00a9",
            "textbackslash": "\ue002", "ldots": "\u2026", "dots": "\u2026", "textquoteright": "\u2019",
            "textquoteleft": "\u2018", "to": "\u2192", "rightarrow": "\u2192", "S": "\u00a7", "P": "\u00b6", "euro": "\u20ac", "pounds": "\u00a3"}
_DECLARATIONS = {"rm", "it", "bf", "em", "sl", "sf", "tt", "sc", "normalfont", "relax", "protect", "/"}
_WORD = re.compile(r"\\([A-Za-z]+)(?![A-Za-z])\s*(\{\})?|\\([,;:!/ ])")
# escaped braces (and \textbackslash) survive brace stripping and the "anything left?" test
_PROTECTED = {"{": "\ue000", "}": "\ue001", "\\": "\ue002"}


def _accent(match: re.Match) -> str:
    command = match.group(1) or match.group(4)
    base = match.group(2) or match.group(3) or match.group(5) or match.group(6)
    base = {"\\i": "i", "\\j": "j"}.get(base, base)  # an accented dotless i is a plain accented i
    return unicodedata.normalize("NFC", base + _ACCENTS[command])


def _word(match: re.Match) -> str:
    """A command word: its symbol, nothing for a font switch or a command before its argument;
    left in place (so pylatexenc takes the value) for anything else."""
    if match.group(3):  # \, \; \: \! \/ and a control space are spacing
        return "" if match.group(3) == "/" else " "
    name = match.group(1)
    if name in _SYMBOLS:
        return _SYMBOLS[name]
    if name in ("textbraceleft", "textbraceright"):  # a literal brace, as litcheck writes a lone one
        return _PROTECTED["{" if name == "textbraceleft" else "}"]
    if name in _DECLARATIONS:
        return ""
    rest = match.string[match.end():match.end() + 1]
    return "" if rest == "{" and match.group(2) is None else match.group(0)


def _fast_decode(value: str) -> str | None:
    """Decode the common forms; None when something is left that only pylatexenc understands."""
    if "$" in _ESCAPE.sub("", value):  # math
        return None
    text = _ACCENT.sub(_accent, value)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _ESCAPE.sub(lambda m: _PROTECTED.get(m.group(1), m.group(1)), text)
    text = _WORD.sub(_word, text)
    return None if "\\" in text else text


@functools.lru_cache(maxsize=1)
def _converter():
    """pylatexenc's converter, and its table of known macros built once: by default each value
    decoded built the whole table anew (about a millisecond, most of the decoding)."""
    from pylatexenc.latex2text import LatexNodes2Text
    from pylatexenc.latexwalker import get_default_latex_context_db

    converter = LatexNodes2Text(math_mode="text", strict_latex_spaces=False)
    return functools.partial(converter.latex_to_text, latex_context=get_default_latex_context_db())


def _plain(text: str) -> str:
    """Braces dropped, TeX ligatures for dashes and quotes turned into characters."""
    text = text.replace("{", "").replace("}", "").replace("~", "\u00a0")
    text = text.replace("---", "\u2014").replace("--", "\u2013")
    text = text.replace("``", "\u201c").replace("''", "\u201d")
    return text.replace(_PROTECTED["{"], "{").replace(_PROTECTED["}"], "}").replace(_PROTECTED["\\"], "\\")


def to_text(value: str) -> str:
    """Display text of a raw BibTeX value: accents decoded, braces removed, spaces collapsed."""
    text = quick_text(value)
    return text if text is not None else hard_text(value)


def quick_text(value: str) -> str | None:
    """`to_text` of a value litcheck decodes itself; None for one only pylatexenc decodes.
    Remembered for values of ordinary length (names, venues and titles repeat across a listing),
    not for a huge one, which the cache would keep alive with its text after its entry is gone."""
    if not value:
        return ""
    return _quick_text(value) if len(value) > CACHED_CHARS else _cached_quick_text(value)


def hard_text(value: str) -> str:
    """`to_text` of a value only pylatexenc decodes (remembered as `quick_text` is)."""
    return _hard_text(value) if len(value) > CACHED_CHARS else _cached_hard_text(value)


CACHED_CHARS = 10_000


def _quick_text(value: str) -> str | None:
    if "\\" not in value:
        return _tidy(_plain(value))
    fast = _fast_decode(value)
    return None if fast is None else _tidy(_plain(fast))


def _hard_text(value: str) -> str:
    try:
        text = _converter()(value)
    except Exception:  # pylatexenc gives up on some malformed TeX; show it plainly
        text = value.replace("{", "").replace("}", "")
    return _tidy(text)


def _tidy(text: str) -> str:
    if _UNTIDY.search(text):  # most values have single spaces only: no copy made word by word
        text = _SPACE.sub(" ", text)
    return text.strip()


_cached_quick_text = functools.lru_cache(maxsize=65536)(_quick_text)
_cached_hard_text = functools.lru_cache(maxsize=65536)(_hard_text)


# LaTeX markup removed before matching: accent commands, command names before a brace group,
# then braces and backslashes (so M{\"u}ller reads Muller and \textit{x} reads x).
_LATEX_COMMAND = re.compile(r"\\(?:[`'^\"~=.]\s*|[uvHtcdbkr](?![a-zA-Z])\s*|[a-zA-Z]+\s*(?=\{))")


def fold(text: str) -> str:
    """Lower-case, accents removed, whitespace collapsed: the form both sides are compared in."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


def quick_fold(raw: str) -> str:
    """Fold a raw BibTeX value for matching, with LaTeX markup stripped (no full decoding)."""
    if "\\" in raw:
        raw = _LATEX_COMMAND.sub("", raw)
    raw = raw.replace("{", "").replace("}", "").replace("\\", "")
    return raw.lower() if raw.isascii() else fold(raw)
