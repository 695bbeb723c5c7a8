"""Reading a text into the terms known-claim compares: names as entities, phrases of one meaning
as concepts, other words as stems, figures with what they count, clauses and their denials.

A claim and a sentence are read the same way (docs/known-claims.md), so this module knows
nothing of registers or matching; `rules/claims.py` does the matching and figure-mismatch
reads measures with the same lexicon."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from litcheck.scan.alternation import alternation, lowered, may_match
from litcheck.scan.claim_parties import PASSIVE, subject_side
from litcheck.scan.claim_measures import (MAGNITUDE, MONTHS, ONE_YEAR, REPORTS_OF, YEAR, asserted, counted_after, dates_in,
                                          figure_unit, magnitude)
from litcheck.scan.quantities import is_number_word

_STOP = {
    "a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "with", "by", "at", "from", "into", "its", "their", "it",
    "as", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "that", "this", "these", "those",
    "which", "who", "whom", "whose", "than", "then", "there", "such", "also", "but", "so", "can", "could",
    "may", "might", "will", "would", "should", "do", "does", "did", "more", "very", "about", "over", "under",
    "article", "claim", "claims", "says", "said", "states", "stated", "uncited", "figure", "cites", "cited", "text",
    "body", "sentence", "paragraph", "para", "fn", "footnote", "according", "other", "some", "many", "one", "all",
    "any", "each", "every", "both", "only", "own", "same", "while", "where", "when", "how", "what", "why", "they",
    "them", "he", "she", "we", "you", "i", "his", "her", "our", "your", "my", "if", "because", "after", "before",
    "among", "alongside", "including", "among", "between", "through", "via", "per", "cent", "percent", "today",
    "current", "currently", "now", "just", "even", "still", "itself", "themselves", "s", "t", "here", "de", "la",
    "found", "find", "finds", "conclude", "concluded", "concludes", "show", "shows", "showed", "shown", "suggest", "suggests", "suggested", "estimated",
    "saying", "quote", "quotes", "quoted", "quoting", "told", "tells", "telling",  # who reported it, as "said"
    "estimate", "estimates", "thought", "known", "data", "report", "study", "research", "evidence", "figures", "kind",
    "kinds", "form", "forms", "type", "types", "various", "use", "used", "uses", "using", "make", "makes", "made",
    "become", "became", "get", "got", "let", "lets", "like", "well", "much", "often", "since", "until", "upon",
    # qualifiers of a figure (the figure itself is compared as a number)
    "around", "roughly", "approximately", "nearly", "almost", "least", "than", "some", "up", "just", "over", "above",
    "below", "fewer", "less", "especially", "particularly", "notably", "mainly", "mostly", "largely", "simply",
    "highly",
    "countries", "country", "given", "plus", "degree", "level", "extent", "amount", "lot", "high", "great", "way", "ways",
    # number words and months (figures and dates are read as such)
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty",
    "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "thousands", "million", "millions", "billion",
    "half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
}
# A clause denied: "not" before a determiner ("open web, not the dark web") or "only" contrasts
# two things and denies nothing; "no fewer than", "not less than" set a lower bound: they assert
# at least the figure, as "at least" does. "Without being moved", "without ever leaving" deny
# what follows ("a victim without ever being moved" is not "a victim must be moved").
# "No. 29" is a number, not a denial. What is "beyond the reach of" something is what it cannot reach.
# "Nothing but", "none other than" restrict, as "only" does; after "is" it denies ("is not a yearly count").
NEGATION = re.compile(r"\b(?:(?<=\bis )not|(?<=\bare )not|(?<=\bwas )not|(?<=\bwere )not|not(?!\s+(?:the|a|an|only|just|least|necessarily|(?:fewer|less)\s+than)\b)|"
                      r"no(?!\s+(?:fewer|less)\s+than\b|\.\s*\d)|never|neither|nor|(?:none|nothing)(?!\s+(?:but|except|other\s+than)\b)|cannot|unable|impossible|"
                      r"without\s+(?:ever|being|having)|(?:beyond|out\s+of)\s+(?:the\s+)?reach)\b|n't\b", re.I)


def _may_deny(low: str | None) -> bool:
    """False when the lowered text holds none of a denial's words: most sentences need no negation search."""
    return low is None or any(w in low for w in ("no", "ne", "n't", "unable", "impossible", "without", "reach"))


_FOOTNOTE_REF = re.compile(r"\(?\b(?:fn|fns|footnotes?|notes?)\s+\d+(?:\s*(?:,|and|-|–)\s*\d+)*\)?", re.I)
WORD = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z0-9]|[A-Za-z]")
# where one clause of a sentence ends and the next begins
_CLAUSE_BREAK = re.compile(r"[;:()—–]|,\s|\s(?:but|while|whereas|although|though|because|since)\s", re.I)
# "..., but legal search engines do list them": the contrary of a denial before it, stressed ("do list")
_STRESSED_CONTRARY = re.compile(r"but\s[^;:]*?\b(?:do|does|did)\s+(?!not\b)[a-z]+", re.I)
_NAME_BEFORE = re.compile(r"[A-Z][\w'-]*$")  # a capitalised word ending where a comma begins
_ADJECTIVE_BEFORE = re.compile(r"(?:^|[;:(—–,.])\s*\W*(?:[Nn]o|[Ee]very|[Aa]ny|[Ee]ach)\s+[a-z]+$")  # "No ordinary,"


def _lists_names(text: str, brk: re.Match) -> bool:
    """The comma `brk` lists names ("Facebook, Instagram, TikTok and dating apps") or adjectives ("No
    ordinary, lawful search engine is able to"): what is said of them is one clause."""
    return brk.group(0)[0] == "," and (text[brk.end():brk.end() + 1].isupper() and _NAME_BEFORE.search(
        text, max(0, brk.start() - 40), brk.start()) is not None or bool(_ADJECTIVE_BEFORE.search(text[max(0, brk.start() - 40):brk.start()])))


# British and American spellings of a name's "-isation"/"-ization" ("Economic Cooperation Organisation")
_OTHER_SPELLING = re.compile(r"(?<=[a-z])i[sz]ation", re.I)
_SWAP_SZ = str.maketrans("szSZ", "zsZS")


# an acronym glued to a year ("SESTA2018"): the name and a date, read apart
_GLUED_YEAR = re.compile(r"\b([A-Z]{2,})((?:19|20)\d\d)\b")
# a cited journal's volume and first page after its year and title ("(2020) J. Child Sex. Exploitation 45"):
# where the work is found, not a figure of the claim
_CITED_VOLUME = re.compile(r"\((?:19|20)\d\d\)\s+(?:[A-Z][\w.&'-]*\s+){1,8}?(?P<at>\d+(?:\s*[:(,]\s*\d+\)?)?)\b")


# "cannot be", "could never be", "impossible to", "unable to", "without ... being": what follows is said to be impossible (`denied:`
# in the terms file), one concept with it rather than a denial of the clause
_IMPOSSIBLE = re.compile(r"\b(?:can(?:not|'t|\s+not|\s+never)|could(?:\s+not|n't|\s+never)|"
                         r"(?:impossible|hard|difficult|harder|more\s+difficult|unable|struggl(?:e|es|ed|ing)|"
                         r"fail(?:s|ed|ing)?)\s+to|without(?:\s+[\w'’-]+){0,3}?\s+being)(?:\s+\w+ly)?(?:\s+be)?(?:\s+\w+ly)?\s+$", re.I)


# "... days before FOSTA became law": what follows names a point in time, not a party to the
# clause's event (it came first, so the thing named did not bring it about)
_EARLIER_THAN = re.compile(r"\b(?:before|prior\s+to|ahead\s+of|until|till)\b[^,;:()—–]*$", re.I)


# a superlative said as a comparison: "no event draws more trafficking than the Super Bowl", "more
# victims than any other country", and asked as one: "is there any bigger event than the Super Bowl?"; the
# "no" asserts a superlative and denies nothing ("no evidence that X draws more ... than", "nothing to show that" deny)
_COMPARED_WITH_ALL = re.compile(
    r"\b(?P<no>no|nothing|nobody|none)\b(?!\s+(?:more|fewer|less|longer)\b)(?:\s+(?!(?:evidence|proof|sign|indication|"
    r"data|research|reason|basis|show|suggest|indicate|prove|support)\b)[\w'-]+){1,8}?\s+"
    r"(?P<more>more|larger|bigger|greater)\s+(?:[\w'-]+\s+){0,6}?than\b|"
    r"\b(?P<more2>more|larger|bigger|greater)\s+(?:[\w'-]+\s+){0,6}?than\s+(?:any(?:\s+other)?|all\s+others?)\b|"
    r"\bis\s+there\s+(?:really\s+)?any(?:thing|one|body)?(?:\s+(?!that\b|whether\b|evidence\b|proof\b)[\w'-]+){0,2}?\s+(?P<more3>more|larger|bigger|greater)\s+"
    r"(?:[\w'-]+\s+){0,6}?than\b(?=[^?]*\?)", re.I)
_LARGEST = "C:largest"
# a negative question ("Isn't it true that ...?", "Doesn't X ...?") expects yes: its "n't" denies nothing
_NEGATIVE_QUESTION = re.compile(r"^\W*(?:is|are|was|were|do|does|did|has|have|had|ca|could|wo|would|should)(?P<no>n't)\b"
                                r"(?=[^?]*\?\W*$)", re.I)
# "it isn't X unless Y", "unless Y, it is not X", "nobody is X unless Y", "cannot be X unless Y": X requires Y
_NOT_UNLESS = re.compile(r"\bunless\b[^.;:]*?,[^.;:]*?(?P<no>\bnot\b|n't\b)|(?P<no2>\bnot\b|n't\b|\bnobody\b|\bno one\b|\bcannot\b)[^.;:,]*?\bunless\b", re.I)
# an increase said as a comparison with a time or cause: "more people are trafficked whenever a
# country hosts ...", "more children go missing during the holidays" (with no "than": not a ranking)
_MORE_WHEN = re.compile(r"\bmore\s+(?:[\w'-]+\s+){1,3}?(?:are|were|is|was|get|gets|got|go|goes|went)\s+"
                        r"(?:\w+ly\s+)?(?:[\w'-]+ed|missing)\b(?P<rest>[^.;:]*?)\b(?:when|whenever|during|each\s+time|"
                        r"every\s+time)\b", re.I)
_INCREASE = "C:increase"
# phrases whose words stand apart, each read as its concept: a phrasal verb around its object ("take the
# websites down", "shut it down"; not "shut itself down", a closure by its own operators), children
# "depicted in" abuse (abuse material, "images" unsaid), a trail left to someone ("leave investigators no
# trail": untraceable, its "no" no denial), sex work coerced ("made to work as prostitutes", "forced to sell
# sex": trafficking, as forced prostitution is), what stays inside one country, and a figure or claim someone
# questions, disputes or challenges ("the GAO questioned the government's estimate of ..."): doubtful (`rumour`)
_SAID_APART = [(re.compile(p, re.I), concept) for p, concept in (
    (r"\b(?:take|takes|took|taken|taking|shut|shuts|shutting)\s+(?:(?:the|a|an|its|their|these|those|all)\s+)?"
     r"(?!(?:itself|themselves|himself|herself)\b)(?:[\w-]+\s+){1,2}?(?:down|offline)\b", "C:takedown"),
    (r"\bdepict(?:ed|s|ing)?\s+in\s+(?:[\w-]+\s+){0,3}?abuse\b", "C:csam"),
    (r"\b(?:leave|leaves|left|leaving)\s+(?:[\w'-]+\s+){1,2}?(?P<no>no)\s+(?:trail|trace)s?\b", "C:untraceable"),
    (r"\b(?:forced|made|compelled|coerced|pressured)\s+(?:in)?to\s+(?:(?:work|serve)\s+(?:as|in)\s+(?:an?\s+|the\s+)?"
     r"(?:prostitut\w*|sex\s+work\w*|sex\s+trade)|sell(?:ing)?\s+sex|prostitut\w*)", "C:trafficking"),
    # inside one country, the contrary of across borders (`opposites:`): "within Ruritania's own borders", not either
    (r"(?:\bwithin\s+(?:[\w'-]+\s+){0,3}?borders\b|\b(?:within|inside)\s+(?:the|a|one|its|their)\s+(?:own\s+)?country\b)"
     r"(?!,?\s+(?:or|and)\s+(?:over|across)\b)", "C:domestic"),
    (r"\b(?:question(?:s|ed|ing)|disput(?:es|ed|ing)|challeng(?:es|ed|ing)|doubt(?:ed|ing))\s+(?:the|its|their|this|that|"
     r"these|those|an?|[\w-]+'s)\s+(?:[\w'-]+\s+){0,3}?(?:estimate|figure|claim|number|statistic|count)s?\b", "C:rumour"))]
_NECESSITY = "C:oblige"
_TRAFFICKING, _NETWORK_TRAFFIC, RUMOUR = "C:trafficking", "C:network traffic", "C:rumour"  # (rumour: not asserted)
_CITED_FOR = re.compile(r"\bfor\s+$", re.I)  # (searched up to "the claim that": the word before it)


def _a_networks(text: str, at: int, spans: list[tuple[int, int, str]]) -> bool:
    """The word "traffic" at `at` follows a name ("Tor traffic", "Tor network traffic") or a possessive
    ("the site's traffic"): a network's traffic, not trafficking in people."""
    return text.endswith("'s ", max(0, at - 3), at) or bool(spans) and not text[spans[-1][1]:at].strip()


def _time_reference(text: str, at: int) -> bool:
    """The name at `at` follows "before", "prior to", "ahead of" or "until" in its clause (read back)."""
    return _EARLIER_THAN.search(text, max(0, at - 60), at) is not None


def _starts_sentence(text: str, at: int) -> bool:
    """A capital at `at` opens a sentence (so it says nothing about a name): only spaces and opening
    quotes or brackets stand between it and the text's start or a full stop (read a few characters back)."""
    before = text[max(0, at - 8):at]
    bare = before.rstrip(" \t\n\"'“‘(")
    if not bare:
        return at <= len(before)
    return bare[-1] in ".!?:;"


_MARKET = ("market", "marketplace")
_MARKET_KINDS = ("darknet", "dark net", "dark web", "darkweb", "online", "underground", "black")


def _described(name: str) -> list[str]:
    """A market's name and the ways texts write it with what it is ("the Hansa marketplace" for Hansa
    Market); an operation's name also with the word after it ("the DisrupTor operation", "sweep",
    "crackdown") or introduced ("the operation known as DisrupTor", "dubbed"); any other name as it is."""
    first, _, rest = name.partition(" ")
    if first == "Operation" and rest:
        return [name] + [f"{rest} {word}" for word in ("operation", "sweep", "crackdown")] + [
            f"operation {how} {rest}" for how in ("known as", "called", "named", "dubbed", "codenamed", "code-named")]
    head, _, last = name.rpartition(" ")
    if not head or last.casefold() not in _MARKET:
        return [name]
    return [name] + [" ".join(filter(None, (head, kind, word))) for kind in ("", *_MARKET_KINDS) for word in _MARKET]


# names listed before the noun they share ("the Dream, Hansa and AlphaBay marketplaces") or with a name
# the lexicon knows ("Dream, Hansa and AlphaBay were seized") name Dream Market ("Dream" alone does not)
_LISTED_MARKETS = re.compile(r"\b[A-Z][\w-]*(?:,\s+[A-Z][\w-]*)*,?\s+(?:and|or|&)\s+[A-Z][\w-]*(?P<kind>\s+"
                             r"(?:(?:" + "|".join(k.replace(" ", r"[\s-]") for k in _MARKET_KINDS) + r")\s+)?"
                             r"market(?:place)?s\b)?")
_CAPITALISED = re.compile(r"[A-Z][\w-]*")
# "..., unlike Hansa and AlphaBay, ...", "rather than FOSTA's offence, ...", "a national statute, not an
# international law", "it was Craigslist, not Backpage, that ...", "there is no law called X": what follows, up
# to the clause's end, is set against the rest, or set aside (said not to exist)
# "..., but Telegram does so only in secret chats": a clause of "but", "whereas" or "while" that says "only"
# restricts what it names to less than the rest says; "moved from the open web to the dark web": what moved
# is no longer where it was; "a far smaller total than tens of thousands": what a thing is said to be smaller
# than it is not ("fewer than 100 cases", with no noun between, bounds a figure and sets nothing aside)
_CONTRAST = re.compile(r"(?:\b(?:unlike|in\s+contrast\s+(?:to|with)|as\s+opposed\s+to|except(?:\s+for)?|rather\s+than|"
                       r"instead\s+of|there\s+(?:is|are|was|were)\s+no(?!\s+doubt\b)|"
                       r"(?:smaller|fewer|less|lower)\s+(?:[\w'-]+\s+){1,3}?than)\s+|"
                       r",\s+not\s+(?:(?:a|an|the)\s+|(?=(?-i:[A-Z]))))[^,;:()—–]*|"
                       r"\b(?:but|whereas|while)\s+(?=[^,;:()—–]*\bonly\b)[^,;:()—–]*|"
                       r"(?:(?<=\bmoved\s)|(?<=\bshifted\s)|(?<=\bmigrated\s))from\s+[^,;:()—–]*?(?=\s+(?:to|into|onto)\b)", re.I)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def word_token(word: str) -> tuple[str | None, bool]:
    """A word's stem (None for stop words, numbers, negations and words under three letters) and
    whether it has a capital after its first letter; cached, since documents repeat their words."""
    low = word.lower().strip("'.-")
    if low in _STOP or len(low) < 3 or NEGATION.fullmatch(low) or low.isdigit() or is_number_word(low):
        return None, False
    return _stem(word), any(c.isupper() for c in word[1:])


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """Cached: a document repeats its words, and Snowball in pure Python costs ~20 µs a word
    (it was 70% of a 0.5 MB scan before the cache)."""
    return _stemmer().stemWord(word.lower().strip("'’.-"))


@dataclass
class Reading:
    """A text read into terms: entities ("E:..."), concepts ("C:...") and stems, plus figures."""

    entities: set[str]  # "E:<canonical>" from the lexicon, "N:<stem>" for other capitalised names
    terms: set[str]  # concepts and stems (entities included)
    figures: list
    negated: bool  # some clause is denied
    surfaces: dict[str, str] = field(default_factory=dict)  # term -> how the text wrote it
    clauses: list[tuple[set[str], bool | None]] = field(default_factory=list)  # (terms, denied; None: a stressed contrary)
    counted: dict[int, frozenset] = field(default_factory=dict)  # figure start -> what it counts, or is a share of
    qualifiers: set[str] = field(default_factory=set)  # entities named only right before another ("the EU DSA")
    dates: set[tuple[str, str | None, bool]] = field(default_factory=set)  # (month, year, with its day) of dates
    units: dict[int, str] = field(default_factory=dict)  # figure start -> "money", "duration" or "" (a count)
    modifiers: set[str] = field(default_factory=set)  # relations written only as a noun's adjective ("closed groups")
    head: str | None = None  # the first term of what is said (its subject side), past an attribution
    passive: bool = False  # "... was shut down by ...": the doer comes after the verb
    reported: frozenset = frozenset()  # what the text's reports or cases are of ("reports of domestic violence")
    contrasted: frozenset = frozenset()  # terms said only where set aside ("unlike Hansa", "rather than the dark web")
    one_year: bool = False  # what it says is dated to one year ("in 1999")
    years: frozenset = frozenset()  # the years it names ("between 2013 and 2017": 2013 and 2017)
    magnitudes: tuple = ()  # (least, bound, what is counted) of counts said by size ("tens of thousands of images")

    @classmethod
    def merged(cls, readings: list["Reading"]) -> "Reading":
        """One reading of several texts read apart (their terms, names, figures and clauses)."""
        surfaces: dict[str, str] = {}
        for r in reversed(readings):
            surfaces.update(r.surfaces)
        return cls(set().union(*(r.entities for r in readings)), set().union(*(r.terms for r in readings)),
                   [f for r in readings for f in r.figures], any(r.negated for r in readings), surfaces,
                   [c for r in readings for c in r.clauses])  # (counted: left out, the offsets would collide)

    def around(self, terms: set[str]) -> tuple[set[str], bool]:
        """The terms of the clauses that carry most of `terms` (at least half as many as the best
        clause), and whether one of them is denied (None when one denies and another stresses the
        contrary): a long sentence's other clauses neither dilute nor negate what it says of the claim."""
        best = max((len(c[0] & terms) for c in self.clauses), default=0)
        hit = [c for c in self.clauses if c[0] & terms and len(c[0] & terms) * 2 >= best]
        if not hit:
            return self.terms, self.negated
        return set().union(*(c[0] for c in hit)), None if {True, None} <= {c[1] for c in hit} else any(c[1] for c in hit)


class Lexicon:
    """The entity and concept forms, compiled into one pattern (longest forms first)."""

    def __init__(self, orgs=None, facts=()):
        import yaml

        from litcheck.library.paths import DATA_DIR

        data = yaml.safe_load((DATA_DIR / "claim-terms.yaml").read_text(encoding="utf-8"))
        forms: dict[str, str] = {}
        exact: dict[str, str] = {}  # all-capital short forms match in capitals only ("US", not "us")

        def add(form: str, token: str):
            form = " ".join(str(form).split())
            if not form:
                return
            if form.isupper() and len(form) <= 5:
                exact.setdefault(form, token)
                return
            forms.setdefault(form.casefold(), token)
            if token.startswith("E:"):  # a name in the other spelling: "Organisation" = "Organization"
                forms.setdefault(_OTHER_SPELLING.sub(lambda m: m.group(0).translate(_SWAP_SZ), form).casefold(), token)

        for canonical, names in (data.get("entities") or {}).items():
            for name in [canonical, *names]:
                add(name, "E:" + canonical)
        self.heads: dict[str, str] = {}  # "dream" -> Dream Market: a market's one-word name before "Market"
        for fact in facts:
            for name in fact.names:
                for form in _described(name):
                    add(form, "E:" + fact.names[0])
                head, _, last = name.rpartition(" ")
                if head.isalnum() and last.casefold() in _MARKET:
                    self.heads.setdefault(head.casefold(), "E:" + fact.names[0])
        if orgs is not None:
            for form, canonical in orgs.canonical.items():
                add(form if not form.isalpha() or len(form) > 5 else form.upper(), "E:" + canonical)
        for concept, words in (data.get("concepts") or {}).items():
            for word in words:
                add(word, "C:" + concept)
        self.relations = {"C:" + r for r in data.get("relations") or ()}
        kinds = {name: "C:" for name in data.get("concepts") or {}} | {name: "E:" for name in data.get("entities") or {}}
        self.alternatives = [{kinds[name] + name for name in group} for group in data.get("alternatives") or ()]
        self.setting = {kinds[name] + name for name in data.get("setting") or ()}
        self.rankings = {kinds[name] + name for name in data.get("rankings") or ()}
        self.opposites = {("C:" + a, "C:" + b) for pair in data.get("opposites") or () for a, b in (pair, pair[::-1])}
        self.forms, self.exact = forms, exact
        # a name that is a description ("online sexual exploitation of children" = OSEC) is also
        # said by its words in another order ("online child sexual exploitation")
        self.descriptions: dict[str, list[frozenset]] = {}
        for canonical, names in (data.get("entities") or {}).items():
            for name in names:
                if str(name).islower() and len(words := WORD.findall(str(name))) > 2:
                    said = frozenset(t for w in words if (t := self._word(w)))
                    self.descriptions.setdefault("E:" + canonical, []).append(said)
        # a country's national bodies say the country ("the Justice Department" says the federal state)
        self.kinds = {"E:" + name: "C:" + kind for kind, names in (data.get("kinds") or {}).items() for name in names}
        self.bodies = {"E:" + country: {"E:" + b for b in bodies} for country, bodies in (data.get("bodies") or {}).items()}
        self.denied = {"C:" + a: "C:" + b for a, b in (data.get("denied") or {}).items()}
        self.implied = {"C:" + a: [frozenset("C:" + c for c in together) for together in groups]
                        for a, groups in (data.get("implied") or {}).items()}
        self.also = {" ".join(str(f).split()).casefold(): "C:" + c for c, fs in (data.get("also") or {}).items() for f in fs}
        self.parties = {" ".join(str(w).split()).casefold() for w in data.get("parties") or ()}
        alternatives = sorted(list(forms) + list(exact), key=len, reverse=True)
        body = alternation(alternatives, lambda f: re.escape(f).replace(r"\ ", r"[\s-]+"), ignorecase=True)
        self.pattern = re.compile(r"(?<![\w@])" + body + r"(?![\w])", re.I)

    def _word(self, word: str) -> str | None:
        """One word's term: the concept it is a form of, or its stem."""
        token = self.forms.get(word.casefold())
        return token if token and token.startswith("C:") else word_token(word)[0]

    def names(self, entity: str, reading: Reading) -> bool:
        """The reading names the entity: by one of its forms, one of its bodies (for a country), or all the
        words of a description."""
        if not entity.startswith("E:"):
            return entity[2:] in reading.terms  # a name the lexicon does not know ("N:<stem>")
        return entity in reading.entities or bool(self.bodies.get(entity, set()) & reading.entities) \
            or any(d <= reading.terms for d in self.descriptions.get(entity, ()))

    def read(self, text: str, ordinary: frozenset = frozenset()) -> Reading:
        """`ordinary`: stems of words written in lower case in the text's field; a run of two or
        more capitalised words all of them ordinary ("Very Large Online Platforms") is a defined
        term, not a name a restatement must carry (a claim's reading passes them)."""
        from litcheck.scan.quantities import is_year, quantities

        text = _GLUED_YEAR.sub(r"\1 \2", text.replace("’", "'"))
        low = lowered(text)  # blanking footnote references below cannot add a word to it
        if low is None or "fn" in low or "note" in low:  # "(fn 34)" in a register is not a figure
            text = _FOOTNOTE_REF.sub(" ", text)
        figures = asserted(text, [q for q in quantities(text) if not is_year(q)])
        if "(" in text:
            volumes = [m.span("at") for m in _CITED_VOLUME.finditer(text)]
            figures = [q for q in figures if not any(a <= q.start < b for a, b in volumes)]
        entities: set[str] = set()
        terms: set[str] = set()
        surfaces: dict[str, str] = {}
        found: list[tuple[int, str]] = []  # (offset, term) of the entity and concept forms
        verbal: set[str] = set()  # relations written as a verb at least once
        parties: list[tuple[int, int, str]] = []  # (start, end, term) of the words naming who acts
        spans: list[tuple[int, int, str]] = []  # (start, end, entity) of the entity forms
        chars = list(text)

        def note(token: str, at: int, surface: str) -> None:  # a term read at offset `at`
            terms.add(token)
            found.append((at, token))
            surfaces.setdefault(token, surface)

        for m in self.pattern.finditer(text):
            surface = m.group(0)
            key = " ".join(surface.replace("-", " ").split())
            token = self.exact.get(surface) if surface in self.exact else None
            if token is None:
                token = self.forms.get(" ".join(surface.split()).casefold()) or self.forms.get(key.casefold())
            if token is None:
                continue  # an all-capitals form written in lower case: an ordinary word
            if text.startswith("$", m.end()):
                continue  # a currency's country ("US$150bn") is the money's, not a place the text names
            if token == RUMOUR and surface[:4].casefold() == "the " \
                    and _CITED_FOR.search(text, max(0, m.start() - 12), m.start()):
                continue  # "cites Bales for the idea that ...": what a source is cited for, not a claim called doubtful
            start = m.start()
            if token == _TRAFFICKING and surface.casefold() == "traffic" and _a_networks(text, start, spans):
                token = _NETWORK_TRAFFIC
            if token in self.denied and (said := _IMPOSSIBLE.search(text, max(0, start - 40), start)):
                token, start, surface = self.denied[token], said.start(), text[said.start():m.end()]
            note(token, m.start(), surface)
            if kind := self.kinds.get(token):  # "the World Cup" says a sporting event
                note(kind, m.start(), surface)
            if second := self.also.get(" ".join(surface.split()).casefold()):  # "get paid": payment as well as receive
                note(second, m.start(), surface)
                verbal |= {second} & self.relations  # a verb phrase, never a participle before a noun
            if token in self.descriptions and (surface.islower() or surface[1:].islower() and _starts_sentence(text, start)):
                # a name written as its description (a sentence may open with it) says its words too, as
                # another text may say them without the name ("an explosion of online child sexual exploitation")
                for w in WORD.findall(surface):
                    if t := self._word(w):
                        terms.add(t)
                        surfaces.setdefault(t, w)
            if token in self.relations and not _attributive(text, m.start(), m.end()):
                verbal.add(token)
            if " ".join(surface.split()).casefold() in self.parties:
                parties.append((m.start(), m.end(), token))
            if token.startswith("E:") and not _time_reference(text, m.start()):
                entities.add(token)
                spans.append((m.start(), m.end(), token))
                # the number of a name ("SDG 8.7", "Section 230") is part of the name, not a figure
                figures = [q for q in figures if not m.start() <= q.start < m.end()]
            chars[start:m.end()] = "_" * (m.end() - start)  # read; still a word for the negation test
        for listed in _LISTED_MARKETS.finditer(text) if self.heads else ():
            names = list(_CAPITALISED.finditer(text, listed.start(), listed.end()))
            if not listed.group("kind") and all(chars[m.start()] != "_" for m in names):
                continue  # capitalised words listed with no market noun and no name the lexicon knows
            for m in names:
                if chars[m.start()] != "_" and (token := self.heads.get(m.group(0).casefold())):
                    note(token, m.start(), m.group(0))
                    entities.add(token)
                    chars[m.start():m.end()] = "_" * (m.end() - m.start())
        for m in _COMPARED_WITH_ALL.finditer(text) if low is None or "than" in low else ():
            more = next(g for g in ("more", "more2", "more3") if m.group(g))
            note(_LARGEST, m.start(more), m.group(0))
            if m.group("no"):
                chars[m.start("no"):m.end("no")] = "_" * len(m.group("no"))  # a superlative, not a denial
        if (asked := _NEGATIVE_QUESTION.match(text)) is not None:
            chars[asked.start("no"):asked.end("no")] = "___"  # asks for yes: no denial
        for m in _NOT_UNLESS.finditer(text) if low is None or "unless" in low else ():
            no = "no" if m.group("no") else "no2"
            note(_NECESSITY, m.start(), "unless")
            chars[m.start(no):m.end(no)] = "_" * len(m.group(no))
        for pattern, concept in _SAID_APART:
            for m in pattern.finditer(text) if may_match(pattern, low) else ():
                note(concept, m.start(), m.group(0))
                if concept in self.relations:
                    verbal.add(concept)
                if m.groupdict().get("no"):
                    chars[m.start("no"):m.end("no")] = "__"  # a trail left to no one, not a denial
        for m in _MORE_WHEN.finditer(text) if low is None or "more" in low else ():
            if " than " not in m.group("rest"):
                note(_INCREASE, m.start(), text[m.start():m.start("rest")])
                verbal.add(_INCREASE)
        for q in figures:  # a figure's words are the figure ("four out of five": no "out"; "No. 29" stays)
            if any(c.isalpha() for c in q.surface):
                chars[q.start:q.end] = "_" * (q.end - q.start)
        rest = "".join(chars)
        bounds = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(rest) if not _lists_names(text, m)] + [len(rest) + 1]
        denial = _may_deny(low)
        clauses = [(set(), True if denial and NEGATION.search(rest, a, b) else None if denial and _STRESSED_CONTRARY.match(
            rest, a - 4 if rest[a - 4:a].lower() == "but " else a, b) else False) for a, b in zip(bounds, bounds[1:])]  # None: a denial's contrary
        for start, token in found:
            clauses[bisect.bisect_right(bounds, start) - 1][0].add(token)
        at: dict[int, str] = dict(found)  # offset -> term, for what a figure counts
        capitals: list[tuple[int, int, str | None, bool]] = []  # capitalised words: (start, end, stem, ordinary)
        for m in WORD.finditer(rest):
            word = m.group(0)
            token, inner_capital = word_token(word)
            if ordinary and word[0].isupper() and not _starts_sentence(rest, m.start()):
                capitals.append((m.start(), m.end(), token, token is None or token in ordinary))
            if token is None:
                continue
            at[m.start()] = token
            if ((word[0].isupper() and not _starts_sentence(rest, m.start())) or inner_capital) \
                    and not _time_reference(rest, m.start()):
                entities.add("N:" + token)  # a name the lexicon does not know: matched as its word
            terms.add(token)
            surfaces.setdefault(token, word)
            clauses[bisect.bisect_right(bounds, m.start()) - 1][0].add(token)
        entities -= {"N:" + t for t in _defined_terms(rest, capitals)}
        counted = {q.start: c for q in figures if (c := counted_after(rest, q.end, at, q.percent))}
        return Reading(entities, terms, figures, any(c[1] for c in clauses), surfaces, clauses, counted,
                       _qualifiers(text, spans), dates_in(text) if low is None or any(m in low for m in MONTHS) else set(),
                       {q.start: figure_unit(text, q) for q in figures if not q.percent},
                       (terms & self.relations) - verbal, subject_side(text, parties), PASSIVE.search(text) is not None,
                       frozenset().union(*(counted_after(rest, m.end(), at) for m in REPORTS_OF.finditer(text))),
                       _set_aside(text, at), ONE_YEAR.search(text) is not None, frozenset(YEAR.findall(text)),
                       tuple((*magnitude(m), counted_after(rest, m.end(), at)) for m in MAGNITUDE.finditer(text)))


def _set_aside(text: str, at: dict[int, str]) -> frozenset:
    """The terms (`at`: offset -> term) a text says only where it sets them against the rest or aside
    (`_CONTRAST`): "advertise on social media rather than on the dark web" does not say the dark web."""
    spans = [(m.start(), m.end()) for m in _CONTRAST.finditer(text)]
    inside = {o for o in at if any(a < o < b for a, b in spans)}
    return frozenset({at[o] for o in inside} - {t for o, t in at.items() if o not in inside})


# a participle right before a noun, after a determiner, a preposition, a comma or "use": an
# adjective ("use encrypted apps, closed groups"), not the verb of what is said ("police closed sites")
_BEFORE_ADJECTIVE = re.compile(r"(?:^|[,;:(]|\b(?:a|an|the|its|their|his|her|our|these|those|some|many|of|in|on|with|"
                               r"through|via|for|from|into|use|uses|used|using))\s*$", re.I)
_NEXT_WORD = re.compile(r"\s+([a-z][a-z'-]*)")


def _attributive(text: str, start: int, end: int) -> bool:
    """The relation form at start:end is a participle used as an adjective of the next word."""
    if not text[start:end].lower().endswith("ed") or " " in text[start:end]:
        return False
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and word_token(nxt.group(1))[0] is not None \
        and _BEFORE_ADJECTIVE.search(text, max(0, start - 12), start) is not None


# between a place or body and the name of what is theirs: "EU Digital Services Act", "India's POCSO"
_QUALIFIER_GAP = re.compile(r"(?:'s)?\s+")


def _qualifiers(text: str, spans: list[tuple[int, int, str]]) -> set[str]:
    """The entities named only as the place or body a next name belongs to ("the EU Digital
    Services Act", "India's POCSO Act"): the next name names the thing, so a restatement need not
    repeat whose it is."""
    before = {i for i, (a, b) in enumerate(zip(spans, spans[1:]))
              if a[2] != b[2] and _QUALIFIER_GAP.fullmatch(text, a[1], b[0])}
    return {spans[i][2] for i in before} - {s[2] for i, s in enumerate(spans) if i not in before}


def _quoted(text: str, start: int, end: int) -> bool:
    """The words at start:end stand in quotation marks: a title ("'International Laws'"), a name."""
    return text[start - 1:start] in ("'", '"', "“", "‘") and text[end:end + 1] in ("'", '"', "”", "’")


def _defined_terms(text: str, capitals: list[tuple[int, int, str | None, bool]]) -> set[str]:
    """The stems of the runs of two or more capitalised words (only blanks between them) whose
    words are all ordinary and not in quotation marks (a title): "Very Large Online Platforms"."""
    out: set[str] = set()
    run: list[tuple[int, int, str | None, bool]] = []
    for word in [*capitals, (-1, -1, None, False)]:  # the sentinel ends the last run
        if run and (word[0] < 0 or text[run[-1][1]:word[0]].strip()):
            if len(run) > 1 and all(w[3] for w in run) and not _quoted(text, run[0][0], run[-1][1]):
                out |= {w[2] for w in run if w[2]}
            run = []
        run.append(word)
    return out
