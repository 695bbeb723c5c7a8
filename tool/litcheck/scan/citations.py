"""Find the citations in a Document's body sentences, by shape.

| kind | shapes |
| --- | --- |
| `footnote` | Unicode superscripts `word¹⁵`, `¹⁻³`, `¹,²`; Markdown `[^n]`; HTML `<sup>n</sup>` (read as superscripts) |
| `pandoc` | `[@key]`, `[@key, p. 5; @other]`, `[see @key]`, narrative `@smith2018title` |
| `numeric` | `[12]`, `[3, 5]`, `[3–5]` (with or without a reference list) |
| `author-date` | `(Author, 2018)`, `(Author 2018)`, `(Author et al., 2018)`, `(A & B, 2018a)`, `(Org, 2015)`, `(Org)`, `(A, 2018; B, 2019)`, `(see Author, 2018, p. 4)`, narrative `Author (2018) found`, `Author et al. (2018)` |
| `title` | a work named in the prose by its title: 'a 2018 report, “Human Trafficking Online”, written by Mark Latonero' |
| `named` | a source named in the prose: "according to a 2018 INTERPOL and ECPAT report", "A study by the International Justice Mission estimated", "UNODC reports that", "Mary Anne Franks writes" |

`(ACRONYM)` and `(ACRONYM 2018)` right after the words the acronym abbreviates ("General Data
Protection Regulation (GDPR 2018)") define a name; they are not citations. A country or a
common word in parentheses is not a citation either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from litcheck.scan.document import SUP_TO_DIGIT, SUPERSCRIPT_DIGITS, Document, Sentence

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# How far back from a match the look-behind tests read. Bounded so that one very long sentence
# (a 5 MB line without a full stop) is scanned in linear time, not quadratic.
_LOOKBACK = 200
_ACRONYM_LOOKBACK = 600  # is_acronym_definition reads the 2n+6 words before an n-letter acronym


@dataclass
class Citation:
    kind: str  # footnote | pandoc | numeric | author-date | named
    text: str  # as written (for `named`, the attributing phrase)
    start: int
    end: int
    sentence: int  # index of the sentence
    labels: list[str] = field(default_factory=list)  # footnote labels, numeric labels, pandoc keys
    names: list[str] = field(default_factory=list)  # author / organisation names as written
    year: int | None = None
    year_text: str = ""  # "2018a", "n.d."
    locator: str = ""
    et_al: bool = False
    title: str = ""  # a title the citation gives: "(Title, Author, 2018)", a report named in the prose
    # filled in by resolve
    key: str | None = None
    keys: list[str] = field(default_factory=list)
    score: float = 0.0
    note: str = ""  # how it was resolved (or why not)
    via_reference: int | None = None  # index of the reference item it matched
    via_note: str | None = None  # label of the footnote that gives the work it names
    year_mismatch: bool = False
    ref_diffs: list[str] = field(default_factory=list)  # how it disagrees with its reference item
    inherited: bool = False  # a list item covered by the lead-in sentence's citation

    @property
    def display(self) -> str:
        """How a flag names the citation: "footnote 3, 4" for footnotes, else the text as written."""
        return f"footnote {', '.join(self.labels)}" if self.kind == "footnote" else self.text


# --------------------------------------------------------------------------------------------
# Organisation and name matching
# --------------------------------------------------------------------------------------------

@dataclass
class OrgMatcher:
    """Finds organisation names (vocabulary names, short names, variants, plus organisations that
    author library entries) in text, mapping each to a canonical name."""

    canonical: dict[str, str]  # lower-case surface form -> canonical name
    pattern: re.Pattern | None

    @classmethod
    def build(cls, vocabulary=None, extra_orgs: list[str] = ()) -> "OrgMatcher":
        canonical: dict[str, str] = {}
        if vocabulary is not None:
            for org in vocabulary.organisations:
                for form in org.forms:
                    if form and len(form) > 1:
                        canonical.setdefault(form.casefold(), org.name)
        for name in extra_orgs:
            if name and len(name) > 3 and name.casefold() not in canonical:
                canonical[name.casefold()] = name
                org_short = re.match(r"^(.*?)\s*\(([A-Z]{2,})\)$", name)
                if org_short:
                    canonical.setdefault(org_short.group(1).casefold(), name)
        # "UN" and "EU" as bare words are too ambiguous to be sources on their own
        forms = sorted((f for f in canonical if f not in ("un", "eu")), key=len, reverse=True)
        if not forms:
            return cls(canonical, None)
        alternation = "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms)
        pattern = re.compile(r"(?<![\w-])(?:" + alternation + r")(?![\w-])", re.I)
        return cls(canonical, pattern)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        if self.pattern is None:
            return []
        out = []
        for m in self.pattern.finditer(text):
            surface = " ".join(m.group(0).split())
            # all-caps short names must be written in capitals ("ILO", not "ilo")
            if surface.isupper() is False and surface.casefold() in self.canonical and len(surface) <= 6 \
                    and self.canonical[surface.casefold()] != surface and not surface[0].isupper():
                continue
            if not surface[0].isupper():
                continue
            # "the Philippine Department of Justice" is not the U.S. one
            if surface.lower().startswith(("department", "federal", "national")):
                before = text[max(0, m.start() - _LOOKBACK):m.start()].rstrip()  # bounded: linear on long text
                if re.search(r"(?:[A-Z][a-z]+(?:'s|’s|n)?)$", before) and not re.search(r"(?:\bThe|\bthe|\bU\.S\.|\bUS|\bUnited States|\bAccording|\bby|\bBy)$", before):
                    continue
            out.append((m.start(), m.end(), self.canonical.get(surface.casefold(), surface)))
        return out


COUNTRIES = {
    "afghanistan", "albania", "algeria", "argentina", "australia", "austria", "bangladesh", "belgium", "brazil",
    "bulgaria", "cambodia", "canada", "chile", "china", "colombia", "croatia", "cuba", "denmark", "egypt",
    "england", "ethiopia", "europe", "finland", "france", "germany", "ghana", "greece", "hungary", "india",
    "indonesia", "iran", "iraq", "ireland", "israel", "italy", "japan", "jordan", "kenya", "korea", "laos",
    "lebanon", "libya", "malaysia", "mexico", "moldova", "morocco", "myanmar", "nepal", "netherlands",
    "nigeria", "norway", "pakistan", "peru", "philippines", "poland", "portugal", "romania", "russia",
    "scotland", "serbia", "singapore", "spain", "sweden", "switzerland", "syria", "thailand", "turkey",
    "uganda", "ukraine", "uk", "usa", "us", "u.s.", "u.k.", "vietnam", "wales", "yemen", "africa", "asia",
    "america", "latin america", "south asia", "southeast asia", "east asia", "middle east", "global",
}
NOT_SOURCES = {
    "ibid", "id", "sic", "emphasis added", "see above", "see below", "optional", "tbd", "annex", "online",
    "offline", "english", "french", "spanish", "arabic", "pdf", "usd", "eur", "gbp", "ai", "ict", "ngo",
    "ngos", "csam", "csem", "osec", "cse", "cseai", "vpn", "vpns", "p2p", "tor", "gps", "url", "ip",
    "plural", "singular", "translated", "translation", "original", "abridged", "forthcoming", "draft",
    "winter", "spring", "summer", "autumn", "fall", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
}


def _initials(words: list[str]) -> str:
    return "".join(w[0].lower() for w in words if w and w[0].isalpha())


def is_acronym_definition(acronym: str, before: str) -> bool:
    """True if `acronym` abbreviates the words just before it ("Digital Services Act (DSA")."""
    letters = re.sub(r"[^A-Za-z]", "", acronym).lower()
    if len(letters) < 2:
        return False
    words = re.findall(r"[A-Za-z][\w'’-]*", before)[-(2 * len(letters) + 6):]
    if not words:
        return False
    initials = _initials(words)
    # the acronym's letters must appear, in order, among the initials; one may be missing (4+
    # letters) only when the expansion is written in capitals ("Protection of Children ... (POCSO")
    for start in range(len(initials)):
        if initials[start] != letters[0]:
            continue
        j, hit = 0, []
        for k in range(start, len(initials)):
            if j < len(letters) and initials[k] == letters[j]:
                j += 1
                hit.append(k)
        if j == len(letters):
            return True
        if j == len(letters) - 1 and len(letters) >= 4:
            caps = sum(1 for k in hit if words[k][0].isupper())
            if caps >= 0.6 * len(hit) and hit[-1] >= len(words) - 2:
                return True
    return False


# --------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------

_SUP = re.compile(r"(?<![" + SUPERSCRIPT_DIGITS + r"])([" + SUPERSCRIPT_DIGITS + r"]{1,3}(?:\s?[⁻,˒–-]\s?[" + SUPERSCRIPT_DIGITS + r"]{1,3})*)")
_UNIT_BEFORE = re.compile(r"(?:\b(?:km|cm|mm|m|ft|mi|in|yd|kg)|[a-z]\^?)$")
_MD_MARK = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_PANDOC = re.compile(r"\[([^\[\]\n]*?-?@[A-Za-z0-9_][^\[\]\n]*?)\]")
_PANDOC_ITEM = re.compile(r"^\s*(?P<pre>[^@;]*?\s)?-?@(?P<key>[A-Za-z0-9_][\w:.#$%&\-+?<>~/]*?)[.,:]?\s*(?:,\s*(?P<loc>.*?))?\s*$")
_NARRATIVE_KEY = re.compile(r"(?<![\w@.])@([a-z][a-z0-9]*\d{4}[a-z0-9]*)\b")
# Numeric citations: "[12]", "[3, 5]", "[3–5]", "[4, Section 2]", "[7, p. 12]", and runs "[1][2][3]"
# (one citation). Bounded repetition: linear. A Markdown link "[text][1]" or "[1](url)" is not one.
_NUM_GROUP = (r"\[\d{1,3}(?:\s{0,3}[,–-]\s{0,3}\d{1,3}){0,30}"
              r"(?:,\s{0,3}(?:Section|Sec\.|s\.|§|p\.|pp\.|para\.?|Chapter|ch\.|Art\.?|Article|clause|Schedule|Table|"
              r"Fig\.|Figure)\s{0,3}[\w.–-]{1,20})?\]")
_NUMERIC = re.compile(r"(?<![\w\]^])(?P<run>" + _NUM_GROUP + r"(?:[ ]?" + _NUM_GROUP + r"){0,20})(?![(\[:])")
_NUM_LOCATOR = re.compile(r",\s*(?:Section|Sec\.|s\.|§|p\.|pp\.|para\.?|Chapter|ch\.|Art\.?|Article|clause|Schedule|"
                          r"Table|Fig\.|Figure)\s*[\w.–-]+(?=\])")
_PAREN = re.compile(r"\(([^()\n]{1,300})\)")
_AD_ITEM = re.compile(
    r"^(?P<pre>(?:see also|see|e\.g\.,?|cf\.|for example,?|as cited in|quoted in|cited in|in)\s+)?"
    r"(?P<names>[A-Z][^;]*?)"
    r"(?:,\s*|\s+)"
    r"(?P<year>" + YEAR + r"[a-z]?(?:/\d{2,4})?|n\.\s?d\.|forthcoming|in press)"
    r"(?P<loc>(?:,?\s*(?:pp?\.|para\.|paras\.|ch\.|chap\.|chapter|at|s\.|art\.|fig\.|figure|table|section|sec\.|"
    r"§|note|n\.|appendix)\s*[\w–\-, ]+|:\s*\d[\d–\-]*|,\s*\d{1,4}(?:\s*[–-]\s*\d{1,4})?(?:,\s*\d{1,4}(?:\s*[–-]\s*\d{1,4})?)*)?)\s*$", re.I)
_JOINED_YEAR = re.compile(r"^(?P<names>[A-Z][A-Za-z&\-]+?)(?P<year>" + YEAR + r")$")
_REPORTING_VERBS = (
    r"(?:found|finds|find|argues?|argued|shows?|showed|shown|notes?|noted|reports?|reported|states?|stated|"
    r"suggests?|suggested|writes?|wrote|estimates?|estimated|identified|identifies|observes?|observed|"
    r"claims?|claimed|concludes?|concluded|documents?|documented|describes?|described|warns?|warned|"
    r"reveals?|revealed|highlights?|highlighted|underscores?|underscored|explains?|explained|points out|"
    r"demonstrates?|demonstrated|indicates?|indicated|calculated|counted|recorded|records|says|said|contends?|"
    r"emphasi[sz]es|emphasi[sz]ed|stresses|stressed|asserts?|asserted|puts it|defines?|defined)")
# "Okafor (2018) found", "Smith and Jones (2018) argue", "The Bureau of Justice Statistics (2019)
# reports": up to eight capitalised words joined by particles (bounded and possessive: linear).
_NARRATIVE_AD = re.compile(
    r"(?P<names>[A-Z][\w'’\-]*+(?:[ ](?:(?:of|for|on|the|and|&|de|van|von)[ ])?[A-Z][\w'’\-]*+){0,7}(?:\s+et\s+al\.)?)"
    r"\s*\((?P<year>" + YEAR + r"[a-z]?)\)"
    r"(?=\s*(?:,\s*)?(?:" + _REPORTING_VERBS + r"|also\b|has\b|have\b|had\b|in\s+(?:their|his|her|its)\b))")

_NAMED_LEAD = re.compile(
    r"\b(?:according to|as reported by|as documented by|as noted by|data from|figures from|a (?:\d{4} )?(?:study|report|survey|review|analysis|assessment|estimate) (?:by|from|of)|"
    r"research by|estimates (?:by|from)|statistics from|published by)\s+", re.I)
_PERSON_ATTRIB = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\s+(?:writes|wrote|argues|argued|notes|noted|states|stated|"
    r"observes|observed|contends|contended|explains|explained|claims|claimed|warns|warned|suggests|suggested|"
    r"finds|found|shows|showed|reports|reported)\b")


# --------------------------------------------------------------------------------------------
# Finding citations
# --------------------------------------------------------------------------------------------

def find_citations(doc: Document, orgs: OrgMatcher | None = None, known_keys: set[str] | None = None,
                   check=None) -> list[Citation]:
    """Every citation in the body, in document order (each tied to its sentence). `check`, if
    given, is called every few hundred sentences (a time budget raises from it)."""
    defined_acronyms = _defined_acronyms(doc)
    out: list[Citation] = []
    for sent in doc.sentences:
        if check is not None and sent.index % 256 == 0:
            check()
        if sent.kind == "heading":
            continue
        out.extend(sentence_citations(doc, sent, orgs, defined_acronyms, known_keys))
    return out


def _defined_acronyms(doc: Document) -> set[str]:
    found = set()
    for m in re.finditer(r"\(([A-Z][A-Za-z]*[A-Z])(?:\s+" + YEAR + r")?\)", doc.masked):
        if is_acronym_definition(m.group(1), doc.masked[max(0, m.start() - 200):m.start()]):
            found.add(m.group(1))
    return found


def sentence_citations(doc: Document, sent: Sentence, orgs: OrgMatcher | None, defined: set[str] = frozenset(),
                       known_keys: set[str] | None = None) -> list[Citation]:
    text = doc.masked[sent.start:sent.end]
    base = sent.start
    cites: list[Citation] = []
    taken = _Spans(len(text))

    def add(c: Citation):
        cites.append(c)
        taken.add(c.start - base, c.end - base)

    for m in _SUP.finditer(text):
        before = text[max(0, m.start() - 20):m.start()]  # a unit is a few letters; bounded look-back
        if _UNIT_BEFORE.search(before) and not before.endswith((".", ",", ")", "”", '"')):
            # km², m³ - a unit, not a marker (unless the document defines that footnote)
            labels = _sup_labels(m.group(1))
            if not all(l in doc.footnotes for l in labels) or re.search(r"\b(?:km|m|cm|mm|ft|mi)$", before):
                continue
        labels = _sup_labels(m.group(1))
        add(Citation("footnote", m.group(1), base + m.start(), base + m.end(), sent.index, labels))
    for m in _MD_MARK.finditer(text):
        add(Citation("footnote", m.group(0), base + m.start(), base + m.end(), sent.index, [m.group(1)]))
    for m in _PANDOC.finditer(text):
        keys, locs = [], []
        for item in m.group(1).split(";"):
            im = _PANDOC_ITEM.match(item)
            if im:
                keys.append(im.group("key").rstrip(".,:"))
                locs.append((im.group("loc") or "").strip())
        if keys:
            add(Citation("pandoc", m.group(0), base + m.start(), base + m.end(), sent.index, keys,
                         locator="; ".join(l for l in locs if l)))
    for m in _NARRATIVE_KEY.finditer(text):
        if _inside(taken, m.start()):
            continue
        if known_keys is not None and m.group(1) not in known_keys and not re.fullmatch(r"[a-z]+\d{4}[a-z]+", m.group(1)):
            continue
        add(Citation("pandoc", m.group(0), base + m.start(), base + m.end(), sent.index, [m.group(1)]))
    for m in _NUMERIC.finditer(text):
        if _inside(taken, m.start()):
            continue
        run = m.group("run")
        locators = [x.group(0).strip(", ") for x in _NUM_LOCATOR.finditer(run)]
        labels = [l for group in re.findall(r"\[([^\]]*)\]", _NUM_LOCATOR.sub("", run)) for l in _numeric_labels(group)]
        if not labels:
            continue
        add(Citation("numeric", m.group(0), base + m.start(), base + m.end(), sent.index, list(dict.fromkeys(labels)),
                     locator="; ".join(locators)))
    for m in _NARRATIVE_AD.finditer(text):
        names_text = _drop_sentence_opener(m.group("names"))
        if not names_text or _inside(taken, m.start()):
            continue
        et_al = "et al" in names_text
        names = [n for n in re.split(r"\s+(?:and|&)\s+|\s+et\s+al\.", names_text) if n.strip()]
        add(Citation("author-date", m.group(0), base + m.start(), base + m.end(), sent.index, names=names,
                     year=int(m.group("year")[:4]), year_text=m.group("year"), et_al=et_al))
    for m in _PAREN.finditer(text):
        if _inside(taken, m.start()) or _inside(taken, m.end() - 1):
            continue
        for c in _parenthetical(doc, sent, text, m, orgs, defined):
            add(c)
    for c in _prose_titles(text, base, sent, taken):
        add(c)
    if orgs is not None:
        named = _named_sources(text, base, sent, orgs, taken)
        cites.extend(named)
    cites.sort(key=lambda c: c.start)
    return cites


# A work named in the prose by its title: 'a 2018 research report, “Human Trafficking Online”,
# written by Mark Latonero', 'FATF issued a report titled "Emerging Terrorist Financing Risks"'.
_PROSE_TITLE = re.compile(
    r"\b(?:report|study|article|paper|survey|book|brief|briefing|guidance|review|analysis|publication|document|"
    r"essay|chapter|fact ?sheet|handbook|toolkit|policy|statement|press release|op-ed|editorial|column|story|piece)s?"
    r"(?:,|\s+(?:titled|entitled|called|named))?[ ,]{0,3}[“\"](?P<title>[^”\"\n]{8,300}?)[,.]?[”\"]", re.I)
_BY_PERSON = re.compile(
    r"[^.;“\"]{0,60}?\b(?:written|authored|conducted|published|prepared|edited|produced)\s+by\s+(?:(?:researchers?|"
    r"professor|dr\.?|journalists?|reporters?)\s+)?(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w'’\-]+){1,2})")
_NEAR_YEAR = re.compile(r"\b(" + YEAR + r")\b")


def _prose_titles(text: str, base: int, sent: Sentence, taken) -> list[Citation]:
    out = []
    for m in _PROSE_TITLE.finditer(text):
        if _inside(taken, m.start("title")):
            continue
        title = m.group("title").strip()
        if len(title.split()) < 3 or not title[:1].isupper():
            continue
        before = text[max(0, m.start() - 80):m.start()]
        years = _NEAR_YEAR.findall(before)
        person = _BY_PERSON.match(text, m.end(), min(len(text), m.end() + 140))
        names = [person.group("name").split()[-1]] if person else []
        out.append(Citation("title", m.group(0), base + m.start(), base + m.end(), sent.index, names=names,
                            year=int(years[-1]) if years else None, year_text=years[-1] if years else "",
                            title=title))
    return out


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
    labels += [m.group(1) for m in _MD_MARK.finditer(text)]
    return [l for l in labels if l in doc.footnotes]


def _inside(spans, pos) -> bool:
    return spans.covers(pos)


class _Spans:
    """The character positions of a sentence already taken by a citation. A mask, not a list of
    spans searched one by one: a long run of text with thousands of citations stays linear."""

    def __init__(self, length: int):
        self.mask = bytearray(length + 1)

    def add(self, start: int, end: int) -> None:
        start, end = max(0, start), min(len(self.mask), end)
        if end > start:
            self.mask[start:end] = b"\x01" * (end - start)

    def covers(self, pos: int) -> bool:
        return 0 <= pos < len(self.mask) and self.mask[pos] == 1


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


def _parenthetical(doc, sent, text, m, orgs, defined) -> list[Citation]:
    inner = m.group(1).strip()
    base = sent.start
    start, end = base + m.start(), base + m.end()
    before = text[max(0, m.start() - _ACRONYM_LOOKBACK):m.start()]  # bounded: linear on long text
    after = text[m.end():m.end() + 3]
    out: list[Citation] = []
    # (ACRONYM) or (ACRONYM 2018) right after what it abbreviates: a definition
    acr = re.fullmatch(r"([A-Z][A-Za-z&]*[A-Z])(?:[\s,]+(" + YEAR + r"))?", inner)
    if acr and is_acronym_definition(acr.group(1), before):
        return out
    parts = [p.strip() for p in inner.split(";")]
    for part in parts:
        shown = m.group(0) if len(parts) == 1 else f"({part})"
        c = _title_first_part(part, start, end, sent.index, shown) or \
            _author_date_part(part, start, end, sent.index, shown) or _mla_part(part, start, end, sent.index, shown)
        if c:
            out.append(c)
    if out and len(out) == sum(1 for p in parts if p):
        return out
    if out:
        # a parenthetical that mixes a citation and prose: keep only clear citations
        return [c for c in out if c.year]
    # "(SESTA2018)": a name with a year glued on
    jm = _JOINED_YEAR.match(inner)
    if jm and not is_acronym_definition(jm.group("names"), before):
        return [Citation("author-date", m.group(0), start, end, sent.index, names=[jm.group("names")],
                         year=int(jm.group("year")), year_text=jm.group("year"))]
    # "(Org)" / "(Surname)" closing a clause: a citation without a year
    closes_clause = re.match(r"\s*(?:[.,;:!?]|$|[" + SUPERSCRIPT_DIGITS + r"]|\[)", after) is not None
    words = inner.split()
    if not closes_clause or not words or len(words) > 6:
        return out
    low = inner.lower().strip(".")
    if low in COUNTRIES or low in NOT_SOURCES or re.search(r"\d", inner):
        return out
    if re.fullmatch(r"[A-Z][A-Za-z&]*[A-Z]", inner):
        if inner in defined and not (orgs and orgs.find(inner)):
            return out  # a name the text defined earlier, used again: not a citation
        if orgs and orgs.find(inner):
            return [Citation("author-date", m.group(0), start, end, sent.index, names=[inner])]
        if len(inner) >= 3 and inner.lower() not in NOT_SOURCES:
            return [Citation("author-date", m.group(0), start, end, sent.index, names=[inner])]
        return out
    org_hits = orgs.find(inner) if orgs else []
    if org_hits and org_hits[0][0] == 0 and org_hits[0][1] >= len(inner) - 1:
        return [Citation("author-date", m.group(0), start, end, sent.index, names=[inner])]
    if re.fullmatch(r"[A-Z][a-z'’\-]+(?:\s+(?:and|&)\s+[A-Z][a-z'’\-]+|\s+et\s+al\.?)?", inner):
        names = [n for n in re.split(r"\s+(?:and|&)\s+|\s+et\s+al\.?", inner) if n]
        return [Citation("author-date", m.group(0), start, end, sent.index, names=names, et_al="et al" in inner)]
    return out


def _author_date_part(part: str, start: int, end: int, sent_index: int, shown: str) -> Citation | None:
    am = _AD_ITEM.match(part)
    if not am:
        return None
    names_text = am.group("names").strip().rstrip(",")
    if len(names_text) > 120 or re.search(r"\d", names_text):
        return None
    # every word must look like part of a name (capitalised, a particle, or a connector)
    words = re.findall(r"[\w'’.\-]+", names_text)
    connectors = {"and", "et", "al", "al.", "&", "of", "the", "for", "on", "de", "van", "von", "der", "den", "du",
                  "la", "le", "del", "dos", "da", "in", "against", "to", "und", "y"}
    if not words or any(not (w[0].isupper() or w.lower() in connectors or not w[0].isalpha()) for w in words):
        return None
    if len(words) > 12:
        return None
    if names_text.lower() in COUNTRIES or names_text.lower() in NOT_SOURCES:
        return None
    et_al = bool(re.search(r"\bet\s+al\.?", names_text))
    names = [n.strip(" ,.") for n in re.split(r"\s*(?:,|\band\b|&|\bet\s+al\.?)\s*", names_text) if n.strip(" ,.")]
    # "Smith, J." style initials are not separate names
    names = [n for n in names if not re.fullmatch(r"(?:[A-Z]\.?\s?){1,3}", n)]
    year_text = am.group("year")
    year = int(year_text[:4]) if year_text[:1].isdigit() else None
    return Citation("author-date", shown, start, end, sent_index, names=names, year=year, year_text=year_text,
                    locator=(am.group("loc") or "").strip(" ,"), et_al=et_al)


_ORG_WORDS = re.compile(
    r"\b(?:Bureau|Office|Department|Ministry|Commission|Council|Association|Institute|Foundation|Project|"
    r"Organi[sz]ation|Agency|Trust|Network|International|Coalition|Alliance|Committee|University|Group|Society|"
    r"Federation|Police|Nations|Centre|Center|Service|Services|Fund|Court|Parliament|Senate|Congress|Board|"
    r"Authority|Unit|Programme|Program|Initiative|Forum|Watch|Campaign|Union|Corporation|Inc|Ltd|LLC)\b")
_YEAR_TAIL = re.compile(r",\s*(?P<year>" + YEAR + r"[a-z]?|n\.\s?d\.)\s*$")
_TITLE_START = "“\"‘'*_"


def _looks_like_name(text: str) -> bool:
    """1-6 capitalised words (particles allowed), no colon: an author or body, not a title."""
    words = text.split()
    if not 1 <= len(words) <= 6 or ":" in text:
        return False
    small = {"of", "the", "for", "on", "and", "&", "de", "van", "von", "der", "et", "al.", "al"}
    return all(w[:1].isupper() or w in small for w in words)


def _title_first_part(part: str, start: int, end: int, sent_index: int, shown: str) -> Citation | None:
    """"(Title of the Work, Author, 2018)" / "(Title of the Work, 2018)": a title first, then the
    author or body (optional), then the year. A title has at least three words and reads as a
    title (a colon, a small word such as "via" or "is", or no organisation word)."""
    ym = _YEAR_TAIL.search(part)
    if not ym:
        return None
    head = part[:ym.start()].strip(" ,")
    title, author = head, ""
    if ", " in head:
        t, a = head.rsplit(", ", 1)
        if _looks_like_name(a) and len(t.split()) >= 3:
            title, author = t, a
    title = title.strip()
    words = title.split()
    chunks = [c for c in re.split(r",\s*|\s+(?:and|&)\s+", title) if c]
    if ":" not in title and all(_looks_like_name(c) and len(c.split()) <= 3 for c in chunks):
        return None  # "Smith, Jones and Brown": a list of authors
    if len(words) < 3 or not (title[:1].isupper() or title[:1] in _TITLE_START):
        return None
    small = {"of", "the", "for", "on", "and", "&", "de", "in", "to", "a", "an", "at", "by", "van", "von"}
    title_like = ":" in title or title[:1] in _TITLE_START or any(w[:1].islower() and w not in small for w in words) \
        or (not _ORG_WORDS.search(title) and (author or len(words) >= 4))
    if not title_like:
        return None
    year_text = ym.group("year")
    year = int(year_text[:4]) if year_text[:1].isdigit() else None
    names = [n for n in re.split(r"\s+(?:and|&)\s+|\s+et\s+al\.?", author) if n] if author else []
    return Citation("author-date", shown, start, end, sent_index, names=names, year=year, year_text=year_text,
                    et_al="et al" in author, title=title.strip(_TITLE_START + " ,"))


# MLA "(Okafor 45)", "(Okafor and Lindqvist 12-14)": a surname and a page, no year. Words that
# number parts of a document are not surnames.
_MLA = re.compile(r"^(?P<names>[A-Z][\w'’\-]{1,40}(?:\s+(?:and|&)\s+[A-Z][\w'’\-]{1,40}|\s+et\s+al\.)?)\s+(?P<page>\d{1,4}(?:[–-]\d{1,4})?)$")
_NOT_SURNAMES = {"table", "figure", "fig", "section", "article", "chapter", "part", "appendix", "block", "model", "step",
                 "phase", "wave", "study", "group", "level", "type", "page", "pages", "volume", "vol", "no", "number",
                 "item", "question", "box", "annex", "exhibit", "sample", "case", "cases", "version", "grade", "year",
                 "years", "age", "ages", "goal", "target", "paragraph", "rule", "title", "class", "room", "week", "day"}


def _mla_part(part: str, start: int, end: int, sent_index: int, shown: str) -> Citation | None:
    m = _MLA.match(part)
    if not m or m.group("names").split()[0].lower() in _NOT_SURNAMES or re.fullmatch(YEAR, m.group("page")):
        return None
    names = [n for n in re.split(r"\s+(?:and|&)\s+|\s+et\s+al\.", m.group("names")) if n]
    return Citation("author-date", shown, start, end, sent_index, names=names, locator=m.group("page"),
                    et_al="et al" in m.group("names"))


def _named_sources(text: str, base: int, sent: Sentence, orgs: OrgMatcher, taken) -> list[Citation]:
    """Organisations named as the source of a statement in the prose."""
    out: list[Citation] = []
    hits = [h for h in orgs.find(text) if not _inside(taken, h[0])]
    if hits:
        # Attribution context: "according to ... ORG", "ORG report(ed)/found/estimated", "study by ORG"
        lead = _NAMED_LEAD.search(text)
        reporting = None  # whether the sentence has a reporting word anywhere: computed once
        groups: list[list[tuple[int, int, str]]] = []
        for h in hits:
            if groups and re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*(?:the\s+)?", text[groups[-1][-1][1]:h[0]]):
                groups[-1].append(h)
            else:
                groups.append([h])
        for g in groups:
            s, e = g[0][0], g[-1][1]
            window_before = text[max(0, s - 60):s]
            window_after = text[e:e + 80]
            attributive = bool(lead and lead.end() <= s + 1 and s - lead.end() <= 40)
            attributive |= bool(re.search(r"\b(?:by|from)\s+(?:the\s+)?$", window_before)) and bool(
                re.search(r"\b(?:study|report|survey|research|estimate|analysis|data|figures|statistics)\b", text[max(0, s - 40):s], re.I))
            if not attributive and re.match(r"(?:'s|’s)?\s*(?:\w+\s+){0,3}?(?:report|study|survey|assessment|review|estimates?|data|figures|statistics|research|analysis)\b", window_after, re.I):
                if reporting is None:
                    reporting = bool(re.search(r"\b(?:according|report|study|published|found|shows?|estimat|reveal|identif|said|states|notes)", text, re.I))
                attributive = reporting
            attributive |= bool(re.match(r"(?:'s|’s)?\s*(?:has\s+|had\s+|have\s+)?(?:also\s+)?" + _REPORTING_VERBS + r"\b", window_after))
            if not attributive:
                continue
            year = None
            ym = re.search(r"\b(" + YEAR + r")\b", window_before[-25:] + " " + window_after[:60])
            near = re.search(r"(?:in|of|published in|released in|from)\s+(?:(?:early|late|mid-?|the end of)\s+)?(?:[A-Z][a-z]+\s+)?(" + YEAR + r")\b", window_after[:70])
            if near:
                year = int(near.group(1))
            elif ym and re.search(r"\b" + ym.group(1) + r"\s+(?:\w+\s+){0,3}$", window_before[-25:] + " "):
                year = int(ym.group(1))
            elif re.search(r"\b(" + YEAR + r")\s+(?:[\w-]+\s+){0,2}$", window_before):
                year = int(re.search(r"\b(" + YEAR + r")\s+(?:[\w-]+\s+){0,2}$", window_before).group(1))
            names = list(dict.fromkeys(h[2] for h in g))
            out.append(Citation("named", text[s:e], base + s, base + e, sent.index, names=names, year=year))
    named = _Spans(len(text))
    for c in out:
        named.add(c.start - base, c.end - base)
    for m in _PERSON_ATTRIB.finditer(text):
        if _inside(taken, m.start()) or named.covers(m.start()):
            continue
        name = m.group("name")
        if text[max(0, m.start() - _LOOKBACK):m.start()].rstrip().endswith(("the", "The")):
            continue
        if name.split()[0] in ("The", "This", "That", "These", "It", "Such", "One", "Each", "Research", "Evidence", "Data"):
            continue
        if orgs.find(name):
            continue
        out.append(Citation("named", name, base + m.start("name"), base + m.end("name"), sent.index,
                            names=[name], note="person"))
    return out
