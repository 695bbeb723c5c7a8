"""The environment settings, read and validated in one place.

The command group reads them once at start-up (`litcheck.cli`), so a bad value stops every
command before it does anything, with one line naming the variable (exit 2). Library code asks
`current()` for the settings of the running command; used as a library (tests, scripts), it
reads the environment when asked.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from litcheck.errors import LitcheckError

DEFAULT_BACKUPS = 10
DEFAULT_LOCK_TIMEOUT = 5.0


class SettingError(LitcheckError):
    """An environment variable litcheck reads has a value it cannot use."""


@dataclass(frozen=True)
class Settings:
    cache_dir: Path  # LITCHECK_CACHE_DIR, else $XDG_CACHE_HOME/litcheck, else ~/.cache/litcheck
    # (an unusable cache folder is not an error: litcheck then works without the cache)
    bib: tuple[str, ...] = ()  # LITCHECK_BIB: .bib files or folders, os.pathsep-separated
    notes: str | None = None  # LITCHECK_NOTES: the notes folder
    backups: int = DEFAULT_BACKUPS  # LITCHECK_BACKUPS: backups kept per changed file (0: none)
    backup_dir: str | None = None  # LITCHECK_BACKUP_DIR: where backups go (default: beside the file)
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT  # LITCHECK_LOCK_TIMEOUT: seconds to wait for another writer
    pandoc: str | None = None  # LITCHECK_PANDOC: a pandoc 3.x to use instead of the bundled one


def _number(env, name: str, default, kind, what: str):
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is None or value < 0 or value != value:  # NaN
        raise SettingError(f"{name}={raw!r}: must be {what}")
    return value


def _folder(env, name: str) -> str | None:
    raw = env.get(name, "")
    if raw and Path(raw).exists() and not Path(raw).is_dir():
        raise SettingError(f"{name}={raw!r}: is a file; it must name a folder")
    return raw or None


def read_settings(env=None) -> Settings:
    """Parse and check every setting in `env` (default: os.environ); raises SettingError."""
    env = os.environ if env is None else env
    cache = env.get("LITCHECK_CACHE_DIR") or os.path.join(
        env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "litcheck")
    return Settings(
        bib=tuple(p for p in env.get("LITCHECK_BIB", "").split(os.pathsep) if p),
        notes=_folder(env, "LITCHECK_NOTES"),
        backups=_number(env, "LITCHECK_BACKUPS", DEFAULT_BACKUPS, int, "a whole number of backups, 0 or more"),
        backup_dir=_folder(env, "LITCHECK_BACKUP_DIR"),
        lock_timeout=_number(env, "LITCHECK_LOCK_TIMEOUT", DEFAULT_LOCK_TIMEOUT, float, "a number of seconds, 0 or more"),
        cache_dir=Path(cache),
        pandoc=env.get("LITCHECK_PANDOC") or None,
    )


_active: Settings | None = None


@contextlib.contextmanager
def active(settings: Settings):
    """Make `settings` what `current()` returns while a command runs."""
    global _active
    previous, _active = _active, settings
    try:
        yield settings
    finally:
        _active = previous


def current() -> Settings:
    """The running command's settings, else the environment's as they are now."""
    return _active if _active is not None else read_settings()
