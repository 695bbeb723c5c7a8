"""Reading a user's file without hanging or exhausting memory on something that is not one.

`Path.read_bytes()` on a FIFO blocks until a writer appears (forever, for a planted one), on a
character device may never end, and on a 50 MB note reads it all before anyone asks whether
it is plausible. Every file litcheck reads from a library, a notes folder or the cache goes
through `read_file`: opened without blocking, refused unless it is a regular file, refused
when larger than the caller's limit.
"""

from __future__ import annotations

import errno
import os
import stat


class FileRefused(OSError):
    """Not read: not a regular file, or larger than allowed (`strerror` says which)."""


def read_file(path, limit: int | None = None, follow: bool = True) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them (else FileRefused);
    with `follow=False` a symbolic link is refused rather than followed.

    Raises OSError (FileRefused for our own refusals) with a `strerror` fit for a message."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | (0 if follow else os.O_NOFOLLOW)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(errno.EINVAL, "not a regular file", str(path))
        if limit is not None and st.st_size > limit:
            raise FileRefused(errno.EFBIG, f"larger than {limit:,} bytes ({st.st_size:,})", str(path))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, max(st.st_size - total, 0) + 65536)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if limit is not None and total > limit:  # grew while being read
                raise FileRefused(errno.EFBIG, f"larger than {limit:,} bytes", str(path))
        return b"".join(chunks)
    finally:
        os.close(fd)
