"""Which sentences report the document's own study, so that their figures need no citation.

A sentence is the document's own finding when it stands in a methods / results / findings / data
section (the nearest section heading says so; sub-headings inside such a section inherit it), or
when it points at the document's own study ("our survey", "this study", "respondents", "Table 2",
"we find", "(n=50)") in a document that reports a study of its own. A document that declares
itself a data analysis reports its own figures in every section that is neither introduction nor
discussion, whatever its headings are called.
"""

from __future__ import annotations

import re
from collections import Counter

from litcheck.scan.alternation import lowered, may_occur

# What an organisation does with its own work, counted in its own report: "we received 14,325
# notices", "WGCZ added 49 new risk scenarios", "NCMEC has reviewed over 406 million images"
OWN_WORK_VERBS = (r"(?:received|removed|reviewed|actioned|completed|launched|served|provided|provide|sheltered|housed|"
                  r"hired|employ|employed|trained|processed|answered|handled|supported|helped|reached|assisted|referred|"
                  r"celebrated|hosted|welcomed|operated|run|ran|opened|funded|awarded|donated|responded to|took down|"
                  r"taken down|blocked|banned|suspended|deleted|reported|submitted|sent|made|added|increased|expanded|"
                  r"invested|identified|located|registered|logged|manages?|managed)")
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{2,7}\b")

# Section headings that announce the document's own study, and the words such headings use.
_OWN_CORE = {"method", "methods", "methodology", "results", "result", "findings", "data", "analysis", "analyses",
             "sample", "participants", "procedure", "procedures", "measures", "design", "regression",
             # a tool's own tests: "Validation & Metrics", "Evaluation", "Benchmarks"
             "validation", "evaluation", "benchmark", "benchmarks", "experiments", "experiment",
             # a data-science report's own work: "Data Preprocessing", "Training and Testing", "Dataset"
             "dataset", "datasets", "preprocessing", "training", "classification", "clustering", "modeling", "modelling"}
_OWN_WORDS = _OWN_CORE | {"research", "study", "survey", "questionnaire", "discussion", "statistical", "empirical",
                          "materials", "collection", "descriptive", "statistics", "key", "main", "our", "the", "and",
                          "of", "preliminary", "quantitative", "qualitative", "sampling", "instrument", "variables", "metrics",
                          "performance", "tests", "testing", "model", "models", "cleaning", "exploratory", "feature",
                          "features", "engineering", "selection", "supervised", "unsupervised", "tuning", "split",
                          "baseline", "comparison", "accuracy", "description", "processing", "pipeline", "set", "sets"}
# Headings that open a section which is not the document's own study (sub-headings that are
# neither inherit the section they stand in).
_OTHER_SECTION = re.compile(
    r"^(?:introduction|background|literature|review|discussion|conclusions?|summary|references|bibliography|abstract|"
    r"overview|context|limitations|recommendations|implications|appendix|acknowledge?ments?|theor|policy|legal|"
    r"gaps|chapter\b|part\b|preface|foreword|notes|endnotes|case stud)", re.I)
_NUMBERING = re.compile(r"^(?:chapter\s+\d+|part\s+[ivx\d]+|\d+(?:\.\d+)*\.?|[ivxlc]+\.|[a-h]\.)\s*[-–—:.]?\s*", re.I)
# "the 16 platforms surveyed for this article": what the document itself examined
_EXAMINED_HERE = (r"\b(?:surveyed|audited|sampled|studied|analy[sz]ed|reviewed|examined|coded)\s+(?:for|in)\s+"
                  r"(?:this|the present|the current)\s+(?:article|post|paper|report|study|piece|analysis)\b")
_OWN_STUDY = re.compile(r"\b(?:our|this|the present|the current|my)\s+(?:own\s+)?(?:study|survey|questionnaire|research|"
                        r"experiment|sample|analysis|dataset|data set|interviews)\b|" + _EXAMINED_HERE, re.I)
_OWN_REFERENCE = re.compile(
    r"\b(?:our|this|the present|the current|my)\s+(?:own\s+)?(?:study|survey|questionnaire|sample|analysis|dataset|"
    r"data set|data|interviews?|research|experiment|regression|model|findings|results)\b|\brespondents?\b|"
    r"\bparticipants?\b|\binterviewees\b|\bthe (?:sample|questionnaire|survey)\b|\b(?:Table|Figure|Fig\.)\s*\d+\b|"
    r"\bwe (?:find|found|show|showed|estimate|estimated|examine|examined|analy[sz]e|analy[sz]ed|assess|assessed|"
    r"observe|observed|identify|identified|surveyed|interviewed|coded|received)\b|"
    # what the document itself surveyed: "out of 16 surveyed platforms", "of the 40 audited sites"
    r"\b(?:surveyed|audited|sampled|coded|interviewed)\s+(?:[a-z-]+\s+){0,2}[a-z]+s\b|"
    # "Out of 269 loan advertisements analyzed": a count of what the writers examined (not "... by UNODC")
    r"\b(?:[Oo]ut of|[Oo]f the)\s+\d[\d,]*\s+(?:[a-z-]+\s+){0,3}(?:analy[sz]ed|examined|reviewed|studied|collected)\b(?!\s+by\b)|"
    # statistical notation: "(n=50)", "(SD=43.02)", "R^2 = 0.46", "p < .05"
    r"\(\s*n\s*=\s*\d|\bSD\s*=\s*\d|\bR(?:\^2|²)\s*=|\bp\s*[<=>]\s*0?\.\d|" + _EXAMINED_HERE)


_POINTER = re.compile(r"\((?:see\s+)?(?:Table|Figure|Fig\.|Chart|Graph|Exhibit)\s*\d+[a-z]?\)|"
                      r"\b(?:shown|seen|illustrated|presented|summari[sz]ed|detailed|plotted)\s+in\s+"
                      r"(?:Table|Figure|Fig\.|Chart|Graph|Exhibit)\s*\d+", re.I)


# A document that says it is a data analysis ("This post is an exploratory data analysis of ..."):
# the sections that are neither
# introduction nor discussion report its own figures, whatever their headings are called.
_DATA_ANALYSIS = re.compile(
    r"\b(?:this|the present|the current|my|our)\s+(?:blog\s+)?(?:post|paper|article|report|brief|essay|piece|chapter|"
    r"note|working paper)\s+(?:is|presents?|offers?|provides?|contains?)\s+(?:an?\s+)?(?:\w+\s+){0,2}?"
    r"(?:data|statistical|quantitative|descriptive|regression|numerical)\s+analys[ie]s\b", re.I)


# A document presenting its own index, ranking or scorecard ("The 2019 RDR Index evaluated 24 of the
# world's most powerful ... companies"): its scores, ranks and findings about the set it evaluated
# ("Only eight of the 24 companies evaluated scored 50 percent", "Tencent ranked tenth", "Most companies
# still fail to disclose ...") are its own results
_SET = r"(?:companies|platforms|countries|firms|governments|services|apps|providers|businesses|states|brands|retailers)\b"
_EVALUATES = re.compile(r"\b(?:evaluated|assessed|ranked|scored|rated|benchmarked|graded)\s+(?:\d+|(?:twenty|thirty|forty|fifty|"
                        r"sixty|seventy|eighty|ninety|a hundred)(?:-[a-z]+)?|ten|eleven|twelve|[a-z]+teen)\s+(?:of\s+the\s+)?"
                        r"(?:[\w'’,-]+\s+){0,8}?" + _SET + r"(?:,?\s+(?:and|or)\s+(?:[\w'’-]+\s+){0,3}?" + _SET + ")?")
_SCORING = re.compile(r"\bscor(?:e|es|ed|ing)\b|\branked\b|\brank(?:s|ing)\b|\bpercentage points?\b|"
                      r"\bout of a (?:total )?(?:possible )?\d+|\bindicators?\b|\b(?:first|second|third|last) place\b", re.I)
_QUANTIFIED_SET = r"\b(?:[Mm]ost|[Ff]ew|[Mm]any|[Aa]ll|[Nn]one|[Ss]ome|[Ss]everal|[Hh]alf|\d+|[a-z]+teen|[a-z]+ty)\s+(?:of\s+(?:the\s+)?(?:\d+\s+)?)?(?:evaluated\s+)?"
_SET_NOUN = re.compile(r"\b" + _SET)


def _heading_kind(text: str) -> str | None:
    """'own' for a methods / results / data heading, 'other' for another major section, None otherwise."""
    text = _NUMBERING.sub("", text.strip(" *_#\t").lower()).strip(" *_:")
    words = re.findall(r"[a-z]+", text)
    if not words or len(words) > 6:
        return None
    if set(words) <= _OWN_WORDS and set(words) & _OWN_CORE:
        return "own"
    return "other" if _OTHER_SECTION.match(text) else None


def _writer_work(doc) -> re.Pattern | bool:
    counts = Counter(_ACRONYM.findall(doc.masked))
    opening = [a for a in dict.fromkeys(_ACRONYM.findall(doc.text[:1000])) if counts[a] >= 10]
    if not opening:
        return False
    writer = re.escape(max(opening, key=counts.__getitem__))
    return re.compile(r"\b" + writer + r"(?:['’]s\s+(?:more than\s+|over\s+|nearly\s+|about\s+)?\d|\s+(?:has\s+|have\s+|had\s+|"
                      r"also\s+){0,2}" + OWN_WORK_VERBS + r"\b)")


class OwnResults:
    """Which sentences report the document's own study (see the module docstring)."""

    def __init__(self, doc):
        self.doc = doc
        self._writer_work: re.Pattern | bool | None = None  # (found on first use)
        self.in_section: set[int] = set()
        own = False
        low = lowered(doc.masked)  # (both searches of the whole text below are tried only where their words are)
        analyses_data = self.analyses_data = may_occur(_DATA_ANALYSIS, low) and bool(_DATA_ANALYSIS.search(doc.masked))
        for s in doc.sentences:
            if s.kind == "heading":
                kind = _heading_kind(s.text)
                if kind is not None:
                    own = kind == "own"
                elif analyses_data:
                    own = True
                continue
            if own:
                self.in_section.add(s.index)
        self.has_study = bool(self.in_section) or may_occur(_OWN_STUDY, low) and bool(_OWN_STUDY.search(doc.masked))
        evaluates = _EVALUATES.search(doc.masked) if may_occur(_EVALUATES, low) else None
        self._evaluated = (re.compile(_QUANTIFIED_SET + "(?:" + "|".join(set(_SET_NOUN.findall(evaluates.group(0)))) + r")\b")
                           if evaluates else None)  # "Most companies ...", not "in most countries" of an index of companies

    def covers(self, sent) -> bool:
        """The sentence reports the document's own results (a figure in it needs no citation), or
        reads its figures off a table or chart of the document ("... 92% of the beds (Figure 6)"),
        whose caption is where their source belongs."""
        return sent.index in self.in_section or self.speaks_of_own_data(sent) or _POINTER.search(sent.text) is not None \
            or self.scores_own_set(sent)

    def scores_own_set(self, sent) -> bool:
        """In a document presenting its own index or ranking, the sentence gives a score or rank, or
        a finding about the set it evaluated ("Most companies still fail to disclose ...")."""
        return self._evaluated is not None and (_SCORING.search(sent.text) is not None
                                                or self._evaluated.search(sent.text) is not None)

    def counts_own_work(self, sent) -> bool:
        """The writer, named in the third person, counts its own work ("WGCZ added 49 new risk
        scenarios", "NCMEC's more than 400 employees"): its own records, like "we received ...".
        The writer is the acronym in the document's opening lines that it names most (ten times or more)."""
        if self._writer_work is None:
            self._writer_work = _writer_work(self.doc)
        return self._writer_work is not False and self._writer_work.search(sent.text) is not None

    def speaks_of_own_data(self, sent) -> bool:
        """The sentence names the document's own data ("most respondents", "in our sample"): a
        superlative about them is a finding, not a claim about the world."""
        return self.has_study and bool(_OWN_REFERENCE.search(sent.text)) or self.scores_own_set(sent)

    @classmethod
    def of(cls, ctx) -> "OwnResults":
        cached = getattr(ctx, "_own_results", None)
        if cached is None:
            cached = ctx._own_results = cls(ctx.doc)
        return cached
