"""The word test in front of the scanner's long patterns (litcheck.scan.alternation): it may
skip a pattern only where the pattern cannot match, and it skips a pattern whose words of one
part are missing even when words of another part are there."""

from __future__ import annotations

import re
from pathlib import Path

from litcheck.scan.alternation import lowered, matchable, may_match, may_match_any, may_occur
from litcheck.scan.document import parse_document
from litcheck.scan.own_results import _DATA_ANALYSIS, _OWN_STUDY
from litcheck.scan.rules.sourcing import FIGURE_PATTERNS
from litcheck.scan.vague_wording import VAGUE_PATTERNS
from litcheck.scan.rules.superlatives import SUPERLATIVE_PATTERNS

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "eval"
PATTERNS = SUPERLATIVE_PATTERNS + VAGUE_PATTERNS + [p for _, p in FIGURE_PATTERNS] + [_DATA_ANALYSIS, _OWN_STUDY]
EMPTY_FIELD = next(p for p in SUPERLATIVE_PATTERNS if p.pattern.startswith(r"\bthere (?:is|are|has been"))


def _sentences() -> list[str]:
    out = ["There is no evidence that it rose.", "No research has examined it.", "There is no data.",
           "Studies show 45% rise.", "The first study to do so.", "Most studies find 3 in 10 were victims."]
    for path in sorted(BENCH.glob("*.txt")):
        doc = parse_document(path.read_text(encoding="utf-8"), str(path), "text")
        out += [s.text for s in doc.sentences]
    return out


def test_a_pattern_that_matches_is_never_skipped():
    sentences = _sentences()
    assert len(sentences) > 500
    for text in sentences:
        low = lowered(text)
        kept = matchable(PATTERNS, low)
        for pattern in PATTERNS:
            if pattern.search(text):
                assert may_match(pattern, low), (pattern.pattern[:60], text)
                assert may_occur(pattern, low), (pattern.pattern[:60], text)
                assert pattern in kept, (pattern.pattern[:60], text)
        if any(p.search(text) for p in SUPERLATIVE_PATTERNS):
            assert may_match_any(SUPERLATIVE_PATTERNS, low), text


def test_a_document_without_a_patterns_words_has_no_sentence_it_matches():
    # a sentence's text is a span of the document with its whitespace collapsed: "data\nset"
    # in the document is "data set" in the sentence, so the words are looked for without spaces
    assert may_occur(re.compile("the data set"), lowered("In the data\nset, 45% were girls."))
    for path in sorted(BENCH.glob("*.txt")):
        doc = parse_document(path.read_text(encoding="utf-8"), str(path), "text")
        low = lowered(doc.masked)
        for pattern in PATTERNS:
            if not may_occur(pattern, low):
                assert not any(pattern.search(s.text) for s in doc.sentences), (path.name, pattern.pattern[:60])


def test_every_part_of_a_pattern_needs_its_words():
    # "studies" is one of the words after "there is no" and after "no", but neither "there "
    # nor "no " is in the sentence: the pattern is skipped without being tried
    assert not may_match(EMPTY_FIELD, lowered("Studies show 45% rise."))
    assert not may_match_any(SUPERLATIVE_PATTERNS, lowered("Studies show 45% rise."))
    for text in ("There is no evidence that it rose.", "No research has examined it.", "There is no data."):
        assert EMPTY_FIELD.search(text) and may_match(EMPTY_FIELD, lowered(text))
    # a whole text without "study", "survey", "our", ... is not searched for the document's own study
    assert not may_occur(_OWN_STUDY, lowered("Studies show 45% rise.\n" * 1000))
    assert may_occur(_OWN_STUDY, lowered("In our survey, 45% said so.")) and _OWN_STUDY.search("In our survey, 45% said so.")
    # a pattern with no word to test is always tried
    anything = re.compile(r"\w+")
    assert may_match(anything, lowered("x")) and may_occur(anything, lowered("x"))
    assert matchable([anything], lowered("")) == [anything]
