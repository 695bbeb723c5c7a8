"""Reading RIS and CSL-JSON exports into drafts for `litcheck import`."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from litcheck.library.bibfile import parse_text
from litcheck.editing.bibwrite import format_draft
from litcheck.listing.csl import to_csl_items
from litcheck.editing.readers import read_csl_json, read_export, read_ris
from litcheck.listing.render import ris as ris_render

DATA = Path(__file__).parent / "data" / "import"


@pytest.fixture(scope="module")
def ris():
    drafts, problems = read_export(DATA / "library.ris")
    return {int(d.origin.rsplit(" ", 1)[1]): d for d in drafts}, problems


@pytest.fixture(scope="module")
def csl():
    drafts, problems = read_export(DATA / "library.json")
    return {int(d.origin.rsplit(" ", 1)[1]): d for d in drafts}, problems


def as_entry(draft):
    """The draft as it would be written to the library, parsed back."""
    return parse_text(format_draft(draft, draft.key or "imported"), "x.bib").entries[0]


def test_ris_journal_article(ris):
    draft = ris[0][1]
    assert (draft.type, draft.key) == ("article", "mueller2021recruitment")
    assert draft.origin.endswith("library.ris, record 1")
    assert draft.fields == {
        "author": "Müller, Katrin and Okafor, Chidi N.",
        "title": "Recruitment through social media in trafficking for sexual exploitation: evidence from court files",
        "journal": "Journal of Trafficking and Exploitation Studies",
        "volume": "7", "number": "2", "pages": "101--124", "year": "2021", "month": "mar",
        "issn": "2345-6781", "doi": "10.5555/jtes.2021.0042",
        "abstract": "Drawing on 212 judgments, the article traces how recruiters moved from classified "
                    "advertisements to private messaging.",
    }  # no `keywords` (KW), no `url` (only the DOI's resolver link)
    assert "month        = mar," in format_draft(draft, draft.key)


def test_ris_report_by_organisation(ris):
    draft = ris[0][2]
    assert draft.type == "techreport" and draft.key is None
    assert draft.fields["author"] == "{United Nations Office on Drugs and Crime}"
    assert draft.fields["institution"] == "United Nations Office on Drugs and Crime"
    assert (draft.fields["address"], draft.fields["type"]) == ("Vienna", "Research brief")
    assert draft.fields["isbn"] == "978-92-1-000000-0"  # "(PDF)" dropped
    assert (draft.fields["year"], "month" in draft.fields) == ("2023", False)
    assert as_entry(draft).authors[0].literal == "United Nations Office on Drugs and Crime"


def test_ris_book_editors_from_a2_and_ed(ris):
    draft = ris[0][3]
    assert draft.type == "book" and "author" not in draft.fields
    assert draft.fields["editor"] == "Rossi, Elena and van der Berg, Anna"
    assert [n.family for n in as_entry(draft).editors] == ["Rossi", "Berg"]
    assert (draft.fields["isbn"], draft.fields["edition"], draft.fields["publisher"]) == (
        "978-3-16-148410-0", "2", "Example Academic Press")


def test_ris_web_page(ris):
    draft = ris[0][4]
    assert (draft.type, draft.fields["sourcekind"]) == ("misc", "web-article")
    assert draft.fields["howpublished"] == "ECPAT Knowledge Hub, ECPAT International"
    assert (draft.fields["year"], draft.fields["month"], draft.fields["urldate"]) == ("2022", "nov", "2024-02-05")
    assert draft.fields["url"] == "https://www.example.org/ecpat/livestreaming-explainer"


def test_ris_chapter(ris):
    draft = ris[0][5]
    assert draft.type == "incollection"
    assert draft.fields["author"] == "Dubois, Marie-Claire and Smith, Jr., John"
    assert draft.fields["editor"] == "Rossi, Elena"
    assert draft.fields["booktitle"] == "Child Protection Online: Law, Policy and Practice in Europe"
    assert draft.fields["pages"] == "45--67"  # an en-dash range in SP alone
    assert as_entry(draft).authors[1].suffix == "Jr."


def test_ris_latex_specials_escaped_but_url_verbatim(ris):
    draft = ris[0][6]
    assert draft.key == "europol2024annex"
    assert draft.fields["title"] == r"Annex IOCTA\_2024: 40\% of referrals via \#hashtags \& costs in US\$"
    assert draft.fields["url"] == "https://www.example.org/europol/iocta?part=2&lang=en#annex%201"
    entry = as_entry(draft)
    assert entry.title == "Annex IOCTA_2024: 40% of referrals via #hashtags & costs in US$"


def test_ris_thesis_and_news(ris):
    thesis, news = ris[0][8], ris[0][9]
    assert (thesis.type, thesis.fields["school"]) == ("mastersthesis", "University of Example")
    assert "type" not in thesis.fields
    assert (news.type, news.fields["journal"], news.fields["sourcekind"]) == ("article", "The Example Gazette", "news")
    assert "author" not in news.fields and news.fields["month"] == "jun"


def test_ris_record_without_title_is_a_problem(ris):
    drafts, problems = ris
    assert sorted(drafts) == [1, 2, 3, 4, 5, 6, 8, 9]
    assert len(problems) == 1
    assert problems[0].endswith("library.ris, record 7: no title (TI or T1); not imported")


def test_ris_missing_er_lines():
    text = "TY  - JOUR\nTI  - First\nER  - \nTY  - RPRT\nTI  - Second\nTY  - BOOK\nTI  - Third\n"
    drafts, problems = read_ris(text, "hand.ris")
    assert [d.fields["title"] for d in drafts] == ["First", "Second"]  # the last record is not lost
    assert problems == [("hand.ris: 3 records start with 'TY  -' but 2 were read; a record is missing "
                         "its 'ER  -' line and was merged into another")]


def test_csl_article_names_and_identifiers(csl):
    draft = csl[0][1]
    assert draft.type == "article" and draft.key is None  # a Zotero item URL is no citation key
    assert draft.fields["author"] == "Müller, Katrin and van der Berg, Anna and Carter, Jr., James"
    assert (draft.fields["pages"], draft.fields["number"], draft.fields["month"]) == ("101--124", "1", "mar")
    assert draft.fields["doi"] == "10.5555/JTES.2023.0107"
    assert draft.fields["issn"] == "2345-6781"
    assert "keywords" not in draft.fields


def test_csl_report_webpage_book_chapter(csl):
    report, book, page, chapter = (csl[0][n] for n in (2, 3, 4, 5))
    assert (report.type, report.key) == ("techreport", "unodc2023technology")
    assert report.fields["author"] == "{United Nations Office on Drugs and Crime}"
    assert (report.fields["type"], report.fields["month"], report.fields["institution"]) == (
        "Research brief", "sep", "United Nations Office on Drugs and Crime")
    assert (book.fields["editor"], book.fields["isbn"], book.fields["year"]) == ("Rossi, Elena", "9783161484100", "2019")
    assert (page.type, page.fields["howpublished"], page.fields["urldate"]) == ("misc", "ECPAT Knowledge Hub", "2024-02-05")
    assert (page.fields["year"], page.fields["month"]) == ("2022", "nov")  # from the literal "November 2022"
    assert (chapter.type, chapter.fields["pages"]) == ("incollection", "45--67")
    assert chapter.fields["booktitle"] == book.fields["title"]


def test_csl_specials_and_protected_names(csl):
    draft = csl[0][6]
    assert draft.fields["title"] == r"Annex IOCTA\_2024: 40\% of referrals via \#hashtags \& costs in US\$"
    assert draft.fields["url"] == "https://www.example.org/europol/iocta?part=2&lang=en#annex%201"
    assert draft.fields["author"] == "{Europol} and {Hall and Partners}, Research and Interpol"
    assert [n.display for n in as_entry(draft).authors] == ["Europol", "Hall and Partners, Research", "Interpol"]


def test_csl_problems_and_empty_author_list(csl):
    drafts, problems = csl
    assert sorted(drafts) == [1, 2, 3, 4, 5, 6, 8]
    assert [p.split(", ", 1)[1] for p in problems] == ["record 7: no title; not imported",
                                                       "record 9: not a JSON object; not imported"]
    law = drafts[8]
    assert (law.type, law.fields["sourcekind"], law.fields["month"]) == ("misc", "law", "jul")
    assert "author" not in law.fields


def test_csl_single_item_and_name_edge_cases():
    item = {"id": "ecpat 2020", "type": "report", "title": "Sex & Crime", "publisher": "ECPAT {International}",
            "author": [{"family": "García Márquez", "given": "Ana, María"}, {"family": "World Health Organization"}],
            "issued": {"date-parts": [["2020", "11", "30"]]}, "DOI": "doi:10.5555/ecpat.2020.3",
            "URL": "https://www.example.org/a\\b{1}"}
    [draft], problems = read_csl_json(json.dumps(item), "one.json")
    assert problems == [] and draft.key is None  # a space: not a usable key
    assert draft.fields["title"] == r"Sex \& Crime"
    assert draft.fields["institution"] == r"ECPAT \{International\}"
    assert draft.fields["author"] == "García Márquez, {Ana, María} and {World Health Organization}"
    assert (draft.fields["doi"], draft.fields["month"]) == ("10.5555/ecpat.2020.3", "nov")
    assert draft.fields["url"] == "https://www.example.org/a%5Cb%7B1%7D"  # a `\` would escape the closing brace


def test_press_release_genre():
    item = {"type": "report", "genre": "Press release", "title": "Joint operation rescues 40 victims",
            "publisher": "Europol", "issued": {"date-parts": [[2022, 5, 12]]}}
    [draft], _ = read_csl_json(json.dumps([item]), "pr.json")
    assert (draft.type, draft.fields["sourcekind"], draft.fields["howpublished"]) == ("misc", "press-release", "Europol")


@pytest.mark.parametrize("text, message", [
    ("not json at all", "garbage.json: not valid JSON (line 1, column 1"),
    ('[{"title": "x"}', "garbage.json: not valid JSON"),
    ("[]", "garbage.json: not CSL-JSON"),
    ('[1, "two"]', "garbage.json: not CSL-JSON"),
    ('"a string"', "garbage.json: not CSL-JSON"),
])
def test_csl_garbage_raises_value_error(text, message):
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(").replace("[", r"\[")):
        read_csl_json(text, "garbage.json")


@pytest.mark.parametrize("text", ["", "Title: Online grooming\nAuthor: Nowak", "@article{x, title={y}}"])
def test_ris_garbage_raises_value_error(text):
    with pytest.raises(ValueError, match=r"^garbage\.ris: no RIS records found"):
        read_ris(text, "garbage.ris")


def test_ris_unreadable_structure_raises_value_error():
    text = "TY  - JOUR\nTI  - First\nER  - \nTY  - JOUR\nan untagged line\nTI  - Second\nER  - \n"
    with pytest.raises(ValueError, match=r"^odd\.ris: not readable as RIS"):
        read_ris(text, "odd.ris")


def test_read_export_sniffs_content_and_refuses_bibtex(tmp_path):
    ris_text = (DATA / "library.ris").read_text(encoding="utf-8")
    endnote = tmp_path / "endnote.txt"
    endnote.write_text("\ufeff\n" + ris_text, encoding="utf-8")
    assert len(read_export(endnote)[0]) == 8
    mislabelled = tmp_path / "zotero.ris"
    mislabelled.write_text((DATA / "library.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert len(read_export(mislabelled)[0]) == 7
    with pytest.raises(ValueError, match="use the BibTeX path"):
        read_export(tmp_path / "refs.bib")
    with pytest.raises(ValueError, match=r"missing\.ris: cannot read"):
        read_export(tmp_path / "missing.ris")
    bib_as_txt = tmp_path / "refs.txt"
    bib_as_txt.write_text("@book{x, title={y}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="use the BibTeX path"):
        read_export(bib_as_txt)
    notes = tmp_path / "notes.txt"
    notes.write_text("Reading list\n", encoding="utf-8")
    with pytest.raises(ValueError, match="neither RIS nor CSL-JSON"):
        read_export(notes)


def test_read_export_names_the_line_of_a_bad_byte(tmp_path):
    path = tmp_path / "latin1.ris"
    path.write_bytes("TY  - JOUR\nAU  - Müller, Katrin\n".encode("latin-1"))
    with pytest.raises(ValueError, match=r"latin1\.ris:2: not valid UTF-8 \(byte 0xfc"):
        read_export(path)


ROUND_TRIP = r"""
@article{mueller2021recruitment,
  author = {M{\"u}ller, Katrin and Okafor, Chidi N.},
  title = {Recruitment via Social Media: Sex \& Crime in 50\% of Cases},
  journal = {Journal of Trafficking and Exploitation Studies},
  year = {2021}, month = mar, volume = {7}, number = {2}, pages = {101--124},
  doi = {10.5555/jtes.2021.0042},
}
@techreport{unodc2023technology,
  author = {{United Nations Office on Drugs and Crime}},
  title = {Technology and Trafficking in Persons},
  institution = {United Nations Office on Drugs and Crime},
  year = {2023}, doi = {10.5555/unodc.2023.1},
}
@incollection{dubois2019financial,
  author = {Dubois, Marie-Claire and van der Berg, Anna},
  editor = {Rossi, Elena},
  title = {Financial Investigations in Online Child Sexual Exploitation Cases},
  booktitle = {Child Protection Online}, publisher = {Example Academic Press},
  year = {2019}, pages = {45--67}, doi = {10.5555/cpo.2019.4},
}
@misc{ecpat2022explainer,
  author = {{ECPAT International}},
  title = {How Offenders Misuse Livestreaming Platforms},
  year = {2022}, url = {https://www.example.org/ecpat/explainer#part_2},
  urldate = {2024-02-05}, sourcekind = {web-article},
}
@misc{example2021act,
  title = {Online Child Protection Act},
  year = {2021}, sourcekind = {law},
}
"""


def _exported_ris(entries) -> str:
    return ris_render.render(SimpleNamespace(entries=lambda: entries))


def _exported_csl(entries) -> str:
    return json.dumps(to_csl_items(entries))


@pytest.mark.parametrize("export, reader", [(_exported_ris, read_ris), (_exported_csl, read_csl_json)],
                         ids=["ris", "csl-json"])
def test_round_trip_through_our_own_exports(export, reader):
    originals = parse_text(ROUND_TRIP, "x.bib").entries
    drafts, problems = reader(export(originals), "export")
    assert problems == []
    for original, draft in zip(originals, drafts, strict=True):
        back = as_entry(draft)
        assert draft.key == original.key
        assert (back.type, back.kind) == (original.type, original.kind)
        assert back.title == original.title
        assert [n.display for n in back.authors] == [n.display for n in original.authors]
        assert [n.display for n in back.editors] == [n.display for n in original.editors]
        assert [n.is_organisation for n in back.authors] == [n.is_organisation for n in original.authors]
        assert back.year == original.year
        assert (back.get("doi"), back.get("month"), back.get("url")) == (
            original.get("doi"), original.get("month"), original.get("url"))
