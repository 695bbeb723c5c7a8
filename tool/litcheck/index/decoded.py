"""Display text of the fields of an indexed .bib file that only pylatexenc decodes (a title
with math, a field with a command litcheck does not decode itself, such as the `\\path|...|`
of an address), kept in the cache and reused.

Why: importing pylatexenc and building its table of macros costs a command about 7 ms, far
more than decoding a value, and a search whose shown lines hold such a value paid it on every
run. The text depends only on the value and the code, so it is kept with the file's other
stored values (`index.rowvalues`: valid for the file's content and the code fingerprint,
written when the command saves them), under a 64-bit digest of the value and with the value
itself: a digest that names another value is not taken.
"""

from __future__ import annotations

from litcheck.index.digest import blake2b
from litcheck.library.latex import hard_text, quick_text

FORMAT = "1"


def text(index, value: str) -> str:
    """`latex.to_text(value)` for a field of a row of `index`."""
    found = quick_text(value)
    if found is not None:
        return found
    from litcheck.index.rowvalues import store_for

    store = store_for(index, "decoded", FORMAT, 2)
    key = int.from_bytes(blake2b(value.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little", signed=True)
    stored = store.get(key)
    if stored is not None and stored[0] == value:
        return stored[1]
    decoded = hard_text(value)
    store.put(key, (value, decoded))
    return decoded
