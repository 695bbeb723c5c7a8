"""Organisation names found in text (from the vocabulary and the library), and acronyms the
text defines ("Digital Services Act (DSA)"), which are names, not citations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from litcheck.scan.alternation import alternation
from litcheck.scan.citations.model import LOOKBACK


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
        body = alternation(forms, lambda f: re.escape(f).replace(r"\ ", r"\s+"), ignorecase=True)
        pattern = re.compile(r"(?<![\w-])" + body + r"(?![\w-])", re.I)
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
                before = text[max(0, m.start() - LOOKBACK):m.start()].rstrip()  # bounded: linear on long text
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
    "estonia", "latvia", "lithuania", "slovakia", "slovenia", "czechia", "czech republic", "luxembourg", "malta",
    "cyprus", "iceland", "belarus", "georgia", "armenia", "azerbaijan", "kazakhstan", "uzbekistan", "kyrgyzstan",
    "tajikistan", "turkmenistan", "mongolia", "taiwan", "hong kong", "sri lanka", "bhutan", "maldives", "brunei",
    "timor-leste", "papua new guinea", "fiji", "new zealand", "saudi arabia", "qatar", "kuwait", "bahrain", "oman",
    "united arab emirates", "uae", "tunisia", "sudan", "south sudan", "eritrea", "somalia", "djibouti", "tanzania",
    "rwanda", "burundi", "congo", "angola", "zambia", "zimbabwe", "mozambique", "malawi", "madagascar", "namibia",
    "botswana", "south africa", "lesotho", "eswatini", "senegal", "mali", "niger", "burkina faso", "guinea",
    "sierra leone", "liberia", "ivory coast", "côte d'ivoire", "togo", "benin", "cameroon", "chad", "gabon",
    "mauritania", "venezuela", "ecuador", "bolivia", "paraguay", "uruguay", "guatemala", "honduras", "el salvador",
    "nicaragua", "costa rica", "panama", "haiti", "dominican republic", "jamaica", "bosnia and herzegovina",
    "north macedonia", "montenegro", "kosovo", "bahamas",
}
NOT_SOURCES = {
    "ibid", "id", "sic", "emphasis added", "see above", "see below", "optional", "tbd", "annex", "online",
    "offline", "english", "french", "spanish", "arabic", "pdf", "usd", "eur", "gbp", "ai", "ict", "ngo",
    "ngos", "csam", "csem", "osec", "cse", "cseai", "vpn", "vpns", "p2p", "tor", "gps", "url", "ip",
    "plural", "singular", "translated", "translation", "original", "abridged", "forthcoming", "draft",
    "winter", "spring", "summer", "autumn", "fall", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
    # ratings, levels and answers written in parentheses ("revised from Year 2 (Medium)")
    "low", "medium", "high", "very high", "very low", "moderate", "severe", "critical", "minor", "major",
    "limited", "significant", "negligible", "yes", "no", "none", "required", "mandatory", "voluntary", "unknown",
    "male", "female", "other", "total", "average", "mean", "median", "increase", "decrease", "unchanged", "new",
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
    # letters) only when the expansion is written in capitals ("Protection of Children ... (POCSO"),
    # wherever it is missing ("Intergovernmental Service Agreement (IGSA": its G is inside a word)
    if _in_order(letters, initials, words, capitals=False):
        return True
    return len(letters) >= 4 and any(_in_order(letters[:gap] + letters[gap + 1:], initials, words, capitals=True)
                                     for gap in range(len(letters)))


def _in_order(letters: str, initials: str, words: list[str], capitals: bool) -> bool:
    """`letters` appear in order among the initials (with `capitals`: mostly from capitalised
    words, the last of them one of the last two words)."""
    for start in range(len(initials)):
        if initials[start] != letters[0]:
            continue
        j, hit = 0, []
        for k in range(start, len(initials)):
            if j < len(letters) and initials[k] == letters[j]:
                j += 1
                hit.append(k)
        if j < len(letters):
            continue
        if not capitals:
            return True
        if sum(1 for k in hit if words[k][0].isupper()) >= 0.6 * len(hit) and hit[-1] >= len(words) - 2:
            return True
    return False
