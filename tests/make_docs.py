"""Documents the input tests make for themselves: the footnoted test article (data/scan/
footnoted.txt) as Markdown with [^n] notes (for pandoc to write .docx/.odt), and as a PDF with
raised small-type note markers and the notes at the page bottom, as a word processor sets them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

DATA = Path(__file__).parent / "data" / "scan"
SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FROM_SUP = str.maketrans(SUP, "0123456789")


def article_parts(name: str = "footnoted.txt") -> tuple[list[str], list[tuple[str, str]]]:
    """(body paragraphs, [(note number, note text)]) of a superscript-footnoted test article."""
    text = (DATA / name).read_text(encoding="utf-8")
    body, _, notes = text.partition("\nNotes\n")
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    items = [(m.group(1).translate(FROM_SUP), m.group(2).strip())
             for m in re.finditer(rf"^([{SUP}]+)\s+(.+)$", notes, re.M)]
    return paragraphs, items


def as_markdown(name: str = "footnoted.txt") -> str:
    paragraphs, notes = article_parts(name)
    body = [re.sub(rf"([{SUP}]+)", lambda m: f"[^{m.group(1).translate(FROM_SUP)}]", p) for p in paragraphs]
    return "\n\n".join(body) + "\n\n" + "\n".join(f"[^{n}]: {t}" for n, t in notes) + "\n"


def pandoc_write(markdown: str, target: Path) -> Path:
    from litcheck.listing.styles import pandoc_path

    source = target.with_suffix(".src.md")
    source.write_text(markdown, encoding="utf-8")
    subprocess.run([pandoc_path(), "-f", "markdown", "-o", str(target), str(source)], check=True, timeout=120)
    return target


def write_pdf(target: Path, paragraphs: list[str], notes: list[tuple[str, str]], new_page_at: int | None = None,
              password: str | None = None) -> Path:
    """Body in 11 pt with note markers raised in small type; each page's notes in 8 pt at its
    bottom; a new page before paragraph `new_page_at`."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    if password:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)

    def page_notes(numbers):
        pdf.set_font("Helvetica", size=8)
        pdf.set_y(pdf.h - 12 - 4 * len(numbers))
        for n, text in notes:
            if n in numbers:
                pdf.multi_cell(0, 4, f"{n} {text.replace('*', '')}", new_x="LMARGIN", new_y="NEXT")

    pdf.add_page()
    page, used = 1, []
    for i, p in enumerate(paragraphs):
        if i == new_page_at:
            page_notes(used)
            pdf.add_page()
            page, used = page + 1, []
        pdf.set_font("Helvetica", size=11)
        for part in re.split(rf"([{SUP}]+)", p):
            if part and part[0] in SUP:
                number = part.translate(FROM_SUP)
                used.append(number)
                pdf.char_vpos = "SUP"
                pdf.write(6, number)
                pdf.char_vpos = "LINE"
            elif part:
                pdf.write(6, part)
        pdf.ln(10)
    page_notes(used)
    pdf.output(str(target))
    return target


def write_image_only_pdf(target: Path) -> Path:
    """A page with no text layer, as a scanner makes."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    pdf.rect(20, 20, 150, 200, style="F")
    pdf.output(str(target))
    return target
