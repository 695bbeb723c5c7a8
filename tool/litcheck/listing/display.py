"""What a listing without a citation style reads of each work to sort it and print its plain
line: its first creator's sort key, the author line, and the decoded title, venue and URL.

Parsing names and decoding titles was most of the time of such a listing (5,696 works of the
99k-entry bench file: about 0.5 s of 0.7 s), and the values depend only on the entry's fields,
so for an entry of an indexed .bib file they are kept in the cache (`index.rowvalues`) and a
warm listing reads them instead. Every reader of these values goes through `of`, which
computes them with `compute` when they are not stored: the stored and computed values are the
same by construction.
"""

from __future__ import annotations

from typing import NamedTuple

FORMAT = "1"  # of the stored values: a change of `compute` changes the code fingerprint anyway


class Display(NamedTuple):
    author_key: str  # the first creator (or else the title), case-folded: the author sort
    who: str  # the author line: up to three creators, else the first "et al."
    title: str  # decoded title
    venue: str  # decoded journal, book, institution or publisher
    url: str  # `url`, else a `\url{...}` inside `howpublished`


def compute(entry) -> Display:
    from litcheck.listing.csl import entry_url

    names = entry.creators
    if names:
        first = names[0]
        author_key = (first.literal or f"{first.family} {first.given}").casefold()
    title = entry.title
    if not names:
        author_key = title.casefold()  # laws and anonymous works file under their title
    return Display(author_key, entry.author_display(), title, entry.venue, entry_url(entry))


def of(entry) -> Display:
    """The display values of `entry`: stored ones when its .bib file is indexed and they were
    kept, else computed (and kept for the next listing when its file is indexed)."""
    index, row = getattr(entry, "_index", None), getattr(entry, "_row", None)
    if index is None or row is None:
        return compute(entry)
    from litcheck.index.rowvalues import store_for

    store = store_for(index, "display", FORMAT, len(Display._fields))
    found = store.get(row)
    if found is not None:
        return Display(*found)
    values = compute(entry)
    store.put(row, tuple(values))
    return values


def save() -> None:
    """Keep the values this command computed (call once the listing is written)."""
    from litcheck.index.rowvalues import save_all

    save_all()
