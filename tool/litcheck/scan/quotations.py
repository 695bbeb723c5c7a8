"""Quotations nobody is said to have written or spoken: vague-attribution's second case. Kept
apart from the rule because who is speaking is read from the sentence and its neighbours."""

from __future__ import annotations

import re

from litcheck.scan.citations.prose import REPORTING_VERBS


# A quotation of eight words or more is someone's words: with no citation and no speaker named
# in the sentence ("Smith told ...", "the report puts it", "according to", a section of a law),
# or introduced by the sentence before (one ending in a colon), nobody can check it.
_QUOTATION = re.compile(r"(?<![\w,.;:!?])[“\"](?=\S)([^“”\"\n]{30,600}?)(?<=\S)[”\"](?!\w)")
_SPEAKER = re.compile(r"\b[\w'’.-]+,?\s+(?:has\s+|had\s+|have\s+)?(?:also\s+|later\s+)?"
                      r"(?:" + REPORTING_VERBS + r"|told|tells|added|adds|recalled|recalls|testified|wrote|put it|"
                      r"asked|replied|insisted|admitted|announced|declared|commented|remarked|acknowledged|"
                      r"recommends?|recommended|urges?|urged|called|talks? about|spoke|speaks|described|charged with|requires?|provides?|"
                      r"believes|believed|summari[sz]es|summari[sz]ed|assesses|assessed|observes|observed|concedes|"
                      # a speaker's participle: "..., telling LBC that ... and arguing that “...”"
                      r"cited|citing|telling|arguing|saying|adding|noting|warning|insisting|claiming|explaining|stating)\b|"
                      r"(?i:\baccording to\b|\bin the words of\b|\bquoted\b)|\bas\s+[A-Z]|"
                      # the speaker after the quotation: '"...," reads the poster', '"...," said one officer', '"...," said Captain X'
                      r"[”\"],?\s+(?:reads|read|says|said|writes|wrote|states|stated|adds|added|notes|noted|explains|explained|"
                      r"tells|told|argues|argued|warns|warned|insists|insisted|continues|continued|recalls|recalled)\s+"
                      r"(?:(?:the|a|an|its|their|one)\b|[A-Z])|"
                      # a named speaker after it with any verb of speech: '"...," Stifel assesses'
                      r"[”\"],?\s+(?-i:[A-Z])[\w'’.-]+(?:\s+(?-i:[A-Z])[\w'’.-]+){0,2}\s+[a-z]+(?:s|ed)\b|"
                      # the quoted words are the verb of a named subject: 'the IOM Country Representative “identified ...”'
                      r"(?-i:[A-Z])[\w'’.-]+\s+[“\"](?=[a-z]+(?:ed|es)\b)|"
                      # a law or instrument is the source of its own wording
                      r"\b(?:Article|Art\.|Section|Sec\.|§|Clause|Rule|Principle|Paragraph|Recital|Annex|Schedule)\s*\d|"
                      r"\b(?:Act|Law|Code|Convention|Protocol|Directive|Regulation|Bill|Treaty|Statute|Constitution)\b|"
                      r"(?i:\b(?:the|that|this|such a|the new) (?:legislation|statute|law|act|bill|treaty|constitution)\b)")
# a record's field label before its value ("- __Passage__: “...”", "Excerpt: “...”"): a quotation
# kept as a record's value, whose source the record names, not one the writer leaves unattributed
_FIELD_LABEL = re.compile(r"[-*•\s]*[*_]*[A-Z][\w-]*(?: [\w-]+){0,2}[*_]*\s*:[*_\s]*")
# a work's title in quotation marks, as a byline or reference gives it: '“Why the inquiry falls short”, blog
# post, 22 March 2022', '"Tracking progress against slavery" (February 2026)', '... "Europe tries to force
# age verification onto adult sites" by Jon Brodkin'
_TITLE_AFTER = re.compile(r"\s*[,.]?\s*(?:(?:blog post|report|article|paper|essay|op-ed|column|press release|statement|"
                          r"chapter|book|podcast|episode|video|thesis|dissertation|brief)\b|\((?:[A-Z][a-z]+\.?\s+)?"
                          r"(?:\d{1,2}\s+)?(?:19|20)\d\d\)|by\s+[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}\s*$)")
# a witness's own words ("... threatened to kill me."): testimony, whose speaker a report keeps anonymous
_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:I|me|my|mine|myself)\b")


def unsourced_quotation(ctx, sent) -> str | None:
    """The first eight-plus-word quotation of `sent` that nobody in or before the sentence is said
    to have written or spoken (nor in the sentence before, for a quotation that goes on)."""
    text = sent.text
    for m in _QUOTATION.finditer(text):
        if len(m.group(1).split()) < 8 or m.group(1).rstrip(" ,.").endswith("?") or _SPEAKER.search(text) \
                or _FIRST_PERSON_SINGULAR.search(m.group(1)):
            continue  # short, a questionnaire item, someone is named as saying it, or a witness's words
        if sent.index and ctx.doc.sentences[sent.index - 1].text.rstrip("*_ ").endswith(":") \
                or _FIELD_LABEL.fullmatch(text, 0, m.start()) or _TITLE_AFTER.match(text, m.end()):
            continue  # introduced by the sentence before, the value of a labelled field ("Passage: “...”"), or a title
        if _quote_goes_on(ctx, sent) or _speaker_nearby(ctx, sent) or in_quoted_run(ctx, sent):
            continue
        return m.group(1)
    return None


# the speaker's words named as such: "His reply is equally stark", "the company's statement"
_SPEECH = re.compile(r"\b(?:his|her|their|its|the)\s+(?:\w+\s+)?(?:reply|answer|response|words|message|explanation|"
                     r"statement|verdict|retort)\b", re.I)
# someone speaking in the active voice ("Peter Talley said", "the agent explains"; not "was asked", nor
# the noun in "The report drew a reply", which `_SPEAKER` allows within the quotation's own sentence)
_SAID = re.compile(r"(?<!\bwas )(?<!\bwere )\b(?:said|says|told|tells|explains|explained|added|adds|wrote|writes|"
                   r"recalled|recalls|replied|insisted|admitted|declared|commented|remarked|acknowledged|noted|"
                   r"stated|testified|warned|warns|argued|argues)\b")
# the line after a quotation that names where it comes from: "- Source: FBI IC3 Reports"
_SOURCE_LINE = re.compile(r"[-*•\s]*[*_]*(?:Source|Sources|Via|Credit)[*_]*\s*:", re.I)


def _speaker_nearby(ctx, sent) -> bool:
    """A sentence that is wholly a quotation, where its paragraph (or, opening a paragraph of its
    own, the sentence before) has just named a speaker ("... Peter Talley said ..." then the
    quotation set apart; "... the agent explains. ... “If one ...”"), or whose next line names
    its source: news prose names a speaker once and then quotes."""
    if not wholly_quoted(ctx, sent):
        return False
    sentences = ctx.doc.sentences
    before = [o for o in sentences[max(0, sent.index - 3):sent.index] if o.block == sent.block]
    if not before and sent.index:
        before = [sentences[sent.index - 1]]
    if any(_SAID.search(o.text) or _SPEECH.search(o.text) for o in before):
        return True
    return sent.index + 1 < len(sentences) and _SOURCE_LINE.match(sentences[sent.index + 1].text) is not None


def _quotation_around(text: str, at: int, opened: str | None = None) -> tuple[int, int] | None:
    """The span of the quotation that offset `at` lies inside, if any (it may run on past the end).
    `opened` is the kind of a quotation open when `text` begins (see `open_at_start`): it runs to
    its closing mark."""
    if opened:
        close = _CLOSER[opened].search(text)
        if close is None or close.start() >= at:
            return 0, len(text) if close is None else close.start()
    if "“" not in text and '"' not in text:
        return _single_quoted(text, at) if "'" in text or "‘" in text else None
    curly = text.rfind("“", 0, at)
    if curly > text.rfind("”", 0, at):
        opened, closer = curly, "”"
    elif text.count('"', 0, at) % 2:
        opened, closer = text.rfind('"', 0, at), '"'
    else:
        return None
    close = text.find(closer, at)
    return opened, len(text) if close < 0 else close


_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(—–]))[‘']")
_SINGLE_CLOSE = re.compile(r"[’'](?=[\s.,;:!?)—–]|$)")


def _single_quoted(text: str, at: int) -> tuple[int, int] | None:
    """The span of a quotation in single marks around `at` ("such as 'I'm the only one who gets
    you'"): opened after a space and closed before a space or punctuation, as an apostrophe is not."""
    opened = None
    for opened in _SINGLE_OPEN.finditer(text, 0, at):
        pass
    if opened is None:
        return None
    close = _SINGLE_CLOSE.search(text, at)
    return (opened.start(), close.start()) if close else None


def in_testimony(text: str, at: int) -> bool:
    """Offset `at` lies inside a quotation in a witness's first person ("In most of my 14
    placements ..."): a figure there is the speaker's experience, not a statistic."""
    span = _quotation_around(text, at)
    return span is not None and _FIRST_PERSON_SINGULAR.search(text, *span) is not None


def in_credited_quotation(text: str, at: int, opened: str | None = None) -> bool:
    """Offset `at` lies inside a quotation whose speaker the sentence names ('"... the biggest gap
    ...," she said'), one opened in an earlier sentence included: the speaker's words, reported,
    not the writer's own claim."""
    return _quotation_around(text, at, opened) is not None and _SPEAKER.search(text) is not None


def in_spoken_quotation(text: str, at: int, opened: str | None = None) -> bool:
    """Offset `at` lies inside a quotation that someone is said, outside it, to have spoken or
    written ('"... after less than 10 attempts," says Mohammed'): the figure is the speaker's, whom
    the sentence names as its source. "According to" a website, or a verb inside the quotation
    ('"26,000+ cases reported"'), names no speaker."""
    span = _quotation_around(text, at, opened)
    return span is not None and _SAID.search(text[:span[0]] + " " + text[span[1]:]) is not None


def _paragraph_starts(ctx) -> dict[int, int]:
    """Each block's first sentence, found once a document (walking back from every sentence
    would take time growing with the square of a long paragraph)."""
    starts = getattr(ctx, "_paragraph_starts", None)
    if starts is None:
        starts = ctx._paragraph_starts = {}
        for s in ctx.doc.sentences:
            starts.setdefault(s.block, s.index)
    return starts


def in_quoted_run(ctx, sent) -> bool:
    """The sentence's paragraph opens with a quotation mark, and so did the paragraphs before it
    back to one that names a speaker ("“...,” explains Mohammed Ali" and then three paragraphs
    each opening “): news sets a long quotation over paragraphs and names the speaker once."""
    sentences, starts = ctx.doc.sentences, _paragraph_starts(ctx)
    start = starts[sent.block]
    for _ in range(8):  # a quotation runs over a few paragraphs, not a whole article
        if sentences[start].text.lstrip("*_ >")[:1] not in "“\"" or not start:
            return False
        before = starts[sentences[start - 1].block]
        if any(_SAID.search(o.text) or _SPEAKER.search(o.text) for o in sentences[before:start]):
            return True
        start = before
    return False


def _quote_goes_on(ctx, sent) -> bool:
    """The quotation carries on one its paragraph has just given a speaker ("“...,” the company
    explained. “This meets ...”"): news prose names the speaker once."""
    for other in ctx.doc.sentences[max(0, sent.index - 2):sent.index]:
        if other.block == sent.block and _QUOTATION.search(other.text) and _SPEAKER.search(other.text):
            return True
    return False


def wholly_quoted(ctx, sent) -> bool:
    """Every word of the sentence is inside a quotation (testimony set as its own paragraph, or
    a quotation's later sentence): someone else's words, not the author's claim."""
    text = sent.text.strip("*_ ")
    opened = open_at_start(ctx, sent)
    if not text or not (opened or text[:1] in "“\"‘'"):
        return False
    if opened:
        inner, kind = text, opened
    else:
        inner, kind = text[1:], '"' if text[:1] in "“\"" else "'"
    close = _CLOSER[kind].search(inner)
    return close is not None and not re.search(r"\w", inner[close.end():]) and "“" not in inner[:close.start()]


# a speaker's label opening a transcript's turn: "Marla Carroll: I would say ...", "**Kat Lo:** ..."
_TURN = re.compile(r"[*_]*(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3})[*_]*:[*_]*\s")


def guest_turn(ctx, sent) -> bool:
    """The sentence is in a guest's turn of a transcript: the speaker's words, credited by the
    label, as a named speaker's quotation is. A document is a transcript when two or more named
    speakers take two or more turns each; the one with the most turns is the host, whose words,
    like a narrator's, are the document's own. A paragraph with no label carries on the turn."""
    guests = ctx.__dict__.get("_guest_blocks")
    if guests is None:
        turns, labels = [], {}
        for other in ctx.doc.sentences:
            if turns and turns[-1][0] == other.block:
                continue
            m = _TURN.match(other.text) if other.kind != "heading" else None
            turns.append((other.block, m and m.group("name")))
            if m:
                labels[m.group("name")] = labels.get(m.group("name"), 0) + 1
        speakers = sorted((n for n, k in labels.items() if k >= 2), key=lambda n: -labels[n])
        guests, speaker = set(), None
        if len(speakers) >= 2:
            for block, name in turns:
                speaker = name or speaker
                if speaker and speaker != speakers[0]:
                    guests.add(block)
        guests = ctx.__dict__["_guest_blocks"] = frozenset(guests)
    return sent.block in guests


def open_at_start(ctx, sent) -> str | None:
    """The kind of quotation ('"' or "'") still open where `sent` begins, opened by an earlier
    sentence of its paragraph. Single quotation marks are read only where a paragraph opens with
    one (British news sets a speaker's words so): elsewhere "'" is mostly an apostrophe."""
    window = [other for other in ctx.doc.sentences[max(0, sent.index - 12):sent.index] if other.block == sent.block]
    if not window:
        return None
    # a sentence's text is made of its span of the masked text: a window whose span holds no
    # quotation mark (nearly all) leaves nothing open, found with one search
    is_open = False
    if _QUOTE_MARK.search(ctx.doc.masked, window[0].start, window[-1].end):
        for other in window:
            is_open = _still_open(other.text, is_open)
    if is_open:
        return '"'
    first = window[0]
    if first.index and ctx.doc.sentences[first.index - 1].block == sent.block:
        return None  # the paragraph began before the window
    if first.text.lstrip("*_ ")[:1] in "‘'" and not any(_CLOSER["'"].search(o.text) for o in window):
        return "'"
    return None


# where a quotation closes: a double mark; a single one only right after the end of a clause
# ("... in fear. They trust no one.'"), as an apostrophe never is
_CLOSER = {'"': re.compile("[”\"]"), "'": re.compile("(?<=[.,!?…])[’']")}
_QUOTE_MARK = re.compile("[“”\"]")


def _still_open(text: str, is_open: bool) -> bool:
    """Whether a quotation is open after `text` (`is_open`: before it). A curly mark opens or
    closes; a straight one toggles, so only the marks after the last curly one count (read with
    string searches: a loop over every character cost more than the rest of the rule)."""
    last = max(text.rfind("“"), text.rfind("”"))
    if last >= 0:
        is_open = text[last] == "“"
    return is_open != (text.count('"', last + 1) % 2 == 1)
