"""Where the library lives: explicit paths, environment variables, or the bundled checkout."""

from __future__ import annotations

from pathlib import Path

from litcheck.errors import LitcheckError
from litcheck.settings import current

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PACKAGE_DIR / "data"


class MissingPath(LitcheckError, FileNotFoundError):
    """A --bib path (or LITCHECK_BIB entry) that does not exist."""


def checkout_root() -> Path:
    """The repository checkout that holds refs/ and notes/.

    An editable install runs from tool/litcheck inside the checkout, so look two levels up
    first; otherwise fall back to the current directory (running from a checkout).
    """
    candidate = PACKAGE_DIR.parent.parent
    if (candidate / "refs").is_dir():
        return candidate
    return Path.cwd()


def resolve_bib_paths(given: tuple[str, ...] | list[str] | None) -> list[Path]:
    """Expand --bib values (files or folders) into a sorted, de-duplicated list of .bib files.

    A folder contributes every *.bib directly inside it, in name order, so the library is
    read the same way on every machine.
    """
    raw = list(given or []) or list(current().bib)
    if not raw:
        raw = [_display_path(checkout_root() / "refs")]
    files: list[Path] = []
    for item in raw:
        path = Path(item)
        if path.is_dir():
            files.extend(sorted(path.glob("*.bib")))
        elif path.exists():
            files.append(path)
        else:
            raise MissingPath(f"{item}: no such .bib file or folder")
    seen: set[Path] = set()
    unique = []
    for f in files:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique


def _display_path(path: Path) -> str:
    """`path` relative to the working directory when it lies below it (shorter messages)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def resolve_notes_dir(given: str | None, bib_given: bool = False) -> Path | None:
    """The notes folder: --notes, else LITCHECK_NOTES, else the checkout's notes/ if it exists.

    When the user names their own .bib but no notes folder, the bundled notes are not theirs,
    so no notes are read (otherwise every bundled note would look orphaned).
    """
    settings = current()
    if given:
        return Path(given)
    if settings.notes:
        return Path(settings.notes)
    if bib_given or settings.bib:
        return None
    default = checkout_root() / "notes"
    return Path(_display_path(default)) if default.is_dir() else None
