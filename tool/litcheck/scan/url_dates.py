"""A reference item dated one day by its text and another by its own address (part of
date-mismatch, no library needed).

News sites and blogs put the day of publication in the path: "nytimes.com/2020/04/02/us/...",
"theguardian.com/.../2021/feb/23/...". An item that gives "10 April 2020" for that page names a
later update, another edition, or a date copied from somewhere else; one dated 20 October 2022 for
a page filed under 2019/02 is a different version from the one the address holds. Either way the
reader cannot tell which text was read. Only an item that gives a full date of its own year is read (a
year alone may be a print edition's; "as of December 31, 2021" in a 2022 report's title is not its
date), against an address that gives at least the year and month; access dates are left out.
"""

from __future__ import annotations

import datetime as dt
import re

from litcheck.scan.dating import MONTH_NUMBERS, published
from litcheck.scan.resolve.items import item_years

_URL = re.compile(r"https?://[^\s)\]>]+")
# "/2020/04/02/", "/2021/feb/23/", "/2019/02/": a date as path segments
_PATH_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0[1-9]|1[0-2]|" + "|".join(MONTH_NUMBERS) + r")/"
                        r"(?:(?P<d>0[1-9]|[12]\d|3[01])/)?", re.I)


def address_date(url: str) -> tuple[int, int, int | None] | None:
    """(year, month, day or None) an address files its page under, or None."""
    m = _PATH_DATE.search(url)
    if m is None:
        return None
    month = m.group("m").lower()
    month_number = int(month) if month.isdigit() else MONTH_NUMBERS[month]
    return int(m.group("y")), month_number, int(m.group("d")) if m.group("d") else None


def url_date_conflicts(ctx):
    """date-mismatch flags on reference items whose full date differs from their address's."""
    for i, item in enumerate(ctx.doc.references):
        urls = _URL.findall(item.text)
        filed = {d for d in map(address_date, urls) if d}
        if len(filed) != 1:
            continue  # no dated address, or two that disagree with each other
        full, _ = published(_URL.sub(" ", item.text))
        year, month, day = filed.pop()
        if full is None or (full.year, full.month) == (year, month) and day in (None, full.day):
            continue
        if full.year not in (item_years(item)[:1] or [full.year]):
            continue  # a date of the title's ("... as of December 31, 2021"), not the item's (2022)
        try:
            shown = dt.date(year, month, day or 1).strftime(f"{'%-d ' if day else ''}%B %Y")
        except ValueError:  # "2021/02/30": not a date
            continue
        given = full.strftime("%-d %B %Y")
        yield ctx.flag_at_reference("date-mismatch", i, f"reference item {i + 1} is dated {given}, but its address "
                                    f"files the page under {shown}: which version was read cannot be told",
                                    evidence=given)
