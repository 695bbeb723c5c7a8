"""An EU legal act credited to a body that does not make EU law: the Council of Europe (the
Strasbourg human-rights organisation of 46 states, not an EU institution) or the European Council
(the heads of state or government, who set direction but do not legislate). EU regulations,
directives and decisions are adopted by the Council of the European Union, with the European
Parliament or alone; the three names are among the confusions fact-checkers correct most often.

Written by hand: the act's form ("Regulation (EU) 2022/350", "Directive 2011/93/EU", "Framework
Decision 2008/913/JHA") and the body are read from the clause with two bounded patterns; no
library knows which institutions adopt which acts.
"""

from __future__ import annotations

import re

_BODY = r"(?P<body>Council of Europe|European Council)(?!\s+(?:of|and|on|for)\b)"
_ADOPTS = r"(?:adopted|adopts|adopting|passed|passes|enacted|enacts|issued|issues|approved|approves)"
_ACT = (r"(?P<act>(?:Council\s+)?(?:Implementing\s+)?(?:Regulation|Directive|Decision)\s*\((?:EU|EC|EEC|CFSP)\)\s*"
        r"(?:No\.?\s*)?\d{2,4}/\d{1,4}|(?:Regulation|Directive)\s+(?:No\.?\s*)?\d{2,4}/\d{1,4}/(?:EU|EC|EEC)|"
        r"Framework\s+Decision\s+\d{4}/\d{1,4}/JHA)")
# "the Council of Europe adopted Regulation (EU) 2022/350"; "Regulation (EU) 2022/350, adopted by the
# European Council"; each within one clause (no full stop or semicolon between, at most 120 characters)
_CREDITED = [re.compile(r"\b(?:the\s+)?" + _BODY + r"(?:(?!Commission|Parliament|Council)[^.;]){0,120}?\b" + _ADOPTS
                        + r"\b[^.;]{0,60}?" + _ACT),
             re.compile(_ACT + r"[^.;]{0,80}?\b" + _ADOPTS + r"\s+by\s+the\s+" + _BODY)]
_WHO = {"Council of Europe": "the Council of Europe is not an EU institution and makes no EU law",
        "European Council": "the European Council (the heads of state or government) does not adopt EU legislation"}


def misattributed_acts(ctx):
    """citation-mismatch flags where an EU act is said to be adopted by a body that cannot adopt it."""
    for sent in ctx.claim_sentences():
        if "Council" not in sent.text:
            continue
        for pattern in _CREDITED:
            m = pattern.search(sent.text)
            if m:
                act, body = " ".join(m.group("act").split()), m.group("body")
                yield ctx.flag("citation-mismatch", sent, f"{act} is credited to the {body}, but {_WHO[body]}: EU "
                               "regulations, directives and decisions are adopted by the Council of the European "
                               "Union (with the European Parliament, or alone)", evidence=m.group(0))
                break
