"""The best hits of every common one-word query, computed when the full-text index is built.

Why: FTS5 ranks a query by scoring every match with bm25, and has no ranking that stops
early. A word found in half of 100,000 entries therefore costs 0.1-0.5 s however few hits are
shown (`fish`: 56,054 matches; `a`: every entry, a prefix of thousands of words).

bm25 of a one-term query is a constant (the term's idf, from how many rows match) times

    g(row) = f * (k1 + 1) / (f + k1 * (1 - b + b * D / avgdl))

where f is the row's weighted count of the term (each occurrence adds its column's weight)
and D the row's length in tokens. g depends only on the row and the term, so the rows with
the largest g, computed once for every word prefix that at least `MIN_HITS` rows match, are
the top of that query's ranking, score for score: the query multiplies them by its idf
exactly as FTS5 does (same operations in the same order, IEEE doubles), and ties are broken
by row as the SQL does. A query needing rows past the stored ones, or any other query form,
is answered by FTS5 (exact, only slower).

The counts come from tokenizing the folded column text the index is built from; FTS5's
tokenizer (unicode61) splits ASCII text into runs of letters and digits, so only libraries
whose folded text is all ASCII get these lists, and the build checks every row's length
against FTS5's own document sizes before it keeps them. Building them costs about half as
much again as the full-text index (numpy: every token coded, sorted once, and each prefix's
run of tokens summed per row).
"""

from __future__ import annotations

import math
import re
import sqlite3
import sys
from array import array

MIN_HITS = 5_000  # below this FTS5 ranks a term in a few milliseconds
# Most rows a query can show from the lists (one more is kept: it bounds the rest). Deep lists
# let queries of several common words (`index.manyterms`) bound the rows not stored: with 100,
# `fish a` on the 99k-entry bench file could not be decided; 1,000 cost about 7 MB of index.
TOP = 1000
K1, B = 1.2, 0.75  # FTS5's bm25 constants (fts5_aux.c)
LEVELS_SHARE = 5  # prefixes matched by at least 1/5 of the rows get `_levels` (a byte per row)
WIDTH = 12  # prefixes up to this long get lists: a token's first 12 characters are its sort code
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"  # unicode61's token characters in ASCII text
_SPLIT = bytes(c if chr(c).isascii() and chr(c).isalnum() else 32 for c in range(256)).lower()
_WORD = re.compile(f"[{_ALPHABET}]{{1,{WIDTH}}}")
_FLUSH = 1 << 18  # tokens held as bytes objects before they are coded


class Collector:
    """Takes the folded columns of each row, in row order, while the index is built, for a
    library big enough to have a prefix in `MIN_HITS` rows. A token becomes a number (its
    first `WIDTH` characters in base 37: numeric order is alphabetical order), then a small id;
    each occurrence is kept as its token's id and its row and column packed in 32 bits (8
    bytes), filed by the token's first character so that one character's tokens are sorted
    at a time. The filed occurrences wait in a private temporary SQLite file, not in memory
    (126 MB for the 99k-entry bench file, which held the first search at 281 MB)."""

    def __init__(self, rows: int, columns: int):
        self.active = MIN_HITS <= rows < 1 << 28 and columns <= 16  # row and column packed in 32 bits
        self._ids: dict[int, int] = {}  # token code -> id
        self._spill: sqlite3.Connection | None = None  # (first character, ids, rows and columns)
        self._pending: list[bytes] = []
        self._cols = bytearray()
        self._lengths = array("q")
        self._flushed_rows = 0
        self._col_bytes = [bytes([c]) for c in range(columns)]

    def add(self, cols: list[str]) -> None:
        if not self.active:
            return
        n = 0
        for c, text in enumerate(cols):
            if not text:
                continue
            if not text.isascii():  # unicode61's categories and folding are not reproduced
                self.active = False
                return
            found = text.encode("ascii").translate(_SPLIT).split()
            if found:
                self._pending += found
                self._cols += self._col_bytes[c] * len(found)
                n += len(found)
        self._lengths.append(n)
        if len(self._pending) >= _FLUSH:
            self._flush()

    def _flush(self) -> None:
        import numpy as np

        if not self._pending:
            return
        chars = np.array(self._pending, dtype=f"S{WIDTH}").view(np.uint8).reshape(-1, WIDTH)
        self._pending = []
        digit = np.zeros(256, np.uint8)
        digit[np.frombuffer(_ALPHABET.encode(), np.uint8)] = np.arange(1, 37)
        digits = np.ascontiguousarray(digit[chars].T)
        del chars
        code = np.zeros(digits.shape[1], np.int64)
        for row in digits:
            code *= 37
            code += row
        codes, which = _unique(code)
        ids = self._ids
        token = np.fromiter((ids.setdefault(c, len(ids)) for c in codes.tolist()), np.int32, len(codes))[which]
        lengths = np.frombuffer(self._lengths, np.int64)[self._flushed_rows:]
        rows = np.repeat(np.arange(self._flushed_rows, self._flushed_rows + len(lengths), dtype=np.uint32), lengths)
        self._flushed_rows += len(lengths)
        place = (rows << 4) | np.frombuffer(bytes(self._cols), np.uint8)
        self._cols = bytearray()
        first = digits[0]
        order = np.argsort(first, kind="stable")
        ends = np.cumsum(np.bincount(first, minlength=37))
        if self._spill is None:
            self._spill = sqlite3.connect("")  # deleted when closed
            self._spill.execute("CREATE TABLE spill (first INTEGER NOT NULL, token BLOB NOT NULL, place BLOB NOT NULL)")
        self._spill.executemany("INSERT INTO spill VALUES (?, ?, ?)",
                                ((d, token[part].tobytes(), place[part].tobytes()) for d in range(1, 37)
                                 if ends[d] > ends[d - 1] for part in [order[ends[d - 1]:ends[d]]]))

    def store(self, conn: sqlite3.Connection, weights: list[float]) -> None:
        """Write the `top_hits` table (empty when this library gets no lists)."""
        conn.execute("CREATE TABLE top_hits (prefix TEXT PRIMARY KEY, hits INTEGER NOT NULL, "
                     "rowids BLOB NOT NULL, scores BLOB NOT NULL, matching BLOB NOT NULL, levels BLOB NOT NULL) WITHOUT ROWID")
        conn.execute("CREATE TABLE top_sizes (rows INTEGER NOT NULL, tokens INTEGER NOT NULL)")
        try:
            if self.active and min(weights) > 0:  # a row matches where its weighted count is positive
                self._flush()
                if self._spill is not None and list(_document_sizes(conn)) == list(self._lengths):
                    conn.executemany("INSERT INTO top_hits VALUES (?, ?, ?, ?, ?, ?)", self._lists(weights))
                    conn.execute("INSERT INTO top_sizes VALUES (?, ?)", (len(self._lengths), sum(self._lengths)))
        finally:
            if self._spill is not None:
                self._spill.close()
                self._spill = None

    def _lists(self, weights: list[float]):
        """(prefix, rows matching, rowids, g, which rows match, levels) for every prefix matched
        by `MIN_HITS` rows or more; which rows match is a bit per row (bit i of the little-endian
        number: rowid i + 1), which a query of several terms intersects; levels (`_levels`) bound
        every row's g, for the prefixes that `LEVELS_SHARE` of the rows match."""
        import numpy as np

        lengths = np.frombuffer(self._lengths, np.int64)
        rows = len(lengths)
        codes = np.fromiter(self._ids, np.int64, len(self._ids))  # in id order
        by_code = np.argsort(codes)
        codes = codes[by_code]  # sorted: a prefix's tokens are one run
        rank = np.empty(len(codes), np.int32)
        rank[by_code] = np.arange(len(codes), dtype=np.int32)
        col_weight = np.array(weights, np.float64)
        # Sums of multiples of 1/2 are exact in any order; another weight (0.2) is added one
        # occurrence at a time in column order, as FTS5 does, for the rows that have it.
        inexact = np.array([not (2 * w).is_integer() for w in weights])
        avgdl = float(lengths.sum()) / float(rows)
        base = (1 - B) + (B * lengths.astype(np.float64)) / avgdl
        top_scale = 37 ** (WIDTH - 1)
        self._spill.execute("CREATE INDEX spill_first ON spill (first)")
        for d, ch in enumerate(_ALPHABET, 1):
            parts = self._spill.execute("SELECT token, place FROM spill WHERE first = ? ORDER BY rowid", (d,)).fetchall()
            if sum(len(t) for t, _ in parts) < 4 * MIN_HITS:
                continue
            token = rank[np.concatenate([np.frombuffer(t, np.int32) for t, _ in parts])]
            order = np.argsort(token, kind="stable")
            token = token[order]
            place = np.concatenate([np.frombuffer(p, np.uint32) for _, p in parts])[order]
            del parts, order
            row_of, cols = (place >> 4).astype(np.int32), (place & 15).astype(np.uint8)
            del place
            lo, hi = np.searchsorted(codes, [d * top_scale, (d + 1) * top_scale])
            stack = [(ch, d, lo, hi)]  # prefix, its base-37 value, its run of sorted codes
            while stack:
                prefix, value, lo, hi = stack.pop()
                s, e = np.searchsorted(token, [lo, hi])
                if e - s < MIN_HITS:  # fewer occurrences than rows needed
                    continue
                r, c = row_of[s:e], cols[s:e]
                f = np.bincount(r, weights=col_weight[c], minlength=rows)
                hits = np.flatnonzero(f)
                if len(hits) < MIN_HITS:
                    continue
                if inexact[c].any():
                    mask = np.isin(r, np.unique(r[inexact[c]]))
                    _add_in_column_order(f, r[mask], c[mask], col_weight)
                rowids, g = _best(hits, f[hits], base[hits])
                levels = _levels(f, base, g[-8:]) if len(hits) * LEVELS_SHARE >= rows else b""
                yield prefix, len(hits), rowids, g, np.packbits(f > 0, bitorder="little").tobytes(), levels
                if len(prefix) < WIDTH:  # each one character longer: a sub-run of the sorted codes
                    scale = 37 ** (WIDTH - len(prefix) - 1)
                    bounds = np.searchsorted(codes[lo:hi], (value * 37 + np.arange(1, 38)) * scale) + lo
                    for i, next_char in enumerate(_ALPHABET):
                        if bounds[i + 1] > bounds[i]:
                            stack.append((prefix + next_char, value * 37 + i + 1, bounds[i], bounds[i + 1]))


def _unique(values):
    """np.unique(values, return_inverse=True), sorting with the stable sort: numpy's default
    sort took about three times as long on these many repeated codes."""
    import numpy as np

    order = np.argsort(values, kind="stable")
    ordered = values[order]
    first = np.empty(len(values), bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    which = np.empty(len(values), np.intp)
    which[order] = np.cumsum(first) - 1
    return ordered[first], which


def _best(hits, f, base) -> tuple[bytes, bytes]:
    """The rowids and g of the TOP + 1 rows with the largest g (ties: lower row first)."""
    import numpy as np

    g = (f * (K1 + 1.0)) / (f + K1 * base)
    kept = TOP + 1
    if len(g) > kept:
        least = np.partition(g, len(g) - kept)[len(g) - kept]
        keep = np.flatnonzero(g >= least)
        hits, g = hits[keep], g[keep]
    best = np.lexsort((hits, -g))[:kept]
    return (hits[best] + 1).astype("<i4").tobytes(), g[best].astype("<f8").tobytes()


def _levels(f, base, last_g: bytes) -> bytes:
    """A byte per row (rowid i + 1 at i): ceil(255 · g / the last stored g), at most 255. Every
    row not stored has g ≤ the last stored one, so `level / 255 · last` bounds its g within
    1/255 of that: a query of several common words (`index.manyterms`) ranks its rows by the
    sum of such bounds and computes exact shares only for the few that can reach the shown ones."""
    import numpy as np

    last = np.frombuffer(last_g, "<f8")[-1]
    g = (f * (K1 + 1.0)) / (f + K1 * base)
    return np.minimum(np.ceil(g / last * 255.0), 255.0).astype(np.uint8).tobytes()


def _add_in_column_order(f, r, c, col_weight) -> None:
    """f[row] for the rows of `r`: their occurrences' weights added one at a time in column
    order (rounding then depends on the order, and FTS5 adds them in this one)."""
    import numpy as np

    order = np.lexsort((c, r))
    totals: dict[int, float] = {}
    for row, w in zip(r[order].tolist(), col_weight[c[order]].tolist()):
        totals[row] = totals.get(row, 0.0) + w
    for row, total in totals.items():
        f[row] = total


def _document_sizes(conn: sqlite3.Connection):
    """Each row's length in tokens, all columns, as FTS5 recorded it (varints, one a column)."""
    for (blob,) in conn.execute("SELECT sz FROM fts_docsize ORDER BY id"):
        if max(blob, default=0) < 0x80:
            yield sum(blob)
            continue
        total = value = 0
        for byte in blob:
            value = (value << 7) | (byte & 0x7F)
            if byte < 0x80:
                total, value = total + value, 0
        yield total


def top(conn: sqlite3.Connection, term: str, limit: int | None) -> tuple[list[tuple[str, float]], int] | None:
    """(key, score) of the first `limit` rows matching the one-word prefix `term`, best first,
    and how many rows match; None when the stored lists cannot tell them for certain (then
    FTS5 answers)."""
    if limit is None or limit > TOP or not _WORD.fullmatch(term):
        return None
    found = conn.execute("SELECT hits, rowids, scores FROM top_hits WHERE prefix = ?", (term,)).fetchone()
    if found is None:
        return None
    hits, rowid_bytes, g_bytes = found
    rowids, g = array("i", rowid_bytes), array("d", g_bytes)
    if sys.byteorder != "little":
        rowids.byteswap()
        g.byteswap()
    rows = conn.execute("SELECT max(id) FROM docs").fetchone()[0]
    idf = math.log((rows - hits + 0.5) / (hits + 0.5))
    if idf <= 0.0:
        idf = 1e-6
    scored = sorted(((idf * x, rowid) for rowid, x in zip(rowids, g)), key=lambda s: (-s[0], s[1]))
    # A row not stored has g no larger than the last stored one: it could only tie with it.
    if len(scored) < hits and scored[limit - 1][0] <= scored[-1][0]:
        return None
    shown = scored[:limit]
    keys = dict(conn.execute(f"SELECT id, key FROM docs WHERE id IN ({', '.join('?' * len(shown))})",
                             [rowid for _, rowid in shown]))
    return [(keys[rowid], score) for score, rowid in shown], hits
