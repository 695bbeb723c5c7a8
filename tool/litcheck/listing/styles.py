"""Citation styles through a real CSL processor: pandoc's citeproc (pandoc 3.x).

Why pandoc and not citeproc-py: see docs/citation-engine.md (year-suffix disambiguation such as
2020a/2020b, full given names where the style asks for them, and about 10x the speed).

One pandoc run formats a whole selection, so disambiguation is computed across the list exactly
as it would be in a document. We give pandoc CSL-JSON we generate (see `litcheck.listing.csl`), a
Markdown document that cites every item once (to get each item's in-text or footnote form) plus
`nocite: "@*"`, and read back pandoc's JSON AST. Each bibliography entry is the Div `ref-<key>`;
`render_inlines` turns its inlines into plain text, Markdown or escaped HTML ourselves, so every
output format comes from one run.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from litcheck.errors import LitcheckError
from litcheck.library.paths import DATA_DIR

STYLE_DIR = DATA_DIR / "styles"


@dataclass(frozen=True)
class Style:
    name: str
    file: str
    title: str
    locale: str | None = None  # forced locale (a style without a default-locale would be en-US)
    note: bool = False  # a footnote style: citations are footnotes


STYLES: dict[str, Style] = {
    "apa": Style("apa", "apa.csl", "APA 7th edition"),
    "chicago": Style("chicago", "chicago-author-date.csl", "Chicago author-date (18th edition)"),
    "harvard": Style("harvard", "harvard-cite-them-right.csl", "Harvard (Cite Them Right, 12th edition)", locale="en-GB"),
    "oscola": Style("oscola", "oscola.csl", "OSCOLA (4th edition, legal footnote style)", note=True),
}

FORMATS = ("plain", "markdown", "html")


class EngineError(LitcheckError, RuntimeError):
    """pandoc is missing or failed; the message says what to do."""


@dataclass
class Formatted:
    """What the style made of one entry."""

    reference: dict[str, str]  # format -> the bibliography entry
    citation: dict[str, str]  # format -> in-text citation (or the footnote text for note styles)


def style_path(name: str) -> Path:
    try:
        return STYLE_DIR / STYLES[name].file
    except KeyError:
        raise EngineError(f"unknown style {name!r}; choose from {', '.join(STYLES)}") from None


def pandoc_path() -> str:
    """pandoc 3.x from the pypandoc-binary wheel; else a `pandoc` on PATH (LITCHECK_PANDOC overrides)."""
    from litcheck.settings import current

    override = current().pandoc
    if override:
        return override
    try:
        import pypandoc

        bundled = Path(pypandoc.__file__).parent / "files" / "pandoc"
        if bundled.is_file() and os.access(bundled, os.X_OK):
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which("pandoc")
    if found:
        return found
    raise EngineError("pandoc was not found: install the pypandoc-binary package (it ships pandoc 3.x)")


_SUBSTITUTE = re.compile(r'\s+subsequent-author-substitute(?:-rule)?="[^"]*"')


def _standalone_style(style: str) -> str:
    """The style's XML without `subsequent-author-substitute`.

    We show entries one by one in our own order and groups, so a "——" standing for "the same
    author as the entry above" would point at the wrong entry. The vendored file stays
    unmodified; this in-memory copy is used for one run only.
    """
    return _SUBSTITUTE.sub("", style_path(style).read_text(encoding="utf-8"))


def run_pandoc(csl_items: list[dict], style: str, cite: bool = True, timeout: float = 300) -> dict:
    """Run pandoc --citeproc over `csl_items` in `style`; return pandoc's JSON AST."""
    spec = STYLES[style] if style in STYLES else None
    if spec is None:
        style_path(style)  # raises with the list of styles
    keys = [item["id"] for item in csl_items]
    body = "\n\n".join(f"[@{k}]" for k in keys) if cite else ""
    meta = {"nocite": "@*", "suppress-bibliography": False, "link-citations": False}
    if spec.locale:
        meta["lang"] = spec.locale
    with tempfile.TemporaryDirectory(prefix="litcheck-pandoc-") as tmp:
        refs = Path(tmp, "refs.json")
        refs.write_text(json.dumps(csl_items, ensure_ascii=False), encoding="utf-8")
        doc = Path(tmp, "doc.md")
        doc.write_text("---\n" + json.dumps(meta) + "\n---\n\n" + body + "\n", encoding="utf-8")
        csl = Path(tmp, "style.csl")
        csl.write_text(_standalone_style(style), encoding="utf-8")
        cmd = [pandoc_path(), str(doc), "-f", "markdown", "-t", "json", "--citeproc",
               f"--bibliography={refs}", f"--csl={csl}"]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout)
        except FileNotFoundError:
            raise EngineError(f"cannot run pandoc at {cmd[0]}") from None
        except subprocess.TimeoutExpired:
            raise EngineError(f"pandoc took longer than {timeout:.0f} s") from None
    if proc.returncode != 0:
        raise EngineError(f"pandoc failed (exit {proc.returncode}): {proc.stderr.decode('utf-8', 'replace').strip()[:500]}")
    return json.loads(proc.stdout)


def format_entries(csl_items: list[dict], style: str, formats=FORMATS, cite: bool = True) -> dict[str, Formatted]:
    """key -> Formatted (bibliography entry and citation in each requested format)."""
    if not csl_items:
        return {}
    ast = run_pandoc(csl_items, style, cite=cite)
    keys = [item["id"] for item in csl_items]
    references: dict[str, list] = {}
    citations: dict[str, list] = {}
    for block in ast.get("blocks", []):
        if block["t"] == "Div":
            _collect_refs(block, references)
        elif block["t"] in ("Para", "Plain") and cite:
            cites = [i for i in block["c"] if i["t"] == "Cite"]
            if len(cites) == 1:
                key = cites[0]["c"][0][0]["citationId"]
                citations[key] = cites[0]["c"][1]
    out: dict[str, Formatted] = {}
    for key in keys:
        ref = references.get(key, [])
        cit = citations.get(key, [])
        out[key] = Formatted({f: render_inlines(ref, f).strip() for f in formats},
                             {f: render_inlines(cit, f).strip() for f in formats})
    return out


def _collect_refs(div: dict, into: dict[str, list]) -> None:
    (ident, _classes, _attrs), blocks = div["c"]
    if ident.startswith("ref-"):
        inlines: list = []
        for b in blocks:
            if b["t"] in ("Para", "Plain"):
                if inlines:
                    inlines.append({"t": "Space"})
                inlines.extend(b["c"])
        into[ident[4:]] = inlines
        return
    for b in blocks:
        if b["t"] == "Div":
            _collect_refs(b, into)


# --- pandoc AST inlines -> text -------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_SAFE_SCHEMES = ("http://", "https://", "ftp://", "mailto:")


def safe_href(url: str) -> str | None:
    """A link target we are willing to put in an href (never javascript: or data:)."""
    url = url.strip()
    if url.lower().startswith(_SAFE_SCHEMES):
        return url
    if url.lower().startswith("doi:"):
        return "https://doi.org/" + url[4:]
    return None


def md_escape(text: str) -> str:
    """Escape Markdown specials in literal text so titles never turn into markup or raw HTML."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_inlines(inlines: list, fmt: str) -> str:
    return "".join(_inline(i, fmt) for i in inlines)


def _wrap(inner: str, fmt: str, md: str, tag: str) -> str:
    if fmt == "markdown":
        return f"{md}{inner}{md}" if inner.strip() else inner
    if fmt == "html":
        return f"<{tag}>{inner}</{tag}>"
    return inner


def _inline(node: dict, fmt: str) -> str:
    t = node["t"]
    c = node.get("c")
    if t == "Str":
        return html.escape(c, quote=False) if fmt == "html" else md_escape(c) if fmt == "markdown" else c
    if t in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if t == "Emph":
        return _wrap(render_inlines(c, fmt), fmt, "*", "em")
    if t == "Strong":
        return _wrap(render_inlines(c, fmt), fmt, "**", "strong")
    if t == "Superscript":
        return _wrap(render_inlines(c, fmt), fmt, "^", "sup")
    if t == "Subscript":
        return _wrap(render_inlines(c, fmt), fmt, "~", "sub")
    if t == "SmallCaps":
        inner = render_inlines(c, fmt)
        return f'<span style="font-variant:small-caps">{inner}</span>' if fmt == "html" else inner
    if t in ("Strikeout", "Underline"):
        return render_inlines(c, fmt)
    if t == "Quoted":
        q = ("\u2018", "\u2019") if c[0]["t"] == "SingleQuote" else ("\u201c", "\u201d")
        return q[0] + render_inlines(c[1], fmt) + q[1]
    if t in ("Span", "Cite"):
        return render_inlines(c[1], fmt)
    if t == "Link":
        inner = render_inlines(c[1], fmt)
        href = safe_href(c[2][0])
        if href is None or fmt == "plain":
            return inner
        if fmt == "html":
            return f'<a href="{html.escape(href, quote=True)}">{inner}</a>'
        plain = render_inlines(c[1], "plain")
        if plain == c[2][0]:
            return f"<{href}>"
        return f"[{inner}](<{href}>)"
    if t == "Note":
        parts = [render_inlines(b["c"], fmt) for b in c if b["t"] in ("Para", "Plain")]
        return " ".join(parts)
    if t in ("Code", "Math"):
        text = c[1]
        return html.escape(text, quote=False) if fmt == "html" else text
    return ""  # RawInline and anything unknown: dropped rather than passed through unescaped
