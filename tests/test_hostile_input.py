"""Hostile input: malformed BibTeX, dangerous keys, broken notes and odd documents to scan.

Each case gets a clear error or a sensible result: exit status 0, 1 or 2, a message naming the
file and line where there is one, never a traceback, a hang or a crash, and nothing written
next to the inputs (the folder's paths, bytes and mtimes are compared before and after).
Cases that could hang (10,000-deep nesting, a YAML alias bomb, a 2 MB line) run the CLI in a
subprocess with a timeout, so a hang fails the test instead of blocking the suite.

Already covered elsewhere and not repeated here: an unbalanced brace (test_bibfile), invalid
UTF-8 in a .bib (test_bibfile), a 10 MB field parsed in-process (test_bibfile), `../evil` and
`a/b` keys (test_check, test_notes), an unclosed `---` parsed in-process (test_notes), a
three-byte binary document (test_scan).
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import GOOD_ENTRY

HOUSE = "keywords = {statistics}, sourcekind = {official-report}, verification = {confirmed}"
TIMEOUT = 60  # seconds for one CLI run (the 2 MB line, about 6 s of CPU, is given 180 s)
SCAN_DATA = Path(__file__).parent / "data" / "scan"


# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

def snapshot(root: Path) -> dict:
    """Every path under `root` with its mtime and (for files) its bytes."""
    out = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        out[str(path.relative_to(root))] = (info.st_mtime_ns, None if path.is_dir() else path.read_bytes())
    out["."] = root.stat().st_mtime_ns
    return out


def cache_dir() -> Path:
    return Path(os.environ["LITCHECK_CACHE_DIR"])  # private per test (conftest)


def litcheck(*args: str, cwd: Path, timeout: int = TIMEOUT) -> tuple[int, str, str]:
    """Run the CLI in a subprocess; a hang, a crash (signal) or a traceback fails the test."""
    env = {k: v for k, v in os.environ.items() if k not in ("LITCHECK_BIB", "LITCHECK_NOTES")}
    try:
        proc = subprocess.run([sys.executable, "-m", "litcheck", *args], cwd=cwd, env=env,
                              capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        pytest.fail(f"litcheck {' '.join(args)[:200]} did not finish within {timeout} s")
    out = proc.stdout.decode("utf-8", "replace")
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in (0, 1, 2), (proc.returncode, err[-3000:])
    assert "Traceback" not in out and "Traceback" not in err, err[-3000:]
    return proc.returncode, out, err


def run_ok(run_cli, *args: str):
    """In-process CLI run (exceptions propagate, so a traceback fails the test)."""
    result = run_cli(*args)
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output
    return result


def problems_of(output: str) -> list[dict]:
    return json.loads(output)["problems"]


# ---------------------------------------------------------------------------------------------
# Malformed BibTeX
# ---------------------------------------------------------------------------------------------

def test_unbalanced_quotes_are_located_and_the_rest_loads(tmp_path, run_cli):
    path = tmp_path / "quotes.bib"
    path.write_text(
        "@misc{ok2020a, title = {Fine}, year = {2020}, " + HOUSE + "}\n"
        "\n"
        "@misc{quote2021a, title = \"Unbalanced, year = {2021}}\n"
        "@misc{braced2021b, title = \"Say {\"}hi{\"} now\", year = {2021}, " + HOUSE + "}\n"  # legal: {"} in quotes
        "@misc{open2022a, title = \"Never closed, year = {2022},\n"
        "  note = {the file ends inside the quotes}\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run_ok(run_cli, "check", "--bib", str(path), "--no-cache", "--format", "json")
    assert result.exit_code == 1
    errors = [(p["check"], p["file"], p["line"]) for p in problems_of(result.output) if p["check"] == "parse-error"]
    assert errors == [("parse-error", str(path), 3), ("parse-error", str(path), 5)]
    shown = run_ok(run_cli, "show", "braced2021b", "--bib", str(path), "--no-cache", "--format", "json")
    assert shown.exit_code == 0 and json.loads(shown.output)["title"] == 'Say "hi" now'
    listed = run_ok(run_cli, "list", "--bib", str(path), "--no-cache", "--format", "json")
    assert sorted(item["key"] for item in json.loads(listed.output)["entries"]) == ["braced2021b", "ok2020a"]
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("ending", [
    "@misc{last2021a, title = {T},\n  year = {20",  # inside a value, no final newline
    "@misc{last2021a, title = {T},\n  year = {2021},\n",  # between fields
    "@misc{last2021a,",  # right after the key
    "@misc{",  # right after the brace
    "@",  # a lone at-sign
])
def test_unterminated_last_entry_is_a_located_error(tmp_path, run_cli, ending):
    path = tmp_path / "cut.bib"
    path.write_text(GOOD_ENTRY.lstrip("\n") + "\n" + ending, encoding="utf-8")
    line = GOOD_ENTRY.lstrip("\n").count("\n") + 2
    before = snapshot(tmp_path)
    result = run_ok(run_cli, "check", "--bib", str(path), "--no-cache", "--format", "lines")
    if ending == "@":  # not a block at all: BibTeX ignores text outside entries
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
        assert result.output.startswith(f"{path}:{line}: parse-error: "), result.output
    assert run_ok(run_cli, "show", "unodc2020global", "--bib", str(path), "--no-cache").exit_code == 0
    assert snapshot(tmp_path) == before


def test_binary_junk_is_reported_with_file_and_line(tmp_path, run_cli):
    rng = random.Random(20240601)
    junk = rng.randbytes(64_000)
    assert b"\x00" in junk
    path = tmp_path / "junk.bib"
    path.write_bytes(junk + b"\n" + GOOD_ENTRY.encode() + b"\n" + junk[:999])
    png = tmp_path / "image.bib"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    before = snapshot(tmp_path)
    for bib in (path, png):
        result = run_ok(run_cli, "check", "--bib", str(bib), "--no-cache", "--format", "json")
        assert result.exit_code == 1
        found = problems_of(result.output)
        encoding = [p for p in found if p["check"] == "encoding-error"]
        assert len(encoding) == 1 and encoding[0]["file"] == str(bib) and encoding[0]["line"] >= 1
        lines = bib.read_bytes().count(b"\n") + 1
        assert all(p["file"] == str(bib) and 1 <= p["line"] <= lines for p in found)
    # the good entry behind the junk is still found
    assert run_ok(run_cli, "show", "unodc2020global", "--bib", str(path), "--no-cache").exit_code == 0
    for command in (["list", "--format", "json"], ["stats"], ["search", "report"]):
        run_ok(run_cli, *command, "--bib", str(path), "--no-cache")
    assert snapshot(tmp_path) == before


@pytest.mark.slow
def test_ten_thousand_deep_braces_load_without_recursion_error(tmp_path):
    def deep(text):
        return "{" * 10_000 + text + "}" * 10_000

    (tmp_path / "deep.bib").write_text(
        "@misc{deep2020a, author = {" + "{" * 10_000 + "Smith, Jane" + "}" * 10_000 + "},\n"
        "  title = {" + deep("Grooming on gaming platforms") + "}, year = {2020}, " + HOUSE + "}\n"
        "@string{deepmacro = {" + deep("macro") + "}}\n"
        "@comment{" + deep("comment") + "}\n"
        "@misc{deep2020b, title = \"" + deep("Sextortion of minors") + "\", note = deepmacro # { and } # deepmacro,"
        " year = {2020}, " + HOUSE + "}\n"
        "@misc{open2020c, title = {" + "{" * 10_000 + "never closed, year = {2020}}\n"
        "@misc{after2021a, title = {After}, year = {2021}, " + HOUSE + "}\n", encoding="utf-8")
    before, cached = snapshot(tmp_path), snapshot(cache_dir())
    code, out, _ = litcheck("check", "--bib", "deep.bib", "--format", "json", "--no-cache", cwd=tmp_path)
    assert code == 1 and snapshot(cache_dir()) == cached
    assert [(p["check"], p["file"], p["line"]) for p in problems_of(out)] == [("parse-error", "deep.bib", 6)]
    code, out, _ = litcheck("list", "--bib", "deep.bib", "--format", "json", cwd=tmp_path)  # with the cache
    assert code == 0 and sorted(item["key"] for item in json.loads(out)["entries"]) == ["after2021a", "deep2020a", "deep2020b"]
    for args in (["show", "deep2020a", "--format", "json"], ["show", "deep2020b"], ["search", "smith"],
                 ["list", "--format", "bib"], ["list", "--format", "csl-json"], ["list", "--format", "ris"],
                 ["list", "--format", "html"], ["stats"]):
        code, out, _ = litcheck(*args, "--bib", "deep.bib", cwd=tmp_path)
        assert code == 0 and out
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("text, lines", [
    ("@misc{\n@misc{k2020a, title = {T}, year = {2020}}\n", [1]),
    ("@misc{cut2020a\n@misc{k2020a, title = {T}, year = {2020}}\n", [1]),
    ("@misc{cut2020a, title = {T}\\\n@misc{k2020a, title = {T}, year = {2020}}\n", [1]),  # backslash-newline
    ("@misc{\n@misc{\n@misc{k2020a, title = {T}, year = {2020}}\n", [1, 2]),
])
def test_a_block_cut_short_by_the_next_is_one_error(tmp_path, run_cli, text, lines):
    """The block that interrupts a broken one is reported once, not again as a second error."""
    path = tmp_path / "cut.bib"
    path.write_text(text, encoding="utf-8")
    result = run_ok(run_cli, "check", "--bib", str(path), "--no-cache", "--format", "json")
    found = problems_of(result.output)
    assert [p["line"] for p in found if p["check"] == "parse-error"] == lines
    assert json.loads(result.output)["entries"] == 1


def test_a_long_chain_of_string_macros_resolves(tmp_path, run_cli):
    """Each @string defined through the one before: resolved without Python recursion."""
    path = tmp_path / "macros.bib"
    chain = "".join(f"@string{{m{i} = m{i - 1} # {{.}}}}\n" for i in range(1, 5_000))
    path.write_text("@string{m0 = {Dots: }}\n" + chain
                    + "@misc{chain2020a, title = m4999, year = {2020}, " + HOUSE + "}\n"
                    + "@string{loop1 = loop2 # {x}}\n@string{loop2 = loop1}\n"  # defined through itself
                    + "@misc{loop2020a, title = loop1, year = {2020}, " + HOUSE + "}\n", encoding="utf-8")
    result = run_ok(run_cli, "show", "chain2020a", "--bib", str(path), "--no-cache", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["title"] == "Dots: " + "." * 4_999
    result = run_ok(run_cli, "show", "loop2020a", "--bib", str(path), "--no-cache", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["title"] == "loop1x"


@pytest.mark.slow
def test_five_megabyte_bib_on_one_line(tmp_path):
    """Blocks that start mid-line, all on one 5 MB line: read in linear time."""
    parts, size, n = [], 0, 0
    while size < 5_000_000:
        part = f"x @misc{{k{n}, title = {{Work number {n}}}, year = {{{1900 + n % 120}}}}} "
        parts.append(part)
        size += len(part)
        n += 1
    (tmp_path / "line.bib").write_text("".join(parts), encoding="utf-8")
    before = snapshot(tmp_path)
    code, out, _ = litcheck("check", "--bib", "line.bib", "--format", "json", "--no-cache", cwd=tmp_path)
    assert code in (0, 1) and json.loads(out)["entries"] == n
    assert snapshot(tmp_path) == before


@pytest.mark.slow
def test_ten_megabyte_field_is_reported_quickly(tmp_path):
    (tmp_path / "big.bib").write_text(
        "@misc{big2020a, title = {T}, abstract = {" + "x" * 10_000_000 + "}, year = {2020}, " + HOUSE + "}\n"
        "@misc{open2021a, title = {" + "y " * 5_000_000 + "\n", encoding="utf-8")
    before = snapshot(tmp_path)
    code, out, _ = litcheck("check", "--bib", "big.bib", "--format", "lines", "--no-cache", cwd=tmp_path)
    assert code == 1
    assert out.splitlines() == [
        "big.bib:1: field-too-long: field 'abstract' holds 10,000,000 characters (limit 100,000); probably a missing closing brace",
        "big.bib:2: parse-error: could not parse the block starting here: Unexpectedly reached end of file."]
    assert snapshot(tmp_path) == before


# ---------------------------------------------------------------------------------------------
# Keys that are not safe file names
# ---------------------------------------------------------------------------------------------

UNSAFE_KEYS = ["a/b", "..", "../../etc/passwd", "a\x00b", "$(rm -rf ~)", "`touch pwned`", "x;rm -rf ~",
               "`id`", "a;b", "$HOME", "-rf"]  # a leading '-' reads as an option to every tool
ODD_BUT_SAFE_KEYS = ["~root"]


def _keys_library(tmp_path: Path) -> Path:
    bib = tmp_path / "keys.bib"
    entries = [f"@misc{{{key}, title = {{Work {i}}}, year = {{2020}}, {HOUSE}}}\n"
               for i, key in enumerate(UNSAFE_KEYS + ODD_BUT_SAFE_KEYS)]
    bib.write_text("".join(entries), encoding="utf-8")
    (tmp_path / "notes").mkdir()
    return bib


def test_dangerous_keys_are_reported_by_check(tmp_path, run_cli, monkeypatch):
    bib = _keys_library(tmp_path)
    monkeypatch.chdir(tmp_path)  # anything written relative to the working directory would show
    before = snapshot(tmp_path)
    result = run_ok(run_cli, "check", "--bib", str(bib), "--no-cache", "--level", "info", "--format", "json")
    assert result.exit_code == 1
    found = problems_of(result.output)
    unsafe = {p["key"]: p["line"] for p in found if p["check"] == "unsafe-key"}
    assert unsafe == {key: i + 1 for i, key in enumerate(UNSAFE_KEYS)}
    style = {p["key"] for p in found if p["check"] == "key-style"}
    assert style == set(ODD_BUT_SAFE_KEYS)  # legal file names, but reported as notices
    assert all(p["file"] == str(bib) for p in found)
    lines = run_ok(run_cli, "check", "--bib", str(bib), "--no-cache", "--format", "lines").output
    assert "\\x00" in lines  # the NUL is shown escaped, not written raw into the report line
    for key in UNSAFE_KEYS:
        assert run_ok(run_cli, "show", "--bib", str(bib), "--no-cache", "--", key).exit_code == 0
    assert snapshot(tmp_path) == before


def test_note_new_never_writes_outside_the_notes_folder(tmp_path, run_cli, monkeypatch):
    bib = _keys_library(tmp_path)
    notes = tmp_path / "notes"
    monkeypatch.chdir(tmp_path)
    args = ["--bib", str(bib), "--notes", str(notes), "--no-cache"]
    before = snapshot(tmp_path)
    for key in UNSAFE_KEYS:
        result = run_ok(run_cli, "note", "new", *args, "--", key)
        assert result.exit_code == 2 and "not a safe file name" in result.output, (key, result.output)
        assert snapshot(tmp_path) == before
    # --all-missing skips the unsafe keys (saying so) and writes the others inside notes/ only
    result = run_ok(run_cli, "note", "new", "--all-missing", *args)
    assert result.exit_code == 0
    assert result.output.count("skipped:") == len(UNSAFE_KEYS)
    after = snapshot(tmp_path)
    new = sorted(set(after) - set(before))
    assert new == sorted(f"notes/{key}.md" for key in ODD_BUT_SAFE_KEYS)
    assert {path: after[path] for path in before if path not in (".", "notes")} == \
        {path: before[path] for path in before if path not in (".", "notes")}
    assert not any(tmp_path.rglob("pwned")) and not Path("/etc/passwd.md").exists()
    # and the notes written for odd keys read back as notes of those keys
    result = run_ok(run_cli, "check", *args, "--format", "json")
    assert not [p for p in problems_of(result.output) if p["check"] in ("front-matter-error", "note-key-mismatch", "orphan-note")]


# ---------------------------------------------------------------------------------------------
# Notes with broken front matter
# ---------------------------------------------------------------------------------------------

def _bomb() -> str:
    lines = ["---", "key: bomb2020a", 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines + ["claims: *i", "topics: *i", "---", "Body.", ""])


BROKEN_NOTES = {
    # key: (bytes of the note, line of the front-matter-error, words of the message)
    "unclosed2020a": (b"---\nkey: unclosed2020a\ntopics: [statistics\n\nBody [@unclosed2020a].\n", 1, "never closed"),
    "bomb2020a": (_bomb().encode(), None, "aliases expand"),
    "selfref2020a": (b"---\nkey: selfref2020a\nx: &x\n  y: *x\n---\n", 3, "contains it"),
    "list2020a": (b"---\n- key\n- list2020a\n---\nBody.\n", 1, "not a mapping"),
    "scalar2020a": (b"---\njust a sentence\n---\n", 1, "not a mapping"),
    "deep2020a": (b"---\nkey: deep2020a\nx: " + b"[" * 10_000 + b"]" * 10_000 + b"\n---\n", 3, "nested"),
    "deepblock2020a": (b"---\nkey: deepblock2020a\nx:\n  " + b"- " * 2_000 + b"y\n---\n", 4, "nested"),
    "deepindent2020a": (b"---\nkey: deepindent2020a\n" + b"".join(b" " * i + b"k%d:\n" % i for i in range(60)) + b"---\n", 53, "nested"),
    "binary2020a": (b"---\nkey: \xff\xfe\x00\x01\n---\n\x00\x00junk\n", 1, "cannot read note"),
    "nul2020a": (b"---\nkey: nul2020a\ntitle: \"a\x00b\"\n---\n", 3, "unacceptable character"),
    "tab2020a": (b"---\nkey: tab2020a\n\ttopics: x\n---\n", 3, "tab"),
}


@pytest.mark.slow
def test_broken_front_matter_is_reported_with_file_and_line(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    entries = []
    for key, (data, _, _) in BROKEN_NOTES.items():
        (notes / f"{key}.md").write_bytes(data)
        entries.append(f"@misc{{{key}, title = {{Work {key}}}, year = {{2020}}, {HOUSE}}}\n")
    (tmp_path / "lib.bib").write_text("".join(entries), encoding="utf-8")
    before = snapshot(tmp_path)
    for cache in (["--no-cache"], [], []):  # parsed afresh, then written to the cache, then read from it
        cached = snapshot(cache_dir())
        code, out, _ = litcheck("check", "--bib", "lib.bib", "--notes", "notes", "--format", "json", *cache, cwd=tmp_path)
        assert code == 1
        if cache:
            assert snapshot(cache_dir()) == cached  # --no-cache writes nothing at all
        errors = {p["key"]: p for p in problems_of(out) if p["check"] == "front-matter-error"}
        assert set(errors) == set(BROKEN_NOTES)
        for key, (data, line, words) in BROKEN_NOTES.items():
            problem = errors[key]
            assert problem["file"] == str(Path("notes") / f"{key}.md") and words in problem["message"], problem
            assert 1 <= problem["line"] <= data.count(b"\n") + 1
            if line is not None:
                assert problem["line"] == line, problem
    for key in BROKEN_NOTES:
        code, out, _ = litcheck("show", key, "--bib", "lib.bib", "--notes", "notes", cwd=tmp_path)
        assert code == 0 and key in out
    for args in (["claims"], ["search", "lol"], ["list"], ["stats"], ["show", "bomb2020a", "--format", "json"]):
        code, _, _ = litcheck(*args, "--bib", "lib.bib", "--notes", "notes", cwd=tmp_path)
        assert code in (0, 1)
    assert snapshot(tmp_path) == before


# ---------------------------------------------------------------------------------------------
# Documents for `scan`
# ---------------------------------------------------------------------------------------------

LIB = ["--bib", str(SCAN_DATA / "lib.bib"), "--notes", str(SCAN_DATA / "notes")]


def scan_json(run_cli, path: Path) -> tuple[int, dict]:
    result = run_ok(run_cli, "scan", str(path), *LIB, "--no-cache", "--format", "json")
    return result.exit_code, json.loads(result.output)["documents"][0]


@pytest.mark.parametrize("content", [
    b"",
    b" \n\t\n\r\n   \n" * 500,
    b"\xef\xbb\xbf",  # a byte-order mark alone
    "!?.,;:-- … ''\"\" ()[]{} «» ¶ § ‰ # - > | * / \\ ~ ` @ & = + <>\n".encode() * 200,  # punctuation only
])
def test_document_without_sentences_scans_clean(tmp_path, run_cli, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    before = snapshot(tmp_path)
    code, doc = scan_json(run_cli, path)
    assert code == 0 and doc["flags"] == [] and doc["citations"] == []
    assert snapshot(tmp_path) == before


@pytest.mark.slow
def test_longest_document_on_one_line_without_full_stops(tmp_path):
    """A line of the most text a document may hold (2 MB), without a full stop: scanned."""
    from litcheck.scan.document import MAX_DOCUMENT_CHARS

    rng = random.Random(5)
    words = ("the children were contacted online by strangers and platforms reported that many cases "
             "were identified across countries while experts say").split()
    extras = ["(Smith, 2020)", "[12]", "¹", "^3", "12%", "3,400", "in 2019", "(UNODC)", "[@lindqvist2021play]",
              "according to Europol", "Lindqvist (2021) found", "the largest"]
    parts, size = [], 0
    while size < MAX_DOCUMENT_CHARS:
        word = rng.choice(extras) if rng.random() < 0.02 else rng.choice(words)
        parts.append(word)
        size += len(word) + 1
    text = " ".join(parts)[:MAX_DOCUMENT_CHARS]
    assert "\n" not in text and "." not in text
    (tmp_path / "line.txt").write_text(text, encoding="utf-8")
    before = snapshot(tmp_path)
    code, out, _ = litcheck("scan", "line.txt", *LIB, "--no-cache", "--format", "json", cwd=tmp_path, timeout=180)
    assert code in (0, 1)
    doc = json.loads(out)["documents"][0]
    from litcheck.scan.document.sentences import MAX_SENTENCE_CHARS

    assert doc["sentences"] >= len(text) // MAX_SENTENCE_CHARS  # cut into bounded pieces, not one 2 MB sentence
    assert doc["flags"] and all(f["line"] == 1 and len(f["sentence"]) <= MAX_SENTENCE_CHARS for f in doc["flags"])
    assert snapshot(tmp_path) == before


def test_document_mixing_utf8_and_latin1_reads_both(tmp_path, run_cli):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Le café coûte 5 euros selon l’INSEE (Dupont, 2020).\n\n".encode("utf-8")
                     + "Le thé coûte 12 euros selon le ministère (Durand, 2021).\n".encode("latin-1"))
    code, doc = scan_json(run_cli, path)
    assert code in (0, 1)
    sentences = {c["sentence"] for c in doc["citations"]}
    assert sentences == {"Le café coûte 5 euros selon l’INSEE (Dupont, 2020).",
                         "Le thé coûte 12 euros selon le ministère (Durand, 2021)."}


@pytest.mark.parametrize("name, content", [
    ("late-nul.txt", b"A plain sentence. " * 300 + random.Random(1).randbytes(20_000)),
    ("utf16.txt", "A sentence in UTF-16.".encode("utf-16")),
    ("file.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nstream\n" + bytes(range(256)) * 40),
    ("image.md", b"\x89PNG\r\n\x1a\n" + random.Random(2).randbytes(5_000)),
])
def test_binary_document_is_refused_clearly(tmp_path, run_cli, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot(tmp_path)
    result = run_ok(run_cli, "scan", str(path), *LIB, "--no-cache", "--format", "json")
    assert result.exit_code == 2
    assert result.output.strip().startswith("litcheck: ") and str(path) in result.output
    assert snapshot(tmp_path) == before


def test_control_characters_after_the_first_kilobytes_are_text(tmp_path, run_cli):
    path = tmp_path / "nul-late.txt"
    path.write_text("Intro sentence here. " * 300 + "More than 40% of x\x00y were \x1b[31mred\x1b[0m (Smith, 2020).\n",
                    encoding="utf-8")
    code, doc = scan_json(run_cli, path)
    assert code in (0, 1) and doc["sentences"] == 301


def test_document_over_the_size_limit_is_refused_in_one_line(tmp_path, run_cli):
    from litcheck.scan.document import MAX_DOCUMENT_CHARS

    path = tmp_path / "huge.md"
    path.write_text("word " * (MAX_DOCUMENT_CHARS // 5) + "x", encoding="utf-8")  # one character over
    before = snapshot(tmp_path)
    result = run_ok(run_cli, "scan", str(path), *LIB, "--no-cache", "--format", "json")
    assert result.exit_code == 2
    refusal = [line for line in result.output.splitlines() if line.startswith("litcheck: ")]
    assert refusal == [f"litcheck: {path}: not scanned: {MAX_DOCUMENT_CHARS + 1:,} characters of text, "
                       f"above the {MAX_DOCUMENT_CHARS:,} one document may hold (split it)"]
    assert snapshot(tmp_path) == before


# Shapes that were quadratic or slow (issue 20, item 1), each as a function of a length in
# characters, with the bytes a character its scan may allocate at most (about 1.5 times what
# it takes): one paragraph of many sentences, one line with no full stop (a list of its
# characters or words would add 8 to 12 bytes a character), a short flagged line each, many
# footnotes (each flagged, each flag naming the sentences that cite the note).
SIZE = 40_000
LINEAR_SHAPES = {
    "one paragraph of 'et al.' sentences": (lambda n: "Smith et al. (2019) found that 45% rose. " * (n // 41), 75),
    "one line without a full stop": (lambda n: "word " * (n // 5), 22),
    "a vague statistic a line": (lambda n: "Studies show 45% rise.\n" * (n // 23), 120),
    "a footnote a sentence": (lambda n: ("".join(f"Claim {i}.[^{i}]\n" for i in range(n // 40))
                                         + "".join(f"[^{i}]: Source {i}.\n" for i in range(n // 40))), 130),
}


def _work(scanner, text: str) -> tuple[int, int]:
    """(Python bytecodes run, peak bytes allocated) of scanning `text`: counted, not timed, so a
    loaded machine cannot fail the test. Bytecodes count every Python loop, generator loops
    included; a loop inside one C call (a list search) does not show here, but in the time
    ratios of tests/test_scan_linear.py."""
    import tracemalloc

    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        frame.f_trace_opcodes, frame.f_trace_lines = True, False
        count += event == "opcode"
        return tracer

    tracemalloc.start()
    sys.settrace(tracer)
    try:
        scanner.scan_text(text)
    finally:
        sys.settrace(None)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return count, peak


@pytest.mark.slow
@pytest.mark.parametrize("shape", list(LINEAR_SHAPES))
def test_hostile_shapes_scan_in_linear_work_and_memory(shape):
    """Twice the text costs at most a little over twice the bytecodes and the memory."""
    from litcheck.library.core import load_library
    from litcheck.scan.pipeline import Scanner

    scanner = Scanner(load_library([SCAN_DATA / "lib.bib"], SCAN_DATA / "notes", use_cache=False))
    build, bytes_a_char = LINEAR_SHAPES[shape]
    scanner.scan_text(build(SIZE // 2))  # the run's one-off work (lexicon, claims, caches) done first
    (steps, memory), (steps2, memory2) = (_work(scanner, build(n)) for n in (SIZE, 2 * SIZE))
    assert steps2 <= 2.2 * steps, (steps, steps2)
    assert memory2 <= 2.4 * memory, (memory, memory2)
    assert memory2 <= bytes_a_char * 2 * SIZE, memory2
