"""What the terminal gets: quiet mode, colour, width and progress bars.

The settings come from the options every command accepts (`--quiet`, `--color`), kept in
the click context, so library code never reads flags: it asks these functions.
"""

from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, TypeVar

import click

T = TypeVar("T")
COLOR_CHOICES = ("auto", "always", "never")


def _setting(name: str, default=None):
    ctx = click.get_current_context(silent=True)
    while ctx is not None:
        if name in ctx.meta:
            return ctx.meta[name]
        ctx = ctx.parent
    return default


def quiet() -> bool:
    return bool(_setting("litcheck.quiet", False))


def output_file() -> str | None:
    """The -o FILE given to a command that has no --output of its own."""
    return _setting("litcheck.output")


def notice(message: str) -> None:
    """A hint or summary for people, on stderr; --quiet drops it."""
    if not quiet():
        click.echo(message, err=True)


def colour_wanted(to_file: bool = False) -> bool:
    """--color always/never decides; with auto (the default), colour only on a terminal (not
    into a file given with -o) and never when NO_COLOR is set to anything non-empty
    (https://no-color.org)."""
    choice = (_setting("litcheck.color") or "auto").lower()
    if choice != "auto":
        return choice == "always"
    if to_file or output_file() or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def width() -> int:
    """Columns available for a table: COLUMNS when set, else the terminal's; output to a
    pipe or file is not narrowed (cells keep their own limits; --format json has the full text)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit():
        return max(40, int(columns))
    if sys.stdout.isatty():
        import shutil  # here: it imports bz2 and lzma, and every command imports this module

        return max(40, shutil.get_terminal_size().columns)
    return 1000


def progress(items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
    """`items`, with a progress bar on stderr when it is a terminal, the work takes over a
    second, and --quiet is off; silent when piped or redirected."""
    if quiet() or not sys.stderr.isatty():
        return iter(items)
    from tqdm import tqdm

    # tqdm's own TQDM_DELAY, when set, decides how soon the bar shows (the tests set 0: no race with the clock)
    delay = {} if "TQDM_DELAY" in os.environ else {"delay": 1.0}
    return iter(tqdm(items, desc=label, total=total, file=sys.stderr, leave=False, mininterval=0.25,
                     unit=" items", dynamic_ncols=True, **delay))
