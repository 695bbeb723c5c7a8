"""One digest of the package's code and data files, so cached results follow the code.

Derived values (check findings, the scanner's index) depend on many modules, and hand-kept
lists of "the files this depends on" went stale (editing `duplicates.py` kept serving old
near-duplicate findings). Hashing every module and data file of the installed package makes
any upgrade or edit invalidate every derived result. The digest is remembered in the cache
folder with the files' stat stamps (size, mtime, ctime, inode): while none changed it is
reused, since stat-ing the files costs a quarter of reading and hashing them, on every command.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from litcheck.index.digest import blake2b

PACKAGE_DIR = Path(__file__).resolve().parent.parent
SUFFIXES = {".py", ".yaml", ".csl", ".md", ".json", ".lua", ".html"}


@functools.cache
def code_fingerprint() -> str:
    from litcheck.index.store import cache_dir

    return fingerprint_of(PACKAGE_DIR, cache_dir() / "derived" / "code-fingerprint")


def _files(package: Path) -> list[tuple[str, str]]:
    """(folder relative to `package`, name) of every source and data file, sorted. Walked with
    os.walk: pathlib's rglob cost more than reading and hashing the files."""
    found = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(folder, package)
        found += [(rel, name) for name in files if os.path.splitext(name)[1] in SUFFIXES]
    return sorted(found)


def fingerprint_of(package: Path, remembered: Path | None = None) -> str:
    """Digest of every source and data file under `package` (names and bytes); reused from the
    file `remembered` while every file's stat stamp is as when it was computed."""
    from litcheck.index.store import read_cache, stamp, write_cache

    files = _files(package)
    stamps = ""
    if remembered is not None:
        parts = []
        for rel, name in files:
            try:
                parts.append(f"{rel}/{name}\0{stamp(os.stat(os.path.join(package, rel, name)))}")
            except OSError:
                parts.append(f"{rel}/{name}\0gone")
        stamps = blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        try:
            known, digest = read_cache(remembered).decode("ascii").split()
            if known == stamps and len(digest) == 32 and set(digest) <= set("0123456789abcdef"):
                return digest
        except (OSError, ValueError):
            pass
    digest = blake2b(digest_size=16)
    for rel, name in files:
        path = os.path.join(package, rel, name)
        if os.path.isfile(path):
            digest.update(os.path.normpath(os.path.join(rel, name)).encode() + b"\0")
            with open(path, "rb") as handle:
                digest.update(handle.read())
    if remembered is not None:
        try:
            write_cache(remembered, f"{stamps} {digest.hexdigest()}".encode("ascii"))
        except OSError:  # no usable cache folder: hashed again next time
            pass
    return digest.hexdigest()
