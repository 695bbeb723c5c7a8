"""Reading .bib files: entries with raw values and lines, and located problems for bad input."""

from litcheck.library.bibfile import parse_file, parse_text
from litcheck.library.names import parse_names


def test_entry_keeps_raw_values_and_lines(write_bib):
    path = write_bib("""
        % a comment
        @book{smith2020book,
          author = {M{\\"u}ller, J{\\"o}rg and {United Nations Office on Drugs and Crime}},
          title = {A {LaTeX} Book},
          publisher = {Oxford University Press},
          year = 2020,
        }
        """)
    parsed = parse_file(path)
    assert parsed.problems == []
    (entry,) = parsed.entries
    assert entry.key == "smith2020book" and entry.type == "book"
    assert entry.line == 2 and entry.line_of("title") == 4
    assert entry.get("title") == "A {LaTeX} Book"  # raw: protecting braces kept
    assert entry.title == "A LaTeX Book"
    assert entry.year == 2020
    people = [n.display for n in entry.authors]
    assert people == ["Müller, Jörg", "United Nations Office on Drugs and Crime"]
    assert entry.authors[1].is_organisation and not entry.authors[0].is_organisation


def test_organisation_is_never_split():
    (org,) = parse_names("{International Labour Organization}")
    assert org.csl() == {"literal": "International Labour Organization"}


def test_unbalanced_brace_names_file_and_line_and_recovers_next_entry(write_bib):
    path = write_bib("""
        @misc{ok2020a, title = {Fine}, year = {2020}}

        @misc{broken2021, title = {Unbalanced {brace, year = {2021}}
        @misc{after2022, title = {After}, year = {2022}}
        """)
    parsed = parse_file(path)
    errors = [p for p in parsed.problems if p.check == "parse-error"]
    assert len(errors) == 1
    assert errors[0].file == str(path) and errors[0].line == 3
    assert "closing" in errors[0].message
    assert [e.key for e in parsed.entries] == ["ok2020a", "after2022"]


def test_bad_encoding_reports_line_of_first_bad_byte(tmp_path):
    path = tmp_path / "latin1.bib"
    path.write_bytes(b"@misc{a2020x, title = {Plain}, year = {2020}}\n\n@misc{b2020y,\n title = {Caf\xe9}, year = {2020}}\n")
    parsed = parse_file(path)
    (problem,) = [p for p in parsed.problems if p.check == "encoding-error"]
    assert problem.line == 4 and "0xe9" in problem.message
    assert {e.key for e in parsed.entries} == {"a2020x", "b2020y"}  # the rest is still checked


def test_huge_field_is_reported_not_fatal():
    text = "@misc{big2020, title = {" + "x" * 10_000_000 + "}, year = {2020}}\n@misc{next2021, title = {t}, year = {2021}}\n"
    parsed = parse_text(text, "big.bib")
    assert [p.check for p in parsed.problems] == ["field-too-long"]
    assert parsed.problems[0].line == 1
    assert [e.key for e in parsed.entries] == ["big2020", "next2021"]


def test_duplicate_key_and_field_within_file(write_bib):
    path = write_bib("""
        @misc{same2020, title = {One}, year = {2020}}
        @misc{same2020, title = {Two}, year = {2020}}
        @misc{twice2020, title = {A}, title = {B}, year = {2020}}
        """)
    parsed = parse_file(path)
    checks = sorted((p.check, p.line) for p in parsed.problems)
    assert checks == [("duplicate-field", 3), ("duplicate-key", 2)]
    assert [e.title for e in parsed.entries] == ["One"]


def test_unreadable_file_is_a_finding(tmp_path):
    parsed = parse_file(tmp_path / "missing.bib")
    assert [p.check for p in parsed.problems] == ["unreadable-file"]


PLAIN_NAMES = [
    "Donald E. Knuth", "Knuth, Donald E.", "Ludwig van Beethoven", "van Beethoven, Ludwig",
    "Jean de la Fontaine", "de la Fontaine, Jean", "Beeblebrox, IV, Zaphod", "Brinch Hansen, Per",
    "Smith", "Smith,", ", John", "Smith, , John", "a, b, c, d", "John smith", "John Ronald reuel tolkien",
    "d'Arcy, Jean", "Jean d'Arcy", "Mary~Ann O'Brien", "3M Team", "Smith, John and Doe, Jane AND Roe, R.",
    "Smith\tand\nDoe", "A and and B", "Smith and", "and Smith", "Smith and others", "Émile Zola", "émile zola",
    "Nguyễn, Văn A.", "Lee, J.-H. and Kim, S.", "van der Berg, jan", "X. Y. van der Z", "  Padded ,  Name  ",
]


def test_plain_names_split_as_bibtexparser_splits_them():
    """Names without braces or backslashes take a shorter path: it must give what bibtexparser's
    general parser gives (and did before) for every form: First von Last, von Last, First, jr."""
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    from litcheck.library.latex import to_text
    from litcheck.library.names import Name

    for raw in PLAIN_NAMES:
        expected = []
        for part in (p.strip() for p in split_multiple_persons_names(raw)):
            if part.lower() == "others":
                expected.append(Name(literal="others"))
                continue
            p = parse_single_name_into_parts(part, strict=False)
            expected.append(Name(family=to_text(" ".join(p.last)), given=to_text(" ".join(p.first)),
                                 particle=to_text(" ".join(p.von)), suffix=to_text(" ".join(p.jr))))
        assert parse_names(raw) == expected, raw


MARKED_NAMES = [
    '{\\"O}zt{\\"u}rk, Ay{\\c{s}}e and M\\"uller, Hans', "{Simon and Schuster} and Doe, J.", "A {and} B and C",
    "A and{B}", "A and {B}", "A\\ and B", "Smith \\and Jones", "{\\relax Ch}ristine van {Van} Dyke",
    "{van} Gogh, Vincent", "de {L}a {F}ontaine, Jean", "Jean {de la} Fontaine", "{\\'E}mile {\\ss}tark",
    "Smith, {Jr.}, John", "Smith, \\, John", "Unmatched} Brace and {Open Brace", "{{United Nations}} and others",
    "Trailing\\", "x \\", "{\\aa}se {\\o}sterberg and D{\\o}rte~{\\AA}berg", "von {\\relax d}e Berg, \\'Ed",
]


def test_marked_names_split_as_bibtexparser_splits_them():
    """Names with braces or backslashes are split by litcheck's port of bibtexparser's parser
    (importing bibtexparser cost a search about 10 ms): lists and names are split into the same
    parts as bibtexparser's, for hand-picked names and seeded random strings of the characters
    that steer the parse."""
    import random

    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names

    from litcheck.library.names import _marked_parts, _split_marked

    rng = random.Random(19)
    pieces = list("aAnNdD  ,,{}{}\\\\~\t\nxXé.'-\"") + [" and ", "{\\\"O}", "\\ss", "van ", "De ", "{\\relax Ch}"]
    for raw in MARKED_NAMES + ["".join(rng.choices(pieces, k=rng.randint(0, 14))) for _ in range(20_000)]:
        names = split_multiple_persons_names(raw)
        assert list(_split_marked(raw)) == names, raw
        for name in names:
            p = parse_single_name_into_parts(name, strict=False)
            assert _marked_parts(name) == (p.last, p.first, p.von, p.jr), name
