"""Data-only, tamper-evident caches (issue 20, item 3): a crafted pickle, a planted symlink and
a FIFO in the cache folder are refused and rebuilt; nothing runs, nothing outside the cache
folder is written, and freshness survives a same-size edit with the mtime put back."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from conftest import GOOD_ENTRY
from litcheck.index.store import cache_dir
from test_hostile_input import litcheck, snapshot

NOTE = "---\nkey: unodc2020global\n---\nSee [@unodc2020global, p. 3].\n"


class _Marker:
    def __init__(self, path: str):
        self.path = path

    def __reduce__(self):
        return (os.system, (f"touch {self.path}",))


@pytest.fixture
def lib(tmp_path, monkeypatch):
    root = tmp_path / "lib"
    (root / "notes").mkdir(parents=True)
    (root / "lib.bib").write_text(GOOD_ENTRY, encoding="utf-8")
    (root / "notes" / "unodc2020global.md").write_text(NOTE, encoding="utf-8")
    monkeypatch.setenv("LITCHECK_CACHE_DIR", str(tmp_path / "cache"))
    return root


def run(root: Path, *args: str) -> str:
    code, out, _ = litcheck(*args, "--bib", "lib.bib", "--notes", "notes", cwd=root, timeout=60)
    assert code in (0, 1)
    return out


def check_json(root: Path) -> list:
    return json.loads(run(root, "check", "--format", "json"))["problems"]


def scan_json(root: Path) -> str:
    (root.parent / "doc.md").write_text("The UNODC (2020) report found 45% of cases online.\n")
    code, out, _ = litcheck("scan", "--bib", "lib.bib", "--notes", "notes", str(root.parent / "doc.md"),
                            "--format", "json", cwd=root, timeout=60)
    return out


def cache_files() -> list[Path]:
    files = [p for p in cache_dir().rglob("*") if p.is_file() or p.is_symlink() or p.is_fifo()]
    assert {p.parent.name for p in files} >= {"bib", "notes", "derived"}
    return files


def test_a_crafted_pickle_never_runs(lib, tmp_path):
    expected, scanned = check_json(lib), scan_json(lib)
    marker = tmp_path / "CODE-RAN"
    payload = pickle.dumps(("x", _Marker(str(marker))))
    for path in cache_files():
        path.write_bytes(b"LITCHECK-INDEX\n" + payload if path.parent.name == "notes" else payload)
    assert check_json(lib) == expected and scan_json(lib) == scanned
    assert not marker.exists()
    for path in cache_files():  # rebuilt as data
        assert b"posix" not in path.read_bytes() and b"system" not in path.read_bytes()


def test_planted_symlinks_are_replaced_not_followed(lib, tmp_path):
    expected = check_json(lib)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    for path in cache_files():
        path.unlink()
        path.symlink_to(victim)
    outside = snapshot(lib)
    (lib / "lib.bib").write_text(GOOD_ENTRY + "\n", encoding="utf-8")  # every cache file is rewritten
    (lib / "notes" / "unodc2020global.md").write_text(NOTE + "\n", encoding="utf-8")
    outside = snapshot(lib)
    assert check_json(lib) == expected and run(lib, "list", "--style", "none")
    assert victim.read_text() == "precious\n"
    assert snapshot(lib) == outside  # nothing written beside the library either
    assert all(not p.is_symlink() for p in cache_files())


def test_fifos_in_the_cache_do_not_hang(lib):
    expected = check_json(lib)
    for path in cache_files():
        path.unlink()
        os.mkfifo(path)
    assert check_json(lib) == expected  # litcheck() fails the test on a hang


def test_garbage_json_of_the_right_shape_is_refused(lib):
    expected = check_json(lib)
    for path in cache_dir().glob("derived/*"):
        path.write_text(json.dumps(["0" * 32, {"$dc": "Finding", "v": {"check": ["not", "text"]}}]))
    for path in cache_dir().glob("notes/*"):
        path.write_text(json.dumps({"$m": [["format", 1], ["notes", {"$m": [["x", [1, 2]]]}]]}))
    assert check_json(lib) == expected


def test_a_cache_folder_writable_by_others_is_not_used(lib):
    folder = cache_dir()
    folder.mkdir(mode=0o777)
    os.chmod(folder, 0o777)
    code, out, err = litcheck("check", "--bib", "lib.bib", "--notes", "notes", cwd=lib)
    assert code in (0, 1) and "not using the cache" in err and "writable by other users" in err
    assert list(folder.iterdir()) == []


def test_a_missing_cache_home_is_created(lib, monkeypatch, tmp_path):
    """A fresh account has no ~/.cache: litcheck makes it rather than running uncached."""
    monkeypatch.delenv("LITCHECK_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / ".cache"))
    code, out, err = litcheck("check", "--bib", "lib.bib", "--notes", "notes", cwd=lib)
    assert code in (0, 1) and "not using the cache" not in err
    assert {p.name for p in cache_dir().iterdir()} >= {"bib", "notes"}
    assert cache_dir().stat().st_mode & 0o077 == 0


def test_cache_folders_are_private(lib):
    check_json(lib)
    for folder in [cache_dir(), *(p for p in cache_dir().iterdir() if p.is_dir())]:
        assert folder.stat().st_mode & 0o077 == 0


def test_same_size_edit_with_mtime_restored_is_seen(lib):
    bib = lib / "lib.bib"
    os.utime(bib, ns=(10**18, 10**18))  # long before now: outside the racy window, only stat is compared
    assert "Global Report" in run(lib, "show", "unodc2020global", "--format", "json")
    before = bib.stat()
    bib.write_text(GOOD_ENTRY.replace("Global Report", "Global Rxport"), encoding="utf-8")
    os.utime(bib, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert bib.stat().st_size == before.st_size and bib.stat().st_mtime_ns == before.st_mtime_ns
    shown = run(lib, "show", "unodc2020global", "--format", "json")
    assert "Global Rxport" in shown and "Global Report" not in shown
