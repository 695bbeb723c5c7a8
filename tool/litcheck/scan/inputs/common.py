"""What every input reader shares: the error it raises and the size litcheck reads."""

from __future__ import annotations

from litcheck.scan.document.model import DocumentError

# Bigger than any article or report a fact-checker is sent (a 300-page PDF with images is
# ~20 MB), small enough that extraction stays within seconds and a few hundred MB of memory.
MAX_BYTES = 40 * 1024 * 1024


class InputError(DocumentError):
    """A document that cannot be read: the message names the file and says what to do."""
