"""The masked body cut into blocks (paragraphs, list items, headings), blocks broken by a page
break or a footnote block joined again, and each sentence given its kind (body, heading, item,
lead, caption, table, questionnaire)."""

from __future__ import annotations

import re
from bisect import bisect_right

from litcheck.scan.document.model import SUPERSCRIPT_DIGITS, Document, Sentence, line_spans
from litcheck.scan.document.sentences import WS, cut_long, split_sentences

_WS_RUN = re.compile(r"\s+")

_BULLET = re.compile(r"^[ \t]*(?:[-*+•●▪◦‣○■□➢➤✓]|\d{1,2}[.)]|[a-zA-Z][.)]|\(\w{1,3}\))[ \t]+")
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+")
_QUOTE_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)+")
_TERMINAL = ".!?…"
# The trailing-marks patterns below end in `+$`, so a search tries every start position: on
# one huge block that is quadratic. Only the end of a block can hold its trailing marks, so
# they are looked for in its last _TAIL characters.
_TAIL = 1_000


# The last character of every trailing mark the patterns below strip (`]`, `^`, a superscript digit,
# a closing quote or bracket, emphasis): text ending in anything else has none to strip.
_MARK_END = set("]^\"'”’»)*_" + SUPERSCRIPT_DIGITS)


_CLOSERS = "\"'”’»)*_" + SUPERSCRIPT_DIGITS
# a bracketed marker at the end of a text: [^3], [12], [3, 5], [3–5], [@key, p. 4]
_BRACKET_MARK = re.compile(r"\[(?:\^[^\]\s]{1,40}|\d{1,3}(?:[,–-][ ]?\d{1,3}){0,30}|@[^\]\n]{1,200})\]$")
# pandoc's superscript marker at the end of a text: ^3^, ^a^, ^3-5^
_CARET_MARK = re.compile(r"\^(?:[A-Za-z]{1,2}|\d{1,3}(?:[,–-]\d{1,3}){0,20})\^$")


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
        if ch == "^":
            m = _CARET_MARK.search(text, max(0, end - 100), end)
            if m and m.end() == end:
                end = m.start()
                continue
        break
    return text[:end]


def _ends_sentence(text: str) -> bool:
    t = text.rstrip()[-_TAIL:]
    if t and t[-1] not in _MARK_END:  # the common case
        return t[-1] in _TERMINAL + ":;"
    t = strip_trailing_marks(t)
    return bool(t) and t[-1] in _TERMINAL + ":;"


_PAGE_AFTER_SENTENCE = re.compile(r"(?<=[.!?])\s+\d{1,4}$")  # "... 14,325 reports. 38": a page number after it


_SENTENCE_INSIDE = re.compile(r"[a-z]{3}[.!?]\s+[A-Z(]")


def _is_heading_text(text: str) -> bool:
    text = text.strip()
    if text and text[-1] not in _MARK_END:  # nothing to strip (the common case, without a regex)
        t = text.strip("*_#").strip()
    else:
        t = (text[:-_TAIL] + strip_trailing_marks(text[-_TAIL:])).strip("*_#").strip()
    if not t:
        return True
    if t[-1].isdigit():
        t = t[:-_TAIL] + _PAGE_AFTER_SENTENCE.sub("", t[-_TAIL:])  # (bounded: the tail only)
    words = t.split(maxsplit=16)  # bounded: a 20 MB one-line paragraph is not split into its words
    if len(words) > 16 or t[-1] in ".!?;," or _SENTENCE_INSIDE.search(t):
        return False  # (a full stop after a word inside: two short sentences, "It fell. (Okafor, 2020)")
    if t.endswith(":"):
        # "Examples of X:" is a heading when Title Case, "These can include:" is a lead-in
        caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
        return caps >= max(2, len(words) * 0.6)
    return True


_NUMBERED_MARK = re.compile(r"(?:^|\n)[ \t]*\d{1,2}[.)][ \t]+$")


def _lone_title(blocks, i: int, masked: str, one_line: str) -> bool:
    """A numbered section title set as a list item of its own between paragraphs ("1. Effect of X
    on Minors according to recent Studies"): no item beside it, no lead-in before it, and it ends
    no sentence."""
    if not _NUMBERED_MARK.search(masked, max(0, blocks[i][0] - 8), blocks[i][0]):
        return False
    before = blocks[i - 1] if i else None
    after = blocks[i + 1] if i + 1 < len(blocks) else None
    return not _ends_sentence(one_line) and len(one_line.split(maxsplit=14)) <= 14 \
        and not (before and before[2] == "item") and not (after and after[2] == "item") \
        and not (before and masked[before[0]:before[1]].rstrip().endswith(":"))


def split_body(doc: Document) -> None:
    masked = doc.masked
    blocks: list[list] = []  # [start, end, kind]
    cur = None
    cur_single = False  # the current block is still one line (checked per line: not by slicing it)
    for s, e, line in line_spans(masked):
        if not line or line.isspace():  # no stripped copies of the line: it may be 20 MB long
            if cur:
                blocks.append(cur)
                cur = None
            continue
        lead_ws = WS.match(line).end()
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
            first = WS.match(masked, b[0], b[1]).end()
            nxt = masked[first:first + 1]
            if b[2] == "body" and prev[2] in ("body", "item") and not _ends_sentence(prev_text) \
                    and nxt[:1].islower():
                prev[1] = b[1]
                continue
        joined.append(list(b))

    sentences: list[Sentence] = []
    line_starts = doc._line_starts  # (Document.line_of, without a method call a sentence)
    lead_index = None
    in_questionnaire = False
    for bi, (bs, be, kind) in enumerate(joined):
        block_text = masked[bs:be]
        one_line = _WS_RUN.sub(" ", block_text).strip()  # = " ".join(block_text.split()), without a list of its words
        marked_heading = kind == "heading"  # a Markdown heading, not one guessed from its shape
        spans = None
        if one_line.startswith("|") and one_line.count("|") >= 2 or one_line.count(" | ") >= 3 \
                or kind in ("body", "item") and (_numeric_grid(one_line) or _contents_line(one_line)):
            kind = "table"  # a pipe table, with or without its outer pipes, or a PDF table's flattened cells
            if one_line[:1] != "|" and len(spans := split_sentences(block_text, bs)) > 3:
                kind = "body"  # PDF text with no blank lines: a table and prose in one block, told apart sentence by sentence
        mixed = kind == "body" and spans is not None
        if kind == "body" and _is_heading_text(one_line) and not one_line.endswith(":"):
            kind = "heading"
        if kind == "body" and len(one_line.split(maxsplit=3)) <= 3 and not _ends_sentence(one_line):
            kind = "heading"
        if kind == "item" and not _ends_sentence(one_line) and len(one_line.split(maxsplit=10)) <= 10 and _title_case(one_line) \
                or kind == "item" and _lone_title(joined, bi, masked, one_line):
            kind = "heading"
        if marked_heading or (kind == "heading" and not in_questionnaire):
            in_questionnaire = bool(_QUESTIONNAIRE.search(one_line[:200]))
        elif in_questionnaire:
            kind = "questionnaire"
        elif kind in ("body", "item") and _CAPTION.match(one_line):
            kind = "caption"
        if not mixed:
            spans = cut_long(masked, bs, be) if kind == "heading" else split_sentences(block_text, bs)
        if kind != "item":
            lead_index = None
        for ss, se in spans:
            stext = " ".join(masked[ss:se].split())
            if not stext:
                continue
            skind = kind
            if kind in ("body", "item") and stext.endswith(":") and (ss, se) == spans[-1] \
                    or kind in ("body", "item", "heading") and len(spans) == 1 and _SOURCE_LEAD.match(stext) \
                    and not _ends_sentence(stext):
                skind = "lead"
            elif _PAGE_NUMBER.fullmatch(stext):
                skind = "page"  # a PDF's page number left between or after sentences: no claim
            elif mixed and (_numeric_grid(stext) or _contents_line(stext)):
                skind = "table"
            sent = Sentence(len(sentences), ss, se, bisect_right(line_starts, ss), stext, bi, skind,
                            lead_index if kind == "item" else None, bisect_right(line_starts, max(ss, se - 1)))
            sentences.append(sent)
        if sentences and sentences[-1].kind == "lead" and sentences[-1].block == bi:
            lead_index = sentences[-1].index
        elif kind == "heading":
            lead_index = None
    doc.sentences = sentences


# A line that names the source of the list under it: "According to the [Office for National
# Statistics](https://...)", with no full stop (the items below are what it reports). Not "Source:",
# which labels a table or figure, as a caption does.
_SOURCE_LEAD = re.compile(r"[*_\[\s]*(?:According to|Data from|Figures from|Based on)\b", re.I)


# Non-prose blocks: captions ("Figure 2: ...", "Table 1 – ...", "Source: ...", a Markdown image with
# its caption), table rows, and the questions and answer options of a questionnaire or interview
# guide. They are not claims.
_CAPTION = re.compile(r"^!\[|^[*_]{0,2}(?:(?:Figure|Fig\.|Table|Chart|Graph|Map|Exhibit|Box|Plate|Image|Photo|Diagram)"
                      r"[ \t]+[A-Z]?\d{1,3}[A-Za-z]?(?:\.\d{1,2})?[*_]{0,2}[ \t]*[.:–—|-]|(?:Source|Sources|Note|Notes)[ \t]*:)", re.I)
# (and a section's number left alone by the segmenter: "2.1." of "2.1. Related work")
_PAGE_NUMBER = re.compile(r"(?:(?i:page|p\.)\s*)?\d{1,4}(?:\s*(?i:of)\s*\d{1,4})?|[-–]\s*\d{1,4}\s*[-–]|\d{1,2}(?:\.\d{1,2}){1,3}\.?")
_QUESTIONNAIRE = re.compile(r"\b(?:questionnaire|survey instrument|survey questions|interview (?:guide|questions|protocol)|"
                            r"topic guide)\b", re.I)


_SECTION_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3})+(?=\s+[A-Z])")  # "2.1 Pinterest", not "2.17 million"
_LEADER = re.compile(r"(?<!\.)(?<!\.\s)(?:\.\s?){4,}+\s*\d{1,4}\b")  # (from a run's start only: linear on a run of dots)


def _contents_line(line: str) -> bool:
    """A table of contents flattened into a line: section numbers and page numbers between short
    titles ("2.1 Pinterest 4 2.2 The Digital Services Act 4 2.3 ..."), or dot leaders ("Introduction
    ........ 4")."""
    if len(_LEADER.findall(line)) >= 2:
        return True
    numbers = len(_SECTION_NUMBER.findall(line))
    return numbers >= 3 and len(line.split()) <= 15 * numbers


def _numeric_grid(line: str) -> bool:
    """A PDF table flattened into a line: numbers side by side ("... CY 2023 5,139 6,692 8,160"), or
    many numbers with few words between them."""
    tokens = _BRACKETED.sub(" ", line).split()  # "[28, 40, 70]" cites, it tabulates nothing
    # one byte a token, 1 for a number (a paragraph of megabytes has hundreds of thousands of
    # tokens: read without a Python step each)
    cells = bytes(map(bool, map(_NUMBER_CELL.fullmatch, tokens)))
    numbers = cells.count(1)
    # prose separates its numbers with words; a table row puts three or more side by side
    return b"\x01\x01\x01" in cells or numbers >= 6 and numbers >= 0.35 * len(tokens)


_NUMBER_CELL = re.compile(r"[$€£]?\d(?:[\d,.]*\d)?%?")  # "5,139", "12.5%"; not "40," in a list of prose
_BRACKETED = re.compile(r"\[[^\[\]\n]{0,200}\]")


def _title_case(line: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", line)]
    if not words:
        return False
    small = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "by", "at", "vs", "via", "from", "into"}
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in small)
    return caps == len(words)

