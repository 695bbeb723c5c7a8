"""Lines of a LaTeX source for sentences of the text pandoc extracted from it.

Reports give lines of the extracted text; code review annotates the source. A sentence is found
in the source by its first words (commands, braces, comments and punctuation ignored), which is
exact for prose written one sentence or paragraph per line and close otherwise."""

from __future__ import annotations

import re

from litcheck.scan.wording import normalise

_COMMAND = re.compile(r"\\[a-zA-Z]+\*?(?:\[[^\]\n]{0,200}\])?|[{}~]")
_COMMENT = re.compile(r"(?<!\\)%.*$")
LEAD_WORDS = 4


def latex_words(text: str) -> str:
    """The words of a LaTeX line, normalised like the sentences of the extracted text."""
    return normalise(_COMMAND.sub(" ", _COMMENT.sub("", text)))


class SourceMap:
    def __init__(self, source: str):
        self.lines = [latex_words(line) for line in source.split("\n")]

    def line_of(self, sentence: str) -> int | None:
        """The 1-based source line where `sentence` starts, or None when it cannot be found."""
        lead = " ".join(normalise(sentence).split()[:LEAD_WORDS])
        if not lead:
            return None
        for n, words in enumerate(self.lines, 1):
            if f" {lead} " in f" {words} ":
                return n
        return None
