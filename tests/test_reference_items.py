"""The document checked against itself: reference items nobody can trace, page ranges that cannot
be, pinpoints outside the item's pages, and one title listed under two years (no library needed)."""

from __future__ import annotations


import pytest

from litcheck.scan import reference_items as items



def years_of(text):
    """The years a reference item with this text gives, as the checks read them."""
    from types import SimpleNamespace

    from litcheck.scan.resolve.items import item_years

    return item_years(SimpleNamespace(text=text))


def flags(scanner, text, rule):
    return [(f.rule, f.line, f.where) for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == rule]


@pytest.mark.parametrize("text, span", [
    ("Okafor, B. (2019). Chat and grooming. Journal of Online Harm, 8(4), 151–173.", (151, 173)),
    ("Okafor, Bola. 2019. “Chat.” *Journal of Online Harm* 8 (4): 151–73.", (151, 173)),
    ("Okafor, B. Chat. *Journal of Online Harm 15* (Sept. 2015), 61--66.", (61, 66)),
    ("Okafor, B. (2019). Chat. In Handbook of harm (pp. 344–364). Northgate.", (344, 364)),
    ("Okafor, Bola. 2001. “Chat.” *Human Rights Brief* 8 (2): 12.", (12, 12)),
    ("Okafor, B. (2019). Trends 2010–2012. Northgate Press.", None),
])
def test_page_span(text, span):
    got = items.page_span(text)
    assert (got[:2] if got else None) == span


def test_impossible_range_and_pinpoints():
    assert items.impossible_range("Lindqvist, M. 2007. “Efforts.” In *Harm*, 40–16. Northgate.") == "40–16"
    assert items.impossible_range("Okafor, B. 2019. “Chat.” *Harm* 8: 1143–57.") is None
    assert items.outside("1", "Okafor, Bola. 2001. “Chat.” *Human Rights Brief* 8 (2): 12.") == ("1", "12")
    assert items.outside("p. 350", "Okafor, B. (2019). Chat. In Handbook (pp. 344–364). Northgate.") is None
    assert items.outside("s. 5", "Okafor, B. (2019). Chat. In Handbook (pp. 344–364). Northgate.") is None
    assert items.note_locator("Okafor 2001, 1") == "1"


def test_undated_item_is_flagged_where_it_stands(scanner):
    text = ("Moderation fails often [1]. Reviews agree [2].\n\n## References\n\n"
            "[1] Bola Okafor. Speech is not a hazard: a reply to the white paper.\n\n"
            "[2] Okafor, B. Chat and grooming. *Journal of Online Harm 8*, 2 (2019), 1--9.\n")
    assert flags(scanner, text, "citation-mismatch") == [("citation-mismatch", 5, "reference")]


def test_pinpoint_outside_the_item_pages(scanner):
    text = ("Scorecards work (Okafor, 2019, p. 18).\n\n## References\n\n"
            "Okafor, B. (2019). Scorecards. In M. Lindqvist (Ed.), Handbook of harm (pp. 344–364). Northgate.\n")
    assert flags(scanner, text, "citation-mismatch") == [("citation-mismatch", 1, "body")]
    fine = text.replace("p. 18", "p. 350")
    assert flags(scanner, fine, "citation-mismatch") == []


def test_one_title_under_two_years(scanner):
    text = ("Creep is real (Okafor, 2013; Okafor, 2015).\n\n## References\n\n"
            "Okafor, B. 2013. “Exploitation creep in trafficking law.” *Harm Review* 3: 1–20.\n\n"
            "Okafor, B. 2015. “Exploitation creep in trafficking law.” *Harm Review* 5: 7–30.\n")
    assert flags(scanner, text, "inconsistent-duplicate") == [("inconsistent-duplicate", 7, "reference")]


def test_reference_section_ends_at_the_next_post_and_notes_after_it_are_notes():
    from litcheck.scan.document import parse_document

    text = ("# Post one\n\nShelters are full.[^1]\n\n## References\n\nOkafor, B. (2019). Shelters. Northgate.\n\n"
            "[^1]: Okafor 2019, 4. The count was taken in May.\n\n## Post two\n\nA second post with its own claims.\n")
    doc = parse_document(text, fmt="markdown")
    assert [r.text for r in doc.references] == ["Okafor, B. (2019). Shelters. Northgate."]
    assert doc.footnotes["1"].text.startswith("Okafor 2019, 4.")
    assert any(s.text == "A second post with its own claims." for s in doc.sentences)


def test_a_source_list_grouped_under_headings_with_claims_before_its_sources(scanner):
    from litcheck.scan.document import parse_document

    text = ("# Grooming\n\nGrooming crimes rose **89%** in six years (Source: NSPCC, 2024).\n\n"
            "Abuse reports rose 40% (Source: Okafor, 2019).\n\n"
            "### 📚 Sources & References (all citations)\n\n### Online grooming\n\n"
            "- **89% increase in grooming crimes over six years**: NSPCC, 2024. https://example.org/nspcc\n\n"
            "### Sextortion\n\n- **One in five teens**: Thorn, 2025. https://example.org/thorn\n\n## About us\n\nWe build tools.\n")
    doc = parse_document(text, fmt="markdown")
    assert [r.text for r in doc.references] == ["NSPCC, 2024. https://example.org/nspcc", "Thorn, 2025. https://example.org/thorn"]
    assert any(s.text == "We build tools." for s in doc.sentences)
    dangling = [f.message for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "dangling-citation"]
    assert len(dangling) == 1 and dangling[0].startswith("(Source: Okafor, 2019)")


def test_numbered_endnotes_after_an_author_date_list_are_notes():
    from litcheck.scan.document import parse_document

    items = "".join(f"Okafor, B. ({2010 + i}). Title {i}. Northgate.\n\n" for i in range(3))
    doc = parse_document("Claims are made [1].\n\nReferences\n\n" + items + "[1] Response 1157.\n\n[2] Response 1160.\n")
    assert len(doc.references) == 3 and sorted(doc.footnotes) == ["1", "2"]


def test_notes_pointing_inside_the_document_are_not_citations_and_short_notes_are_cut_from_remarks():
    from litcheck.scan.document import parse_document
    from litcheck.scan.works import note_pieces

    doc = parse_document("A.[^1] B.[^2] C.[^3]\n\n[^1]: Responses 1190 and 1286.\n[^2]: Response 1157.\n"
                         "[^3]: Hyland 2001, 1. Argentina had proposed a treaty.\n", fmt="markdown")
    pieces = note_pieces(doc)
    assert [p.kind for p in pieces["1"] + pieces["2"]] == ["comment", "comment"]
    assert [(p.kind, p.text) for p in pieces["3"]][0] == ("author-date", "Hyland 2001, 1.")


def test_a_misspelt_title_or_venue_word_is_queried_but_names_and_domain_words_are_not(scanner):
    from litcheck.scan.reference_items import misspellings

    words = ["Human", "trafficing", "Jounal", "Maher", "organisation", "sextortion", "HHarder", "Llewellyn"]
    assert misspellings(words, known={"sextortion"}, venue_words={"journal"}) == [
        ("trafficing", "trafficking"), ("Jounal", "journal"), ("HHarder", "Harder")]
    text = ("Creep is real (Okafor, 2014).\n\n## References\n\n"
            "Okafor, B. (2014). Exploitation creep and the unmaking of trafficing law. *Journal of Harm*, 3, 1–20.\n")
    assert flags(scanner, text, "citation-mismatch") == [("citation-mismatch", 5, "reference")]
    assert flags(scanner, text.replace("trafficing", "trafficking"), "citation-mismatch") == []


@pytest.mark.parametrize("item, key", [
    ("Europol. 2019. *Hidden Routes: Cryptocurrency Payments on Darknet Markets*. The Hague.", "europol2019hidden"),
    ("Europol. 2024. *Hidden Routes: Cryptocurrency Payments on Darknet Markets*. The Hague.", None),  # another edition
    ("Okafor, Bola. 2020. “The impact of Play and Prey: Grooming in Multiplayer Game Chat.” *Harm Review* 8: 1–9.", None),
    ("Lindqvist, Maja, and Kwame Osei. 2021. “Play and Prey.” *Journal of Online Harm* 4: 12–30.", "lindqvist2021play"),
    ("Single Market for Digital Services Bill.", None),  # a bill is not the act
    # a web page sharing a word and the year with a work, by a body that is not the work's creator
    ("*What Is Trafficking? - Harbour Trust.* (2020). Retrieved 5 May 2021, from https://example.org/what-is/", None),
])
def test_an_item_resolves_only_to_the_work_itself(scanner, item, key):
    from litcheck.scan.resolve.scoring import match_reference

    assert match_reference(item, scanner.index).key == key


def test_chicago_author_date_item_gives_its_year_before_the_title():
    from litcheck.scan.resolve.references import parse_reference

    parts = parse_reference("Okafor, Bola. 2001. “Chat rooms.” *Harm Review* 8 (2): 12. Accessed May 3, 2016.")
    assert (parts.authors, parts.title, parts.year) == ("Okafor, Bola", "Chat rooms", 2001)


@pytest.mark.parametrize("text, clash", [
    ("Okafor, B. (2016). Chat. Child Abuse & Neglect, 98, 104123. https://doi.org/10.1016/j.chiabu.2019.104123",
     ("10.1016/j.chiabu.2019.104123", 2019, 2016)),
    ("Okafor, B. (2015). Chat. Victims & Offenders, 14(6), 1–20. doi:10.1080/15564886.2019.1632012.",
     ("10.1080/15564886.2019.1632012", 2019, 2015)),
    ("Okafor, B. (2024). Chat. Crime, Law and Social Change, 58, 1–20. doi:10.1007/s10611-017-9730-6",
     ("10.1007/s10611-017-9730-6", 2017, 2024)),
    ("Okafor, B. (2019). Chat. arXiv. https://doi.org/10.48550/arXiv.2103.01234", ("10.48550/arXiv.2103.01234", 2021, 2019)),
    ("Okafor, B. (2020). Chat. Child Abuse & Neglect, 98. https://doi.org/10.1016/j.chiabu.2019.104123", None),  # print lag
    ("Okafor, B. (2024). Chat. arXiv. https://doi.org/10.48550/arXiv.2103.01234", None),  # a revised preprint
    ("Okafor, B. (2016). Chat. Journal of Harm, 3, 1–9. https://doi.org/10.1111/joh.12345", None),  # no year in it
])
def test_an_items_year_against_the_year_its_doi_was_registered(text, clash):
    assert items.year_against_doi(years_of(text), text) == clash


def test_a_year_its_doi_contradicts_is_flagged_at_the_item(scanner):
    text = ("Chat is common (Okafor, 2016).\n\n## References\n\n"
            "Okafor, B. (2016). Chat and grooming. Child Abuse & Neglect, 98, 104123. "
            "https://doi.org/10.1016/j.chiabu.2019.104123\n")
    assert ("citation-mismatch", 5, "reference") in flags(scanner, text, "citation-mismatch")


@pytest.mark.parametrize("text, clash", [
    ("[70] J. Jouvenal. 2023. Teen case goes to trial. Washington Post. "
     "https://www.washingtonpost.com/local/teen-case/2013/04/17/4936b768_story.html", (2013, 2023)),
    ("Okafor, B. (2016). Chat. The Guardian. https://www.theguardian.com/world/2014/nov/28/chat", (2014, 2016)),
    ("Okafor, B. (2015, July 28). Key shift. New York Times. http://www.nytimes.com/2015/07/28/world/shift.html", None),
    ("Okafor, B. (2021). Chat. https://web.archive.org/web/2018/04/17/http://example.org/chat", None),
    # a page filed by year and month: read for a web page alone, not print nor a file's upload folder
    ("Okafor, B. (2015). Chat. Wired. Retrieved from [Wired](https://www.wired.com/2014/11/chat/)", (2014, 2015)),
    ("Okafor, B. (2015). Chat. Journal of Harm, 3(1), 1-9. https://example.org/2014/11/chat/", None),
    ("Okafor, B. (2016). Chat. https://example.org/wp-content/uploads/2017/07/Chat.pdf", None),
    ("Okafor, B. (2017). Chat. https://okafor.files.wordpress.com/2018/01/chat.pdf", None),
])
def test_a_news_urls_date_against_the_items_year(text, clash):
    assert items.date_in_url(years_of(text), text) == clash


@pytest.mark.parametrize("text, clash", [
    ("[101] National Center. 2023d. CyberTipline 2021 Report. Technical Report.", (2021, 2023)),
    ("ILO. 2017. Global Estimates of Modern Slavery. Geneva.", None),
    ("UNODC. 2021. Global Report on Trafficking in Persons 2020. Vienna.", None),
    ("IWF. 2024. Annual Report 2021. Cambridge.", (2021, 2024)),
])
def test_an_annual_reports_edition_against_the_items_year(text, clash):
    assert items.edition_out_of_step(years_of(text), text) == clash


def test_a_year_letter_with_no_partner_is_queried(scanner):
    text = ("Slavery figures are disputed (Okafor 2014a; Osei 2019a; Osei 2019b).\n\n## References\n\n"
            "Okafor, Bola. 2014a. “The index rests on flawed data.” *Guardian*, November 28, 2014.\n\n"
            "Osei, Kwame. 2019a. “Counting the hidden.” *Journal of Harm* 3: 1–9.\n\n"
            "Dawn Osei. 2019b. Counting again. *Journal of Harm* 3: 10–19.\n")
    assert [(f.line, f.where) for f in _lonely_letters(scanner, text)] == [(5, "reference")]


def test_a_year_letter_with_no_partner_in_the_notes_is_queried(scanner):
    text = ("Codes help.[^1] Reports rose.[^2] Fines fell.[^3] Codes help again.[^4]\n\n"
            "[^1]: Harbour Commission. 2016b. Code of conduct on ports. Northgate.\n"
            "[^2]: Okafor, B. 2019a. Ports. Northgate.\n[^3]: Okafor, B. 2019b. More ports. Northgate.\n"
            "[^4]: Harbour Commission. 2016b. Code of conduct on ports, 4.\n")
    assert [(f.line, f.where) for f in _lonely_letters(scanner, text)] == [(3, "footnote")]  # once, at its first note
    partnered = text.replace("[^3]: Okafor, B. 2019b.", "[^3]: Harbour Commission. 2016a.")
    # 2016b now has its 2016a; Okafor's 2019a has lost its 2019b
    assert [f.evidence for f in _lonely_letters(scanner, partnered)] == ["2019a"]


def _lonely_letters(scanner, text):
    return [f for f in scanner.scan_text(text, fmt="markdown").flags
            if f.rule == "citation-mismatch" and ("no other" in f.message or "no note cites" in f.message)]


def test_brands_and_addresses_are_not_misspellings():
    words = items._title_words("[5] J. Angwin. 2016. Facebook Lets Advertisers Exclude Users. ProPublica (Oct. 2016). "
                               "https://www.propublica.org/article/politcal-programps-ads")
    assert "Publica" not in words and "politcal" not in words and "programps" not in words
    assert "Advertisers" in words


def test_two_different_works_resolved_alike_are_not_one_work_cited_twice():
    from litcheck.scan.resolve.references import parse_reference
    from litcheck.scan.reference_items import could_be_one_work

    law = parse_reference("European Parliament and Council. 2022. Regulation (EU) 2022/2065 on a Single Market for "
                          "Digital Services. Official Journal L 277.")
    comment = parse_reference("Aliya Bhatia and Asha Allen. 2023. Auditing in the Dark: Guidance Is Needed for DSA "
                              "Algorithmic Audits. https://cdt.org/audits")
    misdated = parse_reference("European Parliament and Council. 2020. Regulation (EU) 2022/2065 on a Single Market for "
                               "Digital Services. Official Journal L 277.")
    assert not could_be_one_work(law, comment)
    assert could_be_one_work(law, misdated)
    editions = [parse_reference(f"US Department of State. ({y}). Trafficking in Persons Report. Washington, DC.")
                for y in (2015, 2016)]
    assert not could_be_one_work(*editions)


def test_an_authors_works_of_two_years_or_year_letters_are_two_works():
    from litcheck.scan.resolve.references import parse_reference
    from litcheck.scan.reference_items import could_be_one_work

    first, second = (parse_reference(f"Child Safety Centre. 2017{letter}. Tipline Report {n}. https://example.org/{n}")
                     for letter, n in (("a", 5778396), ("b", 5778397)))
    assert not could_be_one_work(first, second)  # the document's own letters say two works
    by_country = parse_reference("Child Safety Centre. 2020. Tipline Reports by Country. Technical Report.")
    by_provider = parse_reference("Child Safety Centre. 2021. Tipline Reports by Electronic Service Provider.")
    assert not could_be_one_work(by_country, by_provider)
    misdated = parse_reference("Child Safety Centre. 2021. Tipline Reports by Country. Technical Report.")
    assert could_be_one_work(by_country, misdated)  # the same title under another year


def test_a_numbered_notes_later_paragraphs_belong_to_it():
    from litcheck.scan.document import parse_document

    notes = "".join(f"{n} Okafor, Bola. Shelters {n}. Northgate, 2019.\n\n" for n in (1, 2))
    text = ("Shelters are full.¹ Regions differ.² Counts vary.³\n\n## Endnotes\n\n" + notes
            + "3 The survey covered these regions:\n\nNorth: Alder and Birch Counties.\n\nSouth: Cedar County.\n")
    doc = parse_document(text)
    assert doc.references == [] and doc.footnotes["3"].text.endswith("North: Alder and Birch Counties. South: Cedar County.")


def test_an_explanatory_note_in_a_reference_list_is_not_an_undated_reference(scanner):
    text = ("Help is available [1]. Reviews agree [2].\n\n## References\n\n"
            "[1] Helpline Network can also be used as a way to find local organisations in your area that do this work.\n\n"
            "[2] Bola Okafor. Speech is not a hazard: a reply to the white paper.\n")
    assert flags(scanner, text, "citation-mismatch") == [("citation-mismatch", 7, "reference")]


def test_a_year_stated_in_both_notes_is_no_difference(scanner):
    full = "Okafor, Bola. “Farm Labour in the Northern Counties.” Northgate Press, 2019."
    text = ("Farms grew.[^1] Labour costs rose.[^2]\n\n"
            f"[^1]: {full}\n[^2]: See {full} and Department of Land. Land Use Survey. Government Press, 1996.\n")
    assert flags(scanner, text, "inconsistent-duplicate") == []
    text = text.replace("Press, 2019. and", "Press, 2018. and")
    assert flags(scanner, text, "inconsistent-duplicate") == [("inconsistent-duplicate", 4, "footnote")]


def test_a_key_the_citation_processor_could_not_find_is_dangling(scanner):
    text = ("The indicators of forced labour (Okafor, 2012; okafor12-ilo?) frame the survey.\n\n## References\n\n"
            "Okafor, B. (2012). *Indicators of forced labour*. Northgate.\n")
    found = [f.message for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "dangling-citation"]
    assert len(found) == 1 and "(okafor12-ilo?)" in found[0] and "citation processor" in found[0]


@pytest.mark.parametrize("item, author", [
    ("Service, L. A. W. R. (2023). Behind closed doors: Domestic workers in the UK.", "Service, L. A. W. R."),
    ("Okafor, A., Lindqvist, R. T., & N. (2009). Broken laws, unprotected workers.", "& N."),
    ("Okafor, A., & Lindqvist, R. T. (2009). Broken laws, unprotected workers.", None),
    ("Lindqvist, J. A. (2020). Drafting refugee law.", None),
    ("L. Sebagh, E. Gallo, and S. S, “Cooperation and distrust,” Global Crime, 2022.", "S. S"),
    ("A. Akerlof, G, “The market for lemons,” The Quarterly Journal of Economics, vol. 84, 1970.", "A. Akerlof, G"),
    ("D. Laferrie`re and D. Okafor, “Trust signalling on vendor shops,” Deviant Behavior, 2023.", "Laferrie`re"),
    ("J. Okafor and K. Lindqvist, “A title,” Journal of Online Harm, vol. 2, 2021.", None),
    ("Lin Y, Chen P, Ho C. Hotel recognition to combat human trafficking. 2022.", None),
])
def test_a_bodys_name_split_as_a_persons_or_an_initial_alone(item, author):
    assert items.mangled_author(item) == author


@pytest.mark.parametrize("text, found", [
    ("2020. General comment No. 25 (2021) on children's rights online.", (2020, 2021, "General comment No. 25 (2021)")),
    ("Okafor, B. (2019). Report on the Act (2021). Northgate.", (2019, 2021, "Report on the Act (2021)")),
    ("Okafor, B. (2019). The plan (2018 revision). Northgate.", None),
    ("Okafor, B. 2019. The plan. Northgate. Last accessed (2023).", None),
])
def test_a_title_that_names_a_year_after_the_items_date(text, found):
    assert items.titled_after_date(text) == found


def test_a_place_name_in_lower_case_is_queried_unless_the_whole_list_is_so(scanner):
    items_text = ["Okafor, B. (2012). Rape and violence among sex workers: Kampala, uganda. *Journal of Harm*, 3(2), 1-9.",
                  "Lindqvist, J. (2019). Shelters. Northgate Press. https://example.org/uganda/shelters"]
    text = "Claims (Okafor, 2012; Lindqvist, 2019).\n\n## References\n\n" + "\n\n".join(items_text) + "\n"
    assert flags(scanner, text, "citation-mismatch") == [("citation-mismatch", 5, "reference")]
    many = [f"Okafor, B. ({2010 + n}). Prisons in rural america, part {n}. Northgate Press." for n in range(3)]
    text = "Claims (Okafor, 2010).\n\n## References\n\n" + "\n\n".join(many) + "\n"
    assert flags(scanner, text, "citation-mismatch") == []


def _numbered(body: str, items: dict[int, str]) -> str:
    return body + "\n\n## References\n\n" + "\n\n".join(f"[{n}] {t}".rstrip() for n, t in items.items()) + "\n"


def test_an_empty_reference_item_is_named_as_empty(scanner):
    items = {1: "Okafor, B. 2019. Chat and grooming. Northgate.", 2: "", 3: "Ilse Hartmann. 2012. Markets. Northgate.",
             4: "Kwame Osei. 2021. Play and Prey. Northgate."}
    result = scanner.scan_text(_numbered("Chat rooms changed.[1] Games changed.[2] Markets changed.[3][4]", items),
                               fmt="markdown")
    dangling = [f.message for f in result.flags if f.rule == "dangling-citation"]
    assert dangling == ["[2]: no reference-list item 2 (the item is there but empty)"]


def test_a_list_whose_text_was_lost_is_reported_once(scanner):
    """Only the numbers survived a conversion: one notice, not an error per sentence."""
    body = " ".join(f"Claim number {n} holds.[{n}]" for n in range(1, 7))
    result = scanner.scan_text(_numbered(body, {n: "" for n in range(1, 6)} | {6: "Okafor, B. 2019. Chat. Northgate."}),
                               fmt="markdown")
    assert [f for f in result.flags if f.rule == "dangling-citation"] == []
    notices = [f.message for f in result.flags if f.rule == "unresolved-footnote" and "have no text" in f.message]
    assert notices == ["5 of the document's 6 numbered notes or reference items have no text (lost in a conversion "
                       "or an extract?), so the 5 citations of them cannot be checked"]


def test_a_source_named_in_the_prose_against_the_numbered_item_cited(scanner):
    items = {1: "B. Okafor, \u201cChat and grooming,\u201d Journal of Online Harm, vol. 8, 2019.",
             2: "M. Lindqvist, \u201cPlay and prey,\u201d Journal of Online Harm, vol. 4, 2021.",
             3: "Office of Juvenile Justice and Delinquency Prevention. 2022. Statistical Briefing Book."}
    body = ("As Okafor notes, most grooming now starts in game chat [2]. As Okafor notes, chat moves fast [1]. "
            "The figures published by OJJDP come from the FBI\u2019s files [3].")
    found = [f.message for f in scanner.scan_text(_numbered(body, items), fmt="markdown").flags
             if f.rule == "citation-mismatch" and "attributes" in f.message]
    assert found == ["the sentence attributes this to Okafor, but reference item [2] cites "
                     "lindqvist2021play (Lindqvist, Maja; Osei, Kwame, 2021)"]


def test_a_rating_in_parentheses_is_not_a_yearless_citation(scanner):
    text = "The platform revised its inherent risk score from Year 2 (Medium), given new threats.\n"
    assert flags(scanner, text, "dangling-citation") == []
    assert flags(scanner, "Most grooming now starts in game chat (Okonkwo).\n", "dangling-citation") != []


@pytest.mark.parametrize("text, found", [
    ("[25] M. Tajalizadehkhoob and S. Author, “Title of the paper,” in Proceedings of WEIS, 2014.", "S. Author"),
    ("Okafor, B. (2019). Article title. Journal name, 8(4), 151–173.", "Article title"),
    ("Okafor, B. (2019). Chat and grooming: the title of the game. Journal of Online Harm, 8(4), 151–173.", None),
])
def test_template_text_left_in_an_item(text, found):
    assert items.placeholder(text) == found


def test_a_citation_of_a_template_item_is_flagged_where_it_is_cited(scanner):
    text = ("Some sellers are exceptions [2].\n\nReferences\n\n[1] J. Okafor, “Trust on markets,” Crime Science, 2020.\n"
            "[2] M. Lindqvist and S. Author, “Title of the paper,” in Proceedings of WEIS, 2014.\n")
    found = [(f.line, f.message) for f in scanner.scan_text(text).flags if f.rule == "citation-mismatch"]
    assert [line for line, _ in found] == [1, 6]
    assert "cites reference item 2, which is template text" in found[0][1]


def test_an_author_with_its_abbreviation_and_a_title_ending_at_an_address():
    from litcheck.scan.resolve.references import parse_reference

    parts = parse_reference("International Labour Organization (ILO) (2013) Caught at Sea: Forced Labour in Fisheries "
                            "http://www.ilo.org/x.pdf")
    assert (parts.authors, parts.title, parts.year) == ("International Labour Organization (ILO)",
                                                        "Caught at Sea: Forced Labour in Fisheries", 2013)


@pytest.mark.parametrize("text, years", [
    ("CyberSafeKids Ireland, 2023-24. https://example.org/", [2023, 2024]),
    ("Home Office. 2020/21 statistics.", [2020, 2021]),
    ("Okafor, B. (2019). Shelters. Northgate.", [2019]),
])
def test_an_item_dated_by_a_span_of_years_gives_both(text, years):
    assert years_of(text) == years


def test_a_citation_on_the_line_after_its_paragraph_is_flagged_on_the_claim_it_supports(scanner):
    claim = "In England and Wales, only 56% of children aged 13 to 15 who received such messages told someone about it."
    text = (f"# Telling\n\nMany victims do not report grooming because of fear or shame. {claim}\n(Okafor, 2020)\n\n"
            "## References\n\nOkafor, B. (2024, March 21). Children's online behaviour. Northgate.\n")
    [flag] = [f for f in scanner.scan_text(text, fmt="markdown").flags if f.rule == "citation-mismatch"]
    assert flag.sentence == claim and "year 2020" in flag.message


def test_an_item_dated_by_the_edition_its_title_names_is_not_a_wrong_year():
    from types import SimpleNamespace

    from litcheck.scan.rules.citing import reference_differences

    work = SimpleNamespace(title="IWF Annual Report 2022", title_norm="iwf annual report 2022", years=[2023], year=2023,
                           volume="", entry={}, creator_forms=set())
    parts = SimpleNamespace(title="", year=2022, volume="", venue="", authors="")
    assert reference_differences(parts, work) == []
    assert reference_differences(SimpleNamespace(**{**vars(parts), "year": 2021}), work) == ["year 2021 (library: 2023)"]


def test_a_reference_heading_with_nothing_under_it_leaves_every_author_date_citation_dangling(scanner):
    text = ("# Farm labour\n\nForced labour is common in agriculture (ILO, 2017). Audits miss it (Okafor, 2019).\n\n"
            "## References\n")
    found = {f.evidence: f.message for f in scanner.scan_text(text, fmt="markdown").flags
             if f.rule == "dangling-citation"}
    assert set(found) == {"(ILO, 2017)", "(Okafor, 2019)"}
    assert "line 5" in found["(ILO, 2017)"] and "the library's entry" in found["(ILO, 2017)"]
    # with no such heading, a work the library holds is traced there; an unknown author stays dangling
    found = [f.evidence for f in scanner.scan_text(text.replace("## References\n", ""), fmt="markdown").flags
             if f.rule == "dangling-citation"]
    assert found == ["(Okafor, 2019)"]
    # with something under the heading (links, here), the list is not empty
    text += "\n[1]: https://example.org/report\n"
    assert "(ILO, 2017)" not in [f.evidence for f in scanner.scan_text(text, fmt="markdown").flags
                                 if f.rule == "dangling-citation"]


@pytest.mark.parametrize("note, dangling", [("Fn. supra.", True), ("See *supra*.", True), ("Supra note 1.", False),
                                            ("Okafor, supra note 1, at 4.", False)])
def test_a_note_that_says_only_supra_points_nowhere(scanner, note, dangling):
    text = f"Ports grew.[^1] Ports shrank.[^2]\n\n[^1]: Okafor, B. (2019). *Harbour Work*. Northgate.\n[^2]: {note}\n"
    found = flags(scanner, text, "dangling-citation")
    assert (found == [("dangling-citation", 4, "footnote")]) is dangling and (found == []) is not dangling


def test_an_encyclopaedias_copied_references_are_numbered_by_their_place(scanner):
    from litcheck.scan.document import parse_document

    text = ("Attacks doubled in a year.[1] The group moved to new registrars.[2][1]\n\n## References\n\n"
            "^ a b Okafor, Bola (2010-05-12). \"Phishing gang slows\". Harbour News. Retrieved 2010-05-17.\n\n"
            "^ Lindqvist, Maja (2011). \"Registrars respond\". Northgate Review. Retrieved 2011-02-01.\n")
    doc = parse_document(text, fmt="markdown")
    assert [(r.label, r.text[:7]) for r in doc.references] == [("1", "Okafor,"), ("2", "Lindqvi")]
    assert flags(scanner, text, "dangling-citation") == []


def test_items_written_with_a_label_and_colon_are_reference_items_not_link_definitions(scanner):
    """"[1]: Author (year). Title." is not a CommonMark link definition (those hold an address and at
    most a title), so a list written that way is read and checked as reference items."""
    from litcheck.scan.document import parse_document

    text = ("Silk Road closed in 2013 [1].\n\n## References & Further Reading\n\n"
            "[1]: Okafor, B. (2015). \"Chat\". Wired. Retrieved from [Wired](https://www.wired.com/2014/11/chat/)\n\n"
            "[wired]: https://www.wired.com/ \"Wired\"\n")
    doc = parse_document(text, fmt="markdown")
    assert [(r.label, r.text[:16]) for r in doc.references] == [("1", "Okafor, B. (2015")]
    assert ("citation-mismatch", 5, "reference") in flags(scanner, text, "citation-mismatch")


@pytest.mark.parametrize("a, b, same", [
    ("Survival", "Survival: Global Politics and Strategy", True),  # a journal's name without its subtitle
    ("Colum HRLR", "Columbia Human Rights Law Review", True),
    ("Survival", "Global Crime", False),
])
def test_venues_agree_allows_abbreviations_and_a_missing_subtitle(a, b, same):
    from litcheck.scan.resolve.scoring import venues_agree

    assert venues_agree(a, b) is same
