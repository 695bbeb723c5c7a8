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


@functools.cache
def code_fingerprint() -> str:
    return fingerprint_of(PACKAGE_DIR)


def fingerprint_of(package: Path) -> str:
    """Digest of every source and data file under `package` (names and bytes)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".yaml", ".csl", ".md", ".json", ".lua", ".html"} \
                and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(package)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()
