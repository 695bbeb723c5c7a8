"""The cache folder and its files: data only, never followed links, never someone else's folder.

Cache files are read back by later runs, so anything able to write there must not be able to
make litcheck run code or write elsewhere:
- contents are JSON (plus raw bytes the JSON describes), decoded by `decode` below, which
  builds only plain values and the dataclasses a caller names; never pickle, marshal or eval;
- a file is opened with O_NOFOLLOW and O_NONBLOCK and must be a regular file (a planted
  symlink or FIFO is refused, not followed or waited for) and is written as a new temporary
  file (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600) renamed into place; a rename replaces a planted
  link itself, never the file it points to;
- the folder is created 0700; a cache folder not owned by the user, or writable by others, is
  not used at all (commands then parse every time and say why once).
Every failure here means "no cache": the caller computes afresh.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import json
import os
import stat
import sys
from pathlib import Path

from litcheck.index.digest import blake2b

_WARNED: set[str] = set()


def cache_dir() -> Path:
    explicit = os.environ.get("LITCHECK_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "litcheck"


def name_for(path: Path, suffix: str) -> str:
    return blake2b(str(path).encode("utf-8", "surrogatepass"), digest_size=10).hexdigest() + suffix


def stamp(st: os.stat_result) -> str:
    """What a warm load compares without reading a file. The change time and inode are in it
    because tools can restore a file's size and mtime after editing it (the content then
    changed but looked fresh); ctime cannot be set back, and a file renamed into place has a
    new inode. A differing stamp only means "hash the content to find out"."""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def file_hash(data: bytes) -> str:
    return blake2b(data, digest_size=20).hexdigest()


def _unsafe_reason(st: os.stat_result) -> str:
    if not stat.S_ISDIR(st.st_mode):
        return "is not a folder"
    if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        return "belongs to another user"
    if st.st_mode & 0o022:
        return "is writable by other users"
    return ""


def usable_folder(sub: str) -> Path | None:
    """`<cache>/<sub>`, created 0700 if needed; None (with one warning) when it is unsafe. The
    folders above the cache (`~/.cache` on a fresh account) are made too, as `mkdir -p` would:
    without them every run was a cold run."""
    root = cache_dir()
    folder = root / sub
    for path in (root, folder):
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            reason = _unsafe_reason(os.lstat(path))
        except OSError as exc:
            reason = f"cannot be used ({exc.strerror or exc})"
        if reason:
            if str(path) not in _WARNED:
                _WARNED.add(str(path))
                print(f"litcheck: not using the cache: {path} {reason}", file=sys.stderr)
            return None
    return folder


def read_cache(path: Path) -> bytes:
    """The bytes of a cache file; OSError for anything but a regular file reached without links."""
    from litcheck.library.files import read_file

    return read_file(path, follow=False)


def write_cache(path: Path, data) -> None:
    """Replace the cache file `path` atomically, inside a checked cache folder only. `data` is
    bytes, or an iterable of bytes written piece by piece (a large index is never joined)."""
    folder = usable_folder(path.parent.name) if path.parent.parent == cache_dir() else None
    if folder is None:
        raise PermissionError(f"{path}: not inside a usable cache folder")
    tmp = folder / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in (data,) if isinstance(data, (bytes, bytearray)) else data:
                handle.write(piece)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def cache_files() -> list[Path]:
    root = cache_dir()
    return sorted(p for sub in ("bib", "notes", "derived") for p in (root / sub).glob("*")
                  if p.is_file() and not p.is_symlink())


def clear() -> int:
    """Delete every cache file (and leftovers such as planted links); returns how many."""
    removed = 0
    root = cache_dir()
    for path in sorted(p for sub in ("bib", "notes", "derived") for p in (root / sub).glob("*")):
        try:
            if path.is_symlink() or not path.is_dir():
                path.unlink()
                removed += 1
        except OSError:
            pass
    return removed


# ---------------------------------------------------------------------------------------------
# JSON with tags: the values caches hold (YAML front matter, findings, the scanner's index)
# ---------------------------------------------------------------------------------------------
# Every dict is written as {"$m": [[key, value], ...]} so a user's own dict never reads as a tag
# and non-text keys survive; sets, tuples, dates, bytes and compiled patterns have their own tags;
# a dataclass is written with its class name and is rebuilt only if the reader names that class.

def encode(value, classes: tuple = ()):
    """`value` as JSON-ready data; TypeError for anything outside the vocabulary above."""
    allowed = {cls.__qualname__: cls for cls in classes}

    def enc(v):
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, list):
            return [enc(x) for x in v]
        if isinstance(v, dict):
            return {"$m": [[enc(k), enc(x)] for k, x in v.items()]}
        if isinstance(v, tuple):
            return {"$t": [enc(x) for x in v]}
        if isinstance(v, (set, frozenset)):
            return {"$s": [enc(x) for x in v]}
        if isinstance(v, datetime.datetime):
            return {"$dt": v.isoformat()}
        if isinstance(v, datetime.date):
            return {"$d": v.isoformat()}
        if isinstance(v, bytes):
            return {"$b": base64.b64encode(v).decode("ascii")}
        if type(v).__name__ == "Pattern" and hasattr(v, "pattern"):
            return {"$re": [enc(v.pattern), v.flags]}
        name = type(v).__qualname__
        if dataclasses.is_dataclass(v) and allowed.get(name) is type(v):
            return {"$dc": name, "v": {k: enc(x) for k, x in v.__getstate__().items()}}
        raise TypeError(f"cannot cache a {name}")
    return enc(value)


def decode(data, classes: tuple = ()):
    """The value `encode` wrote; ValueError for anything it could not have written."""
    import re

    allowed = {cls.__qualname__: cls for cls in classes}

    def dec(v):
        if v is None or isinstance(v, (bool, int, float, str)):
            return v
        if isinstance(v, list):
            return [dec(x) for x in v]
        if not isinstance(v, dict) or len(v) not in (1, 2):
            raise ValueError("not a cached value")
        (tag, body), *rest = v.items()
        if tag == "$m":
            return {_hashable(dec(k)): dec(x) for k, x in body}
        if tag == "$t":
            return tuple(dec(x) for x in body)
        if tag == "$s":
            return {_hashable(dec(x)) for x in body}
        if tag == "$dt":
            return datetime.datetime.fromisoformat(body)
        if tag == "$d":
            return datetime.date.fromisoformat(body)
        if tag == "$b":
            return base64.b64decode(body, validate=True)
        if tag == "$re":
            return re.compile(dec(body[0]), int(body[1]))
        if tag == "$dc" and body in allowed and rest and rest[0][0] == "v" and isinstance(rest[0][1], dict):
            obj = object.__new__(allowed[body])
            obj.__dict__.update({str(k): dec(x) for k, x in rest[0][1].items()})
            return obj
        raise ValueError(f"unknown tag {str(tag)[:20]!r} in a cached value")
    try:
        return dec(data)
    except (TypeError, KeyError, IndexError, AttributeError, re.error) as exc:
        raise ValueError(f"malformed cached value: {exc}") from None


def _hashable(value):
    if isinstance(value, (list, dict, set)):
        raise ValueError("unhashable key in a cached value")
    return value


def dumps(value, classes: tuple = ()) -> bytes:
    return json.dumps(encode(value, classes), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def loads(data: bytes, classes: tuple = ()):
    try:
        return decode(json.loads(data), classes)
    except (UnicodeDecodeError, RecursionError) as exc:
        raise ValueError(str(exc)) from None
