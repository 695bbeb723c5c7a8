"""Read an article (plain text, Markdown, or HTML) into a `Document`: body sentences with exact
character offsets and 1-based line numbers, footnote texts and reference-list items kept apart.

How the text is read
--------------------
1. Footnote definitions (`[^n]: text`, a line opening with Unicode superscript digits such as
   `¹⁵ UNICEF, ...`, `<sup>` in HTML) and the items of a trailing reference / notes section are
   cut out of the body wherever they stand: at the end of the file, or interleaved with the body
   as in a PDF-to-text dump where each page's footnotes sit between two halves of a sentence.
2. Cut-out regions are *masked* (replaced by spaces, newlines kept) instead of removed, so every
   offset into the masked body is an offset into the original file and line numbers stay exact.
3. The masked body is cut into blocks (paragraphs, list items, headings). A block that stops
   without terminal punctuation and is followed by one that opens in lower case is joined to it:
   that is a sentence broken by a page break or by an interleaved footnote block.
4. Each block is split into sentences by `split_sentences` (below).

The sentence segmenter: why a careful regex one
-----------------------------------------------
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

import bisect
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from litcheck.errors import LitcheckError

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SUP_TO_DIGIT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")


class DocumentError(LitcheckError):
    """The file cannot be read as text."""


@dataclass
class Sentence:
    index: int
    start: int  # offset of the first character in the (original) text
    end: int  # offset after the last character
    line: int  # 1-based line of `start`
    text: str  # the body text of the span, whitespace collapsed (masked parts left out)
    block: int  # index of the paragraph / list item / heading it belongs to
    # body | heading | item (a list item) | lead (ends with ':' before a list) | caption | table |
    # questionnaire (the last three are not prose: no claims)
    kind: str = "body"
    lead: int | None = None  # for list items: the index of the sentence that introduced the list
    end_line: int = 0


@dataclass
class Note:
    """A footnote definition or an item of a reference list (never a claim of its own)."""

    label: str  # "5", "note-a", or "" for an unnumbered reference item
    text: str  # whitespace collapsed, markers stripped
    start: int
    end: int
    line: int
    kind: str = "footnote"  # footnote | reference

    @property
    def number(self) -> int | None:
        return int(self.label) if self.label.isdigit() else None


@dataclass
class Document:
    path: str
    text: str  # the original text (newlines normalised to \n)
    masked: str  # same length as text: only the body is left, other regions are spaces
    sentences: list[Sentence] = field(default_factory=list)
    footnotes: dict[str, Note] = field(default_factory=dict)
    references: list[Note] = field(default_factory=list)
    fmt: str = "text"
    _line_starts: list[int] = field(default_factory=list, repr=False)

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self._line_starts, offset)


# --------------------------------------------------------------------------------------------
# Reading files
# --------------------------------------------------------------------------------------------

def read_document(path: str | Path) -> Document:
    """Read and parse a file. Raises DocumentError when it cannot be read as text."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read {path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096]:
        raise DocumentError(f"{path} is not a text file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Not all UTF-8: a Windows-1252 file, or UTF-8 with pasted-in Windows-1252 passages.
        # Each byte sequence that is not UTF-8 is read as Windows-1252 and the rest as UTF-8,
        # so neither half turns into mojibake ("CafÃ©"); a byte neither can read is an error.
        import codecs

        codecs.register_error("litcheck-cp1252", _cp1252_for_invalid_utf8)
        try:
            text = raw.decode("utf-8-sig", errors="litcheck-cp1252")
        except UnicodeDecodeError:
            raise DocumentError(f"{path} is not UTF-8 or Windows-1252 text") from None
    suffix = p.suffix.lower()
    fmt = "markdown" if suffix in (".md", ".markdown", ".mdown") else "html" if suffix in (".html", ".htm", ".xhtml") else "text"
    return parse_document(text, str(path), fmt)


def _cp1252_for_invalid_utf8(exc: UnicodeError):
    """Decoding error handler: read the bytes that are not UTF-8 as Windows-1252."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode("cp1252"), exc.end


def parse_document(text: str, path: str = "<string>", fmt: str = "text") -> Document:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt == "html" or (fmt == "text" and re.match(r"\s*(<!doctype html|<html)", text, re.I)):
        text = html_to_text(text)
        fmt = "html"
    doc = Document(path=path, text=text, masked=text, fmt=fmt)
    doc._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    mask = bytearray(len(text))  # 1 = not body
    _mask_furniture(text, mask)
    _find_notes(doc, mask)
    chars = list(text)
    for i, flag in enumerate(mask):
        if flag and chars[i] != "\n":
            chars[i] = " "
    doc.masked = "".join(chars)
    _split_body(doc)
    return doc


class _HTMLText:
    """Minimal HTML -> text: block elements become blank lines, <sup>n</sup> becomes a marker."""

    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
             "blockquote", "ul", "ol", "table", "header", "footer", "aside", "figure", "figcaption", "dd", "dt"}
    SKIP = {"script", "style", "head", "nav", "noscript", "svg"}


def html_to_text(source: str) -> str:
    from html.parser import HTMLParser

    out: list[str] = []
    state = {"skip": 0, "sup": 0}

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in _HTMLText.SKIP:
                state["skip"] += 1
            elif tag == "sup":
                state["sup"] += 1
            elif tag == "li":
                out.append("\n- ")
            elif tag in _HTMLText.BLOCK:
                out.append("\n\n" if tag != "br" else "\n")
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                out.append("#" * int(tag[1]) + " ")

        def handle_endtag(self, tag):
            if tag in _HTMLText.SKIP:
                state["skip"] = max(0, state["skip"] - 1)
            elif tag == "sup":
                state["sup"] = max(0, state["sup"] - 1)
            elif tag in _HTMLText.BLOCK:
                out.append("\n\n")

        def handle_data(self, data):
            if state["skip"]:
                return
            data = re.sub(r"[ \t\r\n]+", " ", data)
            if state["sup"] and data.strip().isdigit():
                data = data.strip().translate(str.maketrans("0123456789", SUPERSCRIPT_DIGITS))
            out.append(data)

    parser = Parser(convert_charrefs=True)
    parser.feed(source)
    parser.close()
    text = "".join(out)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return html.unescape(text).strip() + "\n"


# --------------------------------------------------------------------------------------------
# Non-body regions: front matter, code, comment threads, footnote definitions, reference lists
# --------------------------------------------------------------------------------------------

_LINE = re.compile(r"[^\n]*\n?")
_MD_FOOTDEF = re.compile(r"^[ ]{0,3}\[\^([^\]\s]+)\]:[ \t]*")
_SUP_FOOTDEF = re.compile(r"^[ \t]*+([" + SUPERSCRIPT_DIGITS + r"]{1,3})(?![" + SUPERSCRIPT_DIGITS + r"])\.?[ \t]*+(?=\S)")
# A line that ends a note's continuation: a horizontal rule or a Markdown heading.
_RULE_LINE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*+){3,}|(?:-[ \t]*+){3,}|(?:_[ \t]*+){3,})$", re.M)
_IMAGE_LINE = re.compile(r"^[ \t]{0,3}!\[[^\]\n]{0,1000}\]\([^)\n]{0,2000}\)[ \t]*$", re.M)
_NOTE_STOP = re.compile(r"^[ \t]{0,3}(?:(?:(?:\*[ \t]*+){3,}|(?:-[ \t]*+){3,}|(?:_[ \t]*+){3,})$|#{1,6}[ \t])")
_REF_HEADING = re.compile(
    r"^(?:#{1,6}[ \t]*+)?(?:\*\*|__)?[ \t]*+(?:\d+\.?[ \t]++)?"
    r"(references|bibliography|works cited|reference list|list of references|sources|sources cited|"
    r"literature cited|cited works|notes|endnotes|footnotes|notes and references)"
    r"[ \t]*+(?:\*\*|__)?[ \t]*+:?$", re.I)
# Where a trailing reference section stops: page furniture that follows articles on the web.
_STOP_HEADING = re.compile(
    r"^(?:#{1,6}[ \t]*+)?(?:about the authors?|acknowledge?ments?|appendix\b.*|post a comment|leave a (?:reply|comment)|"
    r"\d+ comments?|comments|related (?:posts|articles)|share this.*|tags?:.*)[ \t]*+:?$", re.I)
# The start of a blog comment thread or similar furniture: everything after it is not the article.
_COMMENTS = re.compile(r"^[ \t]*(?:post a comment|leave a (?:reply|comment)|\d+ comments?|comments \(\d+\))[ \t]*$", re.I)
_ITEM_LABEL = re.compile(
    r"^[ \t]*(?:\[(\d{1,3})\]|(\d{1,3})[.)](?=\s)|\^?(\d{1,3})(?=[ \t]+[A-Z\"“‘'*_])|([" + SUPERSCRIPT_DIGITS + r"]{1,3}))[ \t]*")


def _short_line_matches(pattern: re.Pattern, line: str) -> bool:
    """Headings are short: test only lines of at most 200 characters, stripped, so that a line of
    blanks costs one pass (blank runs on both sides of a pattern would make it quadratic)."""
    return len(line) <= 200 and pattern.match(line.strip()) is not None


def _lines(text: str):
    """(start, end_without_newline, line_text) for each line."""
    for m in _LINE.finditer(text):
        if not m.group(0):
            break
        line = m.group(0)
        yield m.start(), m.start() + len(line.rstrip("\n")), line.rstrip("\n")


def _set(mask: bytearray, start: int, end: int) -> None:
    for i in range(start, end):
        mask[i] = 1


def _mask_furniture(text: str, mask: bytearray) -> None:
    """Front matter, fenced code, HTML comments, link definitions and comment threads."""
    m = re.match(r"---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|$)", text, re.S)
    if m:
        _set(mask, 0, m.end())
    for m in re.finditer(r"^(```|~~~).*?(?:^\1[ \t]*$|\Z)", text, re.S | re.M):
        _set(mask, m.start(), m.end())
    for m in re.finditer(r"<!--.*?(?:-->|\Z)", text, re.S):
        _set(mask, m.start(), m.end())
    # (a link label is at most 999 characters, as in CommonMark: unbounded, every line that
    # opens with `[` and never closes it would scan to the end of the text -- quadratic)
    for m in re.finditer(r"^[ ]{0,3}\[[^\]^]{1,999}\]:[ \t]+\S+.*$", text, re.M):
        _set(mask, m.start(), m.end())
    for m in _RULE_LINE.finditer(text):  # horizontal rules: page furniture, never prose
        _set(mask, m.start(), m.end())
    for m in _IMAGE_LINE.finditer(text):  # a Markdown image on its own line
        _set(mask, m.start(), m.end())
    for m in re.finditer(r"^[ \t]*\|.*\|[ \t]*$", text, re.M):  # Markdown table rows
        if re.match(r"^[ \t]*\|[\s:|-]+\|[ \t]*$", m.group(0)):
            _set(mask, m.start(), m.end())
    for m in re.finditer(_COMMENTS.pattern, text, re.M | re.I):
        # only a thread near the end of the document (the last third) is furniture
        if m.start() > len(text) * 0.5:
            _set(mask, m.start(), len(text))
            break


def _clean_note_text(text: str) -> str:
    return " ".join(text.split())


def _find_notes(doc: Document, mask: bytearray) -> None:
    text = doc.text
    lines = list(_lines(text))
    n = len(lines)
    i = 0
    ref_section_from = None
    while i < n:
        start, end, line = lines[i]
        if mask[start] if start < len(mask) else False:
            i += 1
            continue
        md = _MD_FOOTDEF.match(line)
        sup = None if md else _SUP_FOOTDEF.match(line)
        if md or sup:
            label = md.group(1) if md else sup.group(1).translate(SUP_TO_DIGIT)
            body_start = start + (md or sup).end()
            j = i + 1
            last_end = end
            # continuation: following non-blank lines that are not another definition; for
            # Markdown also indented paragraphs after a blank line
            while j < n:
                s2, e2, l2 = lines[j]
                if not l2.strip():
                    if md and j + 1 < n and lines[j + 1][2].startswith(("    ", "\t")):
                        j += 1
                        continue
                    break
                if _MD_FOOTDEF.match(l2) or _SUP_FOOTDEF.match(l2) or _NOTE_STOP.match(l2):
                    break
                last_end = e2
                j += 1
            note_text = _clean_note_text(text[body_start:last_end])
            doc.footnotes.setdefault(label, Note(label, note_text, body_start, last_end, doc.line_of(start)))
            _set(mask, start, last_end)
            i = j
            continue
        if i > 0 and _short_line_matches(_REF_HEADING, line):
            # a references / notes section: it must be followed by at least one item-like block
            ref_section_from = i
            break
        i += 1
    if ref_section_from is not None:
        _read_reference_section(doc, mask, lines, ref_section_from)


def _is_notes_heading(heading: str) -> bool:
    return bool(re.search(r"notes|footnotes|endnotes", heading, re.I)) and not re.search(r"references", heading, re.I)


def _read_reference_section(doc: Document, mask: bytearray, lines, first: int) -> None:
    text = doc.text
    start0, end0, heading = lines[first]
    is_notes = _is_notes_heading(heading)
    items: list[tuple] = []  # (label, start, end, is_notes)
    section_end = len(text)
    cur: list | None = None
    for j in range(first + 1, len(lines)):
        s, e, line = lines[j]
        if _short_line_matches(_STOP_HEADING, line):
            section_end = s
            break
        if not line.strip():
            if cur is not None:
                items.append(tuple(cur))
                cur = None
            continue
        if mask[s] if s < len(mask) else False:
            continue
        if _short_line_matches(_REF_HEADING, line):
            # "References" then "Notes" (or the reverse): a new part of the section
            if cur is not None:
                items.append(tuple(cur))
                cur = None
            is_notes = _is_notes_heading(line)
            continue
        label_m = _ITEM_LABEL.match(line)
        label = next((g for g in label_m.groups() if g), "") if label_m else ""
        label = label.translate(SUP_TO_DIGIT)
        bullet = re.match(r"^[ \t]*[-*•●▪–][ \t]+", line)
        starts = _looks_like_ref_start(line) or _REPEATED_AUTHOR_LINE.match(line) is not None
        begins_item = bool(label) or bool(bullet) or cur is None or starts
        if begins_item and cur is not None and (label or bullet or starts):
            items.append(tuple(cur))
            cur = None
        if cur is None:
            offset = label_m.end() if label else bullet.end() if bullet else len(line) - len(line.lstrip())
            cur = [label, s + offset, e, is_notes]
        else:
            cur[2] = e
    if cur is not None:
        items.append(tuple(cur))
    if not items:
        return
    _set(mask, start0, section_end)
    for label, s, e, notes in items:
        note = Note(label, _clean_note_text(text[s:e]), s, e, doc.line_of(s), "footnote" if notes else "reference")
        if not note.text:
            continue
        if notes and label:
            doc.footnotes.setdefault(label, note)
        else:
            doc.references.append(note)


# "———. 2014b. Title": an item by the same author as the one before it
_REPEATED_AUTHOR_LINE = re.compile(r"^[ \t]*(?:[—–]{2,}|-{3,}|_{3,})[ \t]*[.,]")


def _looks_like_ref_start(line: str) -> bool:
    """`Surname, A.` / `Organisation (2018).` / `Organisation. (2018)` opening a reference item."""
    return bool(re.match(r"^[ \t]*[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)*(?:,\s+(?:[A-Z]\.|[A-Z][a-z]+)| ?\(\d{4}| \(n\.d\.\)|\.\s+\(?\d{4})", line))


# --------------------------------------------------------------------------------------------
# Body: blocks, then sentences
# --------------------------------------------------------------------------------------------

_BULLET = re.compile(r"^[ \t]*(?:[-*+•●▪◦‣○■□➢➤✓]|\d{1,2}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))[ \t]+")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+")
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_TERMINAL = ".!?…"
# The trailing-marks patterns below end in `+$`, so a search tries every start position: on
# one huge block that is quadratic. Only the end of a block can hold its trailing marks, so
# they are looked for in its last _TAIL characters.
_TAIL = 1_000
# No sentence is longer than this: a run of text without terminal punctuation (one 5 MB line)
# is cut at whitespace into pieces of at most this many characters, so that the per-sentence
# work of citations and rules stays bounded and a flag never quotes megabytes.
MAX_SENTENCE_CHARS = 2_000


# The last character of every trailing mark the patterns below strip (`]`, a superscript digit,
# a closing quote or bracket, emphasis): text ending in anything else has none to strip.
_MARK_END = set("]\"'”’»)*_" + SUPERSCRIPT_DIGITS)


_CLOSERS = "\"'”’»)*_" + SUPERSCRIPT_DIGITS
# a bracketed marker at the end of a text: [^3], [12], [3, 5], [3–5], [@key, p. 4]
_BRACKET_MARK = re.compile(r"\[(?:\^[^\]\s]{1,40}|\d{1,3}(?:[,–-][ ]?\d{1,3}){0,30}|@[^\]\n]{1,200})\]$")


def strip_trailing_marks(text: str) -> str:
    """`text` without the note markers, closing quotes, brackets, emphasis and blanks it ends with.

    A loop from the end, not a regex ending in `(...)+$`: such a pattern is tried from every start
    position and backtracks over runs of closers, which made a few dozen `)` or `"` take minutes.
    Each step removes at least one character and looks back a bounded window: linear time."""
    end = len(text)
    while end:
        ch = text[end - 1]
        if ch in _CLOSERS or ch.isspace():
            end -= 1
            continue
        if ch == "]":
            m = _BRACKET_MARK.search(text, max(0, end - 260), end)
            if m and m.end() == end:
                end = m.start()
                continue
            end -= 1  # a lone closing bracket
            continue
        break
    return text[:end]


def _ends_sentence(text: str) -> bool:
    t = text.rstrip()[-_TAIL:]
    if t and t[-1] not in _MARK_END:  # the common case
        return t[-1] in _TERMINAL + ":;"
    t = strip_trailing_marks(t)
    return bool(t) and t[-1] in _TERMINAL + ":;"


def _is_heading_text(text: str) -> bool:
    text = text.strip()
    if text and text[-1] not in _MARK_END:  # nothing to strip (the common case, without a regex)
        t = text.strip("*_#").strip()
    else:
        t = (text[:-_TAIL] + strip_trailing_marks(text[-_TAIL:])).strip("*_#").strip()
    if not t:
        return True
    words = t.split()
    if len(words) > 16 or t[-1] in ".!?;,":
        return False
    if t.endswith(":"):
        # "Examples of X:" is a heading when Title Case, "These can include:" is a lead-in
        caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        return caps >= max(2, len(words) * 0.6)
    return True


def _split_body(doc: Document) -> None:
    masked = doc.masked
    blocks: list[list] = []  # [start, end, kind]
    cur = None
    cur_single = False  # the current block is still one line (checked per line: not by slicing it)
    for s, e, line in _lines(masked):
        stripped = line.strip()
        if not stripped:
            if cur:
                blocks.append(cur)
                cur = None
            continue
        lead_ws = len(line) - len(line.lstrip())
        qm = _QUOTE_PREFIX.match(line)
        content_start = s + (qm.end() if qm else lead_ws)
        content = masked[content_start:e]
        heading = bool(_MD_HEADING.match(content))
        bullet = _BULLET.match(content)
        if heading or bullet:
            if cur:
                blocks.append(cur)
            if heading:
                content_start += _MD_HEADING.match(content).end()
                blocks.append([content_start, e, "heading"])
                cur = None
                continue
            cur = [content_start + bullet.end(), e, "item"]
            cur_single = True
            continue
        if cur is None:
            cur = [content_start, e, "body"]
            cur_single = True
            continue
        # a short title-like line followed by a line of prose is a heading, not a wrapped line
        if cur[2] != "item" and cur_single:
            prev_line = masked[cur[0]:cur[1]]
            if _is_heading_text(prev_line) \
                    and not _ends_sentence(prev_line) and len(prev_line.split()) <= 10 \
                    and len(content.split()) > len(prev_line.split()) + 4 and content[:1].isupper() \
                    and _title_case(prev_line):
                blocks.append(cur)
                cur = [content_start, e, "body"]
                continue
        cur[1] = e
        cur_single = False
    if cur:
        blocks.append(cur)

    # join blocks that split one sentence (page break, interleaved footnote block)
    joined: list[list] = []
    for b in blocks:
        if joined:
            prev = joined[-1]
            # only the end of the previous block and the first letter of this one matter (a long
            # chain of joined blocks must not be sliced again and again)
            prev_end = prev[1]
            while prev_end > prev[0] and masked[prev_end - 1].isspace():
                prev_end -= 1
            prev_text = masked[max(prev[0], prev_end - _TAIL):prev_end]
            first = _WS.match(masked, b[0], b[1]).end()
            nxt = masked[first:first + 1]
            if b[2] == "body" and prev[2] in ("body", "item") and not _ends_sentence(prev_text) \
                    and nxt[:1].islower():
                prev[1] = b[1]
                continue
        joined.append(list(b))

    sentences: list[Sentence] = []
    lead_index = None
    in_questionnaire = False
    for bi, (bs, be, kind) in enumerate(joined):
        block_text = masked[bs:be]
        one_line = " ".join(block_text.split())
        marked_heading = kind == "heading"  # a Markdown heading, not one guessed from its shape
        if one_line.startswith("|") and one_line.count("|") >= 2:
            kind = "table"
        if kind == "body" and _is_heading_text(one_line) and not one_line.endswith(":"):
            kind = "heading"
        if kind == "body" and len(one_line.split()) <= 3 and not _ends_sentence(one_line):
            kind = "heading"
        if kind == "item" and not _ends_sentence(one_line) and len(one_line.split()) <= 10 and _title_case(one_line):
            kind = "heading"
        if marked_heading or (kind == "heading" and not in_questionnaire):
            in_questionnaire = bool(_QUESTIONNAIRE.search(one_line[:200]))
        elif in_questionnaire:
            kind = "questionnaire"
        elif kind in ("body", "item") and _CAPTION.match(one_line):
            kind = "caption"
        spans = _cut_long(masked, bs, be) if kind == "heading" else split_sentences(block_text, bs)
        if kind != "item":
            lead_index = None
        for ss, se in spans:
            stext = " ".join(masked[ss:se].split())
            if not stext:
                continue
            skind = kind
            if kind == "body" and stext.endswith(":") and (ss, se) == spans[-1]:
                skind = "lead"
            sent = Sentence(len(sentences), ss, se, doc.line_of(ss), stext, bi, skind,
                            lead_index if kind == "item" else None, doc.line_of(max(ss, se - 1)))
            sentences.append(sent)
        if kind in ("body",) and sentences and sentences[-1].kind == "lead":
            lead_index = sentences[-1].index
        elif kind == "heading":
            lead_index = None
    doc.sentences = sentences


# Non-prose blocks: captions ("Figure 2: ...", "Table 1 – ...", "Source: ..."), table rows, and
# the questions and answer options of a questionnaire or interview guide. They are not claims.
_CAPTION = re.compile(r"^[*_]{0,2}(?:(?:Figure|Fig\.|Table|Chart|Graph|Map|Exhibit|Box|Plate|Image|Photo|Diagram)"
                      r"[ \t]+[A-Z]?\d{1,3}[A-Za-z]?(?:\.\d{1,2})?[*_]{0,2}[ \t]*[.:–—|-]|(?:Source|Sources|Note|Notes)[ \t]*:)", re.I)
_QUESTIONNAIRE = re.compile(r"\b(?:questionnaire|survey instrument|survey questions|interview (?:guide|questions|protocol)|"
                            r"topic guide)\b", re.I)


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line)]
    if not words:
        return False
    small = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "by", "at", "vs", "via", "from", "into"}
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return caps == len(words)


# --------------------------------------------------------------------------------------------
# Sentence segmentation
# --------------------------------------------------------------------------------------------

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

# A note marker: [^3], [12], [3, 5], [3–5], ¹⁴, ¹⁻³, ¹,² (bounded repetition: linear matching).
MARKER = (r"(?:\[\^[^\]\s]{1,40}\]|\[\d{1,3}(?:[,–-][ ]?\d{1,3}){0,30}\]|"
          r"[" + SUPERSCRIPT_DIGITS + r"]{1,3}(?:[,⁻˒–-][" + SUPERSCRIPT_DIGITS + r"]{1,3}){0,30})")
# Possessive quantifiers and the look-behind keep this linear on runs of punctuation, closers
# or markers (nested `(...|x+)*` backtracked exponentially on 30 superscripts).
_BOUNDARY = re.compile(
    r"(?<![.!?])(?:[.!?]++|…)"  # terminal punctuation
    r"(?P<close>(?:[\"'”’»)\]*_]|" + MARKER + r")*+)"
    r"(?P<gap>\s++)"
    # a marker written after a space ("abuse. ¹⁴ Next") still closes the sentence before it
    r"(?:(?P<mark>" + MARKER + r")(?=\s|$)(?P<gap2>\s*+))?"
    r"(?=(?P<next>[\"'“‘(\[*_]*+\S+)?)")
_WS = re.compile(r"\s*")


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
        seg = text[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            for cs, ce in _cut_long(text, s + ls, s + rs):
                out.append((offset + cs, offset + ce))
    return out


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
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
        start = _WS.match(text, cut, end).end()
    if end > start:
        spans.append((start, end))
    return spans


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
    if first.islower() or first in ",;:)":
        return False
    if punct != ".":
        return True
    if m.group("close") or m.group("mark"):
        # "...abuse.¹⁴ Next" or "...said.” Next": a marker or closer after the stop ends it
        return True
    low = token.lower().rstrip(".")
    bare = low.replace(".", "")
    next_word = re.sub(r"[^\w]", "", nxt).lower()
    # initials and dotted acronyms: "J. Smith", "U.S.", "e.g.", "LL.M."
    if re.fullmatch(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{0,2}", token + ".") and "." in token + ".":
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
