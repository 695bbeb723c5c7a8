"""Split a block of body text into sentences with exact offsets.

Why a careful regex segmenter
-----------------------------
Measured with `python benchmarks/segmenters.py` (30 passages of citation-heavy prose, split by
hand: "U.S.", "U.K.", "e.g.", "i.e.", "No. 38", "art. 34", "vol. 3", "pp. 12-14", "approx. 5",
decimals such as "2.7 million", initials "J. R. Smith", "et al. (2018)", "LL.M.", "Smith v.
Jones", a footnote marker after the full stop "weeks.¹⁴ Next", `[^3]`, closing quotes):

| segmenter | passages split exactly | sentences/s |
| --- | --- | --- |
| this module | 30 / 30 | ~57,000 |
| pysbd 0.3.4 (char_span) | 25 / 30 | ~6,000 |
| syntok | not installed (not a dependency); not measured |

pysbd moves a footnote marker that follows the full stop ("weeks.¹⁴", "minors.[^3]") to the
start of the next sentence, so that sentence looks cited and the cited one does not, which is
exactly what uncited-statistic must get right; it also splits after "LL.M.", "vol." and
"approx.", and is about ten times slower. The regex segmenter knows the abbreviations of legal
and academic citation style, keeps markers with the sentence they close, looks back a bounded
window (linear time), and gives exact offsets.
"""

from __future__ import annotations

import re

from litcheck.scan.document.model import SUPERSCRIPT_DIGITS

# No sentence is longer than this: a run of text without terminal punctuation (one 5 MB line)
# is cut at whitespace into pieces of at most this many characters, so that the per-sentence
# work of citations and rules stays bounded and a flag never quotes megabytes.
MAX_SENTENCE_CHARS = 2_000

# Abbreviations that do not end a sentence when followed by a word or number (lower case).
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
    "hon", "rev", "inc", "ltd", "co", "corp", "bros", "vs", "v", "no", "nos", "nr", "art", "arts", "sec", "secs",
    "para", "paras", "p", "pp", "vol", "vols", "ch", "chap", "fig", "figs", "ed", "eds", "approx", "ca", "cf",
    "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
    "univ", "dept", "est", "ave", "viz", "resp", "op", "cit", "ibid", "id", "n", "nn", "para", "sch", "reg",
    "regs", "cl", "s", "ss", "r", "rr", "pt", "pts", "cmd", "cm", "doc", "docs", "trans", "repr", "rev'd",
    "supp", "ser", "no", "tel", "dist", "cir", "ct", "misc", "assn", "assoc", "intl", "nat", "natl", "govt",
}
# after these a capitalised word still continues the sentence ("Dr. Smith", "No. 5", "v. Jones")
ALWAYS_CONTINUE = {"mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
                   "hon", "no", "nos", "nr", "art", "arts", "sec", "secs", "para", "paras", "p", "pp", "vol", "vols",
                   "ch", "chap", "fig", "figs", "v", "vs", "cf", "al", "op", "viz", "ed", "eds", "n", "nn", "s", "ss",
                   "r", "rr", "pt", "pts", "approx", "ca"}
SENTENCE_STARTERS = {
    "the", "this", "these", "that", "those", "it", "its", "in", "a", "an", "however", "but", "and", "they", "we",
    "he", "she", "there", "such", "some", "many", "most", "our", "their", "his", "her", "as", "at", "on", "for",
    "when", "while", "if", "although", "though", "since", "after", "before", "during", "by", "from", "with",
    "one", "two", "three", "each", "every", "all", "no", "not", "yet", "thus", "therefore", "moreover",
    "furthermore", "also", "what", "why", "how", "who", "where", "i", "you", "to", "of", "according",
}

# A note marker: [^3], ^3^, [12], [3, 5], [3–5], ¹⁴, ¹⁻³, ¹,² (bounded repetition: linear matching).
MARKER = (r"(?:\[\^[^\]\s]{1,40}\]|\^(?:[A-Za-z]{1,2}|\d{1,3}(?:[,–-]\d{1,3}){0,20})\^|\[\d{1,3}(?:[,–-][ ]?\d{1,3}){0,30}\]|"
          r"[" + SUPERSCRIPT_DIGITS + r"]{1,3}(?:[,⁻˒–-][" + SUPERSCRIPT_DIGITS + r"]{1,3}){0,30})")
# Possessive quantifiers and the look-behind keep this linear on runs of punctuation, closers
# or markers (nested `(...|x+)*` backtracked exponentially on 30 superscripts).
_BOUNDARY = re.compile(
    r"(?<![.!?])(?:[.!?]++|…)"  # terminal punctuation
    # closers, markers, and the target of a link whose text ends the sentence ("[blocking of Wikipedia.](url) Next")
    r"(?P<close>(?:\]\((?:https?://|www\.|/|#)[^\s()]{0,2000}(?:\([^\s()]{0,200}\)[^\s()]{0,200})?\)|[\"'”’»)\]*_]|"
    + MARKER + r")*+)"
    # a blank, or none where a PDF's text lost it between a word and the next sentence ("jump.Further")
    r"(?P<gap>\s++|(?<=[a-z][a-z][a-z][.!?])(?=[A-Z][a-z][a-z]))"
    # a marker written after a space ("abuse. ¹⁴ Next") still closes the sentence before it
    r"(?:(?P<mark>" + MARKER + r")(?=\s|$)(?P<gap2>\s*+))?"
    r"(?=(?P<next>[\"'“‘(\[*_]*+\S+)?)")
WS = re.compile(r"\s*")


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Split `text` into sentence spans (absolute offsets = `offset` + index), trimmed of space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if not _is_boundary(text, m):
            continue
        if m.group("mark"):
            spans.append((start, m.end("mark")))
            start = m.end("gap2")
        else:
            spans.append((start, m.start("gap")))
            start = m.end("gap")
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        first = WS.match(text, s, e).end()  # the span without its outer blanks, found in place:
        last = e  # a span may be a whole 20 MB line
        while last > first and text[last - 1].isspace():
            last -= 1
        if last - first > MAX_SENTENCE_CHARS:
            out += [(offset + cs, offset + ce) for cs, ce in cut_long(text, first, last)]
        elif last > first:
            out.append((offset + first, offset + last))
    return out


def cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] as one span, or, when longer than MAX_SENTENCE_CHARS, as pieces of at most
    that length cut at the last whitespace before the limit (hard cut where there is none)."""
    spans = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(" ", start + 1, limit), text.rfind("\n", start + 1, limit), text.rfind("\t", start + 1, limit))
        if cut <= start:
            cut = limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            spans.append((start, piece_end))
        start = WS.match(text, cut, end).end()
    if end > start:
        spans.append((start, end))
    return spans


_NON_WORD = re.compile(r"[^\w]")
# "... Livingstone, S., and Hasebrink, U. (2020)": the author part of a reference (APA and kin)
_REFERENCE_AUTHOR_YEAR = re.compile(r"[A-Z][\w'’-]+,\s+(?:[A-Z]\.\s*){1,3}\((?:\d{4}[a-z]?|n\.d\.)\)$")
_INITIALS = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{0,2}")


def _is_boundary(text: str, m: re.Match) -> bool:
    punct_start = m.start()
    punct = text[punct_start:m.start("close")]
    nxt = m.group("next") or ""
    first = nxt.lstrip("\"'“‘([*_")[:1]
    window = text[max(0, punct_start - 80):punct_start]  # bounded look-back keeps splitting linear
    k = len(window)
    while k and (window[k - 1].isalnum() or window[k - 1] in "_.'’-"):
        k -= 1
    token = window[k:]
    if punct.startswith("...") or punct == "…":
        return first.isupper() or first.isdigit() is False and not first.islower() and first not in ",;:"
    if not first:
        return True
    if m.start("gap") == m.end("gap"):  # no blank: only a plain word, then a word that is not a domain's
        return token.isalpha() and token.islower() and token != "www" and not re.search(r"[./@]\w", nxt)
    if first.islower() or first in ",;:)":
        return False
    if punct != ".":
        return True
    if window.endswith(")") and _REFERENCE_AUTHOR_YEAR.search(window):
        return False  # a reference written into the prose: its title goes with its authors and year
    if m.group("close") or m.group("mark"):
        # "...abuse.¹⁴ Next" or "...said.” Next": a marker or closer after the stop ends it
        return True
    low = token.lower().rstrip(".")
    bare = low.replace(".", "")
    if len(token) > 2 and "." not in token and bare not in ABBREVIATIONS and bare not in ALWAYS_CONTINUE:
        return True  # a plain word (neither initials nor an abbreviation): decided without the tests below
    next_word = _NON_WORD.sub("", nxt).lower()
    # initials and dotted acronyms: "J. Smith", "U.S.", "e.g.", "LL.M."
    if _INITIALS.fullmatch(token + ".") and "." in token + ".":
        if len(token) == 1 and token.isupper():
            # single initial: continues unless the next word is a common sentence opener
            return next_word in SENTENCE_STARTERS and len(window.split()) > 3 and not _prev_is_initial(window, len(window))
        if bare in ("eg", "ie", "cf", "viz", "etc") and bare != "etc":
            return False
        if "." in token:  # dotted acronym such as U.S. / U.K. / LL.M.
            return next_word in SENTENCE_STARTERS
    if bare in ALWAYS_CONTINUE:
        if bare == "no" and not first.isdigit():
            return True  # "...said no. The" (rare) - a full stop
        if bare in ("s", "p", "n", "r", "v") and not (first.isdigit() or first.isupper()):
            return True
        return bare in ("al",) and next_word in SENTENCE_STARTERS and first.isupper() and not nxt.startswith("(")
    if bare in ABBREVIATIONS:
        return first.isupper() and next_word in SENTENCE_STARTERS
    if token.isdigit() and first.isdigit():
        return True
    return True


def _prev_is_initial(text: str, pos: int) -> bool:
    return bool(re.search(r"\b[A-Z]\.\s+[A-Z]$", text[:pos]))
