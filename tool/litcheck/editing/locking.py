"""The library lock, and how readers avoid a writer's half-done commit.

The lock is an advisory `flock` on `.litcheck.lock` beside the files; the kernel releases it
when the process dies, so a crash never leaves a stale lock behind. The file is deleted when
the command ends (while still locked; a writer that opened the old file sees, once it holds
the lock, that the name now points elsewhere and opens it again), so nothing stays beside the
user's .bib. Readers take no lock, but `read_consistently` never returns a multi-file commit
(`editing.transaction`) half done.

Apart from `editing.writing` so that read-only commands, which only need `read_consistently`,
do not import what writing needs (the editable document and its parser).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sys
import time
from pathlib import Path

from litcheck.errors import LitcheckError
from litcheck.settings import current

LOCK_NAME = ".litcheck.lock"
BACKUP_DIR = ".litcheck-backups"


class LockBusy(LitcheckError):
    """Another litcheck process is writing the same library."""


def lock_timeout() -> float:
    return current().lock_timeout


@contextlib.contextmanager
def library_lock(paths, timeout: float | None = None):
    """Hold an exclusive lock on the folder of every path (sorted, so two writers never
    deadlock); wait up to `timeout` seconds for another litcheck to finish."""
    timeout = lock_timeout() if timeout is None else timeout
    folders = sorted({Path(p).resolve().parent for p in paths})
    held = []
    try:
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            held.append((folder / LOCK_NAME, _acquire(folder, time.monotonic() + timeout)))
        yield
    finally:
        for path, handle in reversed(held):
            try:
                os.unlink(path)  # still locked: no other writer holds this file
            except OSError:
                pass
            handle.close()  # closing releases the flock


def _acquire(folder: Path, deadline: float):
    """An open, flocked lock file that is still the one named `.litcheck.lock` in `folder`."""
    path = folder / LOCK_NAME
    while True:
        handle = open(path, "a+b")
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.close()
                    raise LockBusy(f"another litcheck process is writing {folder} "
                                   f"(lock {path}); try again when it has finished") from None
                time.sleep(0.05)
        try:
            if os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino:
                return handle
        except FileNotFoundError:
            pass
        handle.close()  # the holder deleted it when done: lock the new one


def backup_folder(path: Path) -> Path:
    return Path(current().backup_dir or Path(path).parent / BACKUP_DIR)


def read_consistently(paths, read, attempts: int = 3):
    """`read()` of the library files `paths`, never seeing a multi-file commit half done (see the
    docstring of editing.transaction). Raises LockBusy when a writer holds the library longer than the lock
    timeout, and a LitcheckError when a killed commit cannot be finished (no write access)."""
    from litcheck.editing.transaction import pending

    paths = [Path(p) for p in paths]
    folders = list(dict.fromkeys(backup_folder(p) for p in paths))
    for attempt in range(attempts):
        last = attempt == attempts - 1  # writers kept committing meanwhile: read as a writer would
        if last or pending(folders, paths):
            with _writers_lock(paths, folders):
                if last:
                    return read()
        before = _identities(paths)
        result = read()
        if _identities(paths) == before and not pending(folders, paths):
            return result
    raise AssertionError("unreachable")  # the last attempt returns


@contextlib.contextmanager
def _writers_lock(paths: list[Path], folders: list[Path]):
    """Hold the lock writers take, after finishing any commit a killed writer left."""
    from litcheck.editing.transaction import recover

    try:
        with library_lock(paths):
            for folder in folders:
                for line in recover(folder, paths):
                    print(f"litcheck: {line}", file=sys.stderr)
            yield
    except PermissionError as exc:
        raise LitcheckError(f"{exc.filename}: cannot lock the library to finish an interrupted write of it "
                            f"({exc.strerror}); run litcheck once with write access to its folder") from None


def _identities(paths: list[Path]) -> list[tuple | None]:
    """What tells a replaced file from the one read: its inode, size and change time."""
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append((st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
        except OSError:
            out.append(None)
    return out
