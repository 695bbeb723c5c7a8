"""A .bib source file held open from the moment its index is checked against it.

Why: the index knows an entry's raw text only by its byte offsets in the source, and reads it
when asked, long after the check. A writer replaces a .bib file by renaming a new file over
it; opening the path again then reads the new file's bytes at the old offsets (part of another
entry). The descriptor opened before the check still reads the checked file (a replaced file
stays readable while open), so an entry's fields, lines and raw text always come from the
same bytes, whatever happened to the path since.
"""

from __future__ import annotations

import errno
import os
import stat
import weakref
from pathlib import Path


class SourceFile:
    """An open, regular source file: `st` is its status when opened, `read` reads by offsets."""

    __slots__ = ("path", "fd", "st", "__weakref__")

    def __init__(self, path: Path | str):
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        try:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise OSError(errno.EINVAL, "not a regular file", str(path))
        except BaseException:
            os.close(fd)
            raise
        self.path, self.fd, self.st = Path(path), fd, st
        weakref.finalize(self, os.close, fd)  # closed with the index that reads from it

    def read(self, start: int, end: int) -> bytes:
        """Bytes `start` to `end` of the file as it was opened (ValueError if it is shorter:
        it was cut in place, not replaced)."""
        chunks = []
        while start < end:
            chunk = os.pread(self.fd, end - start, start)
            if not chunk:
                raise ValueError("the source is shorter than its index says")
            chunks.append(chunk)
            start += len(chunk)
        return b"".join(chunks)

    def read_all(self) -> bytes:
        """The whole file, as long as it was when opened."""
        return self.read(0, self.st.st_size)
