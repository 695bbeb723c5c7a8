"""Atomic file writes: a crash or a full disk never leaves a truncated output file."""

from __future__ import annotations

import os
import stat
from pathlib import Path


TEMP_SUFFIX = ".tmp"


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write to a temporary file beside `path`, fsync it, then rename it over `path`."""
    write_chunks_atomic(path, (data,))


def write_chunks_atomic(path: str | os.PathLike, chunks) -> None:
    """`write_bytes_atomic` for content made piece by piece (an iterable of bytes), so a large
    export never has to be held in memory whole.

    The new file keeps the old one's permission bits (a new file gets the usual 0666 less the
    umask), since mkstemp's private 0600 would silently change who can read the library. A
    symlink is followed, so the file it points to is replaced, not the link. An OSError (a full
    disk, a read-only folder) names the file and leaves it as it was."""
    target = real_target(path)
    tmp = stage_chunks(target, chunks)
    try:
        os.replace(tmp, target)
    except OSError as exc:
        discard(tmp)
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    fsync_folder(target.parent)


def real_target(path: str | os.PathLike) -> Path:
    target = Path(path)
    return target.resolve() if target.is_symlink() else target


def stage_bytes(target: Path, data: bytes) -> Path:
    """`data` in a new, fsynced temporary file beside `target` (same file system, so renaming
    it over `target` is atomic); the caller renames or discards it."""
    return stage_chunks(target, (data,))


def stage_chunks(target: Path, chunks) -> Path:
    """`stage_bytes` for an iterable of bytes, written as they come."""
    import tempfile  # here, not at the top: read-only commands import this module and never write

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        discard(Path(tmp))
        if isinstance(exc, OSError):
            raise OSError(exc.errno, exc.strerror, str(target)) from None
        raise
    return Path(tmp)


def discard(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def leftover_temps(folder: Path, name: str | None = None) -> list[Path]:
    """Temporary files a killed litcheck left in `folder` (`.<name>.<8 random>.tmp`): for the
    file `name`, or for any file (in a folder only litcheck writes, such as the backups)."""
    import re

    stem = re.escape(f".{name}.") if name else r"\..+\."
    pattern = re.compile(stem + r"[A-Za-z0-9_]{8}" + re.escape(TEMP_SUFFIX))
    try:
        return [p for p in folder.iterdir() if pattern.fullmatch(p.name) and p.is_file()]
    except OSError:
        return []


def fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: the directory entry lives in the folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some filesystems cannot fsync a directory; the rename still happened
        pass
    finally:
        os.close(fd)


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))
