"""topic-mismatch: the claim and the work it cites share no subject, a sign of a misplaced or
recycled note."""

from __future__ import annotations

import re

from litcheck.scan.resolve.text import tokens
from litcheck.scan.rules import rule

# Topic words: a sentence's subjects, from the controlled topics. Families group topics a single
# work often spans, so that only a clear change of subject is reported.
TOPIC_WORDS = {
    "sex-trafficking": r"sex[- ]trafficking|brothels?|prostitution|escort|commercial sex|sex work(?:ers?)?|pimps?|lover-?boy",
    "labour-trafficking": r"forced labou?r|labou?r trafficking|debt bondage|domestic work(?:ers?)?|migrant workers?",
    "child-labour": r"child labou?r",
    "grooming": r"groom(?:ing|ed|ers?)?",
    "sextortion": r"sextortion|blackmail(?:ed|ing)?|extort(?:ion|ed)?",
    "csam": r"child sexual abuse material|csam|child pornography|abuse images?|explicit (?:images?|photos?|material)",
    "live-streaming": r"live[- ]?stream(?:ed|ing)?|webcams?|cam shows?|cybersex",
    "ai-generated-content": r"deep ?fakes?|ai[- ]generated|synthetic (?:images?|media)|nudif\w+",
    "dark-web": r"dark[- ]?web|darknet|dark-?net|tor\b|onion|hidden services?",
    "cryptocurrency": r"crypto\w*|bitcoins?|monero|ethereum|blockchain",
    "social-media": r"social media|facebook|instagram|tik ?tok|snapchat|whatsapp|telegram|twitter|dating apps?|messaging apps?",
    "online-advertising": r"classified (?:ads?|sites?|websites?|platforms?)|backpage|craigslist|online ads?|advertis\w+",
    "encryption": r"encrypt\w*|end-to-end|vpns?|anonymi[sz]\w+",
    "legislation": r"\blaws?\b|legislation|statutes?|treaty|treaties|convention|protocol|\bacts?\b|regulation|criminali[sz]\w+",
    "platform-regulation": r"platform (?:liability|accountability|responsibility)|section 230|content moderation|intermediar\w+",
    "law-enforcement": r"police|law[- ]enforcement|investigat\w+|prosecut\w+|arrest\w*|takedowns?|raids?|fbi|europol|interpol",
    "financial-investigation": r"money laundering|anti-money|\baml\b|know your customer|kyc|financial intelligence",
    "victim-impact": r"trauma\w*|re-?victimi[sz]\w+|survivors?|mental health|psycholog\w+|stigma\w*|shame",
    "prevention": r"awareness|education|prevention|preventive",
    "counter-technology": r"machine learning|artificial intelligence|\bai\b|osint|forensic\w*|algorithms?|classifiers?|detection tools?",
    "covid-19": r"covid|pandemic|lockdowns?|coronavirus",
    "cybercrime": r"cybercrime|cyber-?crime|hacking|malware|budapest convention",
}
TOPIC_FAMILY = {
    "sex-trafficking": "exploitation", "labour-trafficking": "labour", "child-labour": "labour", "forced-labour": "labour",
    "recruitment": "exploitation", "grooming": "child", "sextortion": "child", "csam": "child", "live-streaming": "child",
    "ai-generated-content": "child", "dark-web": "tech", "cryptocurrency": "tech", "social-media": "tech",
    "online-advertising": "tech", "encryption": "tech", "legislation": "law", "platform-regulation": "law",
    "law-enforcement": "enforcement", "financial-investigation": "enforcement", "victim-impact": "victims",
    "prevention": "victims", "counter-technology": "tech", "statistics": "any", "covid-19": "covid", "cybercrime": "law",
}
_TOPIC_NAMES = list(TOPIC_WORDS)
# one pass over the sentence for all topics (a named group per topic) instead of one per topic
_TOPIC_ANY = re.compile(r"\b(?:" + "|".join(f"(?P<t{i}>{p})" for i, p in enumerate(TOPIC_WORDS.values())) + r")", re.I)


def sentence_topics(text: str) -> set[str]:
    return {_TOPIC_NAMES[int(m.lastgroup[1:])] for m in _TOPIC_ANY.finditer(text)}


def work_topics(work, ctx) -> set[str]:
    topics = set(work.entry.keywords)
    note = ctx.note(work.key)
    if note is not None and isinstance(note.meta.get("topics"), list):
        topics |= {str(t).lower() for t in note.meta["topics"]}
    return topics


@rule("topic-mismatch", "warning",
      "The claim and the cited work share no subject: none of the sentence's topics (from the controlled vocabulary's "
      "topic words) is a topic of the work or a neighbouring one, and they share no title word.",
      fires="Machine-learning classifiers now spot coded escort ads.[^5]\n\n[^5]: ILO, *Counting the Hidden: Child Labour "
            "in Agriculture* (2016).",
      passes="Machine-learning classifiers now spot coded escort ads.[^5]\n\n[^5]: Ilse Hartmann, *Markets in the "
             "Shadows* (Northgate Press 2012).",
      why="A footnote on another subject makes a claim look supported when it is not (a misplaced or recycled note).",
      order=90)
def topic_mismatch(ctx):
    for sent in ctx.claim_sentences():
        if not any(c.kind != "named" for c, _ in ctx.works_for(sent)):
            continue  # nothing cited to compare with (most sentences): no topic search
        s_topics = sentence_topics(ctx.claim_text(sent))
        if len(s_topics) < 2:
            continue
        s_tokens = set(tokens(sent.text))
        done = set()
        for c, work in ctx.works_for(sent):
            if work.key in done or c.kind == "named":
                continue
            done.add(work.key)
            w_topics = work_topics(work, ctx) - {"statistics"}
            if not w_topics:
                continue
            fams_s = {TOPIC_FAMILY.get(t, t) for t in s_topics}
            fams_w = {TOPIC_FAMILY.get(t, t) for t in w_topics}
            if s_topics & w_topics or fams_s & fams_w:
                continue
            if len(s_tokens & work.title_tokens) >= 1:
                continue
            yield ctx.flag("topic-mismatch", sent,
                           f"the sentence is about {', '.join(sorted(s_topics))}; the cited {work.key} covers "
                           f"{', '.join(sorted(w_topics))}", keys=[work.key], evidence=", ".join(sorted(s_topics)))

