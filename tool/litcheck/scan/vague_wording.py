"""The wording of an unnamed authority, for vague-attribution: "studies show", "experts say",
"according to reports", "it is estimated that", "Guardian Australia understands it ...". Each
pattern is one shape of sourcing that names no one who can be asked or read; which of them a
sentence's citation or a named owner cancels is decided in litcheck.scan.rules.sourcing."""

from __future__ import annotations

import re

VAGUE_PATTERNS = [
    re.compile(r"(?<!\bcase )(?<!\bour )(?<!\bthis )(?<!\bthese )(?<!\ba )(?<!\ban )(?<!\d )\b(?:(?:many|some|several|recent|numerous|various|other|new|previous|past|multiple|a number of|growing|current|available|emerging|global|new global|latest)\s+)*"
               r"(?:studies|research|reports|surveys|experts|researchers|scholars|analysts|observers|critics|officials|sources|"
               r"estimates|statistics|data|evidence|figures|investigations|organi[sz]ations|advocates|specialists|authorities|"
               r"commentators|academics|feminist scholars|human[- ]rights organi[sz]ations|campaigners|activists|"
               r"criticisms|critiques|accounts|insiders|watchdogs|rights groups|human rights groups|aid groups|investigators|"
               r"coverage|press coverage|media coverage|press reports|media reports|news reports|press|media|auditors|"
               r"industry leaders|industry figures|industry sources|industry experts|executives|practitioners|professionals|"
               r"activity|patterns|trends)\s+"
               # (a time between the source and its verb: "Coverage in 2025 highlighted ...")
               r"(?:in\s+(?:\d{4}|recent\s+(?:years|months))\s+)?(?:have\s+|has\s+|had\s+)?(?:also\s+|long\s+|repeatedly\s+|consistently\s+|previously\s+|recently\s+|"
               r"generally\s+|often\s+|widely\s+|increasingly\s+|only\s+|further\s+|clearly\s+)?"
               r"(?:show|shows|shown|showed|suggest|suggests|suggested|suggesting|indicate|indicates|indicated|find|found|say|says|said|"
               r"claim|claims|claimed|note|noted|estimate|estimated|reveal|revealed|point to|pointed to|warn|warned|caution|"
               r"cautioned|believe|believed|agree|argue|argued|state|stated|report|reported|confirm|confirmed|demonstrate|"
               r"demonstrated|call it|describe|described|observe|observed|put|puts|place|places|attest|documented|"
               r"established|highlighted|proposed|recommended|identified|recogni[sz]ed|stressed|emphasi[sz]ed|"
               r"contend|contends|contended|maintain|maintains|maintained|hold|holds|held|allege|alleges|alleged|"
               r"assert|asserts|asserted|conclude|concludes|concluded|accused|accuse|accuses|condemned|critici[sz]ed|"
               r"told|tell|tells|reflect|reflects|reflected|decried|decry|decries|lambasted|slammed|denounced)\b"
               # a participle describing the noun, not a verb of reporting: "the data reported are limited"
               r"(?!\s+(?:are|is|was|were)\b)"
               # a noun, not a verb: "a 2018 research report," names one work
               r"(?!\s*[,;:)”\"'])", re.I),
    # a standing asserted with no one who holds it: "Nepal is considered a major source country" (not "... by the
    # State Department", not "is considered a crime": a definition)
    re.compile(r"\b(?:is|are|was|were)\s+(?:generally\s+|commonly\s+|often\s+|usually\s+|now\s+)?(?:considered|regarded|seen|"
               r"viewed|thought\s+of)\s+(?:as\s+|to\s+be\s+)?(?:a|an|the)\s+(?:major|main|leading|key|primary|top|biggest|largest|"
               r"prime|principal|chief|hub|hotspot|source|destination|transit|safe\s+haven|haven|centre|center)\b"
               r"(?![^.;:]*?\bby\s+(?:the\s+)?[A-Z])", re.I),
    # an estimate with no owner: "another estimate puts the number of workers at 1.5m", "one estimate suggests"
    re.compile(r"\b(?:another|one|a separate|other|some|several) estimates?\s+(?:puts?|places?|says?|suggests?|gives?|"
               r"reckons?|has|have|is|are)\b", re.I),
    # the unnamed source after its words, as news writes it: "..., say e-business experts", "..., said officials"
    re.compile(r",\s*(?:say|says|said|warn|warned|claim|claimed)\s+(?:the\s+|some\s+|many\s+)?(?:[\w-]+\s+)?(?:experts|analysts|"
               r"researchers|critics|officials|observers|insiders|campaigners|activists|sources|scientists|specialists)\b", re.I),
    # unnamed reports as the subject of a claim: "Reports of arbitrary blocking make it harder to ..." (not "... by the BBC")
    re.compile(r"^\W*(?:Reports|Accounts|Claims|Allegations|Rumou?rs) of\b(?![^.;]*\bby\s+(?:the\s+)?[A-Z])"),
    # a literature said to tie two things: "Research consistently links screen time with harm" (not "studies linked to")
    re.compile(r"\b(?:research|studies|evidence)\s+(?:has\s+|have\s+)?(?:consistently\s+|repeatedly\s+|increasingly\s+|long\s+)?"
               r"(?:links?|linked|ties|tied|connects|connected|associates|associated)\s+(?!to\b|with\b)", re.I),
    re.compile(r"\baccording to (?:some |many |recent |several |various |the |most |one |unnamed |anonymous |all (?:the )?|the best )?"
               r"(?:latest |recent |new |available |local |federal |state |government )?"
               r"(?:reports|studies|experts|estimates|research|sources|researchers|analysts|statistics|data|surveys|some|many|officials|evidence|"
               r"observers|media reports|news reports|insiders|specialists|authorities|analyses|law enforcement|police)\b"
               # ("according to the data issued by the National Crime Records Bureau" names whose data)
               r"(?!\s+(?:(?:issued|published|released|compiled|collected|kept|provided|produced)\s+)?(?:by|from|of)\s+"
               r"(?:the\s+)?[A-Z])", re.I),
    # one person of a kind, not named: "A cook in one such town said in testimony that ...", "one official told"
    # ("a retired U.S. colonel told me")
    re.compile(r"\b(?:[Aa]n?|[Oo]ne)\s+(?:(?:former|senior|local|regional|police|government|company|retired|top|"
               r"(?:[A-Z]\.){2,3})\s+){0,2}(?:official|employee|"
               r"worker|cook|source|insider|officer|investigator|resident|manager|executive|diplomat|expert|researcher|"
               r"analyst|activist|lawyer|moderator|recruiter|auditor|colonel|general|soldier|commander|agent|prosecutor|"
               r"judge|nurse|doctor|teacher|aide|adviser|advisor|staffer)(?:\s+(?:in|from|at|with|of)\s+(?:[\w'’-]+\s+){1,5}?)?"
               r"\s*(?:said|says|told|tells|explained|added|claimed|estimated)\b"),
    # many bodies, none named: "According to a coalition of human-rights groups, ..."
    re.compile(r"\baccording to (?:a|an|one|several|some|various|a number of)\s+(?:(?:broad|global|international|large)\s+)?"
               r"(?:coalition|group|network|alliance|consortium|collection|number)\s+of\s+(?:[\w-]+\s+){0,3}?"
               r"(?:groups|organi[sz]ations|NGOs|charities|experts|researchers|activists|campaigners|advocates|unions)\b", re.I),
    # one work nobody names: "a study has shown that 57% ...", "According to an investigation, ..."
    re.compile(r"\baccording to (?:a|an|one) (?:recent |new |separate )?(?:study|report|survey|investigation|analysis|poll|"
               r"estimate)\b(?!\s+(?:(?:issued|published|released|conducted|commissioned|compiled)\s+)?(?:by|from|of|at|in)\b)|"
               r"\b(?:a|one|another) (?:[a-z-]+ ){0,2}?(?:study|report|survey|investigation|analysis|poll) "
               r"(?:has |had )?(?:shown|showed|found|suggested|revealed|indicated|concluded|estimated)\b", re.I),
    # people of a kind, placed but not named, saying it: "Supply-chain auditors for Western makers of
    # electronics say there are red flags", "officials in several provinces said"
    re.compile(r"\b(?:auditors|experts|researchers|officials|analysts|investigators|insiders|diplomats|"
               r"executives|workers|activists|campaigners|lawyers|prosecutors)\s+(?:for|at|with|from|in|of|across|inside)\s+"
               r"(?:[\w'’-]+\s+){1,6}?(?:say|said|says|believe|believed|warn|warned|told|estimate|estimated)\b", re.I),
    # people of a kind, none named, as the only source: "Moderators report recurring nightmares", "Survivors describe"
    re.compile(r"^[*_\s]*(?:[A-Z][a-z]+\s+)?(?:Moderators|Victims|Survivors|Workers|Employees|Users|Parents|Residents|"
               r"Migrants|Officers|Teachers|Nurses|Doctors|Families|Customers|Contractors)\s+(?:(?:often|commonly|frequently|"
               r"routinely|regularly)\s+)?(?:report|describe|say|complain|recount|tell)\b"),
    # the authority after its words: "..., say the experts from X", "As reported over the past five years, ..."
    re.compile(r"\b(?:say|says|said)\s+(?:the\s+|some\s+|many\s+)?(?:experts|analysts|officials|sources|observers|"
               r"researchers|critics|campaigners|insiders)\b|^[*_\s]*As (?:has been |was |it was )?reported\b", re.I),
    # common knowledge, or a literature nobody cites: "everyone knows", "consistent with the ... literature"
    re.compile(r"\b(?:everyone|everybody) knows\b|\bas (?:we all|everyone|everybody) knows?\b|\bit is common knowledge\b|"
               # what everyone is supposed to know already: "It is no surprise that Big Tech has become unpopular"
               r"\b(?:it is|it's|it’s|it comes as) (?:no|little) (?:secret|surprise) that\b|"
               r"\b(?:consistent with|in line with|as (?:suggested|recommended|shown) (?:by|in)) (?:the )?(?:[\w-]+ ){0,6}"
               r"(?:literature|scholarship)\b", re.I),
    re.compile(r"\b(?:it is|it has been|it was|it['’]s|it has long been) (?:widely |commonly |generally |often |frequently |increasingly |now |also |well[- ])?"
               r"(?:estimated|believed|reported|observed|known|said|thought|claimed|argued|suggested|documented|noted|"
               r"accepted|acknowledged|understood|recognised|recognized|shown|established|speculated|rumou?red) (?:that|to)\b", re.I),
    # ("allegedly" and "purportedly" are how an accusation is reported, not a source of one)
    re.compile(r"\b(?:reportedly|reputedly|by (?:some|many|most) accounts|some (?:say|believe|argue))\b|"
               r"^(?:[*_]*)an estimated\b", re.I),
    re.compile(r"\b(?:found|shown|reported|documented) in (?:their|its|recent|several|many|various|numerous) (?:studies|research|reports|surveys)\b", re.I),
    re.compile(r"\b(?:widely|commonly|generally) (?:reported|believed|known(?! as\b)|accepted|cited|regarded|considered|seen|"
               r"recogni[sz]ed|speculated|rumou?red)\b|"
               # guesses with no one guessing: "has also been speculated on, with claims that ..."
               r"\b(?:has|have|had) (?:also |long |widely )?been (?:widely |much )?speculated (?:on|about|that)\b|"
               # praise nobody is said to give: "Nairobi is often hailed as Africa's premier tech hub"
               r"(?:\b(?:is|are|was|were|has been|have been) |,\s*)(?:often |widely |frequently |commonly |long |increasingly )?"
               r"(?:hailed|touted|lauded|billed|celebrated|credited) as\b(?![^.;]*\bby\b)|"
               # use asserted with no one counting it: "has been widely adopted in high-risk classification"
               r"\b(?:has|have|had) been widely (?:used|adopted|deployed)\b|"
               # recognition with no one recognising: "these atrocities are being recognized for what they are"
               r"\b(?:is|are|was|were) (?:increasingly |now |finally )?being (?:recogni[sz]ed|acknowledged|seen|described) "
               r"(?:as|for)\b|"
               # a record nobody is said to have made, or criticism with no critic: "This has been well documented",
               # "the Act has been criticised for being outdated"; evidence from cases nobody names: "other cases show"
               r"\b(?:has|have|is|are) (?:been )?(?:well|extensively|amply|thoroughly|richly) (?:documented|established|"
               r"researched|evidenced)\b|\b(?:has|have|had) been (?:widely |heavily |strongly |roundly |repeatedly |also )?"
               r"(?:criticised|criticized|condemned|attacked|slammed|denounced) (?:for|as)\b|"
               r"\b(?:other|many|several|numerous|previous|past|similar|recent) (?:cases|examples|incidents|experiences) "
               r"(?:have )?(?:show|shows|shown|suggest|suggests|demonstrate|demonstrated|indicate|indicates|reveal|reveals)\b|"
               # a lesson nobody is said to have drawn: "As experience with FOSTA in the US demonstrated", "History shows"
               r"\b(?:experience|history|practice)(?: (?:with|in|of|from) [^,.;]{1,60}?)? (?:has |have )?(?:shown|shows|showed|"
               r"demonstrated|demonstrates|proved|proven|taught|teaches)\b", re.I),
    # an agentless passive: "X is believed to ...", "has been reported that", "are thought to be"
    re.compile(r"\b(?:is|are|was|were) (?:widely |commonly |generally |often |also )?(?:believed|thought|said|reported|"
               r"estimated|known|alleged|rumou?red|understood|claimed) to (?:be|have|involve|account|number|reach|"
               r"make|exceed|represent|use|operate|control|generate|surpass|overtake|outpace|double|grow|rise|affect)\b|"
               # a forecast nobody is said to make: "damage is predicted to cost up to $20 billion"
               r"\b(?:is|are|was|were) (?:now |also )?(?:predicted|projected|forecast) to (?:cost|reach|rise|grow|exceed|double|"
               r"triple|hit|top|surpass|increase|fall|attack)\b|"
               # said, thought or rumoured to do anything: "Relatives are said to face threats"
               r"\b(?:is|are|was|were) (?:widely |commonly |generally |often |also )?(?:thought|said|rumou?red|reputed) to [a-z]|"
               r"\b(?:has|have) (?:long |widely |often |repeatedly |also )?been (?:widely |repeatedly |often )?"
               r"(?:reported|suggested|argued|claimed|documented|shown|observed|noted|estimated) (?:that|to)\b", re.I),
    # bodies named only by their kind, with a settled-sounding perfect: "NGOs have proposed ...", "advocacy
    # groups have long argued ..." (the present "NGOs report" is how a survey of NGOs states its findings)
    re.compile(r"\b(?:non-?governmental organi[sz]ations|NGOs|(?:advocacy|industry|trade|business|campaign|lobby|rights|"
               r"interest) groups|civil society(?: organi[sz]ations| groups)?|"
               r"governments|practitioners|critics|privacy critics|privacy advocates)\s+(?:have|had)\s+(?:long\s+|repeatedly\s+|"
               r"also\s+)?(?:proposed|argued|called for|pushed for|urged|demanded|assessed|estimated|counted|"
               r"claimed|warned|suggested|recommended|pointed out|insisted|described|criticised|criticized|labelled|labeled|"
               r"dismissed|welcomed|branded)\b|"
               # criticism with no critic: "There has also been significant criticism of ..."
               r"\bthere (?:has|have) (?:also |since |already )?been (?:significant |considerable |widespread |much |growing |"
               r"strong |fierce |heavy |sharp |mounting |some )?(?:criticism|discontent|opposition|backlash|outcry|concern|"
               r"concerns|complaints)\b", re.I),
    # criticism or a statement with no owner: "contrary to some criticisms", "Despite expert warnings", "the
    # government has stated that"
    re.compile(r"\b(?:contrary to|despite|in line with|echoing) (?:some|many|several|recent|popular|common|frequent|widespread) "
               r"(?:criticisms?|critiques?|claims|beliefs?|views|assumptions|concerns|accounts|commentary)\b|"
               r"\b(?:despite|ignoring|amid) (?:repeated |many |numerous |growing )?(?:expert|experts['’]|scientific|"
               r"academic) (?:warnings|concerns|criticism|objections|advice)\b|"
               r"\bthe (?:government|ministry|police|authorities|regulator) (?:has|have|had) (?:repeatedly |publicly |also )?"
               r"(?:stated|said|claimed|asserted|announced|maintained|insisted)\b", re.I),
    # news without a source: "sources familiar with the case said", "reports have emerged", "there are
    # reports that"
    re.compile(r"\b(?:sources|people|persons|a source|officials|a person) (?:familiar with|close to|with knowledge of)\b|"
               r"\b(?:speaking|spoke|talking) (?:on|under) (?:the )?condition of anonymity\b|\b(?:who|which) (?:asked|declined|"
               r"wished|requested) not to be (?:named|identified)\b|\b(?:who|which) declined to be (?:named|identified)\b|"
               r"\b(?:an?|two|three|several) (?:unnamed|anonymous) (?:officials?|sources?|investigators?|officers?|diplomats?)\b|"
               r"\breports (?:have|had) (?:emerged|surfaced|circulated)\b|"
               # news with no source: "..., it has emerged.", "It is understood that ..."
               r"\bit (?:has|had) (?:emerged|been revealed|been learned|been learnt)\b(?! (?:from|in|by) )|\bit is understood\b|"
               # the publication's own unnamed sources: "Guardian Australia understands it could be", "The Times has learned"
               r"\b(?-i:[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})\s+(?:understands\s+(?:that\s+)?(?:it|there|he|she|they)\b|"
               r"has\s+(?:learned|learnt)\b|can\s+(?:reveal|disclose)\b)|"
               # "... amid claims there are up to 10,000 victims": whose claims is not said
               r"\b(?:amid|amidst|following|after) (?:growing |new |fresh |recent )?(?:claims|reports|allegations|suggestions|"
               r"rumou?rs) (?:that|there)\b|"
               r"\bthere (?:are|have been|were) (?:also )?(?:reports|claims|allegations|suggestions|rumou?rs) (?:that|of)\b", re.I),
    # a body named, but not which of its works: "another report released last year by the UNODC said ...",
    # "a study by Ipsos found ..." (with a year or a title the work can be found, see names_a_work)
    re.compile(r"\b(?i:an?|another|one)\s+(?:(?:recent|new|separate|earlier|later|further|similar)\s+)?(?:report|study|survey|"
               r"analysis|investigation|review|assessment|poll)\s+(?:(?:released|published|issued|conducted|carried out|"
               r"commissioned|produced)\s+(?:(?:last|this|earlier this|in recent)\s+(?:year|month|week|years|months)\s+)?)?"
               r"by\s+(?:the\s+)?[A-Z][^.;:]{0,100}?\b(?:said|says|found|finds|showed|shows|revealed|reveals|concluded|"
               r"estimated|estimates|warned|noted|reported|suggested|suggests|indicated|indicates)\b"),
    # a ruling without its case: "a federal judge in Texas found that the law violated ...", "a court ruled"
    re.compile(r"\b(?:an?|another|one)\s+(?:[\w.-]+\s+){0,3}?(?:judge|court|tribunal)\s+(?:in\s+(?:the\s+)?[A-Z][\w.-]*\s+)?"
               r"(?:(?:has|had|rightly|wrongly|recently|later|also|then|subsequently|eventually)\s+)*"
               r"(?:found|ruled|held|decided|concluded|determined|struck down|blocked|upheld)\b", re.I),
    # evidence without an owner: "there is growing evidence that", "a growing body of research"
    re.compile(r"\bthere (?:is|are) (?:now )?(?:growing|increasing|strong|ample|considerable|much|some|mounting|clear|"
               r"substantial|significant) (?:evidence|research|data|indications|reports|signs) (?:that|of|showing|suggesting|and)\b|"
               # an expert nobody names: "An expert within the field of modern slavery identified ..."
               r"\b(?:an?|one) (?:unnamed |anonymous |independent |outside |leading )?(?:expert|specialist|insider|analyst)s? "
               r"(?:in|within|from) (?:the|this) (?:field|sector|industry)\b|"
               r"\ba (?:growing|large|substantial|considerable) body of (?:research|evidence|literature|work|studies)\b|"
               r"\b(?:many|some|most) (?:(?:people|commentators|observers|experts|scholars|researchers|analysts|critics)\s+)?"
               r"(?:have\s+)?(?:argued|suggested|claimed|believe|argue|claim|suggest|say|agree|think|fear|warn|estimate|"
               r"speculate|speculated|suspect|suspected)\b|"
               # work credited to an unnamed many: "researched thoroughly by many security companies"
               r"\bby (?:many|several|numerous|various|multiple) (?:[a-z-]+ )?(?:companies|firms|researchers|experts|"
               r"analysts|scholars|academics|organi[sz]ations|agencies|investigators|journalists|observers)\b", re.I),
    # an unnamed group's view opening the sentence: "Many retailers and businesses who are more exposed
    # feel this places an undue burden on them", "Some victims' families say ..."
    re.compile(r"(?:^|[.!?]\s+)[*_]*(?:Many|Some|Several|Most|Other)\s+(?:[a-z’'-]+\s+){0,2}?[a-z’'-]+s['’]?"
               r"(?:\s+(?:and|or)\s+[a-z-]+s)?(?:\s+(?:who|that)\s+[^,.;]{0,80}?)?\s+(?:feel|felt|believe|believed|argue|"
               r"argued|say|said|claim|claimed|fear|feared|worry|worried|complain|complained|insist|insisted)\b"),
]
