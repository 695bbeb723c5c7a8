"""The scanner's rules: one small function per rule id, registered with `@rule`.

A rule is `fn(ctx: ScanContext) -> Iterable[Flag]`. `ScanContext` holds the parsed document,
its citations (resolved against the library), the library index, the dated facts and the
claims registers, plus helpers every rule needs (what a sentence cites, which sentences carry
a footnote). Rule ids, severities and meanings are fixed by DESIGN.md.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable, Iterable

from litcheck.library.findings import SEVERITIES, severity_rank
from litcheck.scan.alternation import lowered, may_occur

# The worklist levels: what a fact-checker should look at first. An error is always level 1; a
# rule's other flags stand at the level its registration gives (by default 3 for a warning, 6
# for info), and a rule may raise one flag (known-claim does for a claim a register holds false).
# JSON carries the number; text and md reports group by it.
PRIORITIES = {
    1: "sourcing that is wrong, or a claim already known to be false",
    2: "figures to verify",
    3: "sources to verify",
    4: "superlatives and absolutes",
    5: "vague attributions",
    6: "context",
}
DEFAULT_PRIORITY = {"error": 1, "warning": 3, "info": 6}


def _bare_parenthesis(sent) -> bool:
    """The sentence is nothing but a parenthesis ("(NSPCC, 2024)", "([guidance](https://...))"):
    set after a full stop or on the next line, it belongs to the sentence before it."""
    text = sent.text.strip("*_ ")
    return text.startswith("(") and text.rstrip(".").endswith(")")


# a line that sends the reader to the sources of what it follows: "See Ofcom's guidance: [...](...)"
_POINTER = re.compile(r"(?:See|For (?:more|details),? see|Sources?:|Read more)\b")


# a clause break and a conjunction that opens a clause of the writer's own after a citation
_NEW_CLAUSE = re.compile(r"[”\"’')\]]?\s*[,;]?\s+(?:but|yet|while|whereas|although|though)\s+(?=\S)", re.I)


@dataclass(slots=True)
class Flag:
    rule: str
    severity: str
    line: int
    sentence: str
    message: str
    # keys and cited_by are lists, or () when empty: a dense document has hundreds of thousands
    # of flags, and two empty lists a flag were a sixth of their memory
    keys: list[str] | tuple = ()
    start: int = 0
    end: int = 0
    evidence: str = ""  # the figure, phrase or citation that triggered it
    priority: int = 0  # the rule's registered level (see PRIORITIES), raised by a rule that knows better
    where: str = "body"  # body | footnote | reference: where the problem lies
    cited_by: list[tuple[int, str]] | tuple = ()  # (line, sentence) citing a note / item

    @property
    def rank(self) -> int:
        """Where the flag stands in a fact-checker's worklist: 1 first (see PRIORITIES)."""
        return 1 if self.severity == "error" else self.priority

    def as_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "line": self.line, "sentence": self.sentence,
                "message": self.message, "keys": list(self.keys), "evidence": self.evidence,
                "start": self.start, "end": self.end, "priority": self.rank, "where": self.where,
                "cited_by": [{"line": line, "sentence": text} for line, text in self.cited_by]}


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    description: str
    fires: str  # an example document that fires (scanned against tests/data/scan/lib.bib by the tests)
    passes: str  # a similar one that does not
    func: Callable
    why: str = ""  # why it matters to a fact-checker
    priority: int = 3  # the worklist level of its flags (PRIORITIES; an error's is always 1)
    order: int | None = None  # where `litcheck rules` lists it (and it runs); None: after those with one

    def as_dict(self) -> dict:
        return {"id": self.id, "severity": self.severity, "description": self.description, "why": self.why,
                "example_fires": self.fires, "example_passes": self.passes}


_RULES: dict[str, Rule] = {}


# The library the documented examples are scanned against (tests/test_rule_examples.py).
EXAMPLE_LIBRARY = "tests/data/scan/lib.bib"


def rule(id: str, severity: str, description: str, fires: str, passes: str, why: str = "", *,
         priority: int | None = None, order: int | None = None):
    """Register a rule. `fires` and `passes` are real documents (Markdown; `\\n` between lines):
    a test scans each against EXAMPLE_LIBRARY and checks the one fires and the other does not.
    `priority` is the worklist level of its flags (PRIORITIES; default by severity), `order`
    where it is listed and run (rules without one come last, in the order they register)."""
    assert severity in SEVERITIES, severity
    priority = DEFAULT_PRIORITY[severity] if priority is None else priority
    assert priority in PRIORITIES and (severity != "error" or priority == 1), (id, priority)

    def register(func: Callable) -> Callable:
        _RULES[id] = Rule(id, severity, description, fires, passes, func, why, priority, order)
        return func

    return register


def all_rules() -> dict[str, Rule]:
    from litcheck.registry import import_package_modules

    import_package_modules(__name__)  # each module of this package registers its rules

    ranked = sorted(_RULES.values(), key=lambda r: (r.order is None, r.order or 0))  # stable: registration order
    return {r.id: r for r in ranked}


def select_rules(only=None, ignore=None) -> list[Rule]:
    """Rules to run; `only` / `ignore` are ids (comma-separated strings allowed). Unknown ids raise KeyError."""
    rules = all_rules()

    def ids(values):
        out = []
        for v in values or ():
            out.extend(x.strip() for x in v.split(",") if x.strip())
        unknown = [x for x in out if x not in rules]
        if unknown:
            raise KeyError(f"unknown rule id(s): {', '.join(unknown)} (see `litcheck rules`)")
        return out

    wanted = ids(only)
    skipped = set(ids(ignore))
    chosen = [r for k, r in rules.items() if (not wanted or k in wanted) and k not in skipped]
    return chosen


def describe_rules(rules: list[Rule], fmt: str) -> str:
    """The rules' id, severity, meaning and examples as text or md (`litcheck rules`)."""
    import textwrap

    out = []
    for r in rules:
        if fmt == "md":
            out += [f"### `{r.id}` ({r.severity})", "", r.description, ""]
            if r.why:
                out += [f"Why it matters: {r.why}", ""]
            out += ["Fires:", "", "```text", r.fires, "```", "", "Does not fire:", "", "```text", r.passes, "```", ""]
        else:
            out.append(f"{r.id}  [{r.severity}]")
            out += ["  " + line for line in textwrap.wrap(r.description, 96)]
            if r.why:
                out += ["  " + line for line in textwrap.wrap("Why it matters: " + r.why, 96)]
            out.append("  fires:")
            out += ["    " + line for line in r.fires.splitlines() if line.strip()]
            out.append("  does not fire:")
            out += ["    " + line for line in r.passes.splitlines() if line.strip()]
            out.append("")
    return "\n".join(out) + "\n"


NOT_PROSE = {"heading", "caption", "table", "questionnaire", "page"}
# An instruction to the reader asserts nothing to check: "NEVER send images to anyone", "Always
# report abuse", "Do not reply", "Please call 911". (Not an inversion: "Never have so many ...".)
IMPERATIVE = re.compile(r"[\W_]*+(?:(?i:never|always|please)\s+(?!(?i:has|have|had|is|are|was|were|been|be|before|"
                         r"again|once|since|in|so|did|does|do)\b)[a-zA-Z]+(?<!ed)(?<![^s]s)\b|(?i:do not|don['’]t|make sure|be sure|"
                         r"remember to)\s+[a-z]|"
                         # a scenario the reader is asked to picture: "Imagine a scenario where ...", not a claim
                         r"(?:Imagine|Suppose|Picture)\s+(?:a|an|that|if|how|what|the)\b)")


# a line of a Markdown block quote, and the one that closes it with its source: "> — [Title](https://...)"
_QUOTE_LINE = re.compile(r"[ \t]{0,3}>")
_QUOTE_SOURCE = re.compile(r"(?:>\s*)*(?:—|―|–|--)\s*\S")


class ScanContext:
    """Everything a rule may read about one document."""

    def __init__(self, doc, citations, resolution, index, library, facts=None, claims=None):
        self.doc = doc
        self.citations = citations
        self.resolution = resolution
        self.index = index
        self.library = library
        self.facts = facts or []
        self.claims = claims or []
        self._pieces = None
        self._claim_texts: dict[int, str] = {}
        self._citing_index = None
        self._quoted = None  # the lines of block quotes, once asked
        self.by_sentence: dict[int, list] = {}
        for c in citations:
            self.by_sentence.setdefault(c.sentence, []).append(c)
        self._cited = sorted(self.by_sentence)  # indices of the sentences with citations of their own
        self._claim_sentences = None
        self._covering: dict[int, list] = {}
        self._memo: dict = {}
        self._cited_all = None
        self._in_text: dict[int, bool] = {}  # a pattern's id -> in_text's answer
        self._text_low: str | None | bool = False  # the masked text lowered (False: not yet)

    # --- sentences -------------------------------------------------------------------------
    def claim_sentences(self):
        """Body sentences that can carry a claim (not headings, captions, tables, questionnaires,
        questions or instructions to the reader). Listed once per document: every rule walks them."""
        if self._claim_sentences is None:
            self._claim_sentences = [s for s in self.doc.sentences
                                     if s.kind not in NOT_PROSE and not s.text.rstrip("*_\"'”’)").endswith("?")
                                     and not IMPERATIVE.match(s.text)]
        return self._claim_sentences

    def own_citations(self, sent) -> list:
        return self.by_sentence.get(sent.index, [])

    def claim_text(self, sent) -> str:
        """The sentence's masked text with its own citations blanked (named sources kept): years and
        figures inside a citation are not what the claim is about. Kept per sentence: most rules
        read it."""
        text = self._claim_texts.get(sent.index)
        if text is None:
            text = self.doc.masked[sent.start:sent.end]
            blanked = [c for c in self.own_citations(sent) if c.kind != "named"]
            if blanked:  # (most sentences have nothing to blank: their text is kept as it is)
                chars = list(text)
                for c in blanked:
                    for i in range(max(0, c.start - sent.start), min(len(chars), c.end - sent.start)):
                        chars[i] = " "
                text = "".join(chars)
            self._claim_texts[sent.index] = text
        return text

    def in_text(self, pattern: re.Pattern) -> bool:
        """False when `pattern` cannot match in any sentence: the document lacks every word of one
        of the pattern's sets (alternation.may_occur), read once a document. A rule then skips
        searching each sentence for it (a sentence's text, or its claim text, is a span of the
        document with its whitespace collapsed or citations blanked)."""
        known = self._in_text.get(id(pattern))
        if known is None:
            if self._text_low is False:
                self._text_low = lowered(self.doc.masked)
            known = self._in_text[id(pattern)] = may_occur(pattern, self._text_low)
        return known

    def per_sentence(self, fn, sent):
        """`fn(sent.text)`, computed once per sentence: a fact about a sentence that several rules
        read (whether it names a work) is worth keeping on a dense document."""
        memo = self._memo.get(fn)
        if memo is None:
            memo = self._memo[fn] = {}
        value = memo.get(sent.index, memo)
        if value is memo:
            value = memo[sent.index] = fn(sent.text)
        return value

    def cited_before(self, sent, span: int) -> list:
        """The sentences among the `span` before `sent` that a citation covers (`is_cited`), in
        order; the covered sentences are listed once, so a look back costs a bisection."""
        if self._cited_all is None:
            self._cited_all = [s.index for s in self.doc.sentences if self.is_cited(s)]
        lo = bisect.bisect_left(self._cited_all, sent.index - span)
        hi = bisect.bisect_left(self._cited_all, sent.index)
        return [self.doc.sentences[i] for i in self._cited_all[lo:hi]]

    def citations_for(self, sent) -> list:
        """The citations that cover the sentence: its own (a note marker right after it, across a
        space or the full stop, is its own); for a list item without any, its lead-in sentence's;
        else the closing citation of a paragraph about one source. Kept per sentence: most rules
        ask, some several times."""
        covering = self._covering.get(sent.index)
        if covering is None:
            covering = self.own_citations(sent) or self._trailing_parenthesis(sent) or self._quote_source(sent)
            if not covering:
                covering = self.by_sentence.get(sent.lead, []) if sent.lead is not None else self._paragraph_source(sent)
            self._covering[sent.index] = covering
        return covering

    def sentence_of(self, c):
        """The sentence citation `c` supports: its own, or, for a parenthesis of citations set after
        the full stop or on the line after a paragraph, the sentence before it (where a flag about
        the citation belongs)."""
        sent = self.doc.sentences[c.sentence]
        if sent.index and _bare_parenthesis(sent):
            prev = self.doc.sentences[sent.index - 1]
            if prev.block in (sent.block, sent.block - 1) and prev.kind == "body":
                return prev
        return sent

    def _trailing_parenthesis(self, sent) -> list:
        """The citations of the next sentence when it only points to the sources: a parenthesis of them
        set after the full stop ("... up to £18m. ([Ofcom guidance](https://...))"), or a "See ..."
        line after it, in its paragraph or opening the next ("See Ofcom's guidance: [PDF](https://...)")."""
        sentences = self.doc.sentences
        if sent.index + 1 >= len(sentences):
            return []
        after = sentences[sent.index + 1]
        if after.block == sent.block and _bare_parenthesis(after) or \
                after.block in (sent.block, sent.block + 1) and _POINTER.match(after.text.strip("*_ ")):
            return [c for c in self.own_citations(after) if c.kind != "named"]
        return []

    def _quote_source(self, sent) -> list:
        """The citations of the line that closes a block quote with its source ("> — [Your car,
        tracked](https://...), WIRED, 2012"): the quoted sentences above it are that source's words."""
        quoted = self._quote_lines()
        if sent.line not in quoted:
            return []
        for later in self.doc.sentences[sent.index + 1:sent.index + 40]:
            if later.line not in quoted:
                return []  # the quote ended with no source line
            if _QUOTE_SOURCE.match(later.text):
                return [c for c in self.own_citations(later) if c.kind != "named"]
        return []

    def _quote_lines(self) -> frozenset:
        """The 1-based numbers of the lines of Markdown block quotes, found once a document (looking
        back from each sentence for its line's start would cost the square of a long line)."""
        if self._quoted is None:
            text = self.doc.text
            self._quoted = frozenset(n for n, line in enumerate(text.split("\n"), 1) if _QUOTE_LINE.match(line)) \
                if ">" in text else frozenset()
        return self._quoted

    def _paragraph_source(self, sent) -> list:
        """The citations of the next cited sentence of the paragraph, when the sentence stands
        between two sentences of its paragraph that cite the same single work and nothing else
        ("X found ...¹ It also showed ... Its authors add ...²" with notes 1 and 2 one work): the
        paragraph is about that source. A sentence before a paragraph's first citation is not
        covered by it (the reader cannot yet know the source)."""
        before, after = self._cited_near(sent, -1), self._cited_near(sent, 1)
        if after is not None and self._named_ahead(sent, before, after):
            return [c for c in self.own_citations(after) if c.kind != "named"]
        if before is None or after is None:
            return []
        cites = [c for s in (before, after) for c in self.own_citations(s) if c.kind != "named"]
        works = {self._work_of(c) for c in cites}
        if not cites or len(works) != 1 or None in works:
            return []
        return [c for c in self.own_citations(after) if c.kind != "named"]

    def _named_ahead(self, sent, before, after) -> bool:
        """The paragraph names, at or before `sent` (and after its previous citation), the author
        or body its next citation gives ("ODO inspected the site and found ... There were 21
        deficiencies ... (ODO, 2021a)"): the reader already knows whose findings these are."""
        names = {n for c in self.own_citations(after) if c.kind == "author-date" for n in c.names[:1] if len(n) > 1}
        if not names:
            return False
        floor = before.index + 1 if before is not None else max(0, sent.index - 12)
        start = sent.index
        while start > floor and self.doc.sentences[start - 1].block == sent.block:
            start -= 1
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names)) + r")\b")
        return any(pattern.search(self.doc.sentences[k].text) for k in range(start, sent.index + 1))

    def _cited_near(self, sent, step: int):
        """The nearest sentence with citations of its own before (`step` -1) or after (+1) `sent`,
        at most 12 sentences away and in its block; found by bisection, since walking the
        neighbours of every uncited sentence was a fifth of a dense document's scan."""
        sentences, i = self.doc.sentences, sent.index
        at = bisect.bisect_left(self._cited, i) + (-1 if step < 0 else 0)
        if 0 <= at < len(self._cited) and self._cited[at] == i:
            at += step
        if not 0 <= at < len(self._cited) or abs(self._cited[at] - i) > 12:
            return None
        j = self._cited[at]
        if any(sentences[k].block != sent.block for k in range(i + step, j + step, step)):
            return None
        return sentences[j]

    def _work_of(self, c):
        """What identifies the work a citation points to, inside this document (None: unknown)."""
        if c.key:
            return ("key", c.key)
        if c.via_reference is not None and c.via_reference >= 0:
            return ("item", c.via_reference)
        if c.kind == "footnote":
            pieces = self.note_pieces()
            works = {p.work.label if p.work is not None else label for label in c.labels for p in pieces.get(label, [])}
            return ("note", frozenset(works)) if works else None
        if c.kind == "author-date" and c.names:
            return ("name", c.names[0], c.year)
        return None

    def uncited_tail(self, sent) -> int | None:
        """Where, in a cited sentence, a clause its citations do not reach begins: a marker that
        closes a clause before "but", "yet", "while" or "whereas" supports that clause, not the
        next one ("... an issue unto itself,[25] but what matters is that the vast majority ...").
        None when the citations reach the end of the sentence."""
        own = [c for c in self.own_citations(sent) if c.kind != "named"]
        last = max(own, key=lambda c: c.end, default=None)
        if last is None or last.kind == "link":
            return None  # (a link sits on the words it sources, which may run on past "but")
        end = last.end - sent.start
        m = _NEW_CLAUSE.match(self.doc.masked, sent.start + end, sent.end)
        return m.end() - sent.start if m else None

    def is_cited(self, sent, strict: bool = False) -> bool:
        """True if the sentence carries a citation: a footnote marker, [@key], [n], an author-date
        citation (even a dangling one: that rule flags it), or a named source that the library
        resolves. `strict` ignores named sources."""
        for c in self.citations_for(sent):
            if c.kind != "named":
                return True
            if not strict and c.key:
                return True
        return False

    def works_for(self, sent) -> list[tuple[object, object]]:
        """(citation, Work) for every library work the sentence's citations resolve to."""
        out = []
        for c in self.citations_for(sent):
            for k in (c.keys or ([c.key] if c.key else [])):
                w = self.index.get(k)
                if w is not None:
                    out.append((c, w))
        return out

    def flag(self, rule_id: str, sent, message: str, keys=(), evidence: str = "") -> Flag:
        r = _RULES[rule_id]
        return Flag(rule_id, r.severity, sent.line, sent.text, message,
                    (list(dict.fromkeys(k for k in keys if k)) or ()) if keys else (),
                    sent.start, sent.end, evidence, r.priority)

    def flag_at_note(self, rule_id: str, label: str, message: str, keys=(), evidence: str = "") -> Flag:
        """A flag about footnote `label` itself: it carries the note's text and line and names the
        body sentences that cite it."""
        note = self.doc.footnotes[label]
        return self._flag_at(rule_id, note, "footnote", self.sentences_citing_footnote(label), message, keys, evidence)

    def flag_in_note(self, rule_id: str, label: str, sentence: str, message: str, evidence: str = "") -> Flag:
        """A flag about one sentence of footnote `label` (a claim the note makes): it carries that
        sentence, the note's line, and the body sentences that cite the note."""
        r, note = _RULES[rule_id], self.doc.footnotes[label]
        citing = self.sentences_citing_footnote(label)
        return Flag(rule_id, r.severity, note.line, sentence, message, (), note.start, note.end, evidence, r.priority,
                    where="footnote", cited_by=[(s.line, s.text) for s in citing] or ())

    def flag_at_reference(self, rule_id: str, index: int, message: str, keys=(), evidence: str = "") -> Flag:
        """A flag about reference-list item `index` itself (its text and line)."""
        item = self.doc.references[index]
        return self._flag_at(rule_id, item, "reference", self.sentences_citing_reference(index), message, keys, evidence)

    def _flag_at(self, rule_id, note, where, citing, message, keys, evidence) -> Flag:
        r = _RULES[rule_id]
        if citing:
            lines = ", ".join(str(s.line) for s in citing[:5]) + (" …" if len(citing) > 5 else "")
            message += f" (cited at line{'s' if len(citing) > 1 else ''} {lines})"
        # the note as it stands in the file, with its marker ("[^19]: Hyland 2001, 1.", "[6] Gray, E. ..."):
        # the reader finds it by its number
        start = self.doc.text.rfind("\n", 0, note.start) + 1
        marker = self.doc.text[start:note.start].strip()
        if not marker or len(marker) > 12:
            marker, start = "", note.start
        text = f"{marker} {note.text}" if marker else note.text
        return Flag(rule_id, r.severity, note.line, text, message, list(dict.fromkeys(k for k in keys if k)) or (),
                    start, note.end, evidence, r.priority, where=where, cited_by=[(s.line, s.text) for s in citing] or ())

    def sentences_citing_footnote(self, label: str) -> list:
        by_label, _ = self._citing()
        return self._sentences_of(self.citations[i] for i in by_label.get(label, ()))

    def sentences_citing_reference(self, index: int) -> list:
        """The sentences whose citations point to reference-list item `index` (resolved through it,
        or a numeric citation of its label)."""
        label = self.doc.references[index].label
        by_label, by_item = self._citing()
        numeric = [i for i in by_label.get(label, ()) if self.citations[i].kind == "numeric"] if label else []
        return self._sentences_of(self.citations[i] for i in sorted({*by_item.get(index, ()), *numeric}))

    def _citing(self) -> tuple[dict, dict]:
        """Indices of the citations of each footnote or numeric label and of each reference item,
        found once: a search of every citation for each flag made many notes quadratic."""
        if self._citing_index is None:
            by_label: dict[str, list[int]] = {}
            by_item: dict[int, list[int]] = {}
            for i, c in enumerate(self.citations):
                if c.kind in ("footnote", "numeric"):
                    for label in dict.fromkeys(c.labels):
                        by_label.setdefault(label, []).append(i)
                if c.via_reference is not None:
                    by_item.setdefault(c.via_reference, []).append(i)
            self._citing_index = (by_label, by_item)
        return self._citing_index

    def _sentences_of(self, citations) -> list:
        """The distinct sentences carrying `citations`, in citation order."""
        return list({c.sentence: self.doc.sentences[c.sentence] for c in citations}.values())

    def note_pieces(self) -> dict:
        """The footnotes cut into classified, linked pieces (litcheck.scan.works), computed once."""
        if self._pieces is None:
            from litcheck.scan.works import note_pieces

            self._pieces = note_pieces(self.doc)
        return self._pieces

    def note(self, key: str):
        """The library's note on `key`, or None."""
        return self.library.note(key)


def run_rules(ctx: ScanContext, rules: Iterable[Rule], check=None) -> list[Flag]:
    """Every rule's flags, deduplicated and in document order; `check` is called between rules."""
    flags: list[Flag] = []
    for r in rules:
        if check is not None:
            check()
        flags.extend(r.func(ctx))
    # Sorted first (stably, so of two equal flags the earlier stays first), then deduplicated:
    # equal flags share a position, so only the flags at one position need remembering (a set
    # of every flag's signature was a tenth of the peak memory of a dense document's scan).
    flags.sort(key=_position)
    unique: list[Flag] = []
    seen: set = set()
    at = None
    for f in flags:
        if f.start != at:
            seen.clear()
            at = f.start
        sig = (f.rule, f.message)
        if sig not in seen:
            seen.add(sig)
            unique.append(f)
    return unique


def in_document_order(flags: list[Flag]) -> list[Flag]:
    """Flags by position, then the more severe first (the order every report keeps)."""
    return sorted(flags, key=_position)


def _position(f: Flag) -> tuple:
    return (f.start, -severity_rank(f.severity), f.rule)
