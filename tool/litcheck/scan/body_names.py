"""A body named wrongly beside its own acronym ("The International Watch Foundation (IWF)" for the
Internet Watch Foundation, "National Center of Missing and Exploited Children (NCMEC)"): the
acronym says which body is meant, and the name is a slip a reader cannot search for. Checked
against the vocabulary's organisations, so with no library entry for the cited work.

Written by hand: a comparison of two names the document and the vocabulary give (rapidfuzz
scores them); no library does this.
"""

from __future__ import annotations

import re

# up to eight capitalised words (joined by short particles) and the acronym in brackets after them
_NAMED = re.compile(r"(?P<name>[A-Z][\w'’-]*(?:\s+(?:(?:of|for|on|and|the|&|de|des|du|la)\s+)?[A-Z][\w'’-]*){1,7})"
                    r"\s*\((?P<acronym>[A-Z][A-Za-z]{1,7})\)")
_THE = re.compile(r"^(?:The|A|An)\s+")
# a name this close to the body's (0-100) is the same body misnamed; farther, another body the letters fit
_SLIP = 75


# British and American spellings of one name ("International Labour Organisation")
_SPELLINGS = [(re.compile(r"is(ation|e|ed|ing)\b"), r"iz\1"), (re.compile(r"our\b"), "or"), (re.compile(r"re\b"), "er"),
              (re.compile(r"mme\b"), "m")]


def _folded(name: str) -> str:
    folded = " ".join(name.replace("&", "and").replace("’", "'").casefold().split())
    for pattern, repl in _SPELLINGS:
        folded = pattern.sub(repl, folded)
    return folded


def misnamed_bodies(ctx):
    """citation-mismatch flags where the name before a known acronym is not the body's name but
    close to it."""
    from rapidfuzz import fuzz

    orgs = getattr(ctx.index, "orgs", None)
    if orgs is None or not orgs.canonical:
        return
    # canonical name -> its forms, folded; made on the first acronym met (most documents name no known
    # body beside its acronym, and a foreign library's authors make the table long)
    forms: dict[str, set[str]] = {}
    for sent in ctx.claim_sentences():
        if "(" not in sent.text:
            continue
        for m in _NAMED.finditer(sent.text):
            canon = orgs.canonical.get(m.group("acronym").casefold())
            if canon is None or m.group("acronym") != m.group("acronym").upper():
                continue
            if not forms:
                for form, name in orgs.canonical.items():
                    forms.setdefault(name, {_folded(name)}).add(_folded(form))
            # the name is the longest run of words before the acronym that is close to the body's: the
            # words before it may be a heading or a phrase ("Introduction The National Center ...")
            words = _THE.sub("", m.group("name")).split()
            known = forms[canon]
            tails = [" ".join(words[k:]) for k in range(len(words) - 1)]
            if any(_folded(t) in known for t in tails):
                continue
            score, written = max(((fuzz.ratio(_folded(t), _folded(canon)), t) for t in tails), default=(0, ""))
            if score < _SLIP:
                continue
            yield ctx.flag("citation-mismatch", sent, f"names '{written} ({m.group('acronym')})', but "
                           f"{m.group('acronym')} is the {canon}", evidence=written)
            break


# an acronym of four to six capitals, and the first label of an address's host ("iapp" of www.iapp.org)
_ACRONYM = re.compile(r"(?<![\w.-])[A-Z]{4,6}(?![\w-])")
_HOST = re.compile(r"https?://(?:www\d?\.)?(?P<label>[a-z]{4,6})\.[a-z.]{2,12}(?=[/\s)\]>]|$)")


def acronyms_off_their_address(ctx):
    """citation-mismatch flags where a note, a reference item or a link names its publisher by an
    acronym one letter off (or two letters swapped from) the address it gives ("IAAP" beside
    https://iapp.org/..., "a [2018 UNDOC report](https://www.unodc.org/...)"): the address says which
    body is meant, and the acronym is a slip a reader cannot search for."""
    places = [("footnote", label, note.text) for label, note in ctx.doc.footnotes.items()] + \
             [("reference", i, item.text) for i, item in enumerate(ctx.doc.references)] + \
             [("body", c, c.text) for c in ctx.citations if c.kind == "link"]
    for where, which, text in places:
        written = _off_its_address(text) if "://" in text else None
        if written is None:
            continue
        acronym, label = written
        message = f"names '{acronym}', but the address it gives is {label}: one of the two is misspelt"
        if where == "footnote":
            yield ctx.flag_at_note("citation-mismatch", which, message, evidence=acronym)
        elif where == "reference":
            yield ctx.flag_at_reference("citation-mismatch", which, message, evidence=acronym)
        else:
            yield ctx.flag("citation-mismatch", ctx.sentence_of(which), message, evidence=acronym)


def _off_its_address(text: str) -> tuple[str, str] | None:
    """(acronym, host label) where the text's acronym is one edit from its address's host, else None."""
    from rapidfuzz.distance import OSA

    labels = {m.group("label") for m in _HOST.finditer(text)}
    for m in _ACRONYM.finditer(text):
        acronym = m.group(0).lower()
        off = [label for label in labels if len(label) == len(acronym) and OSA.distance(label, acronym) == 1]
        if off and acronym not in labels:
            return m.group(0), off[0]
    return None
