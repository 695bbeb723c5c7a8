"""superlative: unqualified superlatives and absolutes stated with no citation ("the largest",
"never", "untraceable", "leads the world"), the overclaims a fact-checker queries first.
Hedged, evaluative, negated and first-person forms are left alone (see the rule's docs)."""

from __future__ import annotations

import re

from litcheck.scan.alternation import lowered, matchable, may_match_any
from litcheck.scan.own_results import OwnResults
from litcheck.scan.attribution import REPORTED, carries_on, named_report_goes_on, opened_by_work
from litcheck.scan.note_claims import discursive_sentences
from litcheck.scan.quotations import guest_turn, in_credited_quotation, in_testimony, open_at_start, wholly_quoted
from litcheck.scan.rules import IMPERATIVE, rule
from litcheck.scan.rules.sourcing import names_a_work

_EVALUATIVE = (r"important|effective|significant|critical|crucial|essential|vital|useful|helpful|promising|appropriate|"
               r"vulnerable|recent|part|likely|probable|similar|common sense|basic|fundamental|pressing|"
               r"urgent|difficult|challenging|obvious|practical|ethical|relevant|suitable|concerning|alarming|worrying|heinous|serious|"
               r"beautiful|interesting|famous|well-known|ancient|destructive|innocent|marginalised|marginalized|notable|"
               r"striking|remarkable|worrying|troubling|disturbing|pernicious|insidious|"
               # the grade of content or harm, not a ranking: "the most severe CSAM", "the most graphic videos"
               r"severe|extreme|egregious|graphic|atrocious|harmful")
# "the first ... to", "the only": a claim of novelty, which needs evidence even when it is made
# about the document's own study ("this study is the first to ...")
_NOVELTY = re.compile(r"(?<!\bfor )\bthe first\b(?!\s+of\s+(?:these|those|them|the|our|its|which|two|three|four|five)\b)"
                      r"(?:\s+[\w-]+){0,4}?(?<!\bhas)(?<!\bhave)(?<!\bhad)(?<!\bneeds)(?<!\bneed)\s+to\s+\w+|\bthe first\b(?:\s+[\w-]+){1,4}?\s+of its kind\b|"
                      r"\bfirst[- ]ever\b|\bthe only\s+(?!(?:way|option|solution|alternative|answer|response|choice|hope|remedy|(?:truly\s+|really\s+)?"
                      r"(?:appropriate|feasible|viable|realistic|sensible|reasonable|acceptable))\b)[\w-]+|"
                      # ", the first in Africa", "the first in the world to": first of a place
                      r",\s+the first (?:(?:[\w-]+\s+){0,2}?(?:in|on|across) (?:the )?(?:world|country|region|continent|"
                      r"[A-Z][\w-]+))\b|"
                      # "was the first comprehensive policy document on ...": a thing said to be the first of its kind
                      # "the UK introduced the first national legal framework": the same, said of what someone made
                      r"\b(?:is|was|are|were|became|becomes|has\s+been|had\s+been|introduced|created|established|passed|"
                      r"launched|adopted|enacted|founded|set\s+up|opened|built|developed)\s+the\s+first\s+"
                      r"(?!(?:time|step|stage|part|phase|chapter|section|day|week|month|year|of)\b)(?:[\w-]+\s+){0,3}?"
                      r"(?:country|state|nation|law|act|treaty|instrument|document|organi[sz]ation|company|platform|court|"
                      r"case|conviction|prosecution|study|survey|report|city|government|agency|institution|policy|"
                      r"framework|convention|app|service|website|network|firm|bank|jurisdiction)\b", re.I)
# self-praise no one can check ("we develop state of the art systems", "industry-leading", "world-class"):
# an overclaim even in the first person, like novelty
_SELF_PRAISE = re.compile(r"\bstate[- ]of[- ]the[- ]art\b|\b(?:industry|market|world)[- ]leading\b|\bworld[- ]class\b|"
                          r"\bbest[- ]in[- ]class\b|\bcutting[- ]edge\b", re.I)
# certainty asserted as settled ("it is clear from the survey that", "has proven to be harmful"): an
# overclaim even about the document's own data, so like novelty it is checked there too
_CERTAINTY = re.compile(r"\bit is (?:clear|evident|obvious|certain|undeniable|beyond dispute) (?:that|from)\b|"
                        r"\b(?:has|have|had) (?:been )?(?:proven|proved) (?:to be|that)\b", re.I)
# the end of a scale, not a ranking: "Tier 1, the highest rating a country can receive", "settings the
# highest by default" (a ranking's bound only: "the only openly available source" still claims novelty);
# after "the highest", "the lowest": a grade of a scale ("into the lowest likelihood category", "the highest risk tier")
_SCALE_END = re.compile(r"\s+[\w-]+(?:\s+[\w-]+)?\s+(?:a|an|any|one|you|we|they)\s+[\w-]+\s+"
                        r"(?:can|could|may)\b|\s+(?:possible|permitted|allowed|available|by default)\b")
_SCALE_GRADE = re.compile(r"(?:\s+[\w-]+)?\s+(?:category|categories|tier|tiers|level|levels|rating|ratings|grade|band|"
                          r"bracket|score|class|classification|setting|priority)\b(?!\s+(?:of|in|among|for)\b)")
SUPERLATIVE_PATTERNS = [
    # ("even the most innocuous forms of piety": a concession that stresses, not a ranking)
    # ("Brazil's largest gang", "the country’s largest": a named or a curly possessive ranks as well)
    re.compile(r"(?:(?<!\beven )\bthe\s+(?:(?:world|country|nation|internet|region|europe|asia)['’]?s\s+)?|"
               r"(?<![\w'’])(?-i:[A-Z])[a-z][\w-]*['’]s\s+)(?:single\s+)?"
               r"(?:largest|biggest|highest|lowest|greatest|fastest(?:[- ]growing)?|smallest|deadliest|richest|"
               r"poorest|oldest|strongest|safest|easiest|cheapest|earliest|leading|foremost|pre-?eminent|worst(?!\s+forms)|"
               r"simplest|quickest|surest|riskiest|costliest|busiest|wealthiest|longest|fewest|weakest(?!\s+links?\b)|"
               r"most\s+(?!(?:" + _EVALUATIVE + r")\b)[a-z][\w-]+|"
               r"best-(?:known|selling|funded|documented|studied|resourced|organi[sz]ed|connected|equipped)|"
               r"least\s+(?!(?:" + _EVALUATIVE + r")\b)[a-z][\w-]+)\b", re.I),
    _NOVELTY,
    re.compile(r"\b(?:(?:the|an?) (?:vast|overwhelming|great) majority of)\b", re.I),
    re.compile(r"(?<![\w-])(?:untraceable|undetectable|unbreakable|uncrackable|(?<!difficult or )(?<!hard or )impossible to (?!(?:[a-z]+ly\s+)?(?:know|say|tell|predict|determine|"
               r"estimate|overstate|quantify|measure|verify|confirm|ignore|imagine|answer|generali[sz]e|classify|assess|"
               r"compare|analy[sz]e|distinguish|give|provide|cover|list|describe|summari[sz]e|include)\b)[a-z]+|"
               # absence asserted: "there are no notification, consent, or correction protocols in place"
               r"there (?:is|are) no (?:[\w-]+,?\s+){1,6}?in place|"
               r"completely anonymous|totally anonymous|fully anonymous|perfectly anonymous|entirely anonymous|100% anonymous|"
               r"(?:can|could)not be (?:traced|tracked|detected|broken|cracked|hacked|decrypted|bypassed|circumvented|intercepted)|"
               # nothing of a kind anywhere: "fully compliant firms simply do not exist", "there are no such sites",
               # "none of these activities would be possible"
               r"(?:simply|just) (?:do|does|did) not exist|(?:do|does)(?: not|n't) exist anywhere|there (?:is|are|was|were) no such|"
               r"none of (?:these|those|them|the) (?:[\w-]+ ){0,3}?(?:would|could|can|will) (?:be|have) (?:possible|happened)|(?:all|every) (?:the )?(?:(?:major|large|big|leading|online|tech|technology|"
               r"internet|security|safety|privacy) )?(?:safeguards?|protections?|features?|measures?|checks?|"
               r"traffickers?|victims?|offenders?|platforms?|countries|cases?|children|users|people|sites|websites|"
               r"transactions|markets|firms?|compan(?:y|ies)|business(?:es)?|providers?|apps?|governments?)\b"
               # "all countries that received aid", "every case in our sample": a scope, not a claim
               r"(?! of| that| which| who| where| with| in (?:our|the|this) (?:sample|data|dataset|study|survey)| included| listed| covered|"
               r" surveyed| studied| receiving| analy[sz]ed| sampled| coded| must| shall| should| (?:is|are) required| (?:need|needs|have|has) to)|"
               # ("always evolving" is a platitude, not a claim)
               r"always(?! (?:evolving|changing|improving|learning|looking|working|striving|seeking|trying|adapting)\b)|"
               # a flawless property: "it would work flawlessly", "makes data immutable", "freeze money in an instant"
               r"flawless(?:ly)?|immutable|in an instant|"
               # a complete effect: "completely eliminated", "totally safe", "powerless to stop it", "simply does not work"
               r"(?:is|are) powerless to|(?:completely|entirely|totally|wholly) (?:eliminated|eradicated|erased|stopped|ended|"
               r"safe|secure|invisible|banned|excluded)|(?:simply|just) (?:does|do) not work|(?:does|do)(?: not|n['’]t) work at all|"
               # ("all possible combinations", "every possible pattern of overlaps": a set in mathematics)
               r"(?<!\bthan )never|(?:every|all) possible(?! (?:combinations?|patterns?|pairs?|values?|subsets?|permutations?|outcomes?|"
               r"orders?|orderings?|overlaps?|cases?|models?)\b)|every single|by any means|uniformly|universally|invariably|"
               r"without exception|unanimously|unprecedented|unparalleled|unmatched|unrivall?ed|second to none|"
               # ("by no one else": a restriction, not an absolute)
               r"no one(?! else)|nobody(?! else)|everyone|everybody|undoubtedly|unquestionably|undeniably|indisputabl[ey]|"
               # "rarely, if ever, filmed"; "no country is completely free from forced labour"
               r"(?:rarely|seldom|hardly),? if ever|no (?:country|nation|state|government|company|platform|society|region|"
               r"sector|industry)(?= (?:is|are|has|have|can|will|escapes?|remains?)\b)|"
               r"without (?:a |any )?doubt|beyond (?:any )?doubt|there is no doubt|it is a fact that)(?![\w-])", re.I),
    # leadership and preference: "leads the world", "the world leader", "a preferred mechanism", "the tool of choice"
    re.compile(r"\b(?:leads?|leading|led) the (?:world|globe|industry|market|field)\b|\bworld[- ]leader\b|"
               r"\b(?:the|a) (?:preferred|favou?red|favou?rite) (?:mechanism|means|method|tool|platform|choice|way|vehicle|"
               r"currency|channel|venue|site|medium|payment|instrument|route|targets?|victims?|prey|destinations?)\b|"
               r"\b(?:mechanism|means|method|tool|platform|vehicle|currency|channel|venue|site|medium|weapon|payment) of choice\b|"
               # dominance and uniqueness: "the dominant technology", "unique amongst platforms", "its least popular"
               r"\bthe (?:dominant|predominant) (?:technology|platform|form|method|mode|means|source|channel|tool|way|model|"
               r"player|force|market|app|service|network|language|currency)\b|\bthe (?:primary|principal) (?:means|method|"
               r"channel|way|route|vehicle|driver|tool|platform)\b|"
               r"\bthe standard (?:currency|platform|tool|technology|means|method|payment)\b|\bthe single best\b|"
               # first place said another way: "the number one platform", "the go-to site", "the top destination"
               r"\bthe (?:number[- ]one|no\.\s?1|#1|go-to)\s+[a-z][\w-]*|\bthe top (?!(?:of|\d+|ten|five|three|left|right|half|row|line|"
               r"image|level|tier|box|layer|priority)\b)(?:[a-z]+\s+)?(?:destination|source|country|platform|site|app|market|"
               r"cause|choice|target|producer|exporter|importer|hub)s?\b|"
               # a first in all history, and none better: "declined for the first time ever", "No country understands
               # the scale ... better"
               r"\b(?:the|a) first time ever\b|\bfor the first time (?:ever|in (?:history|recorded history))\b|"
               r"(?:^|[.;:]\s+)No (?:other )?(?:country|nation|company|platform|government|city|state|organi[sz]ation|one)\s+"
               r"(?:[\w'’-]+\s+){1,10}?(?:better|more effectively|faster)\b|"
               r"\bunique (?:among|amongst)\b|"
               r"\b(?:its|their|his|her) least\s+(?!(?:" + _EVALUATIVE + r")\b)[a-z][\w-]+|"
               # one named alone, now: "Among these services, only Facebook Messenger does not employ E2EE" (not "of
               # the 12 employers, only one was debarred": a past event of the text's own data)
               r"(?:^|[,;:]\s*)only (?-i:[A-Z])[\w-]+(?: (?-i:[A-Z])[\w-]+){0,3} (?:does|do|is|are|has|have|"
               r"offers?|uses?|employs?|provides?|allows?|supports?|records?|publish(?:es)?|reports?|collects?|requires?|"
               r"recogni[sz]es|tracks?|bans?|prohibits?|criminali[sz]es)\b|"
               # one cause alone: "are only possible because these platforms extract ..."
               r"\bonly possible (?:because|due to|through|thanks to)\b|"
               # use or harm said to be one kind's alone: "It's only used by criminals", "only infected Windows computers"
               r"\b(?:(?:is|are|was|were)\s+)?only\s+(?:ever\s+)?(?:used|infected|targeted|affected|bought|sold|accessed)\s+(?:by|to|on|"
               r"computers|devices|systems|people|users|children|women|men)\b", re.I),
    _CERTAINTY,
    _SELF_PRAISE,
    # prevalence asserted as settled: "complicity is rampant", "exposure is prevalent among", "it is
    # common for", "far exceeds"
    re.compile(r"\b(?:is|are|was|were) (?:rampant|endemic|"
               r"ubiquitous|pervasive|rife|widespread|commonplace)\b|"
               r"\b(?:reached|reaching|reaches|of) (?:epidemic|pandemic|crisis|alarming|record) (?:proportions|levels)\b|"
               r"(?<!\bnow more )\b(?:than|as never) ever(?: before)?\b|\bthan at any (?:other )?(?:time|point|period)\b|\blike never before\b|\b(?:is|are) (?:widely |highly )?prevalent (?:among|in|on)\b|"
               r"\bit is (?:very |increasingly )?common (?:for|that|to)\b|\ba (?:common|frequent|regular) occurrence\b|"
               r"\bfar (?:exceeds?|exceeded|outstrips?|surpass(?:es)?)\b|"
               r"\b(?:research|evidence|data|scholarship|knowledge)(?:\s+(?:on|into|about|in|of)(?:\s+[\w-]+){1,3}?)? (?:is|are|remains?) "
               r"(?:lacking|absent|non-existent|scarce)\b|"
               # a claim declared without support: "Claiming that encryption exacerbates harm is unproven"
               r"\b(?:is|are|remains?) (?:entirely |completely |totally |wholly )?(?:unproven|baseless|unfounded)\b", re.I),
    # a superlative as predicate, ranking times, places or groups: "the risk is greatest at this time
    # of year", "prevalence is highest among girls" (no "the" before it; "is highest" alone is a scale)
    re.compile(r"\b(?:is|are|was|were|remains?|remained)\s+(?:largest|biggest|highest|lowest|greatest|worst|strongest|"
               r"fastest|deadliest|most\s+(?:common|prevalent|frequent|acute|severe))\s+(?:in|at|among|amongst|for|when|"
               r"during|where|within|on)\b", re.I),
    # a rank stated as fact: "ranks second in Asia", "was ranked first", "the second-largest", "the two largest"
    re.compile(r"\b(?:ranks?|ranked|ranking|placed|places|comes|came) (?:as )?(?:(?:first|second|third|fourth|fifth|sixth|"
               r"seventh|eighth|ninth|tenth|(?:dead )?last|\d{1,3}(?:st|nd|rd|th))|(?:among|in) the top(?: \w+)?)\b|"
               r"\bthe (?:world['’]s |country['’]s )?(?:second|third|fourth|fifth|2nd|3rd|4th|5th)[- ](?:largest|biggest|highest|lowest|greatest|most|fastest|worst|"
               r"leading)\b|"
               # several ranked at once: "the two largest problems", "the 10 biggest platforms"
               r"\bthe (?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) (?:largest|biggest|highest|lowest|greatest|"
               r"fastest|worst|deadliest|richest|poorest|smallest|leading|most\s+(?!(?:" + _EVALUATIVE + r")\b)[a-z][\w-]+)\b",
               re.I),
    # a whole field asserted empty ("there is no evidence that", "no research has examined") (not a sentence
    # that opens "Clearly," or "Of course,": the writer's inference or concession, judged by the rest of it)
    re.compile(r"\bthere (?:is|are|has been|have been) (?:currently |still |as yet |yet |so far )?[*_]{0,2}(?:no|little|scant)[*_]{0,2} "
               r"(?:reliable |official |systematic |conclusive |credible |solid |hard |scientific |empirical )?"
               r"(?:evidence|research|data|studies|proof|estimates?|figures|statistics)\b|"
               r"\bno (?:research|study|studies|evidence|data) (?:has|have|exists?|shows?)\b", re.I),
    # no law of a kind at all: "there has been no comprehensive law on the use of such cameras"
    re.compile(r"\bthere (?:is|are|has been|have been|was) (?:still |currently |yet )?no (?:comprehensive |federal |national |"
               r"specific |single |dedicated |clear )?(?:law|legislation|regulation|framework|statute)s?\b", re.I),
    # nothing of a kind exists: "No comprehensive law exists in the United States that ..."; or none matches:
    # "There has been no criminal enterprise in recent memory that matches ..."
    re.compile(r"\bNo\s+(?:[\w-]+\s+){1,3}?exists?\b|\b(?i:there (?:is|has been|was) no)\s+(?:[\w-]+\s+){1,8}?(?:that|which) "
               r"(?:matches|rivals|equals|compares|comes close)\b"),
    # nothing at all: "have no measures in place at all", "none whatsoever"
    re.compile(r"\bno\s+(?:[\w-]+\s+){1,5}?(?:at all|whatsoever)\b|\bnone (?:at all|whatsoever)\b", re.I),
    # a claim about a whole literature: "most research on X concerns ...", "most studies find"
    re.compile(r"\bmost (?:research|studies|scholars|experts|researchers|analyses|work) (?:on|in|of|about|has|have|finds?|shows?|"
               r"concerns?|focus(?:es)?|agrees?|suggests?)\b", re.I),
    # adverbial superlatives: "thrives most successfully", "most commonly used", "Most often, children are ..."
    re.compile(r"\bmost often\b|\bmost (?!(?:importantly|notably|recently|likely|probably|certainly|clearly|obviously|strikingly|"
               r"interestingly|crucially|worryingly|surprisingly|famously|significantly|especially|particularly|"
               r"simply|fairly|really|nearly|closely|directly)\b)[a-z]+ly\b", re.I),
    # impossibility stated as fact: "criminals cannot steal ...", "it cannot be traced" (not the past
    # "could not", which reports what happened or what a court held)
    re.compile(r"(?<!\bwe )(?<!\bi )(?<!\byou )(?<!\bone )(?<!\bthey )\b(?:cannot|can ?not|can't)\s+"
               r"(?!(?:be\s+)?(?:overstated|ignored|underestimated|overemphasi[sz]ed|denied|understated|stressed|"
               r"emphasi[sz]ed|excluded|ruled out|certain|sure|determined|generali[sz]ed|established|known|assessed|"
               r"afford|help|wait|say|tell|know|determine|confirm|verify|establish|assess|generali[sz]e|rule|"
               r"exclude|answer|explain|predict|compare|measure|address|cover|list|guarantee|be\b))"
               # ("cannot always", "cannot easily": not always, hard; a hedge)
               r"(?!(?:always|necessarily|easily|entirely|fully|completely|simply|just|quite|yet)\b)[a-z]+", re.I),
]
# an absolute under a negation or doubt a few words before: "not all projects ... are always", "it is
# unlikely that donors always"; a claim made only as far as the authors know
_NEGATED = re.compile(r"\b(?:not|unlikely|doubtful|rarely|hardly)\b(?:\s+[\w'’-]+){0,6}\s*$", re.I)
_AS_FAR_AS_KNOWN = re.compile(r"\b(?:to (?:our|my|the authors’|the authors') (?:best )?knowledge|as far as (?:we|I) (?:know|are aware))\b",
                              re.I)
# a claim about history, whoever makes it: "I have taken unprecedented action"
_BEYOND_EXPERIENCE = re.compile(r"unprecedented|unparalleled|unmatched|unrivall?ed", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|me|us|[Mm]y|[Ww]e|[Oo]ur)\b")  # ("US" is the country)


_FIRST_PERSON_SINGULAR = re.compile(r"\b(?:me|my|myself)\b")  # (not "I": "I initiated the largest ..." is a claim)
# the writers telling what they did ("Throughout, we took a conservative approach and never altered ..."): method
_OWN_METHOD = re.compile(r"\b[Ww]e (?:(?:also|then|only|always|never) )?(?:took|counted|used|consulted|coded|applied|assigned|"
                         r"chose|decided|followed|kept|treated|relied|checked|compared|excluded|included|altered|"
                         r"adjusted|dropped|merged)\b")


def _speaks_for_self(text: str, m) -> bool:
    """A first-person word within a few words of the match, "me" or "my" anywhere in the sentence
    ("That footprint led me to several places, most frequently Lagos") or the writers telling what
    they did ("we took ... and never altered"): testimony, a personal account or a method, not a
    claim about the world."""
    if _FIRST_PERSON_SINGULAR.search(text) or _OWN_METHOD.search(text):
        return True
    lo = text.rfind(" ", 0, max(0, m.start() - 25)) + 1
    hi = text.find(" ", m.end() + 25)
    return _FIRST_PERSON.search(text, lo, len(text) if hi < 0 else hi) is not None
_HEDGE_BEFORE = re.compile(r"(?:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|several|some|many|a few) of|\bamong(?=\s+(?:the|them|those)\b|\s*$)|\bsome of|\bnot|\bcannot|n't|\bnot necessarily|\balmost|\bnearly|\bvirtually|\bpractically|"
                           r"\barguably|\bperhaps|\bpossibly|\bprobably|\blikely|\bmay|\bmight|\bcan|\bcould|\boften|\brarely|"
                           r"\bhardly|\bseldom|\bif|\bwhether|\bwould|\bwill|\bshould|\bought\s+to|\bmust|\bmost|\b(?:is|are)\s+to\s+be)"
                           r"\s+(?:\w+\s+){0,2}$", re.I)
# an aim, not a finding: "a safer world for everyone", "dignity and freedom for all people"
_GOAL = re.compile(r"\bfor\s+(?:[\w’']+\s+and\s+)?(?:everyone|everybody|all(?:\s+people|\s+of\s+us|\s+Americans|"
                   r"\s+citizens)?)\b", re.I)
# "cannot" inside a clause a subordinator opens ("when parents cannot take care", "because a child cannot
# legally consent"): a condition described, not an impossibility asserted (a comma ends the clause:
# "Because it is pseudonymous, criminals cannot steal ..." asserts one)
_SUBORDINATE = re.compile(r"\b(?:when|whenever|because|since|if|unless|until|so that)\b[^,;:()]*$", re.I)


def _credited(before: str) -> bool:
    """The superlative is in the clause a named source is credited with ("UNODC estimates that ... the
    largest"), not in a clause of the writer's after it ("The gang said ..., and everyone knows ...")."""
    last = None
    for last in REPORTED.finditer(before):
        pass
    return last is not None and not re.search(r",\s+(?:and|but)\s|;", before[last.end():])


# a duty laid on everyone, not a claim about them: "everyone in the minority needs to show solidarity"
_DUTY_AFTER = re.compile(r"(?:\s+[\w-]+){0,4}?\s+(?:needs? to|must|should|ought to|has to|have to)\b")
# what a law or charter itself says: "the Declaration of Independence recognizes the ... worth of all people"
_INSTRUMENT_SAYS = re.compile(r"\b(?:Act|Law|Code|Convention|Protocol|Declaration|Constitution|Charter|Treaty|Covenant|"
                              r"Directive|Regulation|Resolution|Amendment)\b[^.;]{0,80}?\b(?:recogni[sz]es|declares|proclaims|"
                              r"affirms|guarantees|states|provides|requires|prohibits|protects|grants|enshrines)\b[^.;]*$|"
                              # the terms of a rule: "Under the Virginia law, companies collecting it cannot use it", "According to federal law, all ..."
                              r"^\W*(?:Under|According to|By) (?:the |this |that |these |its |their |a |an )?(?:[\w'’-]+ ){0,4}?(?i:law|act|rules?|"
                              r"regulations?|bill|statute|code|directive|treaty|proposal|policy|order|agreement)\b[^.;]*$")


# what people told or said, in their words reported ("crewmen had told him they had never worked in
# such conditions", "survivors said the distribution ... never ends"): their account, not the writer's claim
_TOLD = re.compile(r"\b(?:told|tell|tells|telling)\s+(?:him|her|them|us|me|reporters|investigators|police|officials|"
                   r"(?-i:[A-Z])[\w-]+)\s+(?:that\s+)?[^;.:!?]*$|\b(?:said|say|says|reported|recalled|described how)\s+"
                   r"(?:that\s+)?(?:they|he|she|their|his|her|the)\b[^;.:!?]*$", re.I)


def _instruction(text: str, m: re.Match) -> bool:
    """An instruction in a run of them ("...: don't share personal information; NEVER share photos"),
    not a claim (one opening the sentence is not read at all)."""
    cut = max(text.rfind(":", 0, m.start()), text.rfind(";", 0, m.start()))
    return cut >= 0 and not text[cut + 1:m.start()].strip(" *_\"'“") and IMPERATIVE.match(text, cut + 1) is not None


def _not_the_writers(text: str, m: re.Match, before: str, opened: str | None) -> bool:
    """Not the writer's own overclaim: words in a quotation whose speaker is named (`opened`: one
    opened in an earlier sentence), a clause a named source is credited with ("The National Crime
    Agency estimates that the UK was the third most common ..."), what a law or charter says, an aim ("for everyone") or a duty ("everyone ... needs
    to"), or "cannot" describing a condition."""
    if m.group(0).lower() == "never" and (_TOLD.search(before[-160:]) or _instruction(text, m)):
        return True
    return (in_credited_quotation(text, m.start(), opened) or _credited(before[-300:])
            or _INSTRUMENT_SAYS.search(before[-200:]) is not None
            or any(g.start() <= m.start() and g.end() >= m.end() for g in _GOAL.finditer(text, max(0, m.start() - 40), m.end() + 14))
            or _DUTY_AFTER.match(text, m.end()) is not None and m.group(0).lower() in ("everyone", "everybody", "no one")
            or m.group(0).lower().startswith(("cannot", "can not", "can't")) and _SUBORDINATE.search(before[-80:]) is not None)


# a link whose words are a figure ("with over [31 million people](https://...)") sources that figure
_FIGURE_ANCHOR = re.compile(r"\[\s*(?:(?:over|more than|about|around|nearly|almost|some|up to)\s+)?[$€£]?\d")


def _links_only_figures(ctx, sent) -> bool:
    """The sentence's own citations are all links set on figures: they source the figures, not a
    ranking said around them ("Kenya has the highest internet penetration in Africa with over
    [31 million people](...)")."""
    cites = ctx.own_citations(sent)
    return bool(cites) and all(c.kind == "link" and _FIGURE_ANCHOR.match(c.text) for c in cites)


@rule("superlative", "warning",
      "An unqualified superlative or absolute (\"the largest\", \"the first ... to\", \"untraceable\", \"always\", "
      "\"the vast majority of\") stated with no citation. Hedged forms (\"one of the largest\", \"almost always\", "
      "\"virtually impossible\") and evaluative ones (\"the most important\") are left alone. A citation closing a clause "
      "does not reach a clause after it that opens with 'but', 'while' or 'whereas', and a long footnote that argues "
      "and cites nothing is read as the body is. A link set on a figure "
      "(\"with over [31 million people](...)\") sources the figure, not a ranking said around it.",
      fires="Cryptocurrency gives traffickers an untraceable way to take payment.",
      passes="Cryptocurrency gives traffickers a way to take payment that is hard to trace.",
      priority=4, order=110)
def superlative(ctx):
    own = OwnResults.of(ctx)
    for sent in ctx.claim_sentences():
        cited = ctx.is_cited(sent)
        figure_links = cited and _links_only_figures(ctx, sent)
        tail = ctx.uncited_tail(sent) if cited and not figure_links else 0  # where the citations stop reaching
        if tail is None or ctx.per_sentence(names_a_work, sent) or opened_by_work(ctx, sent) or carries_on(ctx, sent):
            continue  # (a ranking inside figures a paragraph's named work, or the sentence before, reports)
        # "most respondents"; "the lowest of the three types" in a data analysis's own sections
        own_data = own.speaks_of_own_data(sent) or own.analyses_data and sent.index in own.in_section
        text = ctx.doc.masked[sent.start:sent.end]
        low = lowered(text)
        if not may_match_any(SUPERLATIVE_PATTERNS, low) or wholly_quoted(ctx, sent) or guest_turn(ctx, sent) \
                or named_report_goes_on(ctx, sent):
            continue  # (a witness's "never" is testimony, not the author's overclaim; "the report explained" goes on
            # for a report named before, and is asked only of a sentence that may hold a superlative)
        hit = first_superlative(text, low, tail, own_data, lambda: open_at_start(ctx, sent))
        if hit:
            phrase = " ".join(hit.group(0).split())
            why = "with no citation of its own (the links source only the figures)" if figure_links else "with no citation"
            yield ctx.flag("superlative", sent, f"'{phrase}' stated {why}", evidence=phrase)
    for label, text in discursive_sentences(ctx.doc, own.has_study or own.analyses_data):  # a note that argues, citing nothing, claims as the body does
        low = lowered(text)
        hit = first_superlative(text, low, 0, False, lambda: None) if may_match_any(SUPERLATIVE_PATTERNS, low) \
            and not names_a_work(text) and not REPORTED.search(text) else None
        if hit:
            phrase = " ".join(hit.group(0).split())
            yield ctx.flag_in_note("superlative", label, text, f"'{phrase}' stated in a note that cites nothing", evidence=phrase)


def first_superlative(text: str, low, start: int, own_data: bool, opened) -> re.Match | None:
    """The first superlative or absolute in `text` from `start` that is the writer's own claim (not
    hedged, negated, a grade of a scale, testimony or a quotation); `opened` gives the quotation
    open at the text's start, asked only when needed."""
    for pattern in matchable(SUPERLATIVE_PATTERNS, low):
        if own_data and pattern not in (_NOVELTY, _CERTAINTY, _SELF_PRAISE):
            continue
        if pattern is _NOVELTY and _AS_FAR_AS_KNOWN.search(text):
            continue
        for m in pattern.finditer(text, start):
            before = text[:m.start()]
            if _HEDGE_BEFORE.search(before[-40:]) or _NEGATED.search(before[-60:]):
                continue
            if re.match(r"(?i)the most\s+(?:of|part)\b", m.group(0)) \
                    or pattern is not _NOVELTY and _SCALE_END.match(text, m.end()) \
                    or m.group(0)[:4].lower() == "the " and _SCALE_GRADE.match(text, m.end()):
                continue
            if not _BEYOND_EXPERIENCE.fullmatch(m.group(0)) and (in_testimony(text, m.start()) or pattern not in (
                    _NOVELTY, _CERTAINTY, _SELF_PRAISE) and _speaks_for_self(text, m)):
                continue  # "I have never felt so ...", "Nobody told us", "'I'm the only one who gets you'": experience
            if _not_the_writers(text, m, before, opened()):
                continue
            return m
    return None
