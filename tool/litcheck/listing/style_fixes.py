"""Per-style adjustments of one CSL item, where a style file alone gets APA 7 or OSCOLA 4 wrong.

Each function takes the CSL-JSON item `litcheck.listing.csl` made and returns the item that
style should format (a new dict; the input is never changed). They run before pandoc, in every
run of that style only (`Style.prepare`), so the data exports and other styles are untouched.
What each fix follows is written down in docs/citation-engine.md.
"""

from __future__ import annotations

import re

# --- APA 7 ---------------------------------------------------------------------------------------

_RELEASE = re.compile(r"\b(?:press|news|media) (?:release|statement)\b", re.I)
# A description of a document rather than a publisher's name says who wrote, funded or
# commissioned it ("national report, by A, B and C, funded by D"; "Report prepared for E").
_CONNECTOR = r"\s+(?:by|prepared for|(?:co-)?funded|commissioned)\b"
_DESCRIPTION = re.compile(_CONNECTOR, re.I)
_GENERIC_KIND = {"report", "final report", "document"}
# A note on the form in lower case after a name: "Internet Watch Foundation (online report)",
# "JawadWeb (jawadweb.com)".
_FORM_NOTE = re.compile(r"\s*\([a-z][a-z0-9 .-]*\)\s*$")
# A web page's free-text source that starts with the kind of document: "Blog post, JawadWeb
# (jawadweb.com)", "Article manuscript (LL.M., ...); journal ... not identified".
_WEB_KIND = re.compile(r"^(blog post|article manuscript|web page|online article)\b\s*,?\s*", re.I)


def _kind_of_document(text: str) -> str:
    """The head of a free-text description ("Press release, Alexandria ..." -> "Press release")."""
    return re.split(rf"[,;(]|{_CONNECTOR}", text, maxsplit=1, flags=re.I)[0].strip()


def apa_item(item: dict) -> dict:
    """APA 7 (9.24, 10.4): a group author that is also the publisher is not repeated as publisher.
    A press release is dated to the day ("(2017, July 20). *Title* [Press release]."): apa.csl
    gives a full date to `document` but only the year to `report`, so it is formatted as one.
    The bracketed description names the kind of document only ("[Press release]"), and the
    publisher position takes a publisher's name: a free-text description of who wrote
    or funded a report ("Disrupting Harm national report, by ..., funded by ...") is neither, so
    APA gets its head as the description and no publisher (APA's reference has no funder).
    In the same way a note on the form after a name ("Internet Watch Foundation (online
    report)") is not part of the publisher's name, and a web page's source that starts with its
    kind ("Blog post, JawadWeb (jawadweb.com)") gives "[Blog post]" and the site name "JawadWeb"."""
    item = dict(item)
    if item.get("publisher"):
        item["publisher"] = _FORM_NOTE.sub("", item["publisher"])
    authors = item.get("author") or []
    if len(authors) == 1 and item.get("publisher") and authors[0].get("literal") == item["publisher"]:
        del item["publisher"]
    kind = _WEB_KIND.match(item.get("container-title", "")) if item.get("type") == "webpage" else None
    if kind:
        site = item.pop("container-title")[kind.end():]
        item.setdefault("genre", kind.group(1).capitalize())
        if site and not re.search(r"[;()]", _FORM_NOTE.sub("", site)):  # a name, not more description
            item["container-title"] = _FORM_NOTE.sub("", site)
    if item.get("type") == "report" and _DESCRIPTION.search(item.get("publisher", "")):
        kind = _kind_of_document(item.pop("publisher"))
        if kind and kind.lower() not in _GENERIC_KIND and "genre" not in item:
            item["genre"] = kind
    if item.get("type") == "report" and _RELEASE.search(item.get("genre", "")):
        item["type"] = "document"
        item["genre"] = _kind_of_document(item["genre"])
    return item


# --- OSCOLA 4 ------------------------------------------------------------------------------------

# A short title that already carries its year: "... Act 2003", "... Act, 2012", "... Act of 2000",
# "... Act, 2016 (Act No. XL of 2016)".
_TITLE_YEAR = re.compile(r"(?:,|\s+of)?\s+(\d{4})(?:\s*\([^()]*\))?\s*$")
# "Official Journal of the European Union, L 119, 4 May 2016, pp. 1-88; ..." (series, issue,
# date of the issue, first page).
_OJ = re.compile(r"^\s*Official Journal of the European (?:Union|Communities)\s*,?\s*(?P<series>[LC])\s*(?P<issue>\d+)"
                 r"\s*,\s*(?:\d{1,2}\s+[A-Za-z]+\s+|\d{1,2}\.\d{1,2}\.)?(?P<year>\d{4})"
                 r"(?:\s*,\s*pp?\.?\s*(?P<page>\d+))?", re.I)
# A US federal statute's session-law citation: "Pub. L. No. 115-164, 132 Stat. 1253".
_PUBLIC_LAW = re.compile(r"\bPub(?:lic|\.)?\s*L(?:aw|\.)?\s", re.I)
_STATUTES_AT_LARGE = re.compile(r"\b\d+\s+Stat\.?\s+\d+(?:[-\u2013]\d+)?(?:,\s*\d+)*")


def _year(item: dict) -> int | None:
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    return parts[0][0] if parts[0] else None


def _without(item: dict, *names: str) -> dict:
    return {k: v for k, v in item.items() if k not in names}


def oscola_item(item: dict) -> dict:
    """Legislation as OSCOLA 4 cites it; oscola.csl prints every law as "Title Year (details)".

    - EU regulations and directives (OSCOLA 4th edition): "Title [Year] OJ L119/1", the year and
      numbers of the Official Journal issue that published the act.
    - Legislation of other jurisdictions is cited as at home, without full stops in
      abbreviations. A US federal act (Bluebook): "Name of Act, Pub L No 115-164, 132 Stat
      1253 (2018)", the year of enactment after the session-law citation, so a short title that
      names another year ("... Act of 2017", enacted 2018) is not followed by a second year.
    - A short title that already ends in its year ("... Act, 2012") is not given the year again;
      a different year of enactment follows in brackets ("Example Act of 2017 (2018)").
    """
    if item.get("type") != "legislation":
        return item
    title, details, year = item.get("title", ""), item.get("container-title", ""), _year(item)
    journal = _OJ.match(details)
    if journal:
        page = f"/{journal['page']}" if journal["page"] else ""
        cite = f"[{journal['year']}] OJ {journal['series'].upper()}{journal['issue']}{page}"
        return {**_without(item, "issued", "container-title"), "title": f"{title} {cite}"}
    session_law = _STATUTES_AT_LARGE.search(details)
    if year and session_law and _PUBLIC_LAW.search(details):
        cited = f"{details[:session_law.end()]} ({year}){details[session_law.end():]}".replace(".", "")
        return {**_without(item, "issued", "container-title"), "title": f"{title}, {cited}"}
    own_year = _TITLE_YEAR.search(title)
    if year and own_year:
        item = _without(item, "issued")
        if int(own_year.group(1)) != year:
            item["title"] = f"{title} ({year})"
    return item
