"""The prose credits one source and the sentence cites another's work (part of citation-mismatch):
"According to UNODC, 40% of victims are children (ILO, 2017)", or "The FBI reported ...[12]" where
note 12 is a journal article by others. The reader is told whose finding it is and sent somewhere
else for it.

The source credited is one the prose names ("According to the ILO", "UNODC estimated", "Secretary
Kerry noted"), read in every form the vocabulary gives its name. The work cited is a note, a
numbered reference item, or an author-date citation with the reference item or library entry it
resolves to. A work that names the credited source anywhere (a joint report, a body's own
division, a work quoting it), or a sentence that also names the cited work's author ("statistics
published by OJJDP based on the FBI's files"), is no conflict.
"""

from __future__ import annotations

import re

from litcheck.cli.table import shorten
from litcheck.scan.resolve.index import org_forms
from litcheck.scan.resolve.text import norm

# Words too common in the names of bodies to show that a note names the same one.
_GENERIC_NAME_WORDS = {"department", "ministry", "office", "national", "international", "united", "states", "bureau",
                       "agency", "council", "commission", "committee", "centre", "center", "institute", "foundation",
                       "association", "organization", "organisation", "government", "federal", "general", "research",
                       "university", "report", "nations", "european", "union", "world", "global", "justice", "affairs"}


def credit_conflicts(ctx):
    """citation-mismatch flags: a sentence credits a source and cites a work that nowhere names it."""
    vocabulary = ctx.index.vocabulary
    for sent in ctx.claim_sentences():
        cites = ctx.own_citations(sent)
        named = [c for c in cites if c.kind == "named"]
        if not named:
            continue
        pieces = [(f"footnote {label}" if c.kind == "footnote" else f"reference item [{label}]", note.text,
                   m.key if m else None, f"'{shorten(note.text, 60)}'") for c in cites if c.kind in ("footnote", "numeric")
                  for label, note, m in _cited_notes(ctx, c)]
        said = sent.text
        if not pieces:  # an author-date citation, read against a body the vocabulary knows
            named = [n for n in named if any(org_forms(x, vocabulary) for x in n.names)]
            pieces = [(c.text, _work_text(ctx, c), c.key, f"a work by {c.names[0]}") for c in cites
                      if c.kind == "author-date" and c.names]
            said = ctx.claim_text(sent)  # (the citation itself names its author)
        if not named or not pieces or any(_names_source(ctx, n, text, key) for n in named for _, text, key, _ in pieces) \
                or any(_credits_author(said, text) for _, text, _, _ in pieces):
            continue
        n, (what, _, key, shown) = named[0], pieces[0]
        work = ctx.index.get(key) if key else None
        cited = f"{work.key} ({work.creator_display}, {work.year})" if work else shown
        yield ctx.flag("citation-mismatch", sent, f"the sentence attributes this to "
                       f"{n.names[0] if n.note == 'person' else n.text}, but {what} cites {cited}",
                       keys=[work.key] if work else [], evidence=n.text)


def _work_text(ctx, c) -> str:
    """What an author-date citation's work says of itself: the names it gives (with the full name
    of a body it names by initials), then its reference item or its library entry's title and
    publisher."""
    own = [form for name in c.names for form in org_forms(name, ctx.index.vocabulary)]
    if c.via_reference is not None and c.via_reference >= 0:
        rest = ctx.doc.references[c.via_reference].text
    elif (work := ctx.index.get(c.key) if c.key else None) is not None:
        entry = work.entry
        rest = " ".join([work.creator_display, work.title, *(entry.text(f) for f in ("institution", "publisher",
                                                                                  "organization") if entry and entry.get(f))])
    else:
        rest = ""
    return " ".join([*c.names, *own, rest])


def _credits_author(sentence: str, item: str) -> bool:
    """The sentence also names the cited item's author, by name or by the initials of a body
    ("published by OJJDP" for an item by the Office of Juvenile Justice and Delinquency Prevention)."""
    author = re.split(r"[.(]\s|\b(?:19|20)\d\d\b|[“\"]", item, maxsplit=1)[0]
    words = re.findall(r"[A-Z][\w'’-]+", author)
    if len(words) >= 3 and "".join(w[0] for w in words) in sentence:
        return True
    return any(len(w) > 3 and re.search(rf"\b{re.escape(w)}\b", sentence) for w in words[:2])


def _names_source(ctx, n, text: str, key: str | None) -> bool:
    """The work (its text, or its library entry) names the source the prose credits, in any of its forms."""
    forms = {norm(x).split()[-1] for x in n.names} if n.note == "person" else {norm(x) for x in n.names}
    forms = forms.union(*(org_forms(x, ctx.index.vocabulary) for x in n.names))
    text_norm = f" {norm(text)} "
    if any(f" {f} " in text_norm for f in forms if f) or _distinctive_word_shared(n.names, text_norm):
        return True
    work = ctx.index.get(key) if key else None
    return work is not None and any(f in work.creator_forms for f in forms)


def _distinctive_word_shared(names, text_norm: str) -> bool:
    """The work names the same body in other words ("United States Treasury Department" and
    "U.S. DEPT OF THE TREASURY" share "treasury")."""
    for name in names:
        for word in norm(name).split():
            if len(word) >= 5 and word not in _GENERIC_NAME_WORDS and f" {word} " in text_norm:
                return True
    return False


def _cited_notes(ctx, c):
    """(label, note or reference item, its library match) for each label a note marker or a
    numeric citation gives that the document defines."""
    for label in c.labels:
        if c.kind == "footnote":
            if label in ctx.doc.footnotes:
                yield label, ctx.doc.footnotes[label], ctx.resolution.footnotes.get(label)
            continue
        at = ctx.doc.reference_index(label)
        if at is not None:
            yield label, ctx.doc.references[at], ctx.resolution.references[at]
