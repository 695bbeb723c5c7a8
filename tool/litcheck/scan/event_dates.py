"""One named event dated two ways in one document (part of date-mismatch, no library needed).

"The Online Safety Act was passed in 2023" in one paragraph and "when the Online Safety Act was
passed in 2021" in another cannot both be right. A statement is a name (a law, treaty, strategy
or programme by its title, an operation, or an acronym), a verb of one kind of event (enacted,
launched, in force, ended) and the year right after it ("was passed in 2021", "launched on 3 May
2019"). The year must follow the verb directly, so "passed the House in 2017" and "passed the
Senate in 2018" are not read as two dates of one passage.
"""

from __future__ import annotations

import re

from litcheck.scan.citations.model import YEAR

_EVENTS = {
    "passed": "enacted", "enacted": "enacted", "adopted": "enacted", "signed into law": "enacted",
    "launched": "launched", "introduced": "launched", "established": "launched", "founded": "launched",
    "set up": "launched", "created": "launched",
    "entered into force": "in force", "came into force": "in force", "came into effect": "in force",
    "took effect": "in force", "shut down": "ended", "taken down": "ended", "dismantled": "ended",
    "repealed": "ended",
}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_TITLE_END = (r"(?:Act|Law|Convention|Protocol|Directive|Regulation|Strategy|Programme|Program|Initiative|Treaty|"
              r"Agreement|Code|Plan|Framework|Task Force|Council|Hotline|Helpline|Platform|Database)")
# a titled name ("the Online Safety Act"), an operation ("Operation Harbour") or an acronym ("FOSTA");
# every repetition is bounded and possessive, so a run of capitalised words costs linear time
_NAME = (r"(?P<name>(?:(?!" + _TITLE_END + r"\b)[A-Z][\w'’-]*+\s+(?:(?:of|on|for|and|the|to|against|in)\s+){0,2}+){0,7}+" + _TITLE_END + r"\b"
         r"|Operation\s+[A-Z][\w-]*+|\b[A-Z]{3,8}\b)")
_STATEMENT = re.compile(_NAME + r"(?P<of>\s+of\s+" + YEAR + r")?(?:\s*\([A-Z]{2,8}\))?,?\s+(?:(?:was|were|has been|had been|is|first)\s+)?(?:(?:officially|"
                        r"formally|finally|quietly)\s+)?(?P<verb>" + "|".join(sorted(_EVENTS, key=len, reverse=True)) +
                        r")\s+(?:in|on)\s+(?:\d{1,2}\s+)?(?:" + _MONTH + r"\s+)?(?:\d{1,2},?\s+)?(?P<year>" + YEAR + r")\b")


# words that open a clause before the name ("When the Online Safety Act was passed ...")
_LEADS = {"when", "after", "before", "since", "under", "as", "if", "although", "while", "once", "in", "on", "by",
          "with", "until", "because", "though", "the", "and", "but", "then", "so"}


def _key(name: str) -> str:
    words = name.lower().split()
    while len(words) > 1 and words[0] in _LEADS:
        words.pop(0)
    return " ".join(w for w in words if w != "the")


def event_date_statements(ctx) -> list[tuple[object, str, str, int, str]]:
    """(sentence, name key, event kind, year, the words) of every dated event statement."""
    out = []
    if not ctx.in_text(_STATEMENT):
        return out  # no verb of an event anywhere in the document (most documents): nothing to read
    for sent in ctx.claim_sentences():
        text = ctx.claim_text(sent)
        if not re.search(r"\d", text):
            continue
        for m in _STATEMENT.finditer(text):
            out.append((sent, _key(m.group("name") + (m.group("of") or "")), _EVENTS[m.group("verb")], int(m.group("year")),
                        " ".join(m.group(0).split())))
    return out


def event_date_conflicts(ctx):
    """date-mismatch flags: a statement whose year differs from an earlier statement of the same
    event in the document (reported once, where the document contradicts itself)."""
    first: dict[tuple[str, str], tuple[object, int, str]] = {}
    for sent, name, kind, year, words in event_date_statements(ctx):
        seen = first.setdefault((name, kind), (sent, year, words))
        if seen[1] != year:
            yield ctx.flag("date-mismatch", sent, f"'{words}' here, but line {seen[0].line} has '{seen[2]}'",
                           evidence=words)
