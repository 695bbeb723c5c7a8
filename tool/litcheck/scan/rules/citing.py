"""Rules about the citations themselves: dangling-citation, unresolved-footnote,
citation-mismatch, inconsistent-duplicate, doubtful-source (topic-mismatch is in topics.py).

A problem inside a footnote or reference item is reported where it lies: on the note's or item's
own text and line, naming the body sentences that cite it. A problem in how the body cites (a
dangling citation, a source named in the prose that the footnote does not cite) is reported on
the body sentence.
"""

from __future__ import annotations

import re

from litcheck.scan.attribution import BRACKETED_WORK
from litcheck.scan.case_pins import pin_conflicts
from litcheck.scan.citations.model import CASE_NAME
from litcheck.scan.resolve.references import parse_reference, split_works
from litcheck.scan.resolve.scoring import creators_in, venues_agree
from litcheck.scan.resolve.text import norm, tokens
from litcheck.scan.author_spellings import respelt_authors
from litcheck.scan.body_names import acronyms_off_their_address, misnamed_bodies
from litcheck.scan.credited_bodies import credit_conflicts
from litcheck.scan.eu_acts import misattributed_acts
from litcheck.scan.year_letters import lonely_suffixes
from litcheck.scan.reference_items import (could_be_one_work, items_after_document,
                                           note_reference_matches, repeated_titles, self_contradicting_items)
from litcheck.scan.resolve import EMPTY_ITEM
from litcheck.scan.rules import rule
from litcheck.cli.table import shorten


_WITH_INITIALS = re.compile(r"[\w'’-],\s+[A-Z]\.")  # "Hasebrink, U. (2020)": a reference's author list


@rule("dangling-citation", "error",
      "An author-date citation (or [@key], or [n] / a footnote marker with no text behind it) matches no library "
      "entry and no item of the document's reference list (or the list under its References heading is empty); a "
      "note says only 'supra'; or a work's title is written as a link with no address "
      "(\"According to the [Youth Internet Safety Survey]\").",
      fires="Most grooming now starts in game chat (Okonkwo, 2019).",
      passes="Most grooming now starts in game chat (Lindqvist, 2021).",
      why="A citation nobody can trace cannot support the claim; often a typo in the name or year, or a "
          "reference list that was never finished.",
      order=30)
def dangling_citation(ctx):
    has_notes = bool(ctx.doc.footnotes or ctx.doc.empty_items)
    foreign_keys = cites_another_bibliography(ctx)
    lost = ctx.doc.list_text_lost()  # reported once, by unresolved-footnote
    # a reference heading with nothing under it: even a work the library knows is untraceable in the document
    unfilled = ctx.doc.empty_list_line if not (ctx.doc.references or has_notes) else 0
    for c in ctx.citations:
        sent = ctx.sentence_of(c)
        if c.kind == "author-date" and (c.key is None or unfilled) and c.via_reference is None and c.via_note is None:
            if CASE_NAME.search(c.text):
                continue  # "(Roe v. Wade, 1973)": a case cited by its name, which is how style guides cite cases in text
            if c.title and _WITH_INITIALS.search(c.text):
                continue  # a whole reference written into the prose (authors, year, title): the work is named
            if c.year is None and not ctx.doc.references and not has_notes and _ACRONYM.fullmatch(c.text.strip("()")):
                continue  # "(IRS)" where the document lists no sources: a body named, as "according to the IRS" is
            if _linked_elsewhere(ctx, c):
                continue  # "Whitehead et al. (2019)" where "[(Whitehead et al., 2019)](https://...)" links the work
            unknown_key = c.names[:1] and f"{c.names[0]}?" in c.text  # citeproc's mark of a key it did not find
            if unfilled:
                yield ctx.flag("dangling-citation", sent, f"{c.text} has no item to point to: the reference list "
                               f"(heading at line {unfilled}) is empty" + (
                                   f"; the library's entry for it is {c.key}" if c.key else ""), evidence=c.text)
                continue
            yield ctx.flag("dangling-citation", sent, f"{c.text} matches no entry in the library"
                           + (" or the reference list" if ctx.doc.references else "") + (
                               ": a citation key the citation processor could not find, printed with '?'" if unknown_key
                               else f" ({c.note})" if c.note else ""), evidence=c.text)
        elif c.kind == "pandoc" and c.note.startswith("not in the library") and not foreign_keys:
            yield ctx.flag("dangling-citation", sent, f"{c.text}: {c.note}", keys=c.keys, evidence=c.text)
        elif lost and c.note.endswith(EMPTY_ITEM):
            continue
        elif c.kind == "link" and c.anchor and c.via_reference is None:
            yield ctx.flag("dangling-citation", sent, f"{shorten(c.text, 90)}: {c.note}", evidence=c.text)
        elif c.kind == "numeric" and c.note.startswith("no reference-list item") and (ctx.doc.references or has_notes):
            yield ctx.flag("dangling-citation", sent, f"{c.text}: {c.note}", evidence=c.text)
        elif c.kind == "footnote" and c.note.startswith("no footnote text") and has_notes:
            yield ctx.flag("dangling-citation", sent, f"footnote marker {c.text}: {c.note}", evidence=c.text)
    for label, note in ctx.doc.footnotes.items():
        if _BARE_SUPRA.fullmatch(note.text.strip(" *_")):
            yield ctx.flag_at_note("dangling-citation", label, f"footnote {label} says only '{note.text.strip()}': it "
                                   "names no earlier note or work, so the source cannot be found", evidence=note.text)
    # notes that cite by author and date ("Efrat 2012, Ch. 5") against the reference list
    for label, piece, found in note_reference_matches(ctx):
        if found is None:
            yield ctx.flag_at_note("dangling-citation", label, f"footnote {label} cites '{piece.text}', which is not in "
                                   "the reference list", evidence=piece.text)
    yield from _addressless_links(ctx)


_ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")
# a note that is only "supra" ("Fn. supra.", "See supra."): above, but which note or work it does not say
_BARE_SUPRA = re.compile(r"(?i)(?:(?:see|fn|n|note)\.?\s+)*[*_]{0,2}supra[*_]{0,2}\.?")


def _linked_elsewhere(ctx, c) -> bool:
    """An author-date citation whose author and year are the text of a link elsewhere in the
    document: a document that cites by links names the work once with its address, and that
    link is where the reader finds it."""
    labels = ctx.__dict__.get("_link_labels")
    if labels is None:  # read once a document
        labels = ctx.__dict__["_link_labels"] = [x.text[1:x.text.find("](")].lower()
                                                 for x in ctx.citations if x.kind == "link" and "](" in x.text]
    name, year = (c.names[0].lower() if c.names else ""), str(c.year or "")
    return bool(name and year) and any(name in label and year in label for label in labels)


def _addressless_links(ctx):
    """A work's title in link brackets with neither an address nor a link definition: the link to the
    source was lost, and the reader has a name but nothing to follow ("According to the [Youth
    Internet Safety Survey]")."""
    for sent in ctx.claim_sentences():
        if "[" not in sent.text:
            continue
        for m in BRACKETED_WORK.finditer(sent.text):
            label = re.escape(m.group(0)[1:-1])
            if re.search(r"^[ ]{0,3}\[" + label + r"\]:", ctx.doc.text, re.M | re.I):
                continue  # a reference-style link defined elsewhere
            yield ctx.flag("dangling-citation", sent, f"{m.group(0)} is written as a link but has no address: the "
                           "work it names cannot be followed to a source", evidence=m.group(0))


def _cited_from_notes(ctx, index: int) -> bool:
    """A reference item a footnote cites (by its number, or by its first author and year)."""
    item = ctx.doc.references[index]
    head = norm(item.text[:60]).split(" ")[0] if item.text else ""
    for note in ctx.doc.footnotes.values():
        if item.label and re.search(r"\[" + re.escape(item.label) + r"(?:[,\]])", note.text):
            return True
        if head and len(head) > 2 and head in norm(note.text).split():
            return True
    return False


def cites_another_bibliography(ctx) -> bool:
    """True when the document's [@key] citations were written against a bibliography the library
    is not: fewer than half of its distinct keys are in the library. Its unknown keys are then
    context (unresolved), not dangling: the keys are real in the author's own .bib file."""
    keys = {k for c in ctx.citations if c.kind == "pandoc" for k in c.labels}
    known = {k for k in keys if k in ctx.index.works}
    return bool(keys) and len(known) * 2 < len(keys)


@rule("unresolved-footnote", "info",
      "A footnote (or reference-list item) matches no library entry, so its details cannot be checked. It is still a "
      "citation: the sentence is not uncited.",
      fires="Victims were moved weekly.[^1]\n\n[^1]: Harbour Trust, *Hidden Payments Review* (2020).",
      passes="Victims were moved weekly.[^1]\n\n[^1]: Maja Lindqvist and Kwame Osei, 'Play and Prey: Grooming in Multiplayer Game Chat' (2021) 4 *Journal of Online Harm* 12.",
      why="Context for the checker: the work has to be found and read by hand before the sentence can be trusted.",
      order=40)
def unresolved_footnote(ctx):
    pieces = ctx.note_pieces()
    for label, m in ctx.resolution.footnotes.items():
        if m.key or all(p.kind in ("short", "ibid", "supra", "author-date", "comment") for p in pieces.get(label, [])):
            continue  # a note pointing to another note or the reference list (reported there), or a comment
        note = ctx.doc.footnotes[label]
        best = f"; closest entry {m.runner_up[0]} scored {m.runner_up[1]:.2f}" if m.runner_up else ""
        yield ctx.flag_at_note("unresolved-footnote", label,
                               f"footnote {label} ({shorten(note.text, 80)}) matches no library entry{best}", evidence=note.text)
    for i, m in enumerate(ctx.resolution.references):
        item = ctx.doc.references[i]
        uncited = "" if ctx.sentences_citing_reference(i) or _cited_from_notes(ctx, i) else "; nothing in the text cites it"
        if m.key and not uncited:
            continue
        what = f"reference item '{shorten(item.text, 80)}'"
        yield ctx.flag_at_reference("unresolved-footnote", i, (f"{what} is {m.key}" if m.key else f"{what} matches no library entry")
                                    + uncited, keys=[m.key] if m.key else [], evidence=item.text)
    lost = [c for c in ctx.citations if c.note.endswith(EMPTY_ITEM)] if ctx.doc.list_text_lost() else []
    if lost:
        total = len(ctx.doc.empty_items) + len(ctx.doc.references) + len(ctx.doc.footnotes)
        yield ctx.flag("unresolved-footnote", ctx.doc.sentences[lost[0].sentence],
                       f"{len(ctx.doc.empty_items)} of the document's {total} numbered notes or reference items have no "
                       f"text (lost in a conversion or an extract?), so the {len(lost)} citations of them cannot be checked",
                       evidence=lost[0].text)
    if cites_another_bibliography(ctx):
        for c in ctx.citations:
            if c.kind == "pandoc" and c.note.startswith("not in the library"):
                yield ctx.flag("unresolved-footnote", ctx.doc.sentences[c.sentence],
                               f"{c.text}: {c.note} (the document cites a bibliography the library does not hold)",
                               keys=c.keys, evidence=c.text)


# ------------------------------------------------------------------------------------------------

# what a parser took for the title of an item that has none ("NCMEC, 2024. [https://...]"): a year or an address
_NOT_A_TITLE = re.compile(r"\W*(?:(?:19|20)\d\d\b|https?:|www\.)")


def reference_differences(parts, work) -> list[str]:
    """How a parsed footnote / reference disagrees with the library record. Nothing when the
    titles are so far apart that the match itself is doubtful (then it is not a mismatch but
    another work)."""
    from litcheck.scan.resolve.scoring import title_sim

    diffs = []
    title = "" if not parts.title or _NOT_A_TITLE.match(parts.title) else parts.title
    if title and title_sim(norm(title), work.title_norm) < 0.62 and not (
            parts.authors and creators_in(work, norm(parts.authors))):
        return []
    if parts.year is not None and work.years and parts.year not in work.years and str(parts.year) not in work.title:
        diffs.append(f"year {parts.year} (library: {work.year})")  # (not "2022" for an "Annual Report 2022" out in 2023)
    if parts.volume and work.volume and parts.volume != work.volume:
        diffs.append(f"volume {parts.volume} (library: {work.volume})")
    if parts.venue and work.entry.get("journal") and not venues_agree(parts.venue, work.entry.text("journal")):
        diffs.append(f"venue '{parts.venue}' (library: '{work.entry.text('journal')}')")
    if title:
        a, b = _title_words(title), _title_words(work.title)
        main = set(tokens(work.title.split(":")[0]))
        if a and b and not (a <= b or b <= a or (main and main <= a)):
            from rapidfuzz import fuzz

            if fuzz.token_set_ratio(norm(title), work.title_norm) < 90:
                diffs.append(f"title '{shorten(title, 70)}' (library: '{shorten(work.title, 70)}')")
    if parts.authors and work.creator_forms and not creators_in(work, norm(parts.authors)):
        who = re.sub(r"\s*\([^)]*\)", "", parts.authors)
        if not _same_body(who, work):
            diffs.append(f"author '{shorten(who, 50)}' (library: {work.creator_display or 'none'})")
    return diffs


def _same_body(who: str, work) -> bool:
    """A variant spelling of the work's author ("U.S. Senate Subcommittee on Investigations" for the
    Permanent Subcommittee; "CEDAW Committee"; "Europol Press Release")."""
    from rapidfuzz import fuzz

    from litcheck.scan.citations.orgs import is_acronym_definition

    w = norm(who.replace("U.S.", "United States").replace("US ", "United States "))
    w = re.sub(r"\b(?:press release|and others|et al|ed|eds)\b", "", w).strip()
    if not w:
        return True
    for name in work.entry.creators:
        full = norm(name.literal or f"{name.given} {name.family}")
        if fuzz.token_set_ratio(w, full) >= 70:
            return True
        for tok in who.split():
            if tok.isupper() and len(tok) >= 3 and is_acronym_definition(tok, name.literal or ""):
                return True
    return creators_in(work, w)


@rule("citation-mismatch", "error",
      "A footnote or reference item resolves to a library work but disagrees with its record (year, volume, venue, "
      "title or author); an in-text citation gives another year or spelling than its own reference-list item, or a title "
      "named in the prose (\"in their paper Keys Under Doormats ...\") words its item's title otherwise (not merely shorter by its "
      "subtitle); or the "
      "sentence attributes the point to one author or body while its footnote cites another's work (or, for a body, its "
      "author-date citation: \"According to UNODC, ... (ILO, 2017)\"). With no library: "
      "a reference item with no year or date, a page range that ends before it starts, a pinpoint outside the pages "
      "its item gives, a title or venue word one letter from a common word (\"Jounal\"), a year its own DOI rules out "
      "(\"(2016)\" with 10.1016/j.chiabu.2019.104123) or its news URL's date contradicts, an annual report's "
      "edition two or more years from the item's year, a year letter with no partner (\"2014a\" and no other 2014 "
      "work by that author, in the list or in the notes), an author spelt two ways in the list (\"Writtle, H. C.\" beside \"Whittle, H. C.\"), a body misnamed beside its own acronym (\"International Watch Foundation (IWF)\") or an acronym one letter off the address beside it (\"IAAP\" with https://iapp.org/..., a link \"[2018 UNDOC report](https://www.unodc.org/...)\"), a work dated after the document's own header date, an EU regulation, directive or decision credited to the Council of Europe or the European Council (\"the Council of Europe adopted Regulation (EU) 2022/350\"). With --online, a cited work "
      "the library does not hold is compared with its Crossref or OpenAlex record in the same way.",
      fires="Rates doubled.[^2]\n\n[^2]: Maja Lindqvist and Kwame Osei, 'Play and Prey: Grooming in Multiplayer Game Chat' (2019) 4 *Journal of Online Harm* 12.",
      passes="Rates doubled.[^2]\n\n[^2]: Maja Lindqvist and Kwame Osei, 'Play and Prey: Grooming in Multiplayer Game Chat' (2021) 4 *Journal of Online Harm* 12.",
      why="A wrong year, volume, title or author sends readers to another work, and is often the trace of a "
          "citation copied from elsewhere without being read.",
      order=50)
def citation_mismatch(ctx):
    # 1. footnote details against the record
    for label, m in ctx.resolution.footnotes.items():
        if not m.key:
            continue
        note = ctx.doc.footnotes[label]
        for parts in split_works(note.text):
            best = None
            for key in (m.keys or [m.key]):
                work = ctx.index.get(key)
                from litcheck.scan.resolve.scoring import score_work

                s = score_work(parts, work)
                if best is None or s > best[0]:
                    best = (s, work)
            if best is None or best[0] < 0.45:
                continue
            work = best[1]
            diffs = reference_differences(parts, work)
            if diffs:
                yield ctx.flag_at_note("citation-mismatch", label,
                                       f"footnote {label} cites {work.key} ({work.year}) but gives " + "; ".join(diffs),
                                       keys=[work.key], evidence=note.text)
    for i, m in enumerate(ctx.resolution.references):
        if not m.key or m.parts is None:
            continue
        work = ctx.index.get(m.key)
        diffs = reference_differences(m.parts, work)
        if diffs:
            yield ctx.flag_at_reference("citation-mismatch", i, f"reference item {i + 1} cites {work.key} but gives " + "; ".join(diffs),
                                        keys=[work.key], evidence=ctx.doc.references[i].text)
    # 2. author-date citations with the right author and a wrong year
    for c in ctx.citations:
        if c.kind in ("author-date", "named") and c.key and c.year_mismatch and c.year:
            work = ctx.index.get(c.key)
            sent = ctx.sentence_of(c)
            if c.kind == "author-date":
                yield ctx.flag("citation-mismatch", sent, f"{c.text} gives {c.year}; the library's work by {c.names[0]} "
                               f"is {work.key} ({work.year})", keys=[work.key], evidence=c.text)
    # 3. an in-text citation that disagrees with its own reference-list item (no library needed)
    for c in ctx.citations:
        if c.ref_diffs and ((c.via_reference is not None and c.via_reference >= 0) or c.via_note is not None):
            sent = ctx.sentence_of(c)
            yield ctx.flag("citation-mismatch", sent, f"{shorten(c.text, 90)} gives " + "; ".join(c.ref_diffs),
                           keys=c.keys, evidence=c.text)
    for label, piece, found in note_reference_matches(ctx):
        if found is not None and found[1]:
            yield ctx.flag_at_note("citation-mismatch", label, f"footnote {label} ('{piece.text}') gives "
                                   + "; ".join(found[1]), evidence=piece.text)
    yield from self_contradicting_items(ctx)
    yield from items_after_document(ctx)
    yield from lonely_suffixes(ctx)
    yield from respelt_authors(ctx)
    yield from misnamed_bodies(ctx)
    yield from acronyms_off_their_address(ctx)
    yield from credit_conflicts(ctx)
    yield from misattributed_acts(ctx)


@rule("inconsistent-duplicate", "warning",
      "One work is cited twice in the document with different details, whether or not the library holds it: a short "
      "form, Id. or supra that spells an author differently from the full note it abbreviates; a work cited in full "
      "twice with another year, volume or title; a case's short form whose page the case cannot reach (\"742 F.3d at "
      "872\" for a case that begins at 742 F.3d 414); a reference item whose title differs from its in-text citation; "
      "one title listed twice in the reference list under different years.",
      fires="Grooming moves fast.[^1] It moves to private chat.[^2]\n\n[^1]: Kimberly Mitchell and Heather Turner, "
            "'Youth Internet Victimization' (2011) 48 *Journal of Adolescent Health* 128.\n[^2]: Mitchel & Turner, 130.",
      passes="Grooming moves fast.[^1] It moves to private chat.[^2]\n\n[^1]: Kimberly Mitchell and Heather Turner, "
             "'Youth Internet Victimization' (2011) 48 *Journal of Adolescent Health* 128.\n[^2]: Mitchell & Turner, 130.",
      why="Two versions of one citation cannot both be right; a misspelt author breaks every lookup of the work.",
      order=60)
def inconsistent_duplicate(ctx):
    from rapidfuzz import fuzz

    from litcheck.scan.works import differences, repeated_full_differences

    pieces = ctx.note_pieces()
    reported: set[tuple[str, str]] = set()
    # 1. short forms, Id. and supra against the full citation they abbreviate (no library needed)
    for label, label_pieces in pieces.items():
        for p in label_pieces:
            diffs = differences(p)
            if diffs and (label, p.target.label) not in reported:
                reported.add((label, p.target.label))
                what = {"short": "a short form", "ibid": "Id./Ibid.", "supra": "supra"}[p.kind]
                yield ctx.flag_at_note("inconsistent-duplicate", label,
                                       f"footnote {label} ({what} of footnote {p.target.label}) " + "; ".join(diffs),
                                       evidence=p.text)
    for pc in pin_conflicts({label: note.text for label, note in ctx.doc.footnotes.items()}):  # "742 F.3d at 872"
        yield ctx.flag_at_note("inconsistent-duplicate", pc.label, f"footnote {pc.label} cites {pc.short}, a page the "
                               f"case cited in full as {pc.full} (footnote {', '.join(pc.full_labels)}) cannot reach",
                               evidence=pc.short)
    # 2. a work cited in full twice with different details
    def key_of(piece):
        m = ctx.resolution.footnotes.get(piece.label)
        return m.key if m is not None and len(pieces[piece.label]) == 1 else None

    for later, earlier, diffs in repeated_full_differences(pieces, lambda a, b: key_of(a) is not None and key_of(a) == key_of(b)):
        if (later.label, earlier.label) not in reported:
            reported.add((later.label, earlier.label))
            keys = {getattr(ctx.resolution.footnotes.get(x), "key", None) for x in (later.label, earlier.label)}
            yield ctx.flag_at_note("inconsistent-duplicate", later.label,
                                   f"footnote {later.label} cites the work of footnote {earlier.label} again but "
                                   + "; ".join(diffs), keys=list(keys) if len(keys) == 1 else [], evidence=later.text)
    # 3. a reference item whose title differs from the title its in-text citations give
    for i in range(len(ctx.doc.references)):
        cites = [c for c in ctx.citations if c.via_reference == i and c.title]
        if not cites:
            continue
        item_title = parse_reference(ctx.doc.references[i].text).title
        if not item_title:
            continue
        head = norm(ctx.doc.references[i].text[:200])  # (a case's name is its item's author part: "X v. Y. (2013)")
        other = [c for c in cites if fuzz.partial_ratio(norm(c.title), norm(item_title)) < 80
                 and fuzz.partial_ratio(norm(c.title), head) < 80]
        if other:
            c = other[0]
            line = ctx.doc.sentences[c.sentence].line
            yield ctx.flag_at_reference("inconsistent-duplicate", i,
                                        f"reference item {i + 1} is titled '{shorten(item_title, 70)}'; the in-text "
                                        f"citation at line {line} gives '{shorten(c.title, 70)}'", evidence=c.text)
    # 4. one title listed twice in the reference list under different years
    yield from repeated_titles(ctx)
    # 5. two notes or reference items the library resolves to the same work, with different details
    seen: list[tuple[str, str | None, int | None, object, str]] = []  # (name, label, item, parts, key)
    for label, label_pieces in pieces.items():
        m = ctx.resolution.footnotes.get(label)
        fulls = [p for p in label_pieces if p.kind == "full"]
        if m is None or not m.key or len(fulls) != 1:
            continue  # a note citing several works is compared only when unambiguous
        seen.append((f"footnote {label}", label, None, fulls[0].parts, m.key))
    for i, item in enumerate(ctx.doc.references):
        m = ctx.resolution.references[i]
        if m.key:
            seen.append((f"reference item {i + 1}", None, i, parse_reference(item.text), m.key))
    first_of: dict[str, tuple] = {}
    for entry in seen:
        name, label, item, parts, key = entry
        if key not in first_of:
            first_of[key] = entry
            continue
        pname, plabel, _, pparts, _ = first_of[key]
        if not could_be_one_work(pparts, parts):
            continue  # a commentary on a law and the law itself resolve alike; they are two works
        diffs = _differences(pparts, parts)
        if not diffs or (label or name, plabel or pname) in reported:
            continue
        reported.add((label or name, plabel or pname))
        message = f"{name} and {pname} cite {key} differently: " + "; ".join(diffs)
        if label is not None:
            yield ctx.flag_at_note("inconsistent-duplicate", label, message, keys=[key], evidence=parts.text)
        else:
            yield ctx.flag_at_reference("inconsistent-duplicate", item, message, keys=[key], evidence=parts.text)


def _title_words(title: str) -> set[str]:
    """Title words that carry meaning: without years, acronyms in brackets and "of 2017"."""
    t = re.sub(r"\((?:[A-Z][A-Za-z-]*[A-Z]|\d{4})\)|\b(?:of\s+)?(?:1[5-9]|20)\d\d\b", " ", title)
    return set(tokens(t))


def _differences(a, b) -> list[str]:
    out = []
    if a.year and b.year and a.year != b.year:
        out.append(f"year {a.year} vs {b.year}")
    if a.volume and b.volume and a.volume != b.volume:
        out.append(f"volume {a.volume} vs {b.volume}")
    if a.venue and b.venue and not venues_agree(a.venue, b.venue):
        out.append(f"venue '{a.venue}' vs '{b.venue}'")
    ta, tb = _title_words(a.title), _title_words(b.title)
    if ta and tb and not (ta <= tb or tb <= ta):
        out.append(f"title '{shorten(a.title, 60)}' vs '{shorten(b.title, 60)}'")
    return out


# "Known-erroneous": the record itself says the work was retracted or withdrawn. (The
# `discrepancy` field mostly describes how an article mis-cites a real work, so it is not read
# for "not found": that would brand sound works as doubtful.)
_ERRONEOUS = re.compile(r"\b(?:retracted|withdrawn by the publisher|retraction notice|fabricated data)\b", re.I)


def doubt_reason(work, ctx) -> str | None:
    entry = work.entry
    note = ctx.note(work.key)
    status = entry.status or (str(note.meta.get("status", "")).lower() if note else "")
    if status == "unconfirmed":
        return "unconfirmed"
    if status in ("erroneous", "retracted") or _ERRONEOUS.search(entry.text("discrepancy") + " " + entry.text("note")):
        return "known-erroneous"
    return None


@rule("doubtful-source", "warning",
      "The sentence rests on a library entry marked unconfirmed (the work could not be found as cited) or known to be "
      "erroneous (retracted or withdrawn), or on a Wikipedia page alone. With --online, also a cited work not in the library that Crossref or "
      "OpenAlex records as retracted, or a full journal citation or DOI for which they hold nothing matching.",
      fires="Live-streamed abuse grew in coastal provinces.[^4]\n\n[^4]: UNODC, *Silent Screens: Live-Streamed Abuse "
            "in Coastal Provinces* (2018).",
      passes="Darknet vendors prefer privacy coins.[^4]\n\n[^4]: Europol, *Hidden Routes: Cryptocurrency Payments on "
             "Darknet Markets* (2019).",
      why="A claim is only as good as its source: the library already knows this one could not be found as cited, "
          "or was withdrawn.",
      order=100)
def doubtful_source(ctx):
    for sent in ctx.claim_sentences():
        cited = [c for c in ctx.own_citations(sent) if c.kind != "named"]
        texts = [t for c in cited for t in _cited_texts(ctx, c)]
        if texts and all(_WIKI.search(t) for t in texts) and not _FURTHER_READING.match(sent.text):
            yield ctx.flag("doubtful-source", sent, f"rests on {cited[0].display} alone, a Wikipedia page: an openly "
                           "edited summary, not a source; cite what the page itself cites", evidence=cited[0].display)
            continue
        done = set()
        for c, work in ctx.works_for(sent):
            if work.key in done:
                continue
            done.add(work.key)
            reason = doubt_reason(work, ctx)
            if reason:
                why = work.entry.text("discrepancy") or work.entry.text("note")
                via = c.display
                yield ctx.flag("doubtful-source", sent,
                               f"{via} → {work.key} ({work.year}), which the library marks {reason}"
                               + (f": {shorten(why, 220)}" if why else ""), keys=[work.key], evidence=via)


# a Wikipedia page: its address, or the name in a note's text (not a word of another address,
# "telegraph.co.uk/.../wikipedia-threatens-...", nor a file on upload.wikimedia.org)
_WIKI = re.compile(r"\bwikipedia\.org/wiki/|(?<![/\w.-])wikipedia\b(?![./-])", re.I)
# a pointer to further reading, not a claim resting on it: "See the [Wikipedia entry for X](...) to learn more"
_FURTHER_READING = re.compile(r"\W*(?:See|Read|For more(?: information| details)?,? see)\b")


def _cited_texts(ctx, c) -> list[str]:
    """What a citation points to in the document: its notes' or items' texts, or a link's address."""
    if c.kind == "link" and not c.anchor:
        return list(c.labels)
    if c.kind == "footnote":
        return [ctx.doc.footnotes[l].text for l in c.labels if l in ctx.doc.footnotes]
    if c.kind == "numeric":
        found = (ctx.doc.reference_index(l) for l in c.labels)
        return [ctx.doc.references[i].text for i in found if i is not None]
    if c.via_reference is not None and c.via_reference >= 0:
        return [ctx.doc.references[c.via_reference].text]
    return []
