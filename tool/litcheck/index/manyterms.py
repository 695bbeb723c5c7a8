"""The best hits of a query of several terms, from the stored best hits of its common words.

Why: FTS5 scores every row that matches all the terms, and for a common word it first merges
the posting lists of every word that starts with it (`fish a`: 56,054 rows, about 0.3 s on the
99k-entry bench file). `index.tophits` keeps, for every common prefix, its best rows, their g
(bm25's per-row factor) and which rows match; that decides most such queries exactly.

bm25 of a query is a sum over its terms, in query order: score = Σ idf_t · g_t(row), each term
a phrase FTS5 matches in every row it scores. A term is taken one of two ways:
- *listed*: one word whose prefix has a stored list. Rows matching it: its bitset. Its idf:
  from its stored count, as `tophits.top` computes it. Its g for a row: stored for the best
  rows; for any other row no larger than the last stored one.
- *enumerated*: a word or phrase with a word whose prefix has no list (so rarer than
  `tophits.MIN_HITS` rows, usually): FTS5 scores it alone, which gives every row it matches
  and idf·g for each, the very number the whole query adds for it (same idf, D and avgdl).
- *phrase*: a phrase whose words all have lists with levels (`"university of"`, in every row
  of the bench file: FTS5 took about 0.1 s to score them all). Its idf: from how many rows
  FTS5 counts for it alone. Each of its occurrences is an occurrence of each of its words in
  the same column, so its weighted count, and g (increasing in the count), is no larger than
  any of its words' in the same row: its share is bounded by the phrase's idf times the
  smallest of its words' g bounds. Whether a row has the phrase, and its share, come from the
  row's text (`_scores_from_text`), for the rows whose bound reaches the shown ones; the rows
  matching the whole query are counted by FTS5 (a count, not a ranking: about a tenth).
The rows matching the query are the intersection (counted exactly). A row's score is known
when every term's share is; otherwise it is bounded above by the last stored g of the terms it
lacks (added in the same order: rounding is monotonic, so the bound is never below the score).
Rows whose bound reaches the `limit`-th known score get their shares computed from their
folded text (tokens as FTS5's unicode61 makes them from ASCII, occurrences weighted in column
order, FTS5's floating-point operations), until no unknown row can reach the shown ones.
When every listed term also has levels (a byte a row bounding its g, for prefixes in a fifth
of the rows or more: `tophits._levels`), the rows outside the stored lists are bounded row by
row instead of all by the same bound, so pairs of very common words (`sal fish`, `00 ur`) are
decided too (`_start_from_levels`). If rows outside every stored list could reach the shown
ones, or too many rows would need their text, FTS5 answers.
"""

from __future__ import annotations

import heapq
import math
import re
import sqlite3
import sys
from array import array
from typing import NamedTuple

from litcheck.index import tophits

# Rows whose text a query may fold: FTS5 is cheaper than more (the queries of the 99k bench
# file that the lists answered read at most 348; one that could not be decided read 464).
MAX_TEXTS = 400
PHRASE_TEXTS = 150  # with a phrase: its count by FTS5 is paid already, and FTS5 answers in 10-40 ms
# Rows whose bounds a query computes in Python (1.5-3 µs each): with prefix indexes (`fulltext`)
# FTS5 answers such queries in 10-30 ms on the bench file, cheaper than more.
_MAX_CANDIDATES = 8_000
_PHRASE_ROWS = 20_000  # a phrase's rows are read from FTS5 (0.3 µs a row) when it can have no more
COMMON = 5  # the lists answer when a term matches at least 1/COMMON of the rows
_WORDS = re.compile(r"[^\W_]+")
_ASCII_WORD = re.compile(f"[{tophits._ALPHABET}]+")


class _Listed:
    """A one-word term whose prefix has a stored list."""

    def __init__(self, word: str, hits: int, rowids: bytes, g: bytes, matching: bytes, levels: bytes, rows: int):
        self.word, self.matching, self.levels = word.encode("ascii"), matching, levels
        self.idf = _idf(rows, hits)
        self.hits = hits
        ids, values = array("i", rowids), array("d", g)
        if sys.byteorder != "little":
            ids.byteswap()
            values.byteswap()
        self.ids, self.g = ids, values
        self.share = {rowid: self.idf * x for rowid, x in zip(ids, values)}
        self.bound = self.idf * values[-1] if len(values) < hits else 0.0  # rows not stored: no more
        step = self.idf * values[-1] / 255.0  # a level's share (`tophits._levels`), widened far
        self.steps = (step * (1.0 - 1e-9), step * (1.0 + 1e-9))  # beyond these operations' roundings

    def has(self, rowid: int) -> int:
        return self.matching[(rowid - 1) >> 3] >> ((rowid - 1) & 7) & 1


class _Levels(NamedTuple):
    """A term's levels and the share of one level (`_Listed.steps`), for `_reaching`."""

    levels: bytes
    steps: tuple[float, float]


class _Phrase:
    """A phrase of words (`_Listed`, each with levels), bounded by them (module docstring)."""

    def __init__(self, words: list[_Listed], hits: int, rows: int):
        self.text = b" " + b" ".join(w.word for w in words)  # as `_scores_from_text` spaces a column
        self.words, self.hits, self.idf = words, hits, _idf(rows, hits)
        # For the byte sums of `_reaching`: the levels of each word, scaled, the rarest first.
        scaled = [_Levels(w.levels, tuple(x * self.idf / w.idf * (1.0 + 1e-9) for x in w.steps))
                  for w in sorted(words, key=lambda w: w.hits)]
        (self.levels, self.steps), self.alternatives = scaled[0], scaled[1:]

    def bound(self, rowid: int) -> float | None:
        """Above the phrase's share of row `rowid`; None when a word is not in the row."""
        least = math.inf
        for w in self.words:
            share = w.share.get(rowid)
            if share is None:
                level = w.levels[rowid - 1]
                if not level:
                    return None
                share = level * w.steps[1]
            least = min(least, share / w.idf)
        return self.idf * least * (1.0 + 1e-9)


def _idf(rows: int, hits: int) -> float:
    """bm25's idf, as FTS5 computes it (fts5_aux.c)."""
    idf = math.log((rows - hits + 0.5) / (hits + 0.5))
    return idf if idf > 0.0 else 1e-6


def top_of_many(conn: sqlite3.Connection, terms: list[str], weights: list[float], limit: int | None,
                folded, match, counted: list[int] | None = None) -> tuple[list[tuple[str, float]], int] | None:
    """(key, score) of the first `limit` rows matching every one of `terms`, best first (ties
    by row), and how many match; None when the stored lists cannot decide it (FTS5 answers).
    `folded(keys)` gives (key, folded text per column) of the library's keys, as indexed;
    `match(terms)` the FTS5 query of terms (`fulltext.match_expression`). When the lists cannot
    decide but the query's rows were counted (phrases), the count is added to `counted`, so
    that FTS5 need not count them again."""
    words = [_WORDS.findall(t) for t in terms]
    if limit is None or limit > tophits.TOP or (len(terms) < 2 and len(words[0]) < 2):
        return None
    if not all(w and all(_ASCII_WORD.fullmatch(x) for x in w) for w in words):
        return None
    sizes = conn.execute("SELECT rows, tokens FROM top_sizes").fetchone()
    if sizes is None:  # this library has no lists
        return None
    rows, avgdl = sizes[0], float(sizes[1]) / float(sizes[0])
    plan: list[_Listed | _Phrase | str] = []
    phrase_rows: list[list[int]] = []
    for term, term_words in zip(terms, words):
        stored = [_stored(conn, w[:tophits.WIDTH]) for w in term_words]
        if len(term_words) == 1 and len(term_words[0]) <= tophits.WIDTH and stored[0] is not None:
            plan.append(_Listed(term_words[0], *stored[0], rows))
        elif None in stored:
            plan.append(term)
        elif len(term_words) > 1 and all(s[4] for s in stored):
            plan.append(_phrase(conn, match([term]), term_words, stored, rows, phrase_rows if len(terms) > 1 else None))
            if not plan[-1].hits:
                return [], 0
        else:  # a long word of common words, or a phrase of words without levels
            return None
    # FTS5's cost grows with its terms' posting lists: below a fifth of the rows it answers in
    # a few milliseconds, about what reading the rows' text here would cost. A phrase in fewer
    # rows bounds FTS5's scoring to them (10-40 ms on the bench file), where bounding it by its
    # words, which are in many more rows, seldom decided (and the attempt cost as much again).
    if (max((p.hits for p in plan if not isinstance(p, str)), default=0) * COMMON < rows
            or any(p.hits * COMMON < rows for p in plan if isinstance(p, _Phrase))):
        if len(plan) == 1 and isinstance(plan[0], _Phrase) and counted is not None:
            counted.append(plan[0].hits)  # a phrase alone: its count is the query's, FTS5 need not count again
        return None
    plan = [_enumerated(conn, match([p]), weights) if isinstance(p, str) else p for p in plan]
    total, known = _query_rows(plan, phrase_rows)
    if total is None and any(isinstance(p, _Phrase) for p in plan):
        total = conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (match(terms),)).fetchone()[0]
        if total <= _MAX_CANDIDATES:  # few: every one bounded is cheaper than what bounds cannot decide
            known = [r for (r,) in conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (match(terms),))]
    if total == 0:
        return [], 0
    found = _rank(plan, limit, lambda rowids: _scores_from_text(conn, plan, rowids, weights, avgdl, folded), total, known)
    if found is None:
        if total is not None and counted is not None:
            counted.append(total)
        return None
    shown, total = found
    keys = dict(conn.execute(f"SELECT id, key FROM docs WHERE id IN ({', '.join('?' * len(shown))})",
                             [rowid for _, rowid in shown]))
    return [(keys[rowid], score) for score, rowid in shown], total


def _phrase(conn, expression: str, words: list[str], stored, rows: int, found: list | None) -> _Phrase:
    """A phrase term (its words' stored lists given). Its rows, from FTS5, are added to `found`
    when given and at most `_PHRASE_ROWS` rows have all its words (one pass, a little dearer
    than counting them); otherwise they are counted."""
    words = [_Listed(w, *s, rows) for w, s in zip(words, stored)]
    if found is None or _intersection(words).bit_count() > _PHRASE_ROWS:
        hits = conn.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (expression,)).fetchone()[0]
    else:
        found.append([r for (r,) in conn.execute("SELECT rowid FROM fts WHERE fts MATCH ?", (expression,))])
        hits = len(found[-1])
    return _Phrase(words, hits, rows)


def _query_rows(plan, phrase_rows: list[list[int]]) -> tuple[int | None, list[int] | None]:
    """(how many rows match a query with phrases, and those rows when few), from the phrases'
    rows, the enumerated terms' and the listed words' bitsets: the lists cannot count a phrase.
    (None, None) without phrases; a phrase alone was counted."""
    phrases = [p for p in plan if isinstance(p, _Phrase)]
    if len(phrases) == 1 and len(plan) == 1:
        return phrases[0].hits, None
    if not phrases or len(phrase_rows) < len(phrases):  # a phrase in too many rows to read them: FTS5 counts
        return None, None
    rows = min(phrase_rows, key=len)
    others = [set(r) for r in phrase_rows if r is not rows] + [p for p in plan if isinstance(p, dict)]
    listed = [p for p in plan if isinstance(p, _Listed)]
    bits = _intersection(listed).to_bytes(len(listed[0].matching), "little") if listed else b""
    known = [r for r in rows if all(r in o for o in others) and (not bits or bits[(r - 1) >> 3] >> ((r - 1) & 7) & 1)]
    return len(known), (known if len(known) <= _MAX_CANDIDATES else None)


def _stored(conn, prefix: str):
    return conn.execute("SELECT hits, rowids, scores, matching, levels FROM top_hits WHERE prefix = ?", (prefix,)).fetchone()


def _enumerated(conn, expression: str, weights: list[float]) -> dict[int, float]:
    """rowid -> idf·g of every row matching the FTS5 query of one term, by FTS5."""
    sql = f"SELECT rowid, -bm25(fts, {', '.join(map(repr, weights))}) FROM fts WHERE fts MATCH ?"
    return dict(conn.execute(sql, (expression,)))


def _rank(plan, limit: int, from_text, total: int | None = None, known: list[int] | None = None):
    """((score, rowid) of the best `limit` matching rows, best first; how many match), or None
    when rows outside every stored list could reach them or too many rows need their text.
    `from_text(rowids)` gives those rows' exact scores (None: it cannot; a row's score None: it
    lacks a phrase). `total`: how many rows match, when the lists cannot count them (phrases);
    `known`: those rows, when FTS5 gave them."""
    listed = [p for p in plan if isinstance(p, _Listed)]
    enumerated = [p for p in plan if isinstance(p, dict)]
    if total is not None:  # phrases: their words have levels, and so must the other listed words
        if not all(p.levels for p in listed):
            return None
        started = _start_from_levels(plan, listed + [p for p in plan if isinstance(p, _Phrase)], enumerated, limit,
                                     from_text, total, known)
        return started and _settle(*started, limit, from_text, PHRASE_TEXTS)
    if all(p.levels for p in listed):
        return _settle(*_start_from_levels(plan, listed, enumerated, limit), limit, from_text)
    return _settle(*_start_from_lists(plan, listed, enumerated), limit, from_text)


def _verified(found: dict, limit: int, from_text) -> bool:
    """With phrases, a row's lower bound says nothing (it may lack the phrase): the rows with
    the best upper bounds get their exact scores first, and those that have the phrases give θ
    (their bounds in `found` become exact: low = high). False when the text cannot tell."""
    best = heapq.nlargest(3 * limit, found, key=lambda r: (found[r][1], -r))
    scores = from_text(best)
    if scores is None:
        return False
    for r, score in scores.items():
        if score is None:
            del found[r]
        else:
            found[r] = (score, score, True)
    for r, (low, high, known) in found.items():
        if not known:
            found[r] = (0.0, high, False)
    return True


def _start_from_levels(plan, listed, enumerated, limit: int, from_text=None, total: int | None = None,
                       known: list[int] | None = None):
    """(exact scores, bounds of the rows that may need their text, bound of every other
    matching row or None, how many match), from the levels (`tophits._levels`): a row's share
    of a listed term it is not stored for lies between (level - 1) and level steps of
    idf · last stored g / 255. When few rows match (`known`, from FTS5) or the listed terms'
    bitsets leave few, those are every row that can match, each bounded. Otherwise the rows with the best lower bounds among the
    stored ones (or those of an enumerated term) give θ, below the score of the `limit`-th row,
    and a row outside them can reach θ only if the sum of its levels' shares does (`_reaching`)."""
    few = None
    if known is not None and len(known) <= _MAX_CANDIDATES:
        few = pool = known
    elif enumerated:  # every matching row is among those of the smallest enumerated term
        pool = set(min(enumerated, key=len))
    else:
        matching = _intersection(listed)
        if matching.bit_count() <= _MAX_CANDIDATES:  # few rows have every word: bound them all
            few = pool = _rows_of(matching, len(listed[0].levels))
        else:
            bits = matching.to_bytes((len(listed[0].levels) + 7) // 8, "little")
            pool = {r for p in listed for w in getattr(p, "words", [p]) for r in w.share
                    if bits[(r - 1) >> 3] >> ((r - 1) & 7) & 1}
    found = {r: b for r in pool if (b := _row_bounds(r, plan)) is not None}
    if from_text is not None and not _verified(found, limit, from_text):
        return None
    lows = heapq.nlargest(limit, (low for low, _, _ in found.values()))
    theta = lows[-1] if len(lows) == limit else 0.0
    outside = None
    if not enumerated and few is None:
        if theta <= 0.0 or not 255 // len(listed):
            return {}, {}, math.inf, _count(listed, total)  # nothing bounds the rows not stored: FTS5
        # A phrase is bounded by any of its words: a row must reach θ whichever is taken.
        choices = [listed] + [[*listed[:i], alt, *listed[i + 1:]] for i, p in enumerate(listed)
                              for alt in getattr(p, "alternatives", ())]
        both, outside = -1, 0.0
        for terms in choices:
            reaching, bound = _reaching(terms, theta)
            both, outside = both & reaching, max(outside, bound)
        both = both.to_bytes(len(listed[0].levels), "little")
        if both.count(1) > _MAX_CANDIDATES:  # counted before any is bounded
            return {}, {}, math.inf, _count(listed, total)
        found.update((r, b) for m in re.finditer(b"\x01", both)
                     if (r := m.start() + 1) not in found and (b := _row_bounds(r, plan)) is not None)
    exact, bounds = {}, {}
    for r, (_, high, known) in found.items():
        if known:
            exact[r] = high
        elif high >= theta:
            bounds[r] = high
        else:  # below θ: never shown, never tied
            outside = high if outside is None else max(outside, high)
    if total is None:
        total = len(found) if enumerated or few is not None else _count(listed)
    return exact, bounds, outside, total


def _reaching(terms, theta: float) -> tuple[int, float]:
    """(a byte a row, 1 where the row may reach θ; a bound of every other row), from each term's
    levels and steps, all rows at once (the plain-Python path: importing numpy would cost a
    search more than all of this). A row not stored for any term can reach θ only if (1) one of
    its levels passes `below`, θ's part of the largest bound (below it in every term, it is below
    θ), and (2) the sum of its levels' shares does: each term's levels become whole units of that
    sum, rounded up, added for every row at once as big integers, byte by byte (a term's units
    are at most 255 // terms: no byte carries)."""
    most = 255 // len(terms)
    below = min(255, math.floor(theta * 255 / sum(p.steps[1] * 255 for p in terms)))
    unit = 255 * max(p.steps[1] for p in terms) * (1.0 + 2e-9) / most
    need = math.ceil(theta / unit)
    passing = bytes(int(level > below) for level in range(256))
    outside, reach, units = 0.0, 0, 0
    for p in terms:
        outside += below * p.steps[1]
        reach |= int.from_bytes(p.levels.translate(passing), "little")
        table = bytes(math.ceil(level * p.steps[1] * (1.0 + 1e-9) / unit) for level in range(256))
        units += int.from_bytes(p.levels.translate(table), "little")
    size = len(terms[0].levels)
    enough = bytes(int(u >= need) for u in range(256))
    return int.from_bytes(units.to_bytes(size, "little").translate(enough), "little") & reach, max(outside, (need - 1) * unit)


def _intersection(listed) -> int:
    """The rows (a bit each: rowid i + 1 is bit i) having every listed word and phrase word."""
    both = -1
    for p in listed:
        for w in getattr(p, "words", [p]):
            both &= int.from_bytes(w.matching, "little")
    return both


def _rows_of(bits: int, rows: int) -> list[int]:
    """The rowids of a bitset of `_intersection`."""
    data = bits.to_bytes((rows + 7) // 8, "little")
    return [m.start() * 8 + b + 1 for m in re.finditer(b"[^\x00]", data) for b in range(8) if data[m.start()] >> b & 1]


def _row_bounds(r: int, plan) -> tuple[float, float, bool] | None:
    """(lower bound, upper bound, known) of row `r`'s score, its shares added in query order
    (when every share is known both are the score); None when it does not match every term."""
    low = high = 0.0
    known = True
    for p in plan:
        if isinstance(p, dict):
            x = p.get(r)
        elif isinstance(p, _Phrase):
            x = p.bound(r)
            if x is None:
                return None
            known = False
            high += x
            continue
        else:
            x = p.share.get(r)
            if x is None:
                level = p.levels[r - 1]
                if not level:
                    return None
                known = False
                low += (level - 1) * p.steps[0]
                high += level * p.steps[1]
                continue
        if x is None:
            return None
        low += x
        high += x
    return low, high, known


def _count(listed, total: int | None = None) -> int:
    """How many rows match every listed term (their bitsets intersected), unless counted."""
    return _intersection(listed).bit_count() if total is None else total


def _start_from_lists(plan, listed, enumerated):
    """As `_start_from_levels`, from the stored best rows alone (a listed term without levels)."""
    if enumerated:  # every matching row is among those of the smallest enumerated term
        smallest = min(enumerated, key=len)
        others = [s for s in enumerated if s is not smallest]
        rows = [r for r in smallest if all(r in s for s in others) and all(p.has(r) for p in listed)]
        total = len(rows)
    else:
        total = _count(listed)
        rows = sorted({r for p in listed for r in p.share if all(q.has(r) for q in listed)})
    # A row in no list and no enumerated term: every share at most its term's bound.
    outside = _sum([p.bound for p in listed]) if total > len(rows) else None
    exact: dict[int, float] = {}
    bounds: dict[int, float] = {}
    shares = [(p, None) if isinstance(p, dict) else (p.share, p.bound) for p in plan]
    for r in rows:  # the shares added in query order, a term's bound where its share is unknown
        score, known = 0.0, True
        for share, bound in shares:
            x = share.get(r)
            if x is None:
                x, known = bound, False
            score += x
        (exact if known else bounds)[r] = score
    return exact, bounds, outside, total


def _settle(exact: dict, bounds: dict, outside: float | None, total: int, limit: int, from_text,
            max_texts: int = MAX_TEXTS):
    """The ranking of `_rank`, from exact scores and bounds: the rows whose bound reaches the
    last shown score get their text read, best bound first, until none can."""
    need = min(limit, total)
    waiting = sorted(bounds, key=lambda r: (-bounds[r], r))  # highest bound first
    read = 0
    while True:
        if outside is not None:  # can the shown rows still all be among the stored ones?
            best = heapq.nlargest(need, [*exact.values(), *(bounds[r] for r in waiting)])
            if need and (len(best) < need or outside >= best[-1]):
                return None
        ranking = sorted(((s, r) for r, s in exact.items()), key=lambda x: (-x[0], x[1]))[:need]
        last = ranking[-1][0] if len(ranking) == need and need else -math.inf
        # The rows that could still reach or tie the last shown one, best bound first; each
        # reading takes as many again as all before it, and at first a few more than missing.
        reach = sum(1 for r in waiting[:max_texts + 1] if bounds[r] >= last)
        if not reach:
            return None if outside is not None and outside >= last else (ranking, total)
        batch = min(reach, max(need - len(ranking) + 2 * need, read))
        read += batch
        found = from_text(waiting[:batch]) if read <= max_texts else None
        if found is None:
            return None
        exact.update((r, score) for r, score in found.items() if score is not None)
        waiting = waiting[batch:]


def _scores_from_text(conn, plan, rowids, weights, avgdl, folded) -> dict[int, float] | None:
    """rowid -> exact score of `rowids`, the shares of listed terms computed from the rows'
    folded text as FTS5 computes them; None if a row's text does not match as the index says."""
    keys = dict(conn.execute(f"SELECT key, id FROM docs WHERE id IN ({', '.join('?' * len(rowids))})", rowids))
    scores: dict[int, float | None] = {}
    for key, cols in folded(list(keys)):
        rowid = keys[key]
        if not all(c.isascii() for c in cols):
            return None
        # Tokens as unicode61 makes them from ASCII, one space before each: a token starting
        # with a word is an occurrence of " word", a phrase one of " word word".
        spaced = [b" " + b" ".join(c.encode("ascii").translate(tophits._SPLIT).split()) for c in cols]
        base = (1 - tophits.B) + (tophits.B * float(sum(len(c.split()) for c in spaced))) / avgdl
        shares = []
        for p in plan:
            if isinstance(p, _Phrase):
                share = _phrase_share(p, spaced, weights, base)
                if share is None:  # the row has its words, not the phrase: it does not match
                    shares = None
                    break
                shares.append(share)
                continue
            share = p.get(rowid) if isinstance(p, dict) else p.share.get(rowid)
            if share is None:
                word, f = b" " + p.word, 0.0
                for c, column in enumerate(spaced):
                    for _ in range(column.count(word)):  # one occurrence at a time, as FTS5 adds
                        f += weights[c]
                if f == 0.0:
                    return None
                share = p.idf * ((f * (tophits.K1 + 1.0)) / (f + tophits.K1 * base))
            shares.append(share)
        scores[rowid] = None if shares is None else _sum(shares)
    return scores if len(scores) == len(rowids) else None


def _phrase_share(p: _Phrase, spaced: list[bytes], weights: list[float], base: float) -> float | None:
    """The phrase's share of a row from its spaced columns (`_scores_from_text`): every
    occurrence, overlapping ones too (`"a a"` twice in `a a a`, as FTS5 counts it), its
    column's weight added one at a time in column order; None when it has none."""
    f = 0.0
    for c, column in enumerate(spaced):
        at = column.find(p.text)
        while at >= 0:
            f += weights[c]
            at = column.find(p.text, at + 1)
    if f == 0.0:
        return None
    return p.idf * ((f * (tophits.K1 + 1.0)) / (f + tophits.K1 * base))


def _sum(shares) -> float:
    """The terms' shares added in query order, from 0.0, as FTS5's bm25 adds them."""
    score = 0.0
    for s in shares:
        score += s
    return score
