"""Values derived from the whole library (the scanner's index) are cached and give the same result."""

import json
import os
from pathlib import Path

DATA = Path(__file__).parent / "data" / "scan"


def scan_json(run_cli, *extra):
    result = run_cli("scan", str(DATA / "footnoted.txt"), "--bib", str(DATA / "lib.bib"),
                     "--notes", str(DATA / "notes"), "--format", "json", *extra)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.output)


def test_scan_with_cached_index_matches_a_fresh_scan(run_cli, monkeypatch):
    import litcheck.scan.resolve.index as resolve_index

    fresh = scan_json(run_cli, "--no-cache")
    first = scan_json(run_cli)  # builds and stores the index
    assert first == fresh

    def must_not_build(*args, **kwargs):
        raise AssertionError("an unchanged library must reuse the cached scanner index")

    monkeypatch.setattr(resolve_index, "build_index", must_not_build)
    assert scan_json(run_cli) == fresh  # the index comes from the cache, entries re-attached


def test_a_damaged_derived_file_is_recomputed(run_cli):
    from litcheck.index.store import cache_dir

    expected = scan_json(run_cli)
    for path in (cache_dir() / "derived").glob("*.json"):
        path.write_bytes(b"not json")
    assert scan_json(run_cli) == expected


def test_a_code_change_invalidates_derived_results(run_cli, monkeypatch):
    import litcheck.index.fingerprint as fingerprint
    import litcheck.scan.resolve.index as resolve_index

    expected = scan_json(run_cli)  # cached for the code as it is
    builds = []
    real_build = resolve_index.build_index
    monkeypatch.setattr(resolve_index, "build_index", lambda *a, **k: builds.append(1) or real_build(*a, **k))
    assert scan_json(run_cli) == expected and builds == []
    monkeypatch.setattr(fingerprint, "code_fingerprint", lambda: "an edited module")
    assert scan_json(run_cli) == expected and builds == [1]


def test_the_fingerprint_covers_every_module_and_data_file(tmp_path):
    import shutil

    from litcheck.index.fingerprint import PACKAGE_DIR, fingerprint_of

    copy = tmp_path / "litcheck"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint_of(copy)
    for changed in ("library/duplicates.py", "library/entry.py", "data/vocabulary.yaml"):
        path = copy / changed
        original = path.read_bytes()
        path.write_bytes(original + b"\n")
        assert fingerprint_of(copy) != before, changed
        path.write_bytes(original)
    assert fingerprint_of(copy) == before


def test_the_remembered_fingerprint_follows_every_edit(tmp_path, monkeypatch):
    """The digest kept in the cache folder is reused only while no file's stat stamp changed:
    an edit that keeps the size and sets the mtime back still gives a new digest."""
    import shutil

    from litcheck.index.fingerprint import PACKAGE_DIR, fingerprint_of
    from litcheck.index.store import cache_dir

    monkeypatch.setenv("LITCHECK_CACHE_DIR", str(tmp_path / "cache"))
    remembered = cache_dir() / "derived" / "code-fingerprint"
    copy = tmp_path / "litcheck"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint_of(copy)
    assert fingerprint_of(copy, remembered) == before and remembered.exists()
    assert fingerprint_of(copy, remembered) == before  # read back
    path = copy / "library" / "entry.py"
    st = path.stat()
    path.write_bytes(path.read_bytes().replace(b"def ", b"def_", 1))  # same size
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert fingerprint_of(copy, remembered) == fingerprint_of(copy) != before
