"""The scan pipeline as plain functions: document -> citations -> resolution -> rules -> flags.

    result = scan_text(text, library)            # tests
    results = scan_paths(["a.txt"], library)     # the command
"""

from __future__ import annotations

import functools
import gc
import time
from dataclasses import dataclass, field

from litcheck.errors import LitcheckError

DEFAULT_TIMEOUT = 120.0  # seconds per document: every step is linear, so only a huge file reaches it


def paced_collector(func):
    """Run `func` with the cyclic garbage collector's first threshold raised from 700 to 10,000
    allocations. A dense document keeps a million small objects alive (sentences, citations,
    flags), and with the default pace each survivor was walked again and again: a tenth of the
    scan and half the report of a 2 MB document. The collector still runs (cycles are freed),
    only less often; the old threshold is restored after."""
    @functools.wraps(func)
    def paced(*args, **kwargs):
        old = gc.get_threshold()
        gc.set_threshold(max(old[0], 10_000), *old[1:])
        try:
            return func(*args, **kwargs)
        finally:
            gc.set_threshold(*old)
    return paced


class ScanTimeout(LitcheckError):
    """A document took longer to scan than its time budget (`scan --timeout`)."""


class Deadline:
    """A time budget checked between the scan's steps and every few hundred sentences. Every
    pattern the scanner applies runs in linear time, so the overrun past a check is bounded."""

    def __init__(self, seconds: float | None, path: str = "") -> None:
        self.seconds, self.path = seconds, path
        self.end = None if not seconds else time.monotonic() + seconds

    def check(self) -> None:
        if self.end is not None and time.monotonic() > self.end:
            raise ScanTimeout(f"{self.path}: not scanned: over the time budget of {self.seconds:g} s "
                              "(raise it with --timeout, or split the document)")


@dataclass
class ScanResult:
    path: str
    doc: object
    citations: list
    resolution: object
    flags: list = field(default_factory=list)
    notices: list = field(default_factory=list)  # for stderr: what was left out (registry look-ups over the cap)

    def as_dict(self, lazy: bool = False) -> dict:
        """The JSON contract of DESIGN.md (plus extra fields). `lazy`: citations and flags as
        generators, for a report written as it is encoded (litcheck.cli.jsonout.stream_json)."""
        footnotes = []
        for label, note in self.doc.footnotes.items():
            m = self.resolution.footnotes.get(label)
            footnotes.append({"number": note.number if note.number is not None else label, "text": note.text,
                              "key": m.key if m else None, "score": round(m.score, 3) if m else 0.0,
                              "keys": (m.keys if m else []), "line": note.line})
        references = []
        for item, m in zip(self.doc.references, self.resolution.references):
            references.append({"label": item.label, "text": item.text, "key": m.key, "score": round(m.score, 3),
                               "line": item.line})
        citations = (self._citation_dict(c) for c in self.citations)
        flags = (f.as_dict() for f in self.flags)
        return {"path": self.path, "sentences": len(self.doc.sentences), "footnotes": footnotes,
                "references": references, "citations": citations if lazy else list(citations),
                "flags": flags if lazy else list(flags)}

    def _citation_dict(self, c) -> dict:
        sent = self.doc.sentences[c.sentence]
        return {"text": c.text, "kind": c.kind, "key": c.key, "keys": c.keys, "score": round(c.score, 3),
                "sentence": sent.text, "line": sent.line, "labels": c.labels, "names": c.names, "year": c.year,
                "note": c.note}


class Scanner:
    """Holds what is shared between documents: the library index, dated facts, claims, rules."""

    def __init__(self, library, rules=None, vocabulary=None, registry=None):
        from litcheck.library.claims import collect_claims
        from litcheck.scan.resolve.index import build_index
        from litcheck.scan.rules import all_rules
        from litcheck.scan.rules.dates import load_facts

        self.library = library
        if vocabulary is None:
            from litcheck.index.scanindex import scan_index
            from litcheck.library.vocabulary import Organisation, Vocabulary
            from litcheck.scan.citations.orgs import OrgMatcher

            self.index = scan_index(library, lambda: build_index(library), (OrgMatcher, Vocabulary, Organisation))
        else:  # a vocabulary of the caller's own: nothing cached to reuse
            self.index = build_index(library, vocabulary)
        self.facts = load_facts()
        self.claims = collect_claims(library)
        self.rules = list(rules) if rules is not None else list(all_rules().values())
        self.registry = registry  # scan --online: a scan.online_check.RegistryCheck for works not in the library

    def scan_document(self, doc, deadline: Deadline | None = None) -> ScanResult:
        from litcheck.scan.citations import find_citations
        from litcheck.scan.resolve import resolve_document
        from litcheck.scan.rules import ScanContext, run_rules

        from litcheck.scan.resolve.references import parsing_memo

        check = deadline.check if deadline is not None else None
        citations = find_citations(doc, self.index.orgs, set(self.index.works), check=check)
        if check:
            check()
        with parsing_memo():
            resolution = resolve_document(doc, citations, self.index)
            ctx = ScanContext(doc, citations, resolution, self.index, self.library, self.facts, self.claims)
            result = ScanResult(doc.path, doc, citations, resolution, run_rules(ctx, self.rules, check=check))
            if self.registry is not None:
                self.registry.check(ctx, result, self.rules, budget=check)
        return result

    def scan_path(self, path, timeout: float | None = None) -> ScanResult:
        """Read and scan one file; raises ScanTimeout when it takes longer than `timeout` seconds."""
        from litcheck.scan.document import read_document

        deadline = Deadline(timeout, str(path))
        doc = read_document(path)
        deadline.check()
        return self.scan_document(doc, deadline)

    def scan_text(self, text: str, path: str = "<string>", fmt: str = "text") -> ScanResult:
        from litcheck.scan.document import parse_document

        return self.scan_document(parse_document(text, path, fmt))


def scan_text(text: str, library, rules=None, fmt: str = "text") -> ScanResult:
    return Scanner(library, rules).scan_text(text, fmt=fmt)


def scan_paths(paths, library, rules=None) -> list[ScanResult]:
    scanner = Scanner(library, rules)
    return [scanner.scan_path(p) for p in paths]
