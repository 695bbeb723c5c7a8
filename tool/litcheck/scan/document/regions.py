"""Non-body regions of an article, masked out of the body: front matter, code, comment threads,
footnote definitions and the items of a reference or notes section (wherever they stand)."""

from __future__ import annotations

import re
from dataclasses import replace

from litcheck.scan.document.model import SUP_TO_DIGIT, SUPERSCRIPT_DIGITS, Document, Note, line_spans
from litcheck.scan.document.plainmarks import GLUED_MARK

# "[^3]: text", and pandoc's superscript label opening a note line: "^3^ text", "^a^ text"
_MD_FOOTDEF = re.compile(r"^[ ]{0,3}(?:\[\^([^\]\s]+)\]:|\^([A-Za-z]{1,2}|\d{1,3})\^(?=[ \t]))[ \t]*")
# (one line may define several: "⁴,⁵ https://...", the same source for notes 4 and 5)
_SUP_FOOTDEF = re.compile(r"^[ \t]*+([" + SUPERSCRIPT_DIGITS + r"]{1,3}(?:,[" + SUPERSCRIPT_DIGITS + r"]{1,3})*)(?!["
                          + SUPERSCRIPT_DIGITS + r"])\.?[ \t]*+(?=\S)")
# A PDF's page-foot note: "2 References to CY 2021 refer to ..." (a plain number, a space, the note).
# Taken as a note only when the body carries that number glued to punctuation or a word ("36.2 million.2")
# and either the numbers run in order or the line opens as a source does (a signal, or a name or
# title and a comma: "12 European Commission, EU strategy ..."), since a wrapped body line may start
# with a number too. Reports print each page's notes in any order, often the last first.
_PLAIN_FOOTDEF = re.compile(r"^(\d{1,3})[ \t]+(?=[A-Z0-9“\"(§])")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)]\d{0,3}[ \t]*$")  # (a note marker may follow)
_SOURCE_OPENING = re.compile(r"[ \t]*+(?:(?:See|Cf)\b|[A-Z‘“\"][^\n,]{0,90},)")
# A line that ends a note's continuation: a horizontal rule or a Markdown heading.
_RULE_LINE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*+){3,}|(?:-[ \t]*+){3,}|(?:_[ \t]*+){3,})$", re.M)
_IMAGE_LINE = re.compile(r"^[ \t]{0,3}!\[[^\]\n]{0,1000}\]\([^)\n]{0,2000}\)[ \t]*$", re.M)
_NOTE_STOP = re.compile(r"^[ \t]{0,3}(?:(?:(?:\*[ \t]*+){3,}|(?:-[ \t]*+){3,}|(?:_[ \t]*+){3,})$|#{1,6}[ \t])")
_REF_HEADING = re.compile(
    # (an emoji or symbol may lead it: "### 📚 Sources & References")
    r"^(?:#{1,6}[ \t]*+)?(?:\*\*|__)?[ \t]*+(?:[^\w\s#*]{1,3}[ \t]*+)?(?:\d+\.?[ \t]++)?"
    r"(references|bibliography|works cited|reference list|list of references|sources|sources cited|"
    r"literature cited|cited works|notes|endnotes|footnotes|notes and references|sources (?:and|&) references|"
    r"references (?:and|&) (?:sources|further reading))"
    # a style or a scope named after the heading: "References [MLA]", "Bibliography (APA 7th ed.)",
    # "Sources & References (all citations)"
    r"(?:[ \t]*+[\[(][\w .,-]{1,30}[\])])?"
    r"[ \t]*+(?:\*\*|__)?[ \t]*+:?$", re.I)
# A heading inside a reference list that groups its items ("### Reports", "## Online grooming"): a
# short heading whose next line is a list item naming a year, as every item of the group does
_GROUP_ITEM = re.compile(r"^[ \t]*(?:[-*•]|\d{1,3}[.)])[ \t]+.{0,400}?\b(?:1[89]\d\d|20\d\d)\b")
# An empty HTML anchor, the target of in-document links: `<a id="ref_lin"></a>`, `<a name=x/>`.
# Not text: headings and reference items are read without it, and an item keeps its id.
ANCHOR_TAG = re.compile(r"""<a\b[^<>]{0,300}?\b(?:id|name)[ \t]*=[ \t]*["']?([\w:.-]{1,100})[^<>]{0,300}>(?:[ \t]*</?a/?>)?""", re.I)
# Where a trailing reference section stops: page furniture that follows articles on the web.
_STOP_HEADING = re.compile(
    r"^(?:#{1,6}[ \t]*+)?(?:about the authors?|acknowledge?ments?|appendix\b.*|post a comment|leave a (?:reply|comment)|"
    r"\d+ comments?|comments|related (?:posts|articles)|share this.*|tags?:.*)[ \t]*+:?$", re.I)
# The start of a blog comment thread or similar furniture: everything after it is not the article.
_COMMENTS = re.compile(r"^[ \t]*(?:post a comment|leave a (?:reply|comment)|\d+ comments?|comments \(\d+\))[ \t]*$", re.I)
_ITEM_LABEL = re.compile(
    r"^[ \t]*(?:\[(\d{1,3})\]:?|(\d{1,3})[.)](?=\s)|\^?(\d{1,3})(?=[ \t]+[A-Z\"“‘'*_])|([" + SUPERSCRIPT_DIGITS + r"]{1,3}"
    r"(?:,[" + SUPERSCRIPT_DIGITS + r"]{1,3})*))[ \t]*")
# An encyclopaedia's reference copied as text: "^ a b Greene, Tim. ..." (a caret, then one letter for each
# place that cites it). Its number is its place in the list, as the encyclopaedia shows it.
_CARET_ITEM = re.compile(r"^[ \t]*\^(?:[ \t]*Jump up(?: to)?:?)?(?:[ \t]+[a-z](?=[ \t]))*[ \t]+(?=\S)")


def _short_line_matches(pattern: re.Pattern, line: str) -> bool:
    """Headings are short: test only lines of at most 200 characters, stripped, so that a line of
    blanks costs one pass (blank runs on both sides of a pattern would make it quadratic)."""
    return len(line) <= 300 and pattern.match(ANCHOR_TAG.sub("", line).strip()) is not None


def _set(mask: bytearray, start: int, end: int, value: bytes = b"\x01") -> None:
    """Mark text[start:end] as not body (one slice assignment, not a Python step a character).
    `INSIDE_PARAGRAPH` marks lines cut out of a paragraph, whose newlines go too."""
    mask[start:end] = value * (min(end, len(mask)) - start)


INSIDE_PARAGRAPH = b"\x02"


def mask_furniture(text: str, mask: bytearray) -> None:
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
    # (a definition is an address and at most a quoted title, as in CommonMark: "[1]: Greenberg, A. (2013).
    # ..." is a reference item written with a label, not a link definition)
    for m in re.finditer(r"^[ ]{0,3}\[[^\]^]{1,999}\]:[ \t]+(?:<[^>\n]*>|\S+)(?:[ \t]+(?:\"[^\"\n]*\"|'[^'\n]*'|"
                         r"\([^)\n]*\)))?[ \t]*$", text, re.M):
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
    return " ".join(ANCHOR_TAG.sub(" ", text).split())


def find_notes(doc: Document, mask: bytearray) -> None:
    text = doc.text
    lines = list(line_spans(text))
    n = len(lines)
    glued = {m.group(1) for m in GLUED_MARK.finditer(text)} if re.search(r"\n\d{1,3}[ \t]", text) else set()

    def plain_note(line: str, last: int, alone: bool = False) -> re.Match | None:
        """The page-foot note opening `line`, if it is one (`alone`: a blank line follows it)."""
        pm = _PLAIN_FOOTDEF.match(line) if glued else None
        if pm is None or pm.group(1) not in glued or pm.group(1) in doc.footnotes:
            return None
        if alone and not _ENDS_SENTENCE.search(line) and len(line) <= 80:
            return None  # a numbered heading standing alone: "2 Background and Related Work"
        in_order = last == 0 or 0 < int(pm.group(1)) - last <= 2
        return pm if in_order or _SOURCE_OPENING.match(line, pm.end()) else None

    headless = _headless_list(lines, mask)
    if headless is not None:
        _read_reference_section(doc, mask, lines, headless, headless=True)
    last_plain = 0
    # A block of page-foot notes printed inside a sentence of the body (the line before it stops
    # mid-sentence): each of its notes ends at its first line that ends a sentence, and the body
    # goes on after the block ("... part of the Federal Bureau of / 7 In January 2024, ... (CENP).
    # / Investigation, United States ...").
    inside_sentence = False
    i = 0
    while i < n:
        start, end, line = lines[i]
        if mask[start] if start < len(mask) else False:
            i += 1
            continue
        md = _MD_FOOTDEF.match(line)
        sup = None if md else _SUP_FOOTDEF.match(line)
        plain = None if md or sup else plain_note(line, last_plain, i + 1 == n or not lines[i + 1][2].strip())
        if plain:
            if i == 0 or not lines[i - 1][2].strip():
                inside_sentence = False
            elif not mask[lines[i - 1][0]]:  # (a note line before it keeps the block's state)
                inside_sentence = not _ENDS_SENTENCE.search(lines[i - 1][2])
            last_plain = int(plain.group(1))
        if md or sup or plain:
            label = (md.group(1) or md.group(2)) if md else sup.group(1).translate(SUP_TO_DIGIT) if sup else plain.group(1)
            body_start = start + (md or sup or plain).end()
            j = i + 1
            last_end = end
            # continuation: following non-blank lines that are not another definition; for
            # Markdown also indented paragraphs after a blank line
            ended = plain and inside_sentence and _ENDS_SENTENCE.search(line)
            width = len(line.rstrip())  # the widest line of the note so far
            while j < n and not ended:
                s2, e2, l2 = lines[j]
                if not l2.strip():
                    if md and j + 1 < n and lines[j + 1][2].startswith(("    ", "\t")):
                        j += 1
                        continue
                    break
                if _MD_FOOTDEF.match(l2) or _SUP_FOOTDEF.match(l2) or _NOTE_STOP.match(l2) \
                        or plain and (plain_note(l2, last_plain) or _body_again(l2, lines[j - 1][2], width, last_plain)):
                    break
                last_end = e2
                width = max(width, len(l2.rstrip()))
                j += 1
                if plain and inside_sentence and _ENDS_SENTENCE.search(l2):
                    break
            note_text = _clean_note_text(text[body_start:last_end])
            _store_note(doc, Note(label, note_text, body_start, last_end, doc.line_of(start)))
            if plain and inside_sentence:  # the body's sentence goes on after the note: one paragraph
                _set(mask, start, min(last_end + 1, len(text)), INSIDE_PARAGRAPH)
            else:
                _set(mask, start, last_end)
            i = j
            continue
        if i > 0 and _short_line_matches(_REF_HEADING, line):
            # a references / notes section; the scan goes on after it (footnote definitions or
            # another post's article may follow)
            i = _read_reference_section(doc, mask, lines, i)
            continue
        i += 1


def _store_note(doc: Document, note: Note) -> None:
    """Keep `note` under its label, or under each of its labels: "⁴,⁵ https://..." is one source
    for notes 4 and 5. The first note of a label wins."""
    for one in note.label.split(","):
        doc.footnotes.setdefault(one, note if one == note.label else replace(note, label=one))


def _body_again(line: str, before: str, width: int, label: int) -> bool:
    """Whether `line`, after a plain-numbered note's line `before`, is the body going on (the next
    page, with no blank line between): `before` is the short last line of a paragraph (a finished
    sentence, shorter than the note's or this line's width), or a small letter follows a finished
    sentence, or `line` holds the marker of a later note, which the body carries and a note does
    not ("... Assistance program7, which is part of ..."). A page-foot note is one paragraph."""
    if _ENDS_SENTENCE.search(before) and (
            line[:1].islower() or len(before.rstrip()) < 0.8 * max(width, len(line.rstrip()))):
        return True
    return any(int(m.group(1)) > label for m in GLUED_MARK.finditer(line))


def _is_notes_heading(heading: str) -> bool:
    return bool(re.search(r"notes|footnotes|endnotes", heading, re.I)) and not re.search(r"references", heading, re.I)


# A numbered item of a list: "12. ", "12) "
_NUMBERED = re.compile(r"^[ \t]{0,3}(\d{1,3})[.)][ \t]+\S")
_SOURCE_MARK = re.compile(r"\b(?:1[89]|20)\d\d\b|https?://|www\.")


def _headless_list(lines, mask: bytearray) -> int | None:
    """The first line of a numbered list of sources that ends the document under no heading (a PDF
    report's endnotes, whose heading was lost in extraction), or None. Read from the end: the items
    count down one by one to 1, at most four lines each, at least five of them, and most name a
    year or an address, as sources do; a list of points or steps does not."""
    expected, first, items, sources, extra = None, None, 0, 0, 0
    for i in range(len(lines) - 1, -1, -1):
        s, _, line = lines[i]
        if not line.strip() or (mask[s] if s < len(mask) else False):
            continue
        m = _NUMBERED.match(line)
        if m is None:
            extra += 1
            if extra > 4 or expected is None and items == 0 and i < len(lines) - 8:
                return None
            continue
        label = int(m.group(1))
        if expected is not None and label != expected:
            return None
        items, extra, expected = items + 1, 0, label - 1
        sources += _SOURCE_MARK.search(line) is not None or i + 1 < len(lines) and _SOURCE_MARK.search(lines[i + 1][2]) is not None
        if label == 1:
            first = i
            break
    if first is None or items < 5 or sources < 0.6 * items:
        return None
    before = next((line for _, _, line in reversed(lines[max(0, first - 20):first]) if line.strip()), "")
    return None if _short_line_matches(_REF_HEADING, before) else first  # (a heading's list is read under it)


def _read_reference_section(doc: Document, mask: bytearray, lines, first: int, headless: bool = False) -> int:
    """Read the items under the heading at `lines[first]` (`headless`: the items from
    `lines[first]` on, read as notes unless the body cites by `[n]`); return the index of the first
    line after the section. The section ends at page furniture, at a Markdown footnote definition,
    or at a Markdown heading that is not another references / notes heading (the next post of a
    blog, an appendix): those are read as the rest of the document."""
    text = doc.text
    start0, end0, heading = lines[first]
    is_notes = not _BRACKET_CITES.search(text, 0, start0) if headless else _is_notes_heading(heading)
    items: list[tuple] = []  # (label, start, end, is_notes)
    section_end = len(text)
    cur: list | None = None
    next_line = len(lines)
    carets = 0  # items numbered by their place ("^ ...")
    for j in range(first + (not headless), len(lines)):
        s, e, line = lines[j]
        if _short_line_matches(_STOP_HEADING, line) or _MD_FOOTDEF.match(line) or (
                line.startswith("#") and not _short_line_matches(_REF_HEADING, line) and not _groups_items(lines, j)):
            section_end, next_line = s, j
            break
        if line.startswith("#") and not _short_line_matches(_REF_HEADING, line):
            if cur is not None:  # a group's heading: the item before it ends, the heading is no item
                items.append(tuple(cur))
                cur = None
            continue
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
        if not label and (caret := _CARET_ITEM.match(line)):
            carets += 1
            label_m, label = caret, str(carets)
        bullet = re.match(r"^[ \t]*[-*•●▪–][ \t]+", line)
        starts = _looks_like_ref_start(line) or _REPEATED_AUTHOR_LINE.match(line) is not None
        if label == "1" and not is_notes and sum(1 for it in items if not it[0]) >= 3:
            is_notes = True  # numbered notes after an author-date list that had no heading of their own
        if cur is None and not (label or bullet or starts) and is_notes and items and items[-1][0] and items[-1][3]:
            cur = list(items.pop())  # a numbered note's later paragraph (the list it introduces, a page break)
            cur[2] = e
            continue
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
        if not (headless or is_notes or text[end0:section_end].strip()) and (
                next_line == len(lines) or _short_line_matches(_STOP_HEADING, lines[next_line][2])):
            doc.empty_list_line = doc.line_of(start0)  # "References" and nothing under it: a list never filled in
        return first + 1
    _set(mask, start0, section_end)
    for label, s, e, notes in items:
        anchor = ANCHOR_TAG.search(text, s, min(e, s + 400))
        item_text = _clean_note_text(text[s:e])
        note = Note(label, item_text if notes else _CLAIM_LABEL.sub("", item_text), s, e, doc.line_of(s),
                    "footnote" if notes else "reference", anchor.group(1) if anchor else "")
        if not note.text:
            if label:
                doc.empty_items.add(label)
            continue
        if notes and label:
            _store_note(doc, note)
        else:
            doc.references.append(note)
    return next_line


# the claim a source list sets before its source ("**89% increase in grooming crimes**: NSPCC, 2024. URL"):
# the item's reference is what follows it
_CLAIM_LABEL = re.compile(r"^(?:\*\*|__)[^*_\n]{1,300}(?:\*\*|__)\s*:\s*(?=\S)")


def _groups_items(lines, j: int) -> bool:
    """`lines[j]` is a short heading that groups the reference items after it (see _GROUP_ITEM)."""
    if len(lines[j][2].split()) > 8:
        return False
    for _, _, line in lines[j + 1:j + 4]:
        if line.strip():
            return _GROUP_ITEM.match(line) is not None
    return False


_BRACKET_CITES = re.compile(r"\[\d{1,3}(?:[,–-][ ]?\d{1,3}){0,30}\]")

# "———. 2014b. Title": an item by the same author as the one before it
_REPEATED_AUTHOR_LINE = re.compile(r"^[ \t]*(?:[—–]{2,}|-{3,}|_{3,})[ \t]*[.,]")


def _looks_like_ref_start(line: str) -> bool:
    """`Surname, A.` / `Organisation (2018).` / `Organisation. (2018)` opening a reference item."""
    return bool(_REF_START.match(line) or _BODY_REF_START.match(line))


_REF_START = re.compile(r"^[ \t]*[A-Z][\w'’\-]+(?: [A-Z][\w'’\-]+)*(?:,\s+(?:[A-Z]\.|[A-Z][a-z]+)| ?\(\d{4}| \(n\.d\.\)|\.\s+\(?\d{4})")
# a body's name with particles, commas and dotted abbreviations, then its year: "National Academies of
# Sciences, Engineering, and Medicine. (2020)", "U.S. Census Bureau. (2024a, November 25)" (not a
# wrapped author list going on with an initial: "M., Darkwa, A., & Wallace, C. (2021)")
_BODY_REF_START = re.compile(r"^[ \t]*+(?:[A-Z][\w'’\-]++|[A-Z]\.(?:[A-Z]\.)++)(?:,?[ ](?:(?:of|and|for|the|on|in|&)[ ])?"
                             r"[A-Z][\w'’\-]*+(?:\.[A-Z][\w'’\-]*+)*+\.?){0,8}(?: ?\(\d{4}|\.?\s+\(\d{4})")
