"""What fact-checkers receive, turned into the text the scanner reads.

One reader per input type (registered below by file suffix). Each returns a `Document` whose
`text` is the extracted plain text: line numbers in every report refer to that text, which the
HTML report shows. Readers keep notes as notes: Word/ODT/LaTeX footnotes and PDF page-bottom
notes become `[^n]:` definitions that `scan.document` cuts out of the body.

    doc = load("article.docx")            # a file of any registered type
    doc = load("https://…", online=True)  # a web page or PDF, fetched with a time-out

Every problem a user can fix (a corrupt or password-protected file, a scan with no text
layer, a page with no article body, a file above MAX_BYTES) is an `InputError` naming the file;
the corpus runner reports it and goes on with the other documents.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from litcheck.scan.inputs.common import MAX_BYTES, InputError



@dataclass(frozen=True)
class Reader:
    kind: str  # shown in reports: "docx", "pdf", …
    suffixes: tuple[str, ...]
    target: str  # "module:function" inside this package, imported when first used
    what: str  # one line for --help and the README


READERS = [
    Reader("text", (".txt", ".text"), "plain:read_text", "plain text"),
    Reader("markdown", (".md", ".markdown", ".mdown"), "plain:read_text", "Markdown (Pandoc footnotes, [@key])"),
    Reader("html", (".html", ".htm", ".xhtml"), "web:read_html", "a saved web page: the article's main text only"),
    Reader("docx", (".docx",), "pandoc:read_docx", "Word, footnotes kept as notes"),
    Reader("odt", (".odt",), "pandoc:read_odt", "OpenDocument text, footnotes kept as notes"),
    Reader("latex", (".tex", ".latex"), "pandoc:read_latex", "LaTeX: \\footnote as notes, \\cite as [@key]"),
    Reader("pdf", (".pdf",), "pdf:read_pdf", "PDF with a text layer, page-bottom footnotes as notes"),
]
BY_SUFFIX = {suffix: reader for reader in READERS for suffix in reader.suffixes}


def reader_for(path: str | Path) -> Reader:
    """The reader for a file's suffix; files of no known type are read as plain text."""
    return BY_SUFFIX.get(Path(path).suffix.lower(), READERS[0])


def _call(reader: Reader, path: Path, name: str):
    module, function = reader.target.split(":")
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)(path, name)


def is_url(argument: str) -> bool:
    return argument.lower().startswith(("http://", "https://"))


def load(argument: str, online: bool = False, fetch=None):
    """The Document for a path or (online) a URL. Raises InputError / DocumentError."""
    if is_url(argument):
        from litcheck.scan.inputs.remote import download

        with download(argument, online, fetch) as path:
            reader = reader_for(path)
            doc = _call(reader, path, argument)
    else:
        path = Path(argument)
        check_size(path, argument)
        reader = reader_for(path)
        doc = _call(reader, path, argument)
        doc.path = argument
    doc.source_kind = reader.kind
    return doc


def check_size(path: Path, name: str) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    if not path.is_file():
        raise InputError(f"{name} is not a file")
    if size > MAX_BYTES:
        raise InputError(f"{name} is {size / 2**20:.0f} MB, above the {MAX_BYTES // 2**20} MB litcheck reads: "
                         "split it, or extract the article's text first")
