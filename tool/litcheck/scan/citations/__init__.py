"""Find the citations in a Document's body sentences, by shape.

| kind | shapes |
| --- | --- |
| `footnote` | Unicode superscripts `word¹⁵`, `¹⁻³`, `¹,²`; Markdown `[^n]`; HTML `<sup>n</sup>` (read as superscripts) |
| `pandoc` | `[@key]`, `[@key, p. 5; @other]`, `[see @key]`, narrative `@smith2018title` |
| `numeric` | `[12]`, `[3, 5]`, `[3–5]` (with or without a reference list) |
| `author-date` | `(Author, 2018)`, `(Author 2018)`, `(Author et al., 2018)`, `(A & B, 2018a)`, `(Org, 2015)`, `(Org)`, `(A, 2018; B, 2019)`, `(see Author, 2018, p. 4)`, narrative `Author (2018) found`, `Author et al. (2018)` |
| `title` | a work named in the prose by its title: 'a 2018 report, “Human Trafficking Online”, written by Mark Latonero' |
| `link` | a hyperlink to an outside page: Markdown `[text](https://…)`, `<https://…>`, a bare `https://…` (how web articles and blog posts cite); words linked to a reference item's anchor, `[forced begging](#ref_beg)` |
| `named` | a source named in the prose: "according to a 2018 INTERPOL and ECPAT report", "A study by the International Justice Mission estimated", "UNODC reports that", "Mary Anne Franks writes" |

`(ACRONYM)` and `(ACRONYM 2018)` right after the words the acronym abbreviates ("General Data
Protection Regulation (GDPR 2018)") define a name; they are not citations. A country or a
common word in parentheses is not a citation either.

A citation written as a link to a reference item's anchor (`[(Lin 2022)](#ref_lin)`, `Dimas et al.
[(2022)](#ref_x)`) is tied to that item by the anchor (`anchors`).

The shapes in parentheses are read in `parenthetical`, sources named in the prose in `prose`,
organisation names and acronym definitions in `orgs`; `model` holds the `Citation`.
"""

from __future__ import annotations

import re

from litcheck.scan.citations.model import YEAR, Citation, inside, Spans
from litcheck.scan.citations.anchors import anchor_citations
from litcheck.scan.citations.orgs import OrgMatcher, is_acronym_definition
from litcheck.scan.citations.parenthetical import IBID, parenthetical_citations
from litcheck.scan.citations.prose import REPORTING_VERBS, cued_titles, named_sources, prose_titles
from litcheck.scan.document.model import SUP_TO_DIGIT, SUPERSCRIPT_DIGITS, Document, Sentence
from litcheck.scan.document.plainmarks import GLUED_MARK

_SUP = re.compile(r"(?<![" + SUPERSCRIPT_DIGITS + r"])([" + SUPERSCRIPT_DIGITS + r"]{1,3}(?:\s?[⁻,˒–-]\s?[" + SUPERSCRIPT_DIGITS + r"]{1,3})*)")
_SUP_CHAR = re.compile("[" + SUPERSCRIPT_DIGITS + "]")
_UNIT_BEFORE = re.compile(r"(?:\b(?:km|cm|mm|m|ft|mi|in|yd|kg)|[a-z]\^?)$")
# "[^3]", and pandoc's superscript "^3^" / "^a^" as Word and HTML pages come out of pandoc
# (not after a digit or a space: "2^10^" is a power)
_MD_MARK = re.compile(r"\[\^([^\]\s]+)\](?!:)|(?<=[^\d\s^])\^([A-Za-z]{1,2}|\d{1,3}(?:[,–-]\d{1,3}){0,20})\^")
_PANDOC = re.compile(r"\[([^\[\]\n]*?-?@[A-Za-z0-9_][^\[\]\n]*?)\]")
_PANDOC_ITEM = re.compile(r"^\s*(?P<pre>[^@;]*?\s)?-?@(?P<key>[A-Za-z0-9_][\w:.#$%&\-+?<>~/]*?)[.,:]?\s*(?:,\s*(?P<loc>.*?))?\s*$")
# "@smith2019 found ...", "@DupuyPrakash:2018 show ...": pandoc's narrative citation (an e-mail address
# has a word before its @; a social-media handle names no year and is not a key the library holds)
_NARRATIVE_KEY = re.compile(r"(?<![\w@.])@([A-Za-z][\w:.\-]*?(?:19|20)\d\d[a-z]?)(?![\w:-])")
# Numeric citations: "[12]", "[3, 5]", "[3–5]", "[4, Section 2]", "[7, p. 12]", and runs "[1][2][3]"
# (one citation), also glued to the word before it as text copied from the web has them ("organizations[69]").
# Bounded repetition: linear. A Markdown link "[text][1]" or "[1](url)" is not one.
_NUM_GROUP = (r"\[\d{1,3}(?:\s{0,3}[,–-]\s{0,3}\d{1,3}){0,30}"
              r"(?:,\s{0,3}(?:Section|Sec\.|s\.|§|p\.|pp\.|para\.?|Chapter|ch\.|Art\.?|Article|clause|Schedule|Table|"
              r"Fig\.|Figure)\s{0,3}[\w.–-]{1,20})?\]")
_NUMERIC = re.compile(r"(?<![\d_\]^])(?P<run>" + _NUM_GROUP + r"(?:[ ]?" + _NUM_GROUP + r"){0,20})(?![(\[:])")
_NUM_LOCATOR = re.compile(r",\s*(?:Section|Sec\.|s\.|§|p\.|pp\.|para\.?|Chapter|ch\.|Art\.?|Article|clause|Schedule|"
                          r"Table|Fig\.|Figure)\s*[\w.–-]+(?=\])")
# Lenticular brackets are how machine-written text marks its sources: "... in 2005 【ILO 2005】."
_PAREN = re.compile(r"(?:\((?=[^()\n]{1,300}\))|【(?=[^【】\n]{1,300}】))([^()【】\n]{1,300})[)】]")
# A link to an outside page is how web articles cite: "[expanded](https://web.archive.org/…)".
# Bounded repetition: linear. An image ("![…](…)") shows something, it cites nothing.
# (an address in angle brackets, or wrapped in square ones by mistake: "[text]([https://...])")
_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]\n]{1,300})\]\((?P<open>[<\[])?(?P<url>https?://[^\s()]{3,2000}(?:\([^\s()]{0,200}\)[^\s()]{0,200})?)\)|"
                   r"<(?P<auto>https?://[^\s<>]{3,2000})>|(?<![\w(/\[<=\"'])(?P<bare>https?://[^\s<>()\[\]]{3,2000})")
# "Okafor (2018) found", "Smith and Jones (2018) argue", "The Bureau of Justice Statistics (2019)
# reports": up to eight capitalised words joined by particles (bounded and possessive: linear).
_NARRATIVE_AD = re.compile(
    r"(?P<names>[A-Z][\w'’\-]*+(?:[ ](?:(?:of|for|on|the|and|&|de|van|von)[ ])?[A-Z][\w'’\-]*+){0,7}(?:\s+et\s+al\.)?)"
    r"\s*\((?P<year>" + YEAR + r"[a-z]?)\)"
    r"(?=\s*(?:,\s*)?(?:" + REPORTING_VERBS + r"|also\b|has\b|have\b|had\b|in\s+(?:their|his|her|its)\b))|"
    # two authors before a year in brackets are a citation wherever the clause ends: "(…, which
    # prior work suggests: Yilmaz & Emberson (2023))"; "et al." before one is a citation whatever
    # follows ("Almarhabi et al. (2023) applied ...": no verb list can hold every verb of method)
    r"(?P<names2>[A-Z][\w'’\-]*+[ ](?:&|and)[ ][A-Z][\w'’\-]*+)\s*\((?P<year2>" + YEAR + r"[a-z]?)\)"
    r"(?=\s*[);,.:]|\s*$)|"
    r"(?P<names4>[A-Z][\w'’\-]*+(?:[ ][A-Z][\w'’\-]*+){0,2}\s+et\s+al\.)\s*\((?P<year4>" + YEAR + r"[a-z]?)\)|"
    # a reference written into the prose, authors with initials: "Smahel, D., Machackova, H., ... and
    # Hasebrink, U. (2020)" cites the work of its first author
    r"(?P<names3>[A-ZÀ-Þ][\w'’\-]*+),\s+[A-Z]\.(?:\s?[A-Z]\.)*+(?P<more>(?:,?\s+(?:&\s+|and\s+)?[A-ZÀ-Þ][\w'’\-]*+,\s+"
    r"[A-Z]\.(?:\s?[A-Z]\.)*+){0,20}+)\s*\((?P<year3>" + YEAR + r"[a-z]?)\)")


# the title after a reference's year: "... Hasebrink, U. (2020). EU Kids Online 2020: Survey results ..."
_INLINE_TITLE = re.compile(r"\.\s+([^.?!\n]{3,300})")


def find_citations(doc: Document, orgs: OrgMatcher | None = None, known_keys: set[str] | None = None,
                   check=None) -> list[Citation]:
    """Every citation in the body, in document order (each tied to its sentence). `check`, if
    given, is called every few hundred sentences (a time budget raises from it)."""
    defined_acronyms = _defined_acronyms(doc)
    link_defs = _link_definitions(doc.text) if "]:" in doc.text else {}
    out: list[Citation] = []
    for sent in doc.sentences:
        if check is not None and sent.index % 256 == 0:
            check()
        if sent.kind == "heading":
            continue
        out.extend(sentence_citations(doc, sent, orgs, defined_acronyms, known_keys, link_defs))
    last = None  # "(ibid)" cites what the author-date citation before it cites
    for c in out:
        if c.kind == "author-date" and not c.names and IBID.fullmatch(c.text.strip("() ")):
            c.names, c.year, c.year_text, c.et_al, c.title = (last.names, last.year, last.year_text, last.et_al, last.title) \
                if last is not None else (["Ibid."], None, "", False, "")  # nothing before it to refer to
        elif c.kind == "author-date" and c.names:
            last = c
    return out


# A Markdown reference-style link, "[already know][15]" or "[the report][]", and the definition
# that gives its address on a line of its own ("[15]: https://..."): the same citation as an
# inline link, written in two places
_REF_LINK = re.compile(r"(?<!!)\[(?P<text>[^\[\]\n]{1,300})\][ ]?\[(?P<label>[^\[\]\n]{0,100})\]")
_LINK_DEF = re.compile(r"^[ ]{0,3}\[(?P<label>[^\]^\n]{1,100})\]:[ \t]*<?(?P<url>[^\s>]{1,2000})>?", re.M)


def _link_definitions(text: str) -> dict[str, str]:
    """Label (lower case) -> address of every reference-style link definition."""
    return {m.group("label").strip().lower(): m.group("url") for m in _LINK_DEF.finditer(text)}


def _defined_acronyms(doc: Document) -> set[str]:
    found = set()
    for m in re.finditer(r"\(([A-Z][A-Za-z]*[A-Z])(?:\s+" + YEAR + r")?\)", doc.masked):
        if is_acronym_definition(m.group(1), doc.masked[max(0, m.start() - 200):m.start()]):
            found.add(m.group(1))
    return found


def sentence_citations(doc: Document, sent: Sentence, orgs: OrgMatcher | None, defined: set[str] = frozenset(),
                       known_keys: set[str] | None = None, link_defs: dict[str, str] | None = None) -> list[Citation]:
    # a wrapped line is a space: "(Macy et al.,\n2023)" is one citation (one character for one: offsets hold)
    text = doc.masked[sent.start:sent.end].replace("\n", " ")
    base = sent.start
    cites: list[Citation] = []
    taken = Spans(len(text))

    def add(c: Citation):
        cites.append(c)
        taken.add(c.start - base, c.end - base)

    # Each shape is looked for only where the characters it cannot match without are there:
    # most sentences hold no bracket, parenthesis, @, link or superscript, and nine searches of
    # every short sentence were a tenth of a dense document's scan.
    sup, bracket, paren, at = _SUP_CHAR.search(text) is not None, "[" in text, "(" in text or "【" in text, "@" in text
    caret = "^" in text
    for m in _SUP.finditer(text) if sup else ():
        before = text[max(0, m.start() - 20):m.start()]  # a unit is a few letters; bounded look-back
        if _UNIT_BEFORE.search(before) and not before.endswith((".", ",", ")", "”", '"')):
            # km², m³ - a unit, not a marker (unless the document defines that note or numbered item)
            labels = _sup_labels(m.group(1))
            if not all(l in doc.footnotes or doc.reference_index(l) is not None for l in labels) \
                    or re.search(r"\b(?:km|m|cm|mm|ft|mi)$", before):
                continue
        labels = _sup_labels(m.group(1))
        add(Citation("footnote", m.group(1), base + m.start(), base + m.end(), sent.index, labels))
    for m in _MD_MARK.finditer(text) if bracket or caret else ():
        add(Citation("footnote", m.group(0), base + m.start(), base + m.end(), sent.index, _mark_labels(m)))
    if doc.footnotes:  # a PDF's plain note number glued to the punctuation before it: "36.2 million.2"
        for m in GLUED_MARK.finditer(text):
            if m.group(1) in doc.footnotes and not inside(taken, m.start()):
                add(Citation("footnote", m.group(1), base + m.start(), base + m.end(), sent.index, [m.group(1)]))
    for m in _PANDOC.finditer(text) if bracket and at else ():
        keys, locs = [], []
        for item in m.group(1).split(";"):
            im = _PANDOC_ITEM.match(item)
            if im:
                keys.append(im.group("key").rstrip(".,:"))
                locs.append((im.group("loc") or "").strip())
        if keys:
            add(Citation("pandoc", m.group(0), base + m.start(), base + m.end(), sent.index, keys,
                         locator="; ".join(l for l in locs if l)))
    for m in _NARRATIVE_KEY.finditer(text) if at else ():
        if inside(taken, m.start()):
            continue
        add(Citation("pandoc", m.group(0), base + m.start(), base + m.end(), sent.index, [m.group(1)]))
    for m in _NUMERIC.finditer(text) if bracket else ():
        if inside(taken, m.start()):
            continue
        run = m.group("run")
        locators = [x.group(0).strip(", ") for x in _NUM_LOCATOR.finditer(run)]
        labels = [l for group in re.findall(r"\[([^\]]*)\]", _NUM_LOCATOR.sub("", run)) for l in _numeric_labels(group)]
        if not labels:
            continue
        add(Citation("numeric", m.group(0), base + m.start(), base + m.end(), sent.index, list(dict.fromkeys(labels)),
                     locator="; ".join(locators)))
    for c in cued_titles(text, base, sent, taken):  # before authors: "... Data and Communication (2015)" is a title
        add(c)
    for m in _NARRATIVE_AD.finditer(text) if paren else ():
        names_text = _drop_sentence_opener(m.group("names") or m.group("names2") or m.group("names4") or m.group("names3"))
        year_text = m.group("year") or m.group("year2") or m.group("year4") or m.group("year3")
        if not names_text or inside(taken, m.start()):
            continue
        et_al = "et al" in names_text or m.group("more") is not None and m.group("more").count(",") >= 2
        names = [n for n in re.split(r"\s+(?:and|&)\s+|\s+et\s+al\.", names_text) if n.strip()]
        title = _INLINE_TITLE.match(text, m.end()) if m.group("names3") else None
        add(Citation("author-date", m.group(0), base + m.start(), base + m.end(), sent.index, names=names,
                     year=int(year_text[:4]), year_text=year_text, et_al=et_al,
                     title=title.group(1).strip() if title else ""))
    for m in _REF_LINK.finditer(text) if bracket and link_defs else ():
        url = link_defs.get((m.group("label") or m.group("text")).strip().lower())
        if url and not inside(taken, m.start()):
            add(Citation("link", m.group(0), base + m.start(), base + m.end(), sent.index, [url]))
    for m in _LINK.finditer(text) if "http" in text else ():
        if inside(taken, m.start()):
            continue
        url = m.group("url") or m.group("auto") or m.group("bare")
        url = url.rstrip("]>") if m.group("open") else url
        add(Citation("link", m.group(0), base + m.start(), base + m.end(), sent.index, [url.rstrip(".,;:")]))
    for m in _PAREN.finditer(text) if paren else ():
        if inside(taken, m.start()) or inside(taken, m.end() - 1):
            continue
        for c in parenthetical_citations(doc, sent, text, m, orgs, defined):
            add(c)
    for c in anchor_citations(doc, text, base, sent.index, cites, taken) if bracket else ():
        add(c)
    for c in prose_titles(text, base, sent, taken):
        add(c)
    if orgs is not None:
        named = named_sources(text, base, sent, orgs, taken)
        cites.extend(named)
    cites.sort(key=lambda c: c.start)
    return cites


_OPENERS = {"in", "the", "by", "since", "from", "until", "during", "however", "but", "and", "as", "while", "when",
            "although", "after", "before", "also", "thus", "furthermore", "moreover", "similarly", "researcher",
            "researchers", "professor", "dr", "author", "authors"}


def _drop_sentence_opener(names: str) -> str:
    """"The Bureau of Justice Statistics" -> "Bureau of Justice Statistics"; "In Smith" -> "Smith"."""
    words = names.split()
    while words and words[0].lower().rstrip(".") in _OPENERS:
        words = words[1:]
    while words and words[0] in ("of", "for", "on", "the", "and", "&"):
        words = words[1:]
    return " ".join(words)


def sentence_note_labels(doc: Document, sent: Sentence) -> list[str]:
    """The labels of the note markers in a sentence (superscripts and [^n])."""
    text = doc.masked[sent.start:sent.end]
    labels = [l for m in _SUP.finditer(text) for l in _sup_labels(m.group(1))]
    labels += [l for m in _MD_MARK.finditer(text) for l in _mark_labels(m)]
    labels += [m.group(1) for m in GLUED_MARK.finditer(text)]
    return [l for l in labels if l in doc.footnotes]


def _mark_labels(m: re.Match) -> list[str]:
    """The note labels of a `_MD_MARK` match: "[^x]" names one; "^3-5^" a run, like "³⁻⁵"."""
    if m.group(1) is not None:
        return [m.group(1)]
    raw = m.group(2)
    return _numeric_labels(raw) if raw[0].isdigit() else [raw]


def _sup_labels(raw: str) -> list[str]:
    digits = raw.translate(SUP_TO_DIGIT).replace(" ", "")
    return _numeric_labels(digits.replace("⁻", "-").replace("˒", ","))


def _numeric_labels(raw: str) -> list[str]:
    labels: list[str] = []
    for part in re.split(r"\s*,\s*", raw):
        rng = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", part)
        if rng:
            a, b = int(rng.group(1)), int(rng.group(2))
            if a < b <= a + 30:
                labels.extend(str(i) for i in range(a, b + 1))
                continue
            labels.extend([rng.group(1), rng.group(2)])
        elif part.isdigit():
            labels.append(str(int(part)))
    return labels
