"""Word (.docx), OpenDocument (.odt) and LaTeX through pandoc's document tree.

pandoc reads all three into one tree in which a footnote is a `Note` inside the paragraph that
carries it. We render that tree to the text the scanner reads: one line per paragraph, a
`[^n]` marker where each note was and its `[^n]:` definition after the body, `\\cite{a,b}` as
`[@a; @b]`. (pandoc's own Markdown writer would do most of that but escapes `[`, `*`, `$` and
wraps lines, which would put backslashes into the sentences a fact-checker reads.)
"""

from __future__ import annotations

import json
import subprocess

from litcheck.scan.inputs.common import InputError

SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
TIMEOUT = 120  # seconds; a document pandoc cannot read in that time is reported, not waited for
MEMORY = "1024m"  # pandoc's heap limit (+RTS -M), so a hostile file cannot take the machine


def read_docx(path, name):
    return _read(path, name, "docx", "Word")


def read_odt(path, name):
    return _read(path, name, "odt", "OpenDocument")


def read_latex(path, name):
    return _read(path, name, "latex", "LaTeX")


def _read(path, name, pandoc_format: str, what: str):
    from litcheck.scan.document import parse_document

    tree = run_pandoc(path, name, pandoc_format, what)
    return parse_document(tree_to_text(tree), name, "markdown")


def run_pandoc(path, name, pandoc_format: str, what: str) -> dict:
    from litcheck.listing.styles import EngineError, pandoc_path

    try:
        pandoc = pandoc_path()
    except EngineError as exc:
        raise InputError(f"{name}: {exc}") from None
    cmd = [pandoc, "+RTS", f"-M{MEMORY}", "-RTS", "-f", pandoc_format, "-t", "json", "--", str(path)]
    try:
        proc = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise InputError(f"{name}: pandoc could not read it within {TIMEOUT} s") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot run pandoc ({exc})") from None
    if proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise InputError(f"{name} is not a readable {what} file"
                         + (f" (pandoc: {reason[-1][:200]})" if reason else ""))
    return json.loads(proc.stdout)


class _Writer:
    def __init__(self):
        self.notes: list[str] = []

    def blocks(self, blocks) -> list[str]:
        out: list[str] = []
        for block in blocks:
            out.extend(self.block(block))
        return out

    def block(self, block) -> list[str]:
        t, c = block["t"], block.get("c")
        if t in ("Para", "Plain"):
            return [self.inlines(c)]
        if t == "Header":
            return ["#" * c[0] + " " + self.inlines(c[2])]
        if t == "LineBlock":
            return [self.inlines(line) for line in c]
        if t == "BlockQuote":
            return self.blocks(c)
        if t == "Div":
            return self.blocks(c[1])
        if t == "Figure":
            return self.blocks(c[2])
        if t == "BulletList":
            return ["\n".join("- " + " ".join(self.blocks(item)) for item in c)]
        if t == "OrderedList":
            first = c[0][0]
            return ["\n".join(f"{n}. " + " ".join(self.blocks(item)) for n, item in enumerate(c[1], first))]
        if t == "DefinitionList":
            return [self.inlines(term) + ": " + " ".join(" ".join(self.blocks(d)) for d in defs) for term, defs in c]
        if t == "Table":
            return self.table(c)
        return []  # CodeBlock, RawBlock, HorizontalRule: not prose

    def table(self, c) -> list[str]:
        """Rows as 'cell | cell' lines: figures in tables are claims too."""
        head, bodies, foot = c[3], c[4], c[5]
        rows = list(head[1]) + [row for body in bodies for row in body[2] + body[3]] + list(foot[1])
        return [" | ".join(" ".join(self.blocks(cell[4])) for cell in row[1]) for row in rows]

    def inlines(self, inlines) -> str:
        return " ".join("".join(self.inline(i) for i in inlines).split())

    def inline(self, i) -> str:
        t, c = i["t"], i.get("c")
        if t == "Str":
            return c
        if t in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if t in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Subscript"):
            return self.inlines(c)
        if t == "Superscript":
            text = self.inlines(c)
            return text.translate(SUPERSCRIPT) if text.isdigit() else text
        if t in ("Span", "Link"):
            return self.inlines(c[1])
        if t == "Quoted":
            open_, close = ("“", "”") if c[0]["t"] == "DoubleQuote" else ("‘", "’")
            return open_ + self.inlines(c[1]) + close
        if t in ("Code", "Math"):
            return c[1]
        if t == "Cite":
            return "[" + "; ".join("@" + cite["citationId"] for cite in c[0]) + "]"
        if t == "Note":
            self.notes.append(" ".join(self.blocks(c)))
            return f"[^{len(self.notes)}]"
        return ""  # RawInline (LaTeX commands), Image


def tree_to_text(tree: dict) -> str:
    writer = _Writer()
    body = [b for b in writer.blocks(tree["blocks"]) if b.strip()]
    notes = [f"[^{n}]: {' '.join(text.split())}" for n, text in enumerate(writer.notes, 1)]
    return "\n\n".join(body + (["\n".join(notes)] if notes else [])) + "\n"
