"""SQLite databases in the cache folder (the full-text index, the scanner's index): opened
read-only only when they were built for the expected digest, built in a temporary file and
renamed into place.

A reader therefore sees the old file or the new one, never a half-built one, and opens it
read-only and immutable (no locks: readers never wait for each other or for a builder). The
digest covers the library's content and litcheck's code (`code_fingerprint`), so changed data
or code never answers. Files are opened with `trusted_schema` off: a planted database cannot
run SQL functions from its schema.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path
from urllib.parse import quote

from litcheck.index.digest import blake2b


def digest_for(library, fmt: str) -> str:
    """What a database built from `library` by this code in format `fmt` is valid for."""
    from litcheck.index.fingerprint import code_fingerprint

    digest = blake2b(library.cache_key.encode(), digest_size=16)
    digest.update(f"\0{code_fingerprint()}\0{fmt}".encode())
    return digest.hexdigest()


def path_for(library, suffix: str) -> Path:
    """One database per library (its .bib files and notes folder) and kind."""
    from litcheck.index.store import cache_dir, name_for

    which = "\0".join([*map(str, library.bib_files), str(library.notes_dir)])
    return cache_dir() / "derived" / name_for(Path(which), suffix)


def open_cached(path: Path, digest: str) -> sqlite3.Connection | None:
    """The database at `path` if it is a regular file of ours built for `digest`, read-only."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or (hasattr(os, "geteuid") and st.st_uid != os.geteuid()):
            return None
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
        conn.execute("PRAGMA trusted_schema = OFF")
        row = conn.execute("SELECT value FROM meta WHERE name = 'digest'").fetchone()
        if row and row[0] == digest:
            return conn
        conn.close()
    except (OSError, sqlite3.Error):
        pass
    return None


def build_file(path: Path, digest: str, fill) -> bool:
    """Build a database into a new temporary file beside `path` with `fill(conn)`, record
    `digest` in its `meta` table, then rename it into place. False when it could not be built
    (no usable cache folder, a full disk): the caller then works from memory."""
    from litcheck.index.store import usable_folder

    folder = usable_folder(path.parent.name)
    if folder is None or folder != path.parent:
        return False
    tmp = folder / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600))
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            conn.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
            fill(conn)
            conn.execute("INSERT INTO meta VALUES ('digest', ?)", (digest,))
            conn.commit()
        finally:
            conn.close()
        os.replace(tmp, path)
        return True
    except (OSError, sqlite3.Error):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False


def open_or_build(library, suffix: str, fmt: str, fill) -> sqlite3.Connection:
    """The library's database of kind `suffix` in format `fmt`, built by `fill(conn)` first when
    missing or stale; built in memory for a library without a cache key (--no-cache) or
    without a usable cache folder."""
    if getattr(library, "cache_key", ""):
        path, digest = path_for(library, suffix), digest_for(library, fmt)
        conn = open_cached(path, digest)
        if conn is None and build_file(path, digest, fill):
            conn = open_cached(path, digest)
        if conn is not None:
            return conn
    conn = sqlite3.connect(":memory:")
    fill(conn)
    return conn
