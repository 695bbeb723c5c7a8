"""Figures credited in the prose: a body named with a verb of reporting ("UNODC estimated ..."),
the sentence after it going on for that body ("It added that ..."), a law whose terms the figure
states. For uncited-statistic: the reader is told whose figure it is, which is what a citation is for."""

from __future__ import annotations

import re

from litcheck.scan.citations.model import CASE_NAME, PUBLISHER_DATE
from litcheck.scan.citations.prose import REPORTING_VERBS

# A figure the sentence credits to a body it names, with a verb of reporting ("the State Department
# estimated ...", "UNODC notes that ..."): the reader is told whose figure it is, which is what a
# citation is for (whether the body said it is known-claim's and figure-mismatch's business).
# A name is at most eight capitalised words; every run of them is bounded and possessive, so a long
# run of capitalised words costs linear time, not a retry from each of its words.
_NAME = r"[A-Z][\w&.'’-]*+(?:\s+(?:of|on|for|and|against|the|&)){0,2}+(?:\s+[A-Z][\w&.'’-]*+){1,7}+"
_FORCES = r"(?:Police|Service|Agency|Bureau|Ministry|Department|Commission)\b"
# (a one-word name needs a lower-case word before it, which shows it is a name and does not open the
# sentence: "Audience tracking company Nielsen reported ...", not "Researchers reported ...")
REPORTED = re.compile(r"(?:\b" + _NAME + r"|\b[A-Z]{2,}[a-z]?|(?<=[a-z] )[A-Z][a-z][\w&'’-]*+)"
                      r"(?:\s*\([A-Z][\w.&-]{1,12}\))?(?:'s|’s)?\s+(?:has\s+|had\s+|have\s+)?(?:also\s+|then\s+)?"
                      # (or announcing its own deal or measure: "TU announced the purchase of ... for USD 1.5 billion")
                      # (or telling the reporter: "The IWF told us", "Meta told the BBC")
                      r"(?:" + REPORTING_VERBS + r"|announced|announces|disclosed|discloses|told\s+(?:us|me|reporters|journalists|"
                      r"(?:the\s+)?[A-Z][\w&-]+)|"
                      r"(?:released|published|issued)\s+(?:new\s+|its\s+|a\s+|the\s+)?"
                      r"(?:data|figures|information|statistics|estimates|findings|report))\b|\baccording to (?:the\s+)?[A-Z]|"
                      # an estimate, study or data of a named body: "According to a conservative estimate by the
                      # Washington-based non-profit organization Free the Slaves", "In a study conducted by Ipsos",
                      # "In data collected by the King County Prosecuting Attorney's Office", "according to updated
                      # figures from NCMEC"
                      r"\b(?i:according to|in|based on)\s+(?:(?:an?|the|one)\s+)?(?:[a-z-]+\s+){0,2}?(?:estimates?|reports?|"
                      r"study|survey|poll|analysis|count|census|figures|data|statistics|records)\s+(?:(?:conducted|carried out|"
                      r"published|commissioned|released|collected|compiled|gathered|kept|issued|provided|produced)\s+)?"
                      r"(?:by|from|of)\s+(?:the\s+)?"
                      r"(?:[a-z-]+\s+){0,4}?[A-Z]|"
                      # "Based on Department of Social Welfare and Development figures, ..."
                      r"\b(?i:based on)\s+(?:the\s+)?(?:[A-Z][\w&.'’-]*+\s+(?:(?:of|and|for|on)\s+)?){1,8}+(?:figures|data|"
                      r"statistics|records|estimates)\b|"
                      # news style: the named body, then an apposition, then the verb ("The Home Office, a
                      # ministerial department, disclosed ..."); "as the researchers explain"
                      r"\b[A-Z][\w&.'’-]*+(?:\s+(?:of|on|for|and|the|&))?+(?:\s+[A-Z][\w&.'’-]*+){0,7}+"
                      r"(?:['’]s(?:\s+[A-Z][\w&.'’-]*+){1,4}+)?+"
                      r",[^.;]{3,160}?,\s+(?:has\s+|had\s+)?(?:also\s+)?(?:" + REPORTING_VERBS + r"|disclosed|announced|"
                      r"confirmed|told|published|released)\b|"
                      r"\b(?i:as (?:the|these|those|its|their) (?:researchers|authors|report|study|survey|agency|analysts|"
                      r"investigators) (?:explain|explained|note|noted|show|showed|found|report|reported|put it))\b|"
                      # a body's own data as the subject: "OJJDP's statistics attribute 53.1% to ..."
                      r"\b(?:[A-Z][\w&.-]*+\s+){0,4}+[A-Z][\w&.-]*['’]s\s+(?:[a-z-]+\s+){0,3}(?:statistics|data|figures|"
                      r"reports?|survey|study|estimates?|records|analysis|census|website|statement|filings?|accounts)\s+(?:"
                      + REPORTING_VERBS + r"|attribute|"
                      r"attributes|give|gives|list|lists|count|counts|put|puts)\b|"
                      # data credited to a named body: "Data from the National Crime Agency's Human Trafficking
                      # Centre had previously put the number ... at 2,744"
                      r"\b(?:[Dd]ata|[Ff]igures|[Ss]tatistics|[Ee]stimates|[Rr]esearch|[Aa]nalysis)\s+(?:from|by)\s+(?:the\s+)?"
                      r"(?:" + _NAME + r"|[A-Z][\w&.'’-]*+)\s+(?:has\s+|had\s+|have\s+)?(?:previously\s+|also\s+|earlier\s+)?"
                      r"(?:put|puts|show|shows|showed|suggest|suggests|suggested|found|finds|estimated|estimates|indicated|"
                      r"indicates)\b|"
                      # a police force or agency counting its own work: "The South African Police Service has arrested
                      # eight suspects", "the federal agency received over 16,000 complaints"
                      r"\b(?:(?!" + _FORCES + r")[A-Z][\w&.'’-]*+\s+){0,5}+" + _FORCES +
                      r"(?:\s+[A-Z][\w&.'’-]*+){0,3}+\s+(?:has\s+|have\s+|had\s+)?(?:arrested|charged|seized|rescued|received|"
                      r"recorded|registered|logged|identified|prosecuted|removed)\b|"
                      r"\b(?i:the (?:federal |national |state )?(?:agency|bureau|police|department|ministry|regulator))\s+"
                      r"(?:has\s+|had\s+)?(?:arrested|charged|seized|rescued|received|recorded|registered|logged|identified)\b|"
                      # news: the officers in the story count what they did ("Officers seized 55 bags", "When police
                      # raided the site they found 13 workers")
                      r"\b(?i:police|officers|detectives|investigators|agents)\s+(?:have\s+|had\s+)?(?:also\s+)?(?:found|seized|"
                      r"rescued|arrested|recovered|raided|discovered|identified)\b")
# "It added that ...", "The agency also said ...": the body named in the sentence before goes on
_CARRY_ON = re.compile(r"[*_\s]*(?:It|They|He|She|The (?:agency|report|organi[sz]ation|bureau|ministry|department|study|survey|"
                       r"office|police|force|authors|researchers))\s+(?:also\s+)?(?:added|adds|said|says|noted|"
                       r"notes|reported|reports|found|estimated|estimates|stated|showed|shows)\b")


# "In 2017-19, the study found, more than 80,000 ...": the work the sentence before names, again
_BACK_REFERENCE = re.compile(r"\b(?:the|this|that|its)\s+(?:study|report|survey|analysis|research|review|paper|audit|"
                             r"investigation)\s+(?:also\s+)?(?:found|finds|says|said|shows|showed|estimated|estimates|notes|"
                             r"noted|reported|reports|concluded|concludes)\b")


def carries_on(ctx, sent, depth: int = 0) -> bool:
    """The sentence goes on reporting for the body, person or work the sentence before it credits,
    in the same paragraph or, as news reports write one sentence a paragraph, in the paragraph before;
    or it breaks down the total that sentence gave ("Of these, nearly 5 million ...", "The remaining
    4 million ...")."""
    breakdown = _BREAKDOWN.match(sent.text) is not None
    if sent.index == 0 or not (breakdown or _CARRY_ON.match(sent.text) or _BACK_REFERENCE.search(sent.text)):
        return False
    prev = ctx.doc.sentences[sent.index - 1]
    return prev.block in (sent.block, sent.block - 1) and prev.kind == "body" and (
        REPORTED.search(prev.text) is not None or ctx.is_cited(prev) or names_a_work(prev.text)
        or breakdown and depth < 3 and carries_on(ctx, prev, depth + 1))


def named_report_goes_on(ctx, sent) -> bool:
    """The sentence reports for "the report" (or study, survey) that an earlier sentence of the
    text names with its author ("a new report by Chainalysis" ... "..., the report said"): news
    names a report once and quotes it for the rest of the story."""
    if _THE_REPORT_SAID.search(sent.text) is None:
        return False
    earlier = ctx.doc.sentences[max(0, sent.index - 60):sent.index]
    return any(_A_NAMED_REPORT.search(s.text) or _A_REPORT.search(s.text) and (REPORTED.search(s.text) or names_a_work(s.text))
               for s in earlier)


# ("In that same study it was found that ...": the study goes on)
_THE_REPORT_SAID = re.compile(r"\b(?i:the|that|this) (?:new |latest |same )?(?:report|study|survey|analysis)\s+(?:also\s+)?(?:said|says|"
                              r"found|finds|noted|notes|added|adds|showed|shows|estimated|estimates|explained|explains|"
                              r"revealed|reveals|concluded|concludes)\b|"
                              r"\b(?i:in|from) (?:that|this|the) same (?:report|study|survey|analysis)\b")
_A_REPORT = re.compile(r"\b(?:report|study|survey|analysis)\b", re.I)
_A_NAMED_REPORT = re.compile(r"\b(?:report|study|survey|analysis)\s+(?:[a-z]+\s+){0,2}?(?:by|from)\s+(?:the\s+)?[A-Z]|"
                             r"\b[A-Z][\w&.-]*['’]s\s+(?:[a-z0-9-]+\s+){0,3}?(?:report|study|survey|analysis)\b|"
                             # its body's name before the noun: "A 2013 Fordham University study found"
                             r"\b(?:(?!(?:A|An|The|This|That|Its|Their|In|One|Another)\b)[A-Z][\w&.'’-]*\s+){1,5}"
                             r"(?:report|study|survey|analysis)\b")


_BREAKDOWN = re.compile(r"[*_\s]*(?:(?:Of|Among) (?:these|those|them|this|that)(?: (?:total|number|figure|group))?,?\s|"
                        r"The (?:remaining|rest)\b)")


# A figure that is a term of a law the sentence names ("the 2009 Charities Proclamation stipulates that
# NGOs must raise 90% of ..."), or a penalty's ceiling: the law is the source.
PROVISION = re.compile(r"\b(?:Act|Law|Code|Proclamation|Regulation|Directive|Decree|Ordinance|Bill|Convention|Protocol|Statute|"
                       r"(?i:provision)|(?i:section|clause|article)\s+\d+[a-z]?)"  # "the ... provision (TISC) requires"
                       r"\b[^.;]{0,80}?\b(?:stipulates?|requires?|provides?|mandates?|prohibits?|obliges?|sets|caps?|limits?|"
                       r"imposes?|specifies|states)\b|"
                       # a statutory maximum: "violations can be punished with fines of up to 6 percent of turnover"
                       r"\b(?:punish(?:ed|able)|fined|penali[sz]ed)\s+(?:with|by)\s+(?:(?:a\s+)?fines?\s+)?(?:of\s+)?up to\b|"
                       # whom a law reaches: "the law only applied to farms with an annual payroll greater than
                       # $1,200", "a turnover threshold of £36 million"
                       r"(?i:\b(?:law|rule|regulation|statute|requirement|duty|obligation)s?\s+(?:(?:only|now|also|previously|still|"
                       r"no longer)\s+)?(?:appl(?:y|ies|ied)|covers?|covered|exempts?|exempted)\s+(?:to\s+)?[^.;]{0,80}?\b"
                       r"(?:(?:greater|more|less|fewer|higher|lower|larger|smaller) than|or (?:more|less|fewer)|at least|and above|"
                       r"exceeding)\b)|"
                       r"\b(?:turnover|payroll|revenue|income|size|reporting|eligibility) threshold\b")


# A work named in the prose precisely enough to be found: a quoted or italic title of three or
# more words, most of them capitalised ('a 2018 report, “A Roadmap for Systems and Industries”'),
# or a titled report with its year ('the Tech Transparency Project analysis report (2020)').
_WORK_NOUN = r"(?:report|study|survey|analysis|audit|investigation|review)"
_QUOTED_TITLE = re.compile(r"[“\"*_]([A-Z][^“”\"*_\n]{8,200}?)[”\"*_]")
_TITLED_REPORT = re.compile(r"(?:\b[A-Z][\w&.'’-]*\s+){1,6}(?:[a-z]+\s+){0,2}(?:report|study|survey|analysis|assessment|"
                            r"review|index|estimates?|data|database)\s*,?\s*\((?:19|20)\d\d[a-z]?\)|"
                            # "the 2014 TIP Report", "the 2022 Global Estimates": a dated, named edition
                            r"\bthe (?:19|20)\d\d (?:[A-Z][\w&.'’-]*\s+){0,5}(?:Report|Survey|Index|Review|Study|Assessment|"
                            r"Estimates?|Census|Yearbook)\b|"
                            # a body's titled publication: "TikTok's Fourth DSA Transparency Report"
                            r"\b[A-Z][\w&.-]*['’]s\s+(?:[A-Z0-9][\w&-]*\s+){1,6}(?:Report|Survey|Review|Index|Study|"
                            r"Assessment|Estimates|Census|Yearbook|Audit)\b|"
                            # a dated work and its author: "A report published on March 1st by the Australian
                            # Strategic Policy Institute", "a 2020 study by the Polaris Project"
                            # ("A 2018 article in the Boston Globe by Jana Winter", "a 2019 Guardian article by ...")
                            r"\b(?i:an?|the)\s+(?:19|20)\d\d\s+(?:[A-Z][\w&.'’-]*\s+){0,4}(?:report|study|survey|analysis|audit|"
                            r"investigation|review|article|story|paper|book|piece|op-ed|column)" +
                            r"\s+(?:(?:in|for|on)\s+(?:the\s+)?(?:[A-Z][\w&.'’-]*\s+){1,4})?(?:by|from)\s+(?:the\s+)?[A-Z]|"
                            r"\b(?i:an?|the)\s+" + _WORK_NOUN + r"\s+(?:published|released|issued)\s+(?:on|in)\s+[^,;.]{2,30}?\s+"
                            r"(?:by|from)\s+(?:the\s+)?[A-Z]")


_BRACKETED = re.compile(r"\(([^()]{1,200})\)")


def names_a_work(text: str) -> bool:
    """The sentence names a specific work (title, or titled report and year): its figures and
    claims are sourced, even when the library does not hold that work (dangling-citation and
    unresolved-footnote are the rules that care whether it does)."""
    if _TITLED_REPORT.search(text) or " v" in text and CASE_NAME.search(text):
        return True
    if "(" in text and any(PUBLISHER_DATE.fullmatch(m.group(1)) for m in _BRACKETED.finditer(text)):
        return True  # "Okafor, Harbour Work (Northgate University Press, 2019)": a book named with its publisher
    for m in _QUOTED_TITLE.finditer(text):
        if m.group(0)[0] in "*_" and m.group(1).rstrip()[-1:] in ".!?":
            continue  # a whole sentence set in bold or italics is stressed, not a title: "**Kenya launched ... Africa.**"
        words = re.findall(r"[A-Za-z][\w'’-]*", m.group(1))
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.5 * len(words) \
                and sum(w[0].isupper() for w in words) >= 3:
            return True
    return False


# A work's title in link brackets with no address after it, as a link whose address was lost:
# "According to the [Youth Internet Safety Survey]"
BRACKETED_WORK = re.compile(r"\[[A-Z][^\]\[\n]{0,150}\b(?:Survey|Report|Study|Index|Census|Estimates|Review|Yearbook)\]"
                            r"(?![(\[:])")


# A link whose words name a work: "The ILO's [Child Labour: Global Estimates 2020 ... report](https://...)"
_LINKED_WORK = re.compile(r"\[[^\]\n]{0,300}?\b(?:[Rr]eport|[Ss]tudy|[Ss]urvey|Estimates?|[Aa]ssessment|[Rr]eview|[Ii]ndex|"
                          r"[Yy]earbook|[Cc]ensus)\b[^\]\n]{0,100}\]\([^)\s]{4,500}\)")


# a named body's dataset: "According to the data issued by the National Crime Records Bureau, ..."
_BODY_DATA = re.compile(r"\b(?:according to|based on|from)\s+(?:the\s+)?(?:official\s+|annual\s+|latest\s+)?(?:data|"
                        r"statistics|figures|records)\s+(?:issued|published|released|compiled|collected|kept|provided)\s+"
                        r"by\s+(?:the\s+)?[A-Z]", re.I)


def _credits_a_work(text: str) -> bool:
    return names_a_work(text) or _LINKED_WORK.search(text) is not None or _BODY_DATA.search(text) is not None


def opened_by_work(ctx, sent) -> bool:
    """The sentence's paragraph opens with a sentence that names or links one specific work (or a
    named body's dataset): an explainer or a news report summarising a report gives its figures one
    after another, and the work named first stands for them all ("The ILO's [Global Estimates 2020 report](...) noted
    ... Since the 2016 estimates, the number has risen by 8 million ...")."""
    sentences, first = ctx.doc.sentences, sent.index
    while first > 0 and sentences[first - 1].block == sent.block and sent.index - first < 30:
        first -= 1
    return first != sent.index and sentences[first].kind == "body" and ctx.per_sentence(_credits_a_work, sentences[first])
