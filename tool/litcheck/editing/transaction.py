"""Replacing several files all or nothing, even when litcheck is killed half way.

`tidy` on a two-file library must never leave one file tidied and the other not. One rename is
atomic; several are not. So a commit:
1. stages every new file as an fsynced temporary file beside its target;
2. writes a journal (in the backups folder) naming each target, its temporary file and a hash
   of the bytes it is expected to hold now;
3. for each file, compares the bytes on disk with what was read once more, immediately before
   its rename (an outside program that wrote meanwhile makes the whole commit refuse), then
   renames;
4. deletes the journal.
An error in step 3 restores the files already renamed (from the bytes read) and discards the
rest. A kill -9 before the journal exists leaves only temporary files, which the next writing
command deletes; a kill after it is finished by the next writing command (`recover`), which
renames the staged files that are still there over targets that still hold the expected bytes.

Readers take no lock, so `locking.read_consistently` keeps them from seeing a commit half done: a
journal naming one of their files means a commit is under way or was killed, so the reader
takes the writers' lock (waiting for a live writer, as a second writer would) and finishes any
killed commit with `recover`; and a commit that starts while the reader reads is caught by the
files' identities (a rename gives a file a new inode), so the reader reads again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from litcheck.editing.atomic import discard, fsync_folder, leftover_temps, real_target, stage_bytes, write_bytes_atomic

JOURNAL_SUFFIX = ".litcheck-journal"


class ChangedOnDisk(Exception):
    """A target's bytes are no longer those litcheck read (another program wrote it)."""


def _digest(data: bytes | None) -> str | None:
    import hashlib

    return None if data is None else hashlib.blake2b(data, digest_size=20).hexdigest()


def _current(target: Path) -> bytes | None:
    try:
        return target.read_bytes()
    except FileNotFoundError:
        return None


def replace_all(changes: list[tuple[Path, bytes | None, bytes]], journal_dir: Path) -> None:
    """Give each target its new bytes, or (on any failure) leave every target as it was.

    `changes` holds (target, the bytes it held when read or None if it did not exist, new bytes).
    Raises ChangedOnDisk when a target changed since it was read; OSError (naming the file) when
    the disk refuses."""
    changes = [(real_target(target), old, new) for target, old, new in changes]  # a symlink stays one
    staged: list[Path] = []
    done: list[tuple[Path, bytes | None]] = []
    journal = None
    try:
        for target, _, new in changes:
            staged.append(stage_bytes(target, new))
        if len(changes) > 1:
            journal = _write_journal(journal_dir, [(t, tmp, _digest(old)) for (t, old, _), tmp in zip(changes, staged)])
        for (target, old, _), tmp in zip(changes, staged):
            if _current(target) != old:
                raise ChangedOnDisk(str(target))
            os.replace(tmp, target)
            done.append((target, old))
        for folder in {t.parent for t, _, _ in changes}:
            fsync_folder(folder)
    except BaseException:
        for target, old in reversed(done):
            if old is None:
                discard(target)
            else:
                write_bytes_atomic(target, old)
        for tmp in staged:
            discard(tmp)
        if journal is not None:
            discard(journal)
        raise
    if journal is not None:
        discard(journal)


def _write_journal(folder: Path, rows: list[tuple[Path, Path, str | None]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{os.getpid()}-{os.urandom(4).hex()}{JOURNAL_SUFFIX}"
    # absolute paths: the reader or writer that finishes the commit may run from another folder
    data = json.dumps([[os.path.abspath(t), os.path.abspath(tmp), digest] for t, tmp, digest in rows]).encode()
    write_bytes_atomic(path, data)
    return path


def recover(journal_dir: Path, targets: list[Path]) -> list[str]:
    """Finish the commits a killed litcheck left half done and delete its leftover temporary
    files (beside `targets` and in `journal_dir`); call with the library locked. Returns one
    line per file it completed, for the user."""
    notes: list[str] = []
    for journal in sorted(journal_dir.glob(f"*{JOURNAL_SUFFIX}")) if journal_dir.is_dir() else []:
        try:
            rows = json.loads(journal.read_bytes())
            for target, tmp, digest in rows:
                target, tmp = Path(target), Path(tmp)
                if tmp.name.startswith(f".{target.name}.") and tmp.parent == target.parent and tmp.is_file() \
                        and _digest(_current(target)) == digest:
                    os.replace(tmp, target)
                    notes.append(f"completed an interrupted write of {target}")
        except (OSError, ValueError, TypeError):
            pass  # a journal that cannot be read or applied is dropped; the backups remain
        discard(journal)
    leftovers = [tmp for t in targets for tmp in leftover_temps(Path(t).parent, Path(t).name)]
    for tmp in leftovers + leftover_temps(journal_dir):
        discard(tmp)
    return notes


def pending(folders: list[Path], paths: list[Path]) -> bool:
    """A commit journal in `folders` names one of `paths`: a commit is under way or was killed."""
    wanted = {os.path.abspath(real_target(p)) for p in paths}
    for folder in folders:
        for journal in folder.glob(f"*{JOURNAL_SUFFIX}") if folder.is_dir() else ():
            try:
                rows = json.loads(journal.read_bytes())
                if any(os.path.abspath(row[0]) in wanted for row in rows):
                    return True
            except FileNotFoundError:
                continue  # finished meanwhile
            except (OSError, ValueError, TypeError, IndexError, KeyError):
                return True  # unreadable: let recover (under the lock) deal with it
    return False

