"""Rules about dates: anachronism and date-mismatch.

Dated facts come from two places: the library (laws, treaties and court decisions: their year,
ISO date and the adoption / in-force years in `howpublished`; named reports: their year) and
`data/dated-facts.yaml` (platform launches, takedowns and events that are not publications).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from litcheck.scan.alternation import lowered, may_match
from litcheck.scan.citations.model import YEAR
from litcheck.scan.resolve.references import split_works
from litcheck.scan.rules import rule
from litcheck.scan.data_dates import data_date_conflicts
from litcheck.scan.elapsed_years import elapsed_year_conflicts
from litcheck.scan.event_dates import event_date_conflicts
from litcheck.scan.url_dates import address_date, url_date_conflicts
from litcheck.scan.own_results import OwnResults

_YEAR = re.compile(r"\b(" + YEAR + r")\b")


@dataclass(frozen=True)
class DatedFact:
    id: str
    names: tuple[str, ...]
    event: str  # launch | takedown | event
    year: int
    also: tuple[int, ...]
    triggers: tuple[str, ...]
    source: str
    pattern: re.Pattern

    @property
    def years(self) -> set[int]:
        return {self.year, *self.also}

    @property
    def earliest(self) -> int:
        return min(self.years)


def _name_pattern(names) -> re.Pattern:
    alts = []
    for n in sorted(names, key=len, reverse=True):
        esc = re.escape(n).replace(r"\ ", r"\s?")
        alts.append(esc)
    # case-sensitive: "Signal" the app, not "signal" the word (all-caps forms also accepted)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])")


@lru_cache(maxsize=2)
def load_facts(path: str | None = None) -> tuple[DatedFact, ...]:
    from litcheck.library.paths import DATA_DIR
    from litcheck.library.safe_yaml import load_yaml

    data = load_yaml(Path(path or DATA_DIR / "dated-facts.yaml").read_text(encoding="utf-8"))
    out = []
    for f in data.get("facts", []):
        names = tuple(str(n) for n in f["names"])
        out.append(DatedFact(f["id"], names, f.get("event", "event"), int(f["year"]),
                             tuple(int(y) for y in f.get("also") or ()), tuple(f.get("triggers") or ()),
                             f.get("source", ""), _name_pattern(names)))
    return tuple(out)


def _trigger_re(triggers) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(t) for t in sorted(triggers, key=len, reverse=True)) + r")\b", re.I)


# -------------------------------------------------------------------------------------------------
# What a sentence depends on
# -------------------------------------------------------------------------------------------------

def _law_mentions(ctx):
    """(regex, work) for laws / treaties / court decisions in the library, by name and alias."""
    cache = getattr(ctx, "_law_mentions", None)
    if cache is not None:
        return cache
    out = []
    for w in ctx.index.works.values():
        if w.kind not in ("law", "treaty", "court-decision"):
            continue
        names = [a for a in w.aliases if len(a) <= 80]
        if not names:
            continue
        alts = []
        for n in sorted(names, key=len, reverse=True):
            esc = re.escape(n).replace(r"\ ", r"\s+")
            alts.append(esc if n.isupper() else "(?i:" + esc + ")")
        out.append((re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w-])"), w))
    ctx._law_mentions = out
    # one case-insensitive search over every name first (a superset of the per-law patterns)
    names = sorted({a for _, w in out for a in w.aliases if len(a) <= 80}, key=len, reverse=True)
    ctx._any_law = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
                              + r")(?![\w-])", re.I) if names else None
    return out


# "the protocol", "the Act": a law or treaty named by its kind, standing for the one named just before
_ANAPHOR = re.compile(r"\b[Tt]he (protocol|convention|treaty|act|law|directive|regulation|bill)\b(?!\s+(?:of|on|to|against|for)\b)", re.I)
_KIND_WORD = {"protocol": "protocol", "convention": "convention", "treaty": "treaty", "act": "act", "law": "",
              "directive": "directive", "regulation": "regulation", "bill": "act"}


def _antecedent_law(ctx, sent, text: str):
    """[(pattern of the anaphor, work)] when the sentence names a law only by its kind ("The protocol
    entered into force ...") and one of the three sentences before it, in the same paragraph, names a
    law or treaty of that kind in the library (the latest such mention wins)."""
    m = _ANAPHOR.search(text) if ctx.in_text(_ANAPHOR) else None
    if not m or not _ENACT.search(text):
        return []
    word = _KIND_WORD[m.group(1).lower()]
    for prev in reversed(ctx.doc.sentences[max(0, sent.index - 3):sent.index]):
        if prev.block != sent.block:
            break
        prev_text = ctx.doc.masked[prev.start:prev.end]
        named = [(rx.search(prev_text).start(), w) for rx, w in _laws_in(ctx, prev_text)
                 if word in (w.title + " " + " ".join(w.aliases)).lower()]
        if named:
            return [(re.compile(re.escape(m.group(0))), max(named, key=lambda x: x[0])[1])]
    return []


def _laws_in(ctx, text: str):
    """(regex, work) of the laws named in `text`: one combined search first, so that a sentence
    naming none (nearly all) costs one pass instead of one per law."""
    laws = _law_mentions(ctx)
    if ctx._any_law is None or not ctx._any_law.search(text):
        return []
    return [(rx, w) for rx, w in laws if rx.search(text)]


# The year a sentence sets its scene in ("In 2003, ...", "during 2003", "by 2003"), and words that
# say the platform came later ("before Facebook existed", "prior to", "predates", "until").
_SCENE_YEAR = re.compile(r"\b(?:[Ii]n|[Dd]uring|[Bb]y|[Ss]ince|[Ff]rom)\s+(?:early\s+|late\s+|mid-)?(" + YEAR + r")\b(?![-–]\d)")
_BEFORE_IT = re.compile(r"\b(?:before|prior to|predat\w*|until|pre-|precursor|predecessor|forerunner|earlier than|"
                        r"did not (?:yet )?exist|not yet|launch\w*|found\w*|creat\w*|introduc\w*|establish\w*)", re.I)


def _facts_in(ctx, text: str):
    """The dated facts whose name appears in `text` (one combined search first)."""
    combined = getattr(ctx, "_any_fact", False)
    if combined is False:
        combined = _name_pattern([n for f in ctx.facts for n in f.names]) if ctx.facts else None
        ctx._any_fact = combined
    if combined is None or not combined.search(text):
        return []
    return [f for f in ctx.facts if f.pattern.search(text)]


_FUTURE = re.compile(r"(?:\bby|\buntil|\btill|\bbefore|\bthrough|\bin the next|\btarget(?:ed)? for|\bgoal for|\bdeadline of|\bas of|\bduring)\s+(?:the end of\s+|early\s+|late\s+)?$", re.I)
# a year in a clause about what is to come: "the proposal will, from 2027, require ...", "is due to start in 2026"
_SCHEDULED = re.compile(r"\bwill\b|\b(?:is|are)\s+(?:due|set|scheduled|expected|planned)\s+to\b", re.I)
_CITED_YEAR = re.compile(r"(?:[A-Z][\w'’-]*|et al\.)\s*\($")
_PUBLICATION = re.compile(r"^(?:\s*[-–]?\s*(?:report|study|survey|edition|assessment|review|paper|publication|estimates?|data))", re.I)


def sentence_dependencies(ctx, text: str) -> list[tuple[int, str, str | None]]:
    """(year, what, work key or None) the claim in the sentence depends on."""
    deps = []
    for fact in _facts_in(ctx, text):
        m = fact.pattern.search(text)
        if fact.event == "launch":
            deps.append((fact.earliest, f"{m.group(0)} (launched {fact.year})", None))
        elif _trigger_re(fact.triggers).search(text) or fact.event == "event" and fact.id == "covid-19":
            what = "taken down" if fact.event == "takedown" else "in"
            deps.append((fact.earliest, f"{m.group(0)} ({what} {fact.year})", None))
    for rx, w in _laws_in(ctx, text):
        m = rx.search(text)
        if m and w.year:
            deps.append((min(y for y in w.years if y >= 1800) if w.years else w.year, f"{m.group(0)} ({w.key}, {w.year})", w.key))
    for m in _YEAR.finditer(text):
        before, after = text[:m.start()], text[m.end():]
        if _FUTURE.search(before[-30:]) or _SCHEDULED.search(before[-80:]) or _PUBLICATION.match(after) or re.search(r"(?:report|study|survey)\s+(?:of|from|published in|released in)\s+(?:\w+\s+)?$", before[-40:], re.I):
            continue
        if re.match(r"^\s*[-–/]\s*(?:" + YEAR + r"|\d\d)\b", after):
            continue  # the start of a range: the end year decides
        if _CITED_YEAR.search(before[-60:]) and re.match(r"[a-z]?\)", after):
            continue  # "UNICEF (2021)": a work's date as a citation gives it, not what the claim is about
        deps.append((int(m.group(1)), f"the year {m.group(1)}", None))
    return deps


_KEY_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def _cited_years(ctx, sent):
    """(year, description, key, supports) for each work the sentence cites, resolved or not.
    `supports`: the work can stand for the claim's date, being in the library or in the
    document's reference list; an author-date citation found in neither is flagged on its own."""
    out = []
    seen = set()
    for c in ctx.citations_for(sent):
        if c.kind == "named":
            continue
        if c.kind == "pandoc":
            for label in c.labels:
                w = ctx.index.get(label)
                # a key the library does not hold still names its year by convention ("tierney2011", "Rutzen:2015")
                m = None if w else _KEY_YEAR.search(label)
                if m:
                    out.append((int(m.group(1)), f"@{label}", None, False))
        if c.keys:
            for k in c.keys:
                w = ctx.index.get(k)
                if w and w.year and k not in seen:
                    seen.add(k)
                    # a law or treaty counts from its latest date (passed, in force, applicable)
                    year = max([w.year, *w.years]) if w.kind in ("law", "treaty") else w.year
                    out.append((year, f"{c.display} ({w.key}, {w.year})", k, True))
        elif c.kind == "author-date" and c.year:
            out.append((c.year, c.text, None, c.via_reference is not None and c.via_reference >= 0))
        elif c.kind == "link":
            # a page the address files under a month ("news.un.org/en/story/2019/08/..."): written then
            for url in c.labels:
                if dated := address_date(url):
                    out.append((dated[0], f"the page linked ({dated[0]}-{dated[1]:02d} by its address)", None, False))
        elif c.kind == "footnote":
            for label in c.labels:
                note = ctx.doc.footnotes.get(label)
                if note is None:
                    continue
                for parts in split_works(note.text):
                    if parts.year:
                        out.append((parts.year, f"footnote {label} ({parts.year})", None, False))
    return out


@rule("anachronism", "error",
      "The cited work predates the year, event, law or platform the claim depends on: a platform the sentence names "
      "(launch years from data/dated-facts.yaml), a takedown or event, a law or treaty in the library, or a year stated "
      "in the sentence (target years such as \"by 2030\" and report years are ignored). A linked page counts as "
      "written in the month its address files it under (\".../story/2019/08/...\").",
      fires="Recruiters now use TikTok to find teenagers.[^6]\n\n[^6]: Ilse Hartmann, *Markets in the Shadows* "
            "(Northgate Press 2012).",
      passes="Recruiters now use TikTok to find teenagers.[^6]\n\n[^6]: Maja Lindqvist and Kwame Osei, 'Play and Prey: Grooming in Multiplayer Game Chat' (2021) 4 *Journal of Online Harm* 12.",
      why="A source older than what the claim is about cannot support it: the claim was extrapolated or the note "
          "belongs elsewhere.",
      order=70)
def anachronism(ctx):
    own = OwnResults.of(ctx)
    for sent in ctx.claim_sentences():
        cited = _cited_years(ctx, sent)
        if not cited or own.covers(sent):
            continue  # (a year in the document's own methods or results dates the authors' work, not the claim's)
        deps = sentence_dependencies(ctx, ctx.claim_text(sent))
        if not deps:
            continue
        # only when every work the sentence cites is too early: one timely source supports it
        support = [x for x in cited if x[3]] or cited
        if any(not [d for d in deps if d[0] > year and not (key and d[2] == key)] for year, _, key, _ in support):
            continue
        for year, what, key, _ in cited:
            later = [d for d in deps if d[0] > year and not (key and d[2] == key)]
            if not later:
                continue
            dep = max(later, key=lambda d: d[0])
            yield ctx.flag("anachronism", sent, f"{what} predates {dep[1]}, which the claim depends on",
                           keys=[k for k in (key, dep[2]) if k], evidence=dep[1])


_ENACT = re.compile(r"\b(?:passed|enacted|adopted|signed|came into force|entered into force|into force|introduced|"
                    r"became law|was revised|were revised|amended|ratified|promulgated|in force)\b", re.I)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_FULL_DATE = re.compile(r"\b(\d{1,2})\s+(" + _MONTHS + r")\s+(" + YEAR + r")\b|\b(" + _MONTHS + r")\s+(\d{1,2}),?\s+(" + YEAR + r")\b")


# "entered into force 25 December 2003", "enacted 28 October 2000": the dated events a record states
_DATED_EVENT = re.compile(r"(?:entered into force|came into force|in force|enacted|signed|adopted|Royal Assent|effective)"
                          r"[^;.]{0,40}?\b(?:1[5-9]|20)\d\d\b", re.I)


def _iso(m) -> str:
    months = _MONTHS.split("|")
    if m.group(1):
        d, mo, y = int(m.group(1)), months.index(m.group(2)) + 1, m.group(3)
    else:
        d, mo, y = int(m.group(5)), months.index(m.group(4)) + 1, m.group(6)
    return f"{y}-{mo:02d}-{d:02d}"


@rule("date-mismatch", "error",
      "The text gives a year or date for a law, treaty, report or event that disagrees with the library (or with "
      "data/dated-facts.yaml for platforms, takedowns and events; \"the protocol\" after the protocol was named takes "
      "its dates), or the document dates its own data differently in different places, or sets a platform at work in "
      "a year before it was launched (\"In 2003, traffickers advertised on Facebook\"), or counts years from a date "
      "before it to a year they do not reach (\"In 2019 ... Five years later, in 2023\"), or a reference item gives "
      "a full date its own address contradicts (\"10 April 2020\" for a page at .../2020/04/02/...).",
      fires="The Digital Services Act (DSA 2019) obliges very large platforms to assess risks.",
      passes="The Digital Services Act (DSA 2022) obliges very large platforms to assess risks.",
      why="A wrong date for a law or report misleads about what was in force, or known, when.",
      order=80)
def date_mismatch(ctx):
    for sent in ctx.doc.sentences:
        text = ctx.doc.masked[sent.start:sent.end]
        # 1. laws and treaties the library holds: "X Act 2000", "X Act, 2000", "X Act of 2000", "X (2000)", "(ACR 2018)"
        for rx, w in _laws_in(ctx, text) or _antecedent_law(ctx, sent, text):
            for m in rx.finditer(text):
                after = text[m.end():m.end() + 40]
                years = []
                am = re.match(r"^\s*(?:,\s*|\s+of\s+|\(\s*|\s*)(" + YEAR + r")\b(?:\s*\)?\s+of\s+(" + YEAR + r")\b)?", after)
                if not am:
                    am = re.match(r"^(" + YEAR + r")\b", after)  # "SESTA2018"
                if am:
                    years = [int(y) for y in am.groups() if y]
                else:
                    # "... Act ... was passed in 2016" within the clause
                    pm = re.match(r"^[^.;]{0,60}?" + _ENACT.pattern + r"[^.;]{0,25}?\b(?:in|on)\s+(?:\d{1,2}\s+)?(?:(?:" + _MONTHS + r")\s+)?(" + YEAR + r")\b", after + text[m.end() + 40:m.end() + 120], re.I)
                    if pm:
                        years = [int(pm.group(1))]
                bad = [y for y in years if w.years and y not in w.years]
                if bad:
                    yield ctx.flag("date-mismatch", sent,
                                   f"'{m.group(0)}' is dated {', '.join(map(str, bad))} here; the library dates {w.key} "
                                   f"{w.entry.get('date') or w.year}" + (f" (accepted years: {', '.join(map(str, sorted(w.years)))})" if len(w.years) > 1 else ""),
                                   keys=[w.key], evidence=f"{m.group(0)} {bad[0]}")
            # a full date tied to enactment / amendment ("On 27 June 2018, ... was revised by SESTA")
            if _ENACT.search(text) and w.entry.get("date") and re.fullmatch(r"\d{4}-\d\d-\d\d", w.entry.get("date").strip()):
                mention = rx.search(text)
                if not mention:
                    continue
                by_agent = re.search(r"\b(?:revised|amended|replaced)\s+by\s+(?:the\s+)?", text)
                if by_agent and mention.start() < by_agent.end() - 1:
                    continue  # the date belongs to the amending act, not this one
                for dm in _FULL_DATE.finditer(text):
                    iso = _iso(dm)
                    accepted = {w.entry.get("date").strip()} | set(re.findall(r"\d{4}-\d\d-\d\d", w.entry.get("howpublished")))
                    hp = w.entry.text("howpublished") + " " + w.entry.text("note")
                    if iso not in accepted and dm.group(0) not in hp and not _same_date_in(hp, iso):
                        yield ctx.flag("date-mismatch", sent,
                                       f"'{dm.group(0)}' given for {mention.group(0)}; the library dates {w.key} {w.entry.get('date')}"
                                       + (f" ({'; '.join(events)})" if (events := _DATED_EVENT.findall(hp)) else ""),
                                       keys=[w.key], evidence=dm.group(0))
                        break
        # 2. dated facts: a year near the name and an event verb
        facts = _facts_in(ctx, text)  # (searched once: sections 2 and 3 both read them)
        for fact in facts:
            m = fact.pattern.search(text)
            trig = _trigger_re(fact.triggers)
            window = text[m.start():m.end() + 90]
            tm = trig.search(window)
            if not tm:
                continue
            ym = _YEAR.search(window[tm.start():tm.end() + 40])
            if not ym:
                continue
            year = int(ym.group(1))
            if year not in fact.years and abs(year - fact.year) <= 15:
                # another fact about the same name with that year (Silk Road launch vs takedown) is fine
                if any(year in f.years and f.pattern.search(m.group(0)) for f in ctx.facts if f is not fact):
                    continue
                yield ctx.flag("date-mismatch", sent, f"'{m.group(0)}' {tm.group(0)} in {year} here; {fact.source}",
                               evidence=f"{m.group(0)} {year}")
        # 3. a platform at work in a year before it existed ("In 2003, traffickers recruited on Facebook")
        for fact in facts:
            if fact.event != "launch" or _BEFORE_IT.search(text):
                continue
            early = [int(y) for y in _SCENE_YEAR.findall(text) if int(y) < fact.earliest]
            if early:
                name = fact.pattern.search(text).group(0)
                yield ctx.flag("date-mismatch", sent, f"{name} is set in {early[0]} here, but it was launched in "
                               f"{fact.year}; {fact.source}", evidence=f"{name} {early[0]}")
        # 3. a named report whose year differs from the work the names identify
        for c in ctx.own_citations(sent):
            if c.kind == "named" and c.key and c.year_mismatch and c.year:
                w = ctx.index.get(c.key)
                yield ctx.flag("date-mismatch", sent, f"the {c.text} report is dated {c.year} here; the library's "
                               f"{w.key} is from {w.year}", keys=[w.key], evidence=f"{c.text} {c.year}")
        # 4. a law described as amended or enacted while the only authority cited for it is a bill
        if sent.kind != "heading" and may_match(_IN_FORCE, lowered(text)) and _IN_FORCE.search(text):
            labels = [l for c in ctx.own_citations(sent) if c.kind == "footnote" for l in c.labels]
            bills = [(l, b) for l in labels if (b := _cites_only_a_bill(ctx.doc.footnotes.get(l)))]
            if bills and len(bills) == len(labels):
                label, bill = bills[0]
                yield ctx.flag("date-mismatch", sent, f"described as enacted or amended law, but footnote {label} cites "
                               f"a bill ({bill}), not an enacted law", evidence=bill)
    # 5. the document's own data, or one named event, dated differently in different places
    yield from data_date_conflicts(ctx)
    yield from event_date_conflicts(ctx)
    yield from elapsed_year_conflicts(ctx)
    yield from url_date_conflicts(ctx)
    # the same inside a note: a note that cites a bill and says the law "has been amended"
    for label, note in ctx.doc.footnotes.items():
        bill = _cites_only_a_bill(note)
        m = _IN_FORCE.search(note.text) if bill else None
        if m:
            yield ctx.flag_at_note("date-mismatch", label, f"footnote {label} says '{m.group(0)}' but cites a bill "
                                   f"({bill}), not an enacted law", evidence=m.group(0))


# A bill, not a law: "S. 2040, 114th Cong.", "H.R. 1865, 115th Cong.", "Bill C-31"; an enacted law
# is cited by its public law or statute ("Pub. L. No. 114-222", "130 Stat. 852").
_BILL = re.compile(r"\b(?:S\.|H\.\s?R\.|H\.\s?J\.\s?Res\.|S\.\s?J\.\s?Res\.)\s?\d{1,5},\s{0,3}\d{2,3}(?:th|st|nd|rd)\s+Cong\."
                   r"|\bBill\s+[A-Z]-\d{1,4}\b")
_ENACTED_CITE = re.compile(r"\bPub\.\s?L\.|\bStat\.|\bPublic Law\b|\bRoyal Assent\b|\bc\.\s?\d{1,3}\s*\(", re.I)
# (also after a capital glued on by OCR: "the ATAwas amended")
_IN_FORCE = re.compile(r"(?:\b|(?<=[A-Z]))(?:was|were|has been|have been|had been)\s+(?:\w+\s+){0,2}?(?:amended|enacted|signed into law)\b"
                       r"|\b(?:came|entered) into force\b|\bis now (?:in force|law)\b", re.I)


def _cites_only_a_bill(note) -> str | None:
    """The bill a note cites, when it cites no enacted law."""
    if note is None:
        return None
    m = _BILL.search(note.text)
    return m.group(0) if m and not _ENACTED_CITE.search(note.text) else None


def _same_date_in(text: str, iso: str) -> bool:
    y, mo, d = iso.split("-")
    month = _MONTHS.split("|")[int(mo) - 1]
    return bool(re.search(rf"\b{int(d)}\s+{month}\s+{y}\b|\b{month}\s+{int(d)},?\s+{y}\b", text))
