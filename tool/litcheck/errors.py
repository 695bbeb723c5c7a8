"""The one base class of the problems a user can fix.

Library code raises a `LitcheckError` (or a subclass) with a message that names the file, line
or setting concerned; the command group turns it into that one line on stderr and an exit
status (2 unless the error says otherwise) in one place, `litcheck.cli.LazyGroup.invoke`, so
no command needs its own try/except and no traceback ever reaches the user.
"""

from __future__ import annotations


class LitcheckError(Exception):
    """A problem with the user's input, files or settings; `code` is the exit status."""

    code = 2

    def __init__(self, message: str, code: int | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
