"""Sources named in the prose rather than cited: "according to a 2018 INTERPOL report", "Mary
Anne Franks writes", a report named by its title."""

from __future__ import annotations

import re

from litcheck.scan.citations.model import LOOKBACK, YEAR, Citation, inside, Spans
from litcheck.scan.citations.orgs import OrgMatcher
from litcheck.scan.document.model import Sentence
from litcheck.scan.resolve.text import tokens

REPORTING_VERBS = (
    r"(?:found|finds|find|argues?|argued|shows?|showed|shown|notes?|noted|reports?|reported|states?|stated|"
    r"suggests?|suggested|writes?|wrote|estimates?|estimated|identified|identifies|observes?|observed|"
    r"claims?|claimed|concludes?|concluded|documents?|documented|describes?|described|warns?|warned|"
    r"reveals?|revealed|highlights?|highlighted|underscores?|underscored|explains?|explained|points out|"
    r"demonstrates?|demonstrated|indicates?|indicated|calculated|counted|recorded|records|says|said|contends?|"
    r"emphasi[sz]es|emphasi[sz]ed|stresses|stressed|asserts?|asserted|puts it|defines?|defined|admits|admitted|"
    r"acknowledges|acknowledged|confirms|confirmed|conceded)")

_NAMED_LEAD = re.compile(
    r"\b(?:according to|as reported by|as documented by|as noted by|data from|figures from|a (?:\d{4} )?(?:study|report|survey|review|analysis|assessment|estimate) (?:by|from|of)|"
    r"research by|estimates (?:by|from)|statistics from|published by)\s+", re.I)
# words that open a sentence before the name of the person it credits ("As Okafor notes")
_CONNECTIVES = {"As", "But", "Yet", "And", "While", "Although", "Though", "Thus", "So", "Hence", "Indeed", "Still"}
_PERSON_ATTRIB = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\s+(?:writes|wrote|argues|argued|notes|noted|states|stated|"
    r"observes|observed|contends|contended|explains|explained|claims|claimed|warns|warned|suggests|suggested|"
    r"finds|found|shows|showed|reports|reported)\b")


# A work named in the prose by its title: 'a 2018 research report, “Human Trafficking Online”,
# written by Mark Latonero', 'FATF issued a report titled "Emerging Terrorist Financing Risks"'.
_PROSE_TITLE = re.compile(
    r"\b(?:report|study|article|paper|survey|book|brief|briefing|guidance|review|analysis|publication|document|"
    r"essay|chapter|fact ?sheet|handbook|toolkit|policy|statement|press release|op-ed|editorial|column|story|piece)s?"
    r"(?:,|\s+(?:titled|entitled|called|named))?[ ,]{0,3}[“\"](?P<title>[^”\"\n]{8,300}?)[,.]?[”\"]", re.I)
_BY_PERSON = re.compile(
    r"[^.;“\"]{0,60}?\b(?:written|authored|conducted|published|prepared|edited|produced)\s+by\s+(?:(?:researchers?|"
    r"professor|dr\.?|journalists?|reporters?)\s+)?(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’\-]+){1,2})")
_NEAR_YEAR = re.compile(r"\b(" + YEAR + r")\b")


def prose_titles(text: str, base: int, sent: Sentence, taken) -> list[Citation]:
    out = []
    for m in _PROSE_TITLE.finditer(text) if "“" in text or '"' in text else ():  # (a title is in quotation marks)
        if inside(taken, m.start("title")):
            continue
        title = m.group("title").strip()
        if len(title.split()) < 3 or not title[:1].isupper():
            continue
        before = text[max(0, m.start() - 80):m.start()]
        years = _NEAR_YEAR.findall(before)
        person = _BY_PERSON.match(text, m.end(), min(len(text), m.end() + 140))
        names = [person.group("name").split()[-1]] if person else []
        out.append(Citation("title", m.group(0), base + m.start(), base + m.end(), sent.index, names=names,
                            year=int(years[-1]) if years else None, year_text=years[-1] if years else "",
                            title=title))
    return out


# A work named by an unquoted title after "in their paper", "in his book": 'outline in their paper Keys
# Under Doormats: Mandating Insecurity by Requiring Government Access (2015)'. The title is the run of
# capitalised words (small words between them) after the cue; a year in brackets right after it is the
# work's, not an author-date citation of authors called "Data and Communication".
_SMALL = (r"(?:a|an|the|of|for|and|or|to|in|on|by|with|all|at|from|into|via|versus|about|through|under|over|"
          r"against|between|without|within|its|their|is|are|not)")
_CUED_TITLE = re.compile(
    r"\b(?i:in|from)\s+(?i:his|her|their|its|the)\s+(?:(?i:\d{4}|recent|latest|seminal|influential)\s+)?"
    r"(?i:paper|report|article|book|study|essay|chapter|thesis|dissertation|monograph|brief)\s*,?\s+"
    r"(?:(?i:titled|entitled|called)\s+)?"
    r"(?P<title>[A-Z][\w'’&-]*+(?:(?:\s*:\s*|\s+)(?:[A-Z0-9][\w'’&-]*+|" + _SMALL + r"(?=\s+\w))){1,40})"  # (a title has an end)
    r"(?:\s*\((?P<year>" + YEAR + r")[a-z]?\))?")
_CUE = re.compile(r"\b(?:paper|report|article|book|study|essay|chapter|thesis|dissertation|monograph|brief)\b", re.I)
_PUBLISHED = re.compile(r"\s+(?:published|released|issued|conducted|produced|commissioned|wrote)\b")
_TRAILING_SMALL = re.compile(r"(?:[\s:]+" + _SMALL + r")+$|[\s:]+$")


def cued_titles(text: str, base: int, sent: Sentence, taken) -> list[Citation]:
    out = []
    for m in _CUED_TITLE.finditer(text) if _CUE.search(text) else ():  # (most sentences name no work)
        if inside(taken, m.start("title")):
            continue
        title = _TRAILING_SMALL.sub("", m.group("title"))
        if len(tokens(title)) < 3 or sum(w[:1].isupper() for w in title.split()) < 2 \
                or _PUBLISHED.match(text, m.start("title") + len(title)):
            continue  # "in the study Save the Children published": the body that published it
        year = m.group("year")
        end = m.end() if year else m.start("title") + len(title)
        out.append(Citation("title", text[m.start():end], base + m.start(), base + end, sent.index,
                            year=int(year) if year else None, year_text=year or "", title=title))
    return out


def named_sources(text: str, base: int, sent: Sentence, orgs: OrgMatcher, taken) -> list[Citation]:
    """Organisations named as the source of a statement in the prose."""
    out: list[Citation] = []
    hits = [h for h in orgs.find(text) if not inside(taken, h[0])]
    if hits:
        # Attribution context: "according to ... ORG", "ORG report(ed)/found/estimated", "study by ORG"
        lead = _NAMED_LEAD.search(text)
        reporting = None  # whether the sentence has a reporting word anywhere: computed once
        groups: list[list[tuple[int, int, str]]] = []
        for h in hits:
            if groups and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?", text[groups[-1][-1][1]:h[0]]):
                groups[-1].append(h)
            else:
                groups.append([h])
        for g in groups:
            s, e = g[0][0], g[-1][1]
            window_before = text[max(0, s - 60):s]
            window_after = text[e:e + 80]
            attributive = bool(lead and lead.end() <= s + 1 and s - lead.end() <= 40)
            attributive |= bool(re.search(r"\b(?:by|from)\s+(?:the\s+)?$", window_before)) and bool(
                re.search(r"\b(?:study|report|survey|research|estimate|analysis|data|figures|statistics)\b", text[max(0, s - 40):s], re.I))
            if not attributive and re.match(r"(?:'s|’s)?\s*(?:\w+\s+){0,3}?(?:report|study|survey|assessment|review|estimates?|data|figures|statistics|research|analysis)\b", window_after, re.I):
                if reporting is None:
                    reporting = bool(re.search(r"\b(?:according|report|study|published|found|shows?|estimat|reveal|identif|said|states|notes)", text, re.I))
                attributive = reporting
            attributive |= bool(re.match(r"(?:'s|’s)?\s*(?:has\s+|had\s+|have\s+)?(?:also\s+)?" + REPORTING_VERBS + r"\b", window_after))
            if not attributive:
                continue
            year = None
            ym = re.search(r"\b(" + YEAR + r")\b", window_before[-25:] + " " + window_after[:60])
            near = re.search(r"(?:in|of|published in|released in|from)\s+(?:(?:early|late|mid-?|the end of)\s+)?(?:[A-Z][a-z]+\s+)?(" + YEAR + r")\b", window_after[:70])
            if near:
                year = int(near.group(1))
            elif ym and re.search(r"\b" + ym.group(1) + r"\s+(?:\w+\s+){0,3}$", window_before[-25:] + " "):
                year = int(ym.group(1))
            elif re.search(r"\b(" + YEAR + r")\s+(?:[\w-]+\s+){0,2}$", window_before):
                year = int(re.search(r"\b(" + YEAR + r")\s+(?:[\w-]+\s+){0,2}$", window_before).group(1))
            names = list(dict.fromkeys(h[2] for h in g))
            out.append(Citation("named", text[s:e], base + s, base + e, sent.index, names=names, year=year))
    named = Spans(len(text))
    for c in out:
        named.add(c.start - base, c.end - base)
    for m in _PERSON_ATTRIB.finditer(text):
        if inside(taken, m.start()) or named.covers(m.start()):
            continue
        name, start = m.group("name"), m.start("name")
        lead, _, rest = name.partition(" ")
        if lead in _CONNECTIVES and rest[:1].isupper():
            name, start = rest, start + len(lead) + 1  # "As Okafor notes": the name is Okafor
        if text[max(0, m.start() - LOOKBACK):m.start()].rstrip().endswith(("the", "The")):
            continue
        if name.split()[0] in ("The", "This", "That", "These", "It", "Such", "One", "Each", "Research", "Evidence", "Data"):
            continue
        if orgs.find(name):
            continue
        out.append(Citation("named", name, base + start, base + m.end("name"), sent.index,
                            names=[name], note="person"))
    return out
