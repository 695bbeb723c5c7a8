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
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from litcheck.errors import LitcheckError
from litcheck.library.paths import DATA_DIR
from litcheck.listing.style_fixes import apa_item, oscola_item

STYLE_DIR = DATA_DIR / "styles"


@dataclass(frozen=True)
class Style:
    name: str
    path: Path
    title: str
    locale: str | None = None  # forced locale (a style without a default-locale would be en-US)
    note: bool = False  # a footnote style: citations are footnotes
    # Runs can be split by first name (see `split_groups`): false for numeric styles, whose
    # numbers run across the whole list, and for styles that disambiguate every name of a cite.
    splittable: bool = True
    prepare: Callable[[dict], dict] | None = None  # style-specific adjustment of one CSL item
    patches: tuple[tuple[str, str], ...] = ()  # (regex, replacement) fixes to the style's XML


class EngineError(LitcheckError, RuntimeError):
    """pandoc is missing or failed, or a style cannot be used; the message says what to do."""


# apa.csl prints "Retrieved" before a URL of an undated work even when no access date is known
# ("Retrieved https://..."); APA 7 (9.16) gives a retrieval date or nothing. The term is wrapped in
# a group with the date, so both go when the date is missing.
_APA_RETRIEVED = (r'<text term="retrieved" text-case="capitalize-first"/>\s*(<group delimiter=", ">\s*'
                  r'<date form="text" variable="accessed"/>\s*<text term="from"/>\s*</group>)',
                  r'<group delimiter=" "><text term="retrieved" text-case="capitalize-first"/>\1</group>')

STYLES: dict[str, Style] = {
    "apa": Style("apa", STYLE_DIR / "apa.csl", "APA 7th edition", prepare=apa_item, patches=(_APA_RETRIEVED,)),
    "chicago": Style("chicago", STYLE_DIR / "chicago-author-date.csl", "Chicago author-date (18th edition)"),
    "harvard": Style("harvard", STYLE_DIR / "harvard-cite-them-right.csl", "Harvard (Cite Them Right, 12th edition)",
                     locale="en-GB"),
    "oscola": Style("oscola", STYLE_DIR / "oscola.csl", "OSCOLA (4th edition, legal footnote style)", note=True,
                    prepare=oscola_item),
}

FORMATS = ("plain", "markdown", "html")
MAX_STYLE_BYTES = 2_000_000  # the largest styles in the CSL repository are about 300 KB
_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


@dataclass
class Formatted:
    """What the style made of one entry."""

    reference: dict[str, str]  # format -> the bibliography entry
    citation: dict[str, str]  # format -> in-text citation (or the footnote text for note styles)


def resolve_style(spec: "str | Style") -> Style:
    """A bundled style by name (any case), or a CSL 1.0 file by path."""
    if isinstance(spec, Style):
        return spec
    named = STYLES.get(spec.strip().lower())
    if named is not None:
        return named
    path = Path(spec)
    if path.suffix.lower() == ".csl" or path.is_file():
        return csl_file_style(path)
    raise EngineError(f"unknown style {spec!r}; choose from {', '.join(STYLES)} or give a .csl file")


def style_path(name: str) -> Path:
    return resolve_style(name).path


def csl_file_style(path: Path) -> Style:
    """A user's CSL 1.0 style file, checked enough to give a clear error instead of pandoc's."""
    import xml.etree.ElementTree as ET

    try:
        size = path.stat().st_size
        if size > MAX_STYLE_BYTES:
            raise EngineError(f"{path}: {size:,} bytes is too large for a CSL style")
        root = ET.fromstring(path.read_bytes())
    except OSError as exc:
        raise EngineError(f"{path}: cannot read the style: {exc.strerror or exc}") from None
    except ET.ParseError as exc:
        raise EngineError(f"{path}:{exc.position[0]}: not a well-formed CSL style (XML error: {exc})") from None
    if root.tag != f"{_CSL_NS}style" or not str(root.get("version", "")).startswith("1.0"):
        raise EngineError(f"{path}: not a CSL 1.0 style (the root must be <style version=\"1.0\"> "
                          "in the CSL namespace)")
    info = root.find(f"{_CSL_NS}info")
    parent = info.find(f"{_CSL_NS}link[@rel='independent-parent']") if info is not None else None
    if root.find(f"{_CSL_NS}bibliography") is None:
        hint = f"; use its parent style {parent.get('href')}" if parent is not None else ""
        raise EngineError(f"{path}: the style has no bibliography (a dependent style?){hint}")
    title = (info.findtext(f"{_CSL_NS}title") if info is not None else None) or path.stem
    citation = root.find(f"{_CSL_NS}citation")
    numeric = any(el.get("variable") == "citation-number" for el in root.iter(f"{_CSL_NS}text"))
    rule = citation.get("givenname-disambiguation-rule", "by-cite") if citation is not None else "by-cite"
    return Style(path.stem, path, " ".join(title.split()), note=root.get("class") == "note",
                 splittable=not numeric and rule in ("by-cite", "primary-name", "primary-name-with-initials"))


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


def _standalone_style(style: Style) -> str:
    """The style's XML without `subsequent-author-substitute`, with the style's patches applied.

    We show entries one by one in our own order and groups, so a "——" standing for "the same
    author as the entry above" would point at the wrong entry. The style file stays
    unmodified; this in-memory copy is used for one run only.
    """
    text = _SUBSTITUTE.sub("", style.path.read_text(encoding="utf-8"))
    for pattern, replacement in style.patches:
        text = re.sub(pattern, replacement, text)
    return text


def run_pandoc(csl_items: list[dict], style: "str | Style", cite: bool = True, timeout: float = 300) -> dict:
    """Run pandoc --citeproc over `csl_items` in `style`; return pandoc's JSON AST."""
    spec = resolve_style(style)
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
        csl.write_text(_standalone_style(spec), encoding="utf-8")
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


# --- one list, many runs -----------------------------------------------------------------------

CHUNK = 100  # works per pandoc run: citeproc's time grows quadratically with the works in a run


_WORD = re.compile(r"[A-Za-z0-9]+")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def _first_word(text: str) -> list[str]:
    """`_words(text)[:1]` without folding and splitting all of a long text (a 50 MB title made
    ten million words): a prefix four times longer each time, until the word found ends inside
    it. Folding a prefix gives a prefix of the folded whole: NFKD works character by character,
    and the marks it may reorder are not ASCII, which folding drops."""
    size = 256
    while True:
        folded = _fold(text[:size])
        found = _WORD.search(folded)
        if size >= len(text) or (found and found.end() < len(folded)):
            return [found.group()] if found else []
        size *= 4


def first_name_tokens(item: dict) -> set[str]:
    """Words under which the first name of a cite of `item` can match another cite's.

    citeproc treats two first names as the same person's name (and then adds initials, names or
    year suffixes) by their family name, whatever particle is in front: "a. Garrido" and "Garrido"
    collide, and so do "delos Santos" and "Santos" (pandoc reads a lower-case prefix of a family
    name as a particle). So a family name gives the first word after any lower-case prefix and its
    last word; an organisation the first word of its name; an authorless work (cited by title)
    the first word of the title. Case and accents are folded."""
    names = item.get("author") or item.get("editor") or []
    if names and (names[0].get("family") or names[0].get("literal")):
        first = names[0]
        if first.get("literal"):
            words = _first_word(first["literal"])
        else:
            words = _words(first["family"])
            core = [w for w in words if not w.islower()] or words
            words = [core[0], words[-1]] if words else []
    else:
        words = _first_word(item.get("title", ""))
    return {w.casefold() for w in words} or {""}


def split_groups(csl_items: list[dict], size: int = CHUNK) -> list[list[dict]]:
    """Runs of about `size` works that share no first-name token with another run.

    Works are joined into groups through any shared token (union-find), so a chain such as
    "Van Der Berg" - "Berg" - "van der Berg" stays in one run."""
    parent: dict[str, str] = {}

    def root(token: str) -> str:
        while parent.setdefault(token, token) != token:
            parent[token] = parent[parent[token]]
            token = parent[token]
        return token

    tokens = [sorted(first_name_tokens(item)) for item in csl_items]
    for words in tokens:
        for word in words[1:]:
            parent[root(word)] = root(words[0])
    by_root: dict[str, list[dict]] = {}
    for item, words in zip(csl_items, tokens):
        by_root.setdefault(root(words[0]), []).append(item)
    refuse_unnamed(by_root.get(root("")) or [])
    runs: list[list[dict]] = [[]]
    for group in sorted(by_root.values(), key=len, reverse=True):
        if runs[-1] and len(runs[-1]) + len(group) > size:
            runs.append([])
        runs[-1].extend(group)
    return [run for run in runs if run]


# Works with neither a name nor a word of title are all cited alike ("(n.d.)", "(2020)"), so
# citeproc tells them apart with year suffixes across all of them: they must share one run, and
# a run's time grows quadratically (2,000 works: about 20 s; 4,000: a minute).
MAX_UNNAMED_WORKS = 2_000


def refuse_unnamed(works, style: "str | Style | None" = None) -> None:
    """Stop before pandoc runs when more works than MAX_UNNAMED_WORKS have neither a name nor a
    title: the run that would tell them apart could not finish (a million such entries never
    did). `works` are CSL items (an iterable: a caller may make them one at a time); with a
    `style`, only one whose runs are split is concerned, and its `prepare` is applied."""
    spec = resolve_style(style) if style is not None else None
    if spec is not None and not spec.splittable:
        return
    count, sample = 0, []
    for item in works:
        if spec is not None and spec.prepare is not None:
            item = spec.prepare(item)
        if first_name_tokens(item) == {""}:
            count += 1
            if len(sample) < 3:
                sample.append(item["id"])
    if count > MAX_UNNAMED_WORKS:
        raise EngineError(f"{count:,} works have neither an author, editor nor title (e.g. {', '.join(sample)}); "
                          f"a citation style can tell at most {MAX_UNNAMED_WORKS:,} such works apart. "
                          "Give them authors or titles, or list them with --style none")


def format_entries(csl_items: list[dict], style: "str | Style", formats=FORMATS, cite: bool = True,
                   split: bool = True, chunk: int = CHUNK, timeout: float = 300) -> dict[str, Formatted]:
    """key -> Formatted (bibliography entry and citation in each requested format).

    A large selection is formatted in independent runs (`split_groups`), in parallel on every
    core; the result is the same as one run over all of it (tests/test_styles.py)."""
    if not csl_items:
        return {}
    spec = resolve_style(style)
    if spec.prepare is not None:
        csl_items = [spec.prepare(item) for item in csl_items]
    runs = split_groups(csl_items, chunk) if split and spec.splittable else [csl_items]
    if len(runs) == 1:
        return _format_run(runs[0], spec, formats, cite, timeout)
    from concurrent.futures import ThreadPoolExecutor

    out: dict[str, Formatted] = {}
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for part in pool.map(lambda run: _format_run(run, spec, formats, cite, timeout), runs):
            out.update(part)
    return {item["id"]: out[item["id"]] for item in csl_items}


def _format_run(csl_items: list[dict], style: Style, formats, cite: bool, timeout: float) -> dict[str, Formatted]:
    ast = run_pandoc(csl_items, style, cite=cite, timeout=timeout)
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

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|@])")  # '@' would start a pandoc citation
_SAFE_SCHEMES = ("http://", "https://", "ftp://", "mailto:")


def safe_href(url: str) -> str | None:
    """A link target we are willing to put in an href (never javascript: or data:)."""
    url = _URL_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url.strip())
    if url.lower().startswith(_SAFE_SCHEMES):
        return url
    if url.lower().startswith("doi:"):
        return "https://doi.org/" + url[4:]
    return None


# Characters that would end a Markdown autolink or link destination, or an HTML attribute, early
# (so the rest of a crafted URL would become markup): percent-encoded, as browsers send them.
_URL_UNSAFE = re.compile(r"[\x00-\x20\x7f<>\"'`\\]")


def code_span(text: str) -> str:
    """`text` as a Markdown code span that no backtick inside it can close early."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or longest else ""
    return f"{fence}{pad}{text}{pad}{fence}"


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
        return html.escape(text, quote=False) if fmt == "html" else md_escape(text) if fmt == "markdown" else text
    return ""  # RawInline and anything unknown: dropped rather than passed through unescaped
