"""Values derived from the whole library (check results, the scanner's index), cached."""

from __future__ import annotations

from pathlib import Path

from litcheck.index.digest import blake2b
from litcheck.index.store import cache_dir, dumps, loads, name_for, read_cache, write_cache


def derived(library, name: str, build, classes: tuple = (), valid=lambda value: True):
    """`build()`, or its result kept from an earlier run with the same library content (its
    `cache_key` covers every .bib file and note) and the same package code and data
    (`code_fingerprint`).

    The value is stored as data (`index.store.dumps`); `classes` are the dataclasses it may
    contain, and a value read back must also pass `valid`, else it is computed afresh. One file
    per library and kind of value, holding the digest it was computed for, so a changed library
    replaces its old result instead of piling up files. A library loaded with --no-cache has no
    key and is always computed afresh."""
    from litcheck.index.fingerprint import code_fingerprint

    if not getattr(library, "cache_key", ""):
        return build()
    digest = blake2b(library.cache_key.encode(), digest_size=16)
    digest.update(code_fingerprint().encode())
    which = "\0".join([*map(str, library.bib_files), str(library.notes_dir)])
    target = cache_dir() / "derived" / name_for(Path(which), f"-{name}.json")
    try:
        recorded, value = loads(read_cache(target), classes)
        if recorded == digest.hexdigest() and valid(value):
            return value
    except (OSError, ValueError, TypeError):  # absent, refused, damaged or from another version
        pass
    value = build()
    try:
        write_cache(target, dumps([digest.hexdigest(), value], classes))
    except (OSError, TypeError, ValueError):
        pass  # an unwritable cache (or a value with no data form) only costs speed
    return value
