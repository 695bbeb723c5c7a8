"""Per-flag suppression: a flag a fact-checker has reviewed, or judged wrong, for one sentence.

Two places say so:
- a sidecar file beside the document, `ARTICLE.litcheck.yaml` (written by `scan --review`,
  never by hand-made hashes), with entries keyed by rule and a hash of the normalised sentence;
- an inline comment in a Markdown or LaTeX source, on the sentence's line or the line above:
  `<!-- litcheck: reviewed uncited-statistic checked against p. 12 -->` or
  `% litcheck: wrong superlative the sentence is hedged`.

The hash covers the sentence's words only (lower case, markers and punctuation dropped), so
an edit anywhere else in the document, or reflowing the paragraph, keeps the entry; editing
the sentence itself brings the flag back, which is what a reviewer wants.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from litcheck.errors import LitcheckError
from litcheck.scan.wording import normalise

STATUSES = ("reviewed", "wrong")
SIDE_SUFFIX = ".litcheck.yaml"
MAX_SIDECAR = 2 * 1024 * 1024
_INLINE = re.compile(r"(?:<!--|%)[ \t]*litcheck:[ \t]*(reviewed|wrong)[ \t]+([a-z][a-z-]{1,40})(.*)$", re.M)


def _note(m: re.Match) -> str:
    return m.group(3).strip().removesuffix("-->").strip()


@dataclass(frozen=True)
class Suppression:
    rule: str
    sentence: str  # sentence_hash of the flagged sentence
    status: str = "reviewed"
    note: str = ""
    text: str = ""  # the sentence when it was marked, for people reading the file
    origin: str = "sidecar"  # sidecar | inline

    def as_dict(self) -> dict:
        return {"rule": self.rule, "sentence": self.sentence, "status": self.status, "note": self.note,
                "origin": self.origin}


def sentence_hash(sentence: str) -> str:
    return hashlib.sha256(normalise(sentence).encode("utf-8")).hexdigest()[:16]


def sidecar_path(document: str) -> Path:
    p = Path(document)
    return p.with_name(p.stem + SIDE_SUFFIX)


def read_sidecar(document: str) -> list[Suppression]:
    """The sidecar's entries ([] when there is none). A damaged file is an error naming it."""
    import yaml

    from litcheck.library.safe_yaml import load_yaml, yaml_problem

    path = sidecar_path(document)
    if not path.is_file():
        return []
    if path.stat().st_size > MAX_SIDECAR:
        raise LitcheckError(f"{path}: larger than {MAX_SIDECAR // 2**20} MB; is it a review file?")
    raw = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = load_yaml(raw)
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        line, reason = yaml_problem(exc, raw) if isinstance(exc, yaml.YAMLError) else (None, str(exc))
        raise LitcheckError(f"{path}:{line + 1 if line is not None else ''}: not a review file ({reason})") from None
    items = (data or {}).get("suppress", []) if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise LitcheckError(f"{path}: expected a mapping with a `suppress:` list")
    out = []
    for n, item in enumerate(items, 1):
        if not (isinstance(item, dict) and isinstance(item.get("rule"), str) and isinstance(item.get("sentence"), str)
                and item.get("status", "reviewed") in STATUSES):
            raise LitcheckError(f"{path}: entry {n} needs `rule`, `sentence` and a status of {' or '.join(STATUSES)}")
        out.append(Suppression(item["rule"], item["sentence"], item.get("status", "reviewed"),
                               str(item.get("note") or ""), str(item.get("text") or "")))
    return out


def inline_suppressions(doc, source: str | None = None) -> list[Suppression]:
    """Suppressions written as comments in a Markdown or LaTeX source: each applies to the
    sentences on its line, or (a comment alone on its line) on the next line with text."""
    if getattr(doc, "source_kind", doc.fmt) == "latex":
        return _latex_inline(doc, source)
    if getattr(doc, "source_kind", doc.fmt) not in ("markdown", "text"):
        return []
    out = []
    lines = doc.text.split("\n")
    for m in _INLINE.finditer(doc.text):
        line = doc.text.count("\n", 0, m.start()) + 1
        target = line if doc.text[doc.text.rfind("\n", 0, m.start()) + 1:m.start()].strip() else _next_text_line(lines, line)
        for s in doc.sentences:
            if s.line <= target <= (s.end_line or s.line):
                out.append(Suppression(m.group(2), sentence_hash(s.text), m.group(1), _note(m), s.text, "inline"))
    return out


def _next_text_line(lines: list[str], line: int) -> int:
    for n in range(line + 1, len(lines) + 1):
        if lines[n - 1].strip():
            return n
    return line


def _latex_inline(doc, source: str | None) -> list[Suppression]:
    """In LaTeX the scanner reads pandoc's text, not the source: a comment applies to the
    sentences whose words open the source line it stands on (or the next line)."""
    from litcheck.scan.inputs.sourcemap import latex_words

    if source is None:
        return []
    lines = source.split("\n")
    out = []
    for m in _INLINE.finditer(source):
        line = source.count("\n", 0, m.start()) + 1
        own = lines[line - 1][:lines[line - 1].find("%")]
        text = own if own.strip() else (lines[_next_text_line(lines, line) - 1] if line < len(lines) else "")
        words = latex_words(text)
        if not words:
            continue
        for s in doc.sentences:
            sentence = normalise(s.text)
            if sentence and (sentence in words or words.startswith(sentence[:60]) or sentence.startswith(words[:60])):
                out.append(Suppression(m.group(2), sentence_hash(s.text), m.group(1), _note(m), s.text, "inline"))
    return out


def apply(result, suppressions) -> list:
    """Remove the suppressed flags from `result.flags`; return [(flag, suppression)] removed."""
    by_key = {(s.rule, s.sentence): s for s in suppressions}
    if not by_key:  # nothing marked: no flag to hash (hashing each took a twentieth of a dense scan)
        return []
    kept, hidden = [], []
    for flag in result.flags:
        s = by_key.get((flag.rule, sentence_hash(flag.sentence)))
        (hidden.append((flag, s)) if s else kept.append(flag))
    result.flags = kept
    return hidden


def suppressions_for(result) -> list[Suppression]:
    """Sidecar and inline suppressions of a scanned local document."""
    from litcheck.scan.inputs import is_url

    if is_url(result.path):
        return []
    source = None
    if getattr(result.doc, "source_kind", "") == "latex":
        source = Path(result.path).read_text(encoding="utf-8", errors="replace")
    return read_sidecar(result.path) + inline_suppressions(result.doc, source)


def write_sidecar(document: str, entries: list[Suppression]) -> Path:
    """Add or replace entries (same rule and sentence) in the sidecar, atomically."""
    import yaml

    from litcheck.editing.atomic import write_text_atomic

    current = {(s.rule, s.sentence): s for s in read_sidecar(document)}
    for s in entries:
        current[(s.rule, s.sentence)] = s
    items = [{"rule": s.rule, "sentence": s.sentence, "status": s.status, **({"note": s.note} if s.note else {}),
              "text": " ".join(s.text.split())[:300]} for s in current.values()]
    header = ("# litcheck review file: flags a fact-checker marked reviewed or wrong, one sentence each.\n"
              "# Written by `litcheck scan --review`; `sentence` is a hash of the sentence's words.\n")
    path = sidecar_path(document)
    write_text_atomic(path, header + yaml.safe_dump({"suppress": items}, allow_unicode=True, sort_keys=False, width=100))
    return path
