"""One digest of the package's code and data files, so cached results follow the code.

Derived values (check findings, the scanner's index) depend on many modules, and hand-kept
lists of "the files this depends on" went stale (editing `duplicates.py` kept serving old
near-duplicate findings). Hashing every module and data file of the installed package is
cheap (well under 10 ms), is computed once per process, and makes any upgrade or edit
invalidate every derived result.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
SUFFIXES = {".py", ".yaml", ".csl", ".md", ".json", ".lua", ".html"}


@functools.cache
def code_fingerprint() -> str:
    return fingerprint_of(PACKAGE_DIR)


def fingerprint_of(package: Path) -> str:
    """Digest of every source and data file under `package` (names and bytes). Walked with
    os.walk: pathlib's rglob cost more than reading and hashing the files."""
    import os

    found = []
    for folder, dirs, files in os.walk(package):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        rel = os.path.relpath(folder, package)
        found += [(rel, name) for name in files if os.path.splitext(name)[1] in SUFFIXES]
    digest = hashlib.blake2b(digest_size=16)
    for rel, name in sorted(found):
        path = os.path.join(package, rel, name)
        if os.path.isfile(path):
            digest.update(os.path.normpath(os.path.join(rel, name)).encode() + b"\0")
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()
