"""figure-mismatch: a figure a document attributes to a work or body differs from the figure the
library records (notes' `figures:`, docs/notes-format.md) for the same measure and period.

Who a figure is attributed to: the works the sentence's citations resolve to, and, for a body
named in the prose ("the ILO estimated ...", "according to UNODC"), every library work that
body wrote. Which recorded figure it is compared with: one of those works' figures whose measure
and unit the sentence speaks of (read with known-claim's lexicon, so "persons" ~ "people",
"forced labor" ~ "forced labour") and whose period holds the year the sentence gives (a sentence
crediting a work gives its period implicitly; one crediting only a body must give a year). The
sentence agrees when any of its figures equals a matching recorded figure within the precision
it is written to ("28 million" for 27.6 million) and its qualifier ("more than 27 million").
"""

from __future__ import annotations

import math
import re

from litcheck.scan.rules import rule

MEASURE_COVERAGE = 0.6  # share of a recorded figure's measure terms the sentence must carry
_YEAR = re.compile(r"(?<![\d.,])(19\d\d|20\d\d)(?!\d|[.,]\d)")
_CUE = re.compile(r"\b(?:according to|estimat\w*|report\w*|found|finds|counted|count|recorded|records|says|said|"
                  r"states|stated|data|figures?|survey\w*|stud(?:y|ies)|puts?|calculated|identified)\b", re.I)
_MONEY = re.compile(r"[$€£]|\b(?:USD|EUR|GBP|dollars?|euros?|pounds)\b", re.I)
_CURRENCIES = {"usd", "eur", "gbp", "dollars", "euros", "pounds"}
_AT_LEAST = re.compile(r"(?:more than|over|at least|above|exceeding|in excess of|upwards of)\s*[$€£]?\s*$", re.I)
_AT_MOST = re.compile(r"(?:fewer than|less than|under|up to|at most|below|nearly|almost)\s*[$€£]?\s*$", re.I)
_ABOUT = re.compile(r"(?:about|around|approximately|roughly|some|an estimated|estimated|close to|nearly|almost)\s*[$€£]?\s*$", re.I)

_CACHE: list = []  # [library, {key: [Figure]}] of the last Scanner


def _figures_by_work(library) -> dict[str, list]:
    if not _CACHE or _CACHE[0] is not library:
        from litcheck.library.figures import collect_figures

        by_key: dict[str, list] = {}
        for figure in collect_figures(library):
            by_key.setdefault(figure.key, []).append(figure)
        _CACHE[:] = [library, by_key]
    return _CACHE[1]


def _body_works(ctx, name: str) -> set[str]:
    """Keys of the library works a body (canonical organisation name) wrote."""
    from litcheck.scan.resolve.text import norm

    orgs = ctx.index.orgs
    forms = {norm(name)} | {norm(f) for f, canonical in orgs.canonical.items() if canonical == name}
    keys: set[str] = set()
    for form in forms:
        keys |= ctx.index.by_creator.get(form, set())
    return keys


def _attributed(ctx, sent, text: str) -> tuple[dict[str, str], set[str]]:
    """({work key: how the sentence credits it}, keys credited through a body only)."""
    works: dict[str, str] = {}
    for c, w in ctx.works_for(sent):
        works.setdefault(w.key, c.display if c.kind != "named" else " and ".join(c.names) or w.key)
    by_body: dict[str, str] = {}
    names = [n for c in ctx.citations_for(sent) if c.kind == "named" and not c.key for n in c.names]
    if _CUE.search(text):
        names += [canonical for _, _, canonical in ctx.index.orgs.find(text)]
    for name in dict.fromkeys(names):
        for key in _body_works(ctx, name):
            if key not in works:
                by_body.setdefault(key, name)
    return works | by_body, set(by_body)


def _precision(surface: str) -> float:
    """Half the unit of the last significant digit a figure is written to, relative to its scale:
    '28 million' -> 500,000; '27.6 million' -> 50,000; '36,200,000' -> 50,000; '42.5%' -> 0.05."""
    from litcheck.scan.quantities import quantities

    digits = re.search(r"\d[\d,]*(?:\.\d+)?", surface)
    if not digits:
        return 0.0
    raw = digits.group(0).replace(",", "")
    q = quantities(surface)
    scale = q[0].value / float(raw) if q and float(raw) else 1.0
    if "." in raw:
        unit = 10 ** -len(raw.split(".")[1])
    else:
        stripped = raw.rstrip("0")
        unit = 10 ** (len(raw) - len(stripped)) if stripped else 1
    return unit * scale / 2


def agrees(quantity, before: str, figure) -> bool:
    """The document's figure (with the words just before it) is consistent with the recorded one."""
    recorded = float(figure.value)
    value = quantity.value
    if not quantity.exact:
        return abs(value - recorded) <= 1.0
    if _AT_LEAST.search(before):
        return recorded >= value * 0.995
    if _AT_MOST.search(before) and not _ABOUT.search(before):
        return recorded <= value * 1.005
    slack = max(_precision(quantity.surface), 0.005 * max(abs(value), abs(recorded)))
    if _ABOUT.search(before) or figure.qualifier in ("about", "almost", "estimated"):
        slack = max(slack, 0.05 * abs(recorded))
    return abs(value - recorded) <= slack * 1.0001


def _comparable(quantity, figure, money: bool) -> bool:
    """The same kind of number: a share with a share, money with money, a count of the same order."""
    if quantity.ordinal or quantity.percent != (figure.unit == "percent"):
        return False
    if (figure.unit.lower() in _CURRENCIES) != money:
        return False
    if quantity.percent:
        return True
    recorded = float(figure.value)
    return recorded > 0 and quantity.value > 0 and abs(math.log10(quantity.value / recorded)) <= 1.3


@rule("figure-mismatch", "warning",
      "A figure the sentence attributes to a work or body in the library differs from the figure the library records "
      "for the same measure and period (notes' `figures:`); the message gives the recorded figure and its locator. "
      "A figure that agrees within the precision it is written to (\"28 million\" for 27.6 million) or its qualifier "
      "(\"more than 100 million\") passes. A share stated beside the counts it comes from (\"230 of the 1,103 NGOs "
      "(20.1%)\") is recomputed, in the body, the notes and the reference list, and so are a share and its count "
      "against a total the paragraph gave before (\"160 million child laborers ... 5.5 percent of all child laborers, "
      "or 26.3 million\"), a total split by sex that does not add up, a calculation written out (\"516 beds x $89.55 = "
      "$46,208\"), a rate restated over another period (\"7,000 every year - or 200,000 in the last decade\") and a "
      "count announced before a list that names another number (\"five ports: Hull, Dover and Tilbury\"): a "
      "wrong figure is found with no library at all.",
      fires="The ILO's *Counting the Hidden* (2016) found that 152 million children worked in agriculture.[^1]\n\n"
            "[^1]: International Labour Organization, *Counting the Hidden: Child Labour in Agriculture* (2016).",
      passes="The ILO's *Counting the Hidden* (2016) found that 108 million children worked in agriculture.[^1]\n\n"
             "[^1]: International Labour Organization, *Counting the Hidden: Child Labour in Agriculture* (2016).",
      why="A wrong figure credited to a real report is repeated as that report's finding; the library's record and "
          "its page settle it.",
      priority=2, order=130)
def figure_mismatch(ctx):
    from litcheck.scan.quantities import is_year, quantities
    from litcheck.scan.rules.claims import lexicon_for

    yield from _share_errors(ctx)
    recorded = _figures_by_work(ctx.library)
    if not recorded:
        return
    lexicon = None
    for sent in ctx.claim_sentences():
        text = ctx.claim_text(sent)
        numbers = [q for q in quantities(text) if not is_year(q)]
        if not numbers:
            continue
        works, body_only = _attributed(ctx, sent, text)
        candidates = [(key, f) for key in works for f in recorded.get(key, ())]
        if not candidates:
            continue
        lexicon = lexicon or lexicon_for(ctx)
        years = {int(y) for y in _YEAR.findall(text)}
        candidates = [(key, f) for key, f in candidates if _same_period(ctx, key, f, years, key in body_only)]
        money = bool(_MONEY.search(text))
        pairs = []  # (coverage, quantity, figure, key): a figure of the sentence and a record of the same measure
        clauses: dict[str, set[str]] = {}
        for q in numbers:
            clause = _clause(text, q.start)
            if clause not in clauses:
                clauses[clause] = lexicon.read(clause).terms
            local = clauses[clause]
            for key, figure in candidates:
                coverage = _measure_coverage(lexicon, figure, local)
                if coverage >= MEASURE_COVERAGE and _comparable(q, figure, money):
                    pairs.append((coverage, q, figure, key))
        # a figure of the sentence that agrees with a record is accounted for, and so is that record
        agree = [(q, f) for _, q, f, _ in pairs if agrees(q, text[max(0, q.start - 24):q.start], f)]
        said_right, recorded_right = {id(q) for q, _ in agree}, {id(f) for _, f in agree}
        wrong = [p for p in pairs if id(p[1]) not in said_right and id(p[2]) not in recorded_right]
        if not wrong:
            continue
        # the best-matching measure, and of its figures the one nearest in size to the sentence's
        coverage, said, figure, key = max(wrong, key=lambda p: (p[0], -abs(math.log10(p[1].value / float(p[2].value)))))
        yield ctx.flag("figure-mismatch", sent,
                       f"'{said.surface}' is credited to {works[key]}, but the library records {figure.shown} "
                       f"({figure.measure}; {figure.scope}; {figure.period}) in {key}, {figure.locator}",
                       keys=[key], evidence=said.surface)


def _share_errors(ctx):
    """Shares the document's own counts contradict (litcheck.scan.arithmetic), where they stand."""
    from litcheck.scan.arithmetic import calculations, rate_errors, share_errors, split_errors, total_share_errors
    from litcheck.scan.list_counts import list_count_errors, listed_after

    def message(e):
        against = f" against the total '{e.total}' given before it in the paragraph" if e.total else ""
        return f"'{e.surface}': those counts{against} give {e.computed:.1f}%, not {e.stated}%"

    def miscount(e):
        twice = f" (it gives '{e.repeated}' twice)" if e.repeated else ""
        return f"'{e.surface}' are announced, but the list after it names {e.counted}{twice}"

    sentences = ctx.doc.sentences
    for sent in ctx.claim_sentences():
        for e in share_errors(sent.text)[:1]:
            yield ctx.flag("figure-mismatch", sent, message(e), evidence=e.surface)
        if "%" in sent.text or "cent" in sent.text:  # (most sentences state no share)
            before = " ".join(s.text for s in sentences[max(0, sent.index - 10):sent.index] if s.block == sent.block)
            for e in total_share_errors(sent.text, before)[:1]:
                yield ctx.flag("figure-mismatch", sent, message(e), evidence=e.surface)
        for e in split_errors(sent.text)[:1]:
            yield ctx.flag("figure-mismatch", sent, f"'{e.surface}': the two parts add up to {e.parts:,.0f}, not "
                           f"{e.total:,.0f}", evidence=e.surface)
        for e in rate_errors(sent.text)[:1]:
            yield ctx.flag("figure-mismatch", sent, f"'{e.surface}' restates '{e.first}', which comes to about "
                           f"{e.expected:,.0f} over that period", evidence=e.surface)
        for e in list_count_errors(sent.text)[:1]:
            yield ctx.flag("figure-mismatch", sent, miscount(e), evidence=e.surface)
        for calc in [c for c in calculations(sent.text) if not c.right][:1]:
            yield ctx.flag("figure-mismatch", sent, f"'{calc.surface}': the calculation gives {calc.computed:,.2f}, "
                           f"not {calc.result}", evidence=calc.surface)
    for index, e in listed_after(ctx.doc):
        yield ctx.flag("figure-mismatch", sentences[index], miscount(e), evidence=e.surface)
    for label, note in ctx.doc.footnotes.items():
        for e in share_errors(note.text)[:1]:
            yield ctx.flag_at_note("figure-mismatch", label, message(e), evidence=e.surface)
    for index, item in enumerate(ctx.doc.references):
        for e in share_errors(item.text)[:1]:
            yield ctx.flag_at_reference("figure-mismatch", index, message(e), evidence=e.surface)


def _same_period(ctx, key: str, figure, years: set[int], body_only: bool) -> bool:
    """The figure's period holds a year the sentence gives. A sentence that cites the work may give
    its publication year instead, or no year (the work's own period is meant); one that credits
    only a body must give the year, since the body has published estimates for many years."""
    if not years:
        return not body_only
    first, last = figure.years
    work = ctx.index.get(key)
    return any(first <= y <= last or (not body_only and work is not None and y == work.year) for y in years)


_CLAUSE_BREAK = re.compile(r"[;:()]|,\s|\s(?:and|while|whereas|but|compared with|against)\s", re.I)


def _clause(text: str, at: int) -> str:
    """The clause of `text` that holds offset `at`: a figure is paired with the measure beside it."""
    start, end = 0, len(text)
    for m in _CLAUSE_BREAK.finditer(text):
        if m.end() <= at:
            start = m.end()
        elif m.start() >= at:
            end = m.start()
            break
    return text[start:end]


_MEASURES: dict[tuple, frozenset] = {}  # (lexicon id, measure, unit) -> the measure's terms


def _measure_coverage(lexicon, figure, terms: set[str]) -> float:
    """Share of the recorded measure's terms (what is counted, without asides in brackets) that
    `terms` carries; a change ("increase in ...", "rise") must itself be named."""
    ident = (id(lexicon), figure.measure, figure.unit)
    wanted = _MEASURES.get(ident)
    if wanted is None:
        measure = re.sub(r"\([^)]*\)", " ", f"{figure.measure} {figure.unit}")
        wanted = _MEASURES[ident] = frozenset(t for t in lexicon.read(measure).terms if not t.startswith("E:"))
    if not wanted:
        return 0.0
    if wanted & lexicon.relations - terms:
        return 0.0
    return len(wanted & terms) / len(wanted)
