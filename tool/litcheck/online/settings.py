"""The online settings, read from the environment once and validated (exit 2 on nonsense)."""

from __future__ import annotations

import os
from dataclasses import dataclass


class OnlineError(Exception):
    """A look-up that cannot be done: offline, not cached, or a registry that keeps failing.
    Commands print it on one line and exit 2."""


@dataclass(frozen=True)
class OnlineSettings:
    online: bool = False
    mailto: str = ""  # a contact address puts requests in Crossref's and OpenAlex's polite pools
    crossref: str = "https://api.crossref.org"
    openalex: str = "https://api.openalex.org"
    openlibrary: str = "https://openlibrary.org"
    ttl_days: float = 30.0  # a found record; "not found" answers are kept one day
    rate: float = 5.0  # requests per second per host, at most
    retries: int = 3  # on 429, 5xx and read time-outs, with exponential back-off
    connect_timeout: float = 3.0  # an unreachable host fails fast: this is the offline case
    read_timeout: float = 15.0


_NUMBERS = {"LITCHECK_ONLINE_TTL_DAYS": ("ttl_days", float, 0.0), "LITCHECK_ONLINE_RATE": ("rate", float, 0.01),
            "LITCHECK_ONLINE_RETRIES": ("retries", int, 0), "LITCHECK_ONLINE_TIMEOUT": ("read_timeout", float, 0.1)}
_URLS = {"LITCHECK_CROSSREF_URL": "crossref", "LITCHECK_OPENALEX_URL": "openalex",
         "LITCHECK_OPENLIBRARY_URL": "openlibrary"}


def online_settings(online_flag: bool = False, environ=None) -> OnlineSettings:
    """Settings from `environ` (default: the process environment); a bad value raises
    OnlineError naming the variable, before any request is made."""
    env = os.environ if environ is None else environ
    values: dict = {"online": online_flag or _flag(env, "LITCHECK_ONLINE"),
                    "mailto": env.get("LITCHECK_MAILTO", "").strip()}
    if values["mailto"] and "@" not in values["mailto"]:
        raise OnlineError(f"LITCHECK_MAILTO={values['mailto']!r} is not an e-mail address")
    for name, (attribute, kind, minimum) in _NUMBERS.items():
        if name in env:
            try:
                value = kind(env[name])
            except ValueError:
                raise OnlineError(f"{name}={env[name]!r} is not a {'whole ' if kind is int else ''}number") from None
            if value < minimum:
                raise OnlineError(f"{name}={env[name]!r} must be at least {minimum}")
            values[attribute] = value
    for name, attribute in _URLS.items():
        if env.get(name):
            url = env[name].rstrip("/")
            if not url.startswith(("http://", "https://")):
                raise OnlineError(f"{name}={env[name]!r} is not an http(s) address")
            values[attribute] = url
    return OnlineSettings(**values)


def _flag(env, name: str) -> bool:
    raw = env.get(name, "").strip().lower()
    if raw in ("", "0", "no", "false", "off"):
        return False
    if raw in ("1", "yes", "true", "on"):
        return True
    raise OnlineError(f"{name}={env[name]!r}: use 1 or 0")
