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
class OnlineSettings:
    """How litcheck talks to the registries (Crossref, OpenAlex, Open Library)."""
    online: bool = False  # LITCHECK_ONLINE=1 (or a command's --online): network use allowed
    mailto: str = ""  # LITCHECK_MAILTO: a contact address puts requests in the polite pools
    crossref: str = "https://api.crossref.org"  # LITCHECK_CROSSREF_URL (tests point these at localhost)
    openalex: str = "https://api.openalex.org"  # LITCHECK_OPENALEX_URL
    openlibrary: str = "https://openlibrary.org"  # LITCHECK_OPENLIBRARY_URL
    ttl_days: float = 30.0  # LITCHECK_ONLINE_TTL_DAYS: a found record; "not found" is kept one day
    rate: float = 5.0  # LITCHECK_ONLINE_RATE: requests per second per host, at most
    retries: int = 3  # LITCHECK_ONLINE_RETRIES: on 429, 5xx and read time-outs, with back-off
    connect_timeout: float = 3.0  # an unreachable host fails fast: this is the offline case
    read_timeout: float = 15.0  # LITCHECK_ONLINE_TIMEOUT


def read_online(env) -> OnlineSettings:
    urls = {}
    for name, attribute in (("LITCHECK_CROSSREF_URL", "crossref"), ("LITCHECK_OPENALEX_URL", "openalex"),
                            ("LITCHECK_OPENLIBRARY_URL", "openlibrary")):
        if env.get(name):
            if not env[name].startswith(("http://", "https://")):
                raise SettingError(f"{name}={env[name]!r}: must be an http(s) address")
            urls[attribute] = env[name].rstrip("/")
    mailto = env.get("LITCHECK_MAILTO", "").strip()
    if mailto and "@" not in mailto:
        raise SettingError(f"LITCHECK_MAILTO={mailto!r}: must be an e-mail address")
    flag = env.get("LITCHECK_ONLINE", "").strip().lower()
    if flag not in ("", "0", "1", "no", "yes", "false", "true", "off", "on"):
        raise SettingError(f"LITCHECK_ONLINE={env['LITCHECK_ONLINE']!r}: must be 1 or 0")
    defaults = OnlineSettings()
    rate = _number(env, "LITCHECK_ONLINE_RATE", defaults.rate, float, "a number of requests per second above 0")
    if rate == 0:
        raise SettingError("LITCHECK_ONLINE_RATE='0': must be a number of requests per second above 0")
    return OnlineSettings(
        online=flag in ("1", "yes", "true", "on"), mailto=mailto, **urls, rate=rate,
        ttl_days=_number(env, "LITCHECK_ONLINE_TTL_DAYS", defaults.ttl_days, float, "a number of days, 0 or more"),
        retries=_number(env, "LITCHECK_ONLINE_RETRIES", defaults.retries, int, "a whole number, 0 or more"),
        read_timeout=_number(env, "LITCHECK_ONLINE_TIMEOUT", defaults.read_timeout, float, "a number of seconds"))


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
    online: OnlineSettings = OnlineSettings()  # the LITCHECK_ONLINE* and registry settings


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
        online=read_online(env),
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
