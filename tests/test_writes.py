"""All-or-nothing writes and clear failures (issue 20, items 5 and 6; issue 11 item 3): several
files are replaced together or not at all, even when the writer is killed; an outside change
just before the rename is refused; kill -9 leftovers are cleaned up; `set` then `set --unset`
gives back the exact bytes; a full disk is one message; no lock file is left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from litcheck.editing import transaction
from litcheck.editing.bibdoc import RefuseWrite
from litcheck.editing.entryedit import remove_field, set_field
from litcheck.library.bibfile import parse_file

MESSY_A = "@MISC{alpha2020one,title={One},year={2020}}\n"
MESSY_B = "@MISC{beta2021two,title={Two},year={2021}}\n"
DATA = Path(__file__).parent / "data"
BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


@pytest.fixture
def two_files(tmp_path, monkeypatch):
    lib = tmp_path / "lib"
    lib.mkdir()
    (lib / "a.bib").write_text(MESSY_A, encoding="utf-8")
    (lib / "b.bib").write_text(MESSY_B, encoding="utf-8")
    monkeypatch.setenv("LITCHECK_BACKUP_DIR", str(tmp_path / "backups"))
    return lib


def tidied(run_cli, tmp_path) -> tuple[str, str]:
    """What tidy makes of the two files, computed on a copy."""
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "a.bib").write_text(MESSY_A)
    (copy / "b.bib").write_text(MESSY_B)
    assert run_cli("tidy", "--bib", str(copy), "--backups", "0").exit_code == 0
    return (copy / "a.bib").read_text(), (copy / "b.bib").read_text()


def files(lib: Path) -> tuple[str, str]:
    return (lib / "a.bib").read_text(), (lib / "b.bib").read_text()


def stray(root: Path) -> list[str]:
    """Temporary files, journals and lock files anywhere under `root`."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")
                  if p.name.endswith((".tmp", transaction.JOURNAL_SUFFIX)) or p.name == ".litcheck.lock")


def test_a_failed_rename_restores_every_file(two_files, run_cli, monkeypatch, tmp_path):
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(5, "Input/output error", str(dst))
        return real(src, dst)

    monkeypatch.setattr(transaction.os, "replace", failing)
    result = run_cli("tidy", "--bib", str(two_files), "--backups", "0")
    assert result.exit_code == 2 and "Input/output error" in result.output and "Traceback" not in result.output
    assert files(two_files) == (MESSY_A, MESSY_B)
    assert stray(tmp_path) == []


def test_an_outside_write_just_before_the_rename_is_refused(two_files, run_cli, monkeypatch, tmp_path):
    real = transaction.stage_bytes

    def stage_then_meddle(target, data):
        staged = real(target, data)
        if target.name == "b.bib":
            with open(target, "a") as handle:  # another program appends meanwhile
                handle.write("@misc{late2024entry, title = {Late}, year = {2024}}\n")
        return staged

    monkeypatch.setattr(transaction, "stage_bytes", stage_then_meddle)
    result = run_cli("tidy", "--bib", str(two_files), "--backups", "0")
    assert result.exit_code == 2 and "changed on disk" in result.output
    assert files(two_files) == (MESSY_A, MESSY_B + "@misc{late2024entry, title = {Late}, year = {2024}}\n")
    assert stray(tmp_path) == []


KILLER = textwrap.dedent("""
    import os, signal, sys
    from litcheck.editing import transaction
    real, when = os.replace, sys.argv[1]
    def replace(src, dst):
        if when == "after-first-rename" and str(dst).endswith("b.bib"):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst)
    transaction.os.replace = replace
    real_stage = transaction.stage_bytes
    def stage(target, data):
        path = real_stage(target, data)
        if when == "while-staging" and target.name == "b.bib":
            os.kill(os.getpid(), signal.SIGKILL)
        return path
    transaction.stage_bytes = stage
    from litcheck.cli import main
    main(["tidy", "--bib", sys.argv[2], "--backups", "3"])
""")


@pytest.mark.parametrize("when", ["after-first-rename", "while-staging"])
def test_a_killed_writer_is_finished_or_undone_by_the_next_run(two_files, run_cli, tmp_path, when):
    expected = tidied(run_cli, tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("LITCHECK_BIB", "LITCHECK_NOTES")}
    proc = subprocess.run([sys.executable, "-c", KILLER, when, str(two_files)], env=env, capture_output=True,
                          timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert stray(tmp_path)  # the kill left something behind
    if when == "after-first-rename":
        assert files(two_files) == (expected[0], MESSY_B)  # half done until the next run
    else:
        assert files(two_files) == (MESSY_A, MESSY_B)
    result = run_cli("tidy", "--bib", str(two_files), "--check")  # any command that takes the lock
    assert files(two_files) == (expected if when == "after-first-rename" else (MESSY_A, MESSY_B))
    assert stray(tmp_path) == []
    assert ("completed an interrupted write" in result.output) == (when == "after-first-rename")


def test_no_lock_file_is_left_beside_the_library(two_files, run_cli, tmp_path):
    assert run_cli("set", "--bib", str(two_files), "alpha2020one", "note", "x").exit_code == 0
    assert not (two_files / ".litcheck.lock").exists() and stray(tmp_path) == []


def test_disk_full_is_one_message_and_changes_nothing(two_files, tmp_path):
    big = "".join(f"@misc{{k{i}, title = {{Title {i}}}, year = {{2020}}}}\n" for i in range(3000))
    (two_files / "a.bib").write_text(big)

    def limit():
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))  # writes past 4 kB fail: EFBIG

    env = {k: v for k, v in os.environ.items() if k not in ("LITCHECK_BIB", "LITCHECK_NOTES")}
    proc = subprocess.run([sys.executable, "-m", "litcheck", "set", "--bib", str(two_files / "a.bib"), "k1", "note", "x"],
                          env=env, capture_output=True, text=True, timeout=120, preexec_fn=limit)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "a.bib" in proc.stderr and "nothing was changed" in proc.stderr
    assert (two_files / "a.bib").read_text() == big and stray(tmp_path) == []


def _set_unset_changes(paths, limit=None) -> list[str]:
    changed = []
    for path in paths:
        for entry in parse_file(path).entries[:limit]:
            try:
                edited = set_field(entry.raw, entry.key, "zzlitchecknote", "{x}")
            except RefuseWrite:
                continue
            if remove_field(edited, entry.key, "zzlitchecknote") != entry.raw:
                changed.append(f"{path.name}:{entry.line}")
    return changed


def test_set_then_unset_gives_back_the_exact_bytes():
    assert _set_unset_changes(sorted(DATA.rglob("*.bib"))) == []


@pytest.mark.slow
def test_set_then_unset_gives_back_the_exact_bytes_on_every_bench_entry():
    paths = sorted(BENCH.glob("*.bib"))
    if not paths:
        pytest.skip(f"no bench files in {BENCH}")
    assert _set_unset_changes(paths) == []


# --- readers never see a multi-file commit half done -------------------------------------------

NEW_A = "@misc{alpha2020one, title = {One, revised}, year = {2020}}\n"
NEW_B = "@misc{beta2021two, title = {Two, revised}, year = {2021}}\n"

# Commits new versions of both files, then (per argv[2]) is killed after renaming a.bib, or pauses
# there for a second holding the writers' lock, as a slow writer would.
WRITER = textwrap.dedent("""
    import os, signal, sys, time
    from pathlib import Path
    from litcheck.editing import transaction
    from litcheck.editing.locking import backup_folder, library_lock
    lib, how = Path(sys.argv[1]), sys.argv[2]
    real = os.replace
    def replace(src, dst):
        if str(dst).endswith("b.bib"):
            if how == "killed":
                os.kill(os.getpid(), signal.SIGKILL)
            (lib.parent / "half-done").touch()
            time.sleep(1.0)
        return real(src, dst)
    transaction.os.replace = replace
    a, b = lib / "a.bib", lib / "b.bib"
    with library_lock([a, b]):
        transaction.replace_all([(a, a.read_bytes(), sys.argv[3].encode()), (b, b.read_bytes(), sys.argv[4].encode())],
                                backup_folder(a))
""")


def titles(run_cli, lib: Path, use_cache: bool = True) -> dict[str, str]:
    """What a read-only command sees: each key's title (`list --format csv`)."""
    import csv

    result = run_cli("list", "--bib", str(lib), "--format", "csv", *([] if use_cache else ["--no-cache"]))
    assert result.exit_code == 0, result.output
    return {row["key"]: row["title"] for row in csv.DictReader(result.stdout.splitlines())}


REVISED = {"alpha2020one": "One, revised", "beta2021two": "Two, revised"}


@pytest.mark.parametrize("use_cache", [True, False])
def test_a_reader_finishes_a_killed_commit_before_reading(two_files, run_cli, tmp_path, use_cache):
    assert titles(run_cli, two_files, use_cache) == {"alpha2020one": "One", "beta2021two": "Two"}  # also fills the cache
    proc = subprocess.run([sys.executable, "-c", WRITER, str(two_files), "killed", NEW_A, NEW_B],
                          capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert files(two_files) == (NEW_A, MESSY_B)  # the kill left the commit half done
    assert titles(run_cli, two_files, use_cache) == REVISED  # the reader sees the whole commit, not half of it
    assert files(two_files) == (NEW_A, NEW_B) and stray(tmp_path) == []


def test_a_reader_waits_for_a_writer_in_the_middle_of_a_commit(two_files, run_cli, tmp_path):
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(two_files), "paused", NEW_A, NEW_B])
    try:
        for _ in range(1200):
            if (tmp_path / "half-done").exists() or writer.poll() is not None:
                break
            time.sleep(0.05)
        assert (tmp_path / "half-done").exists() and files(two_files) == (NEW_A, MESSY_B)
        assert titles(run_cli, two_files) == REVISED
    finally:
        assert writer.wait(timeout=120) == 0
    assert stray(tmp_path) == []


def test_a_commit_that_lands_while_a_reader_reads_makes_it_read_again(two_files):
    reads = []

    def read():
        reads.append(files(two_files))
        if len(reads) == 1:  # a writer replaces both files while the first read is under way
            for name, text in (("a.bib", NEW_A), ("b.bib", NEW_B)):
                transaction.write_bytes_atomic(two_files / name, text.encode())
        return reads[-1]

    from litcheck.editing.locking import read_consistently

    assert read_consistently([two_files / "a.bib", two_files / "b.bib"], read) == (NEW_A, NEW_B)
    assert len(reads) == 2
