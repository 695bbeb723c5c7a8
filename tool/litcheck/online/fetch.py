"""Polite, cached HTTP GETs of JSON from the registries.

httpx does the HTTP (time-outs, connection reuse); this module adds what the registries ask
of their users and what litcheck promises offline: a User-Agent naming litcheck and a contact
address, a per-host rate limit, retries with back-off on 429/5xx (honouring Retry-After),
every answer kept in the ResponseStore, and no network at all unless `online` is set.
"""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode, urlsplit

from litcheck import __version__
from litcheck.errors import LitcheckError
from litcheck.online.store import ResponseStore
from litcheck.settings import OnlineSettings

class OnlineError(LitcheckError):
    """A look-up that cannot be done: offline, not cached, or a registry that keeps failing."""


class Unreachable(OnlineError):
    """The registry cannot be reached at all (no network): every further look-up would fail too,
    so a scan of many documents stops at the first rather than trying each."""


MAX_WAIT = 30.0  # seconds: a Retry-After longer than this is not worth waiting for


class Fetcher:
    def __init__(self, settings: OnlineSettings, store: ResponseStore | None = None,
                 sleep=time.sleep, clock=time.monotonic):
        self.settings = settings
        self.store = store if store is not None else ResponseStore()
        self.sleep, self.clock = sleep, clock
        self._last: dict[str, float] = {}  # host -> time of its last request
        self._client = None
        self.requests = 0  # made over the network (tests and `--verbose` count them)

    def get_json(self, url: str, params: dict | None = None):
        """The JSON at `url`, or None for a 404. Raises OnlineError when it cannot be had."""
        if self.settings.mailto:
            params = {**(params or {}), "mailto": self.settings.mailto}
        full = url + ("?" + urlencode(sorted((params or {}).items())) if params else "")
        cached = self.store.get(full, self.settings.ttl_days)
        if cached is None:
            if not self.settings.online:
                raise OnlineError(f"{_host(full)}: not in the local cache, and litcheck is offline "
                                  "(pass --online or set LITCHECK_ONLINE=1 to look it up)")
            status, body = self._request(full)
            if status == 200:
                _parse(body, full)  # never cache what cannot be read back
            self.store.put(full, status, body)
        else:
            status, body = cached.status, cached.body
        return None if status == 404 else _parse(body, full)

    def _request(self, url: str) -> tuple[int, str]:
        import httpx

        host = _host(url)
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                response = self._http().get(url)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                raise Unreachable(f"cannot reach {host} ({_reason(exc)}): are you offline?") from None
            except httpx.TimeoutException:
                response = None
            except httpx.HTTPError as exc:
                raise OnlineError(f"{host}: {_reason(exc)}") from None
            self.requests += 1
            if response is not None and response.status_code in (200, 404):
                return response.status_code, response.text
            problem = "timed out" if response is None else f"answered HTTP {response.status_code}"
            retryable = response is None or response.status_code == 429 or response.status_code >= 500
            if not retryable or attempt >= self.settings.retries:
                tries = f" after {attempt + 1} tries" if attempt else ""
                raise OnlineError(f"{host} {problem}{tries} ({url})")
            self.sleep(_delay(response, attempt))
            attempt += 1

    def _wait_turn(self, host: str) -> None:
        gap = 1.0 / self.settings.rate
        last = self._last.get(host)
        if last is not None:
            wait = last + gap - self.clock()
            if wait > 0:
                self.sleep(wait)
        self._last[host] = self.clock()

    def _http(self):
        import httpx

        if self._client is None:
            contact = f"; mailto:{self.settings.mailto}" if self.settings.mailto else ""
            self._client = httpx.Client(
                headers={"User-Agent": f"litcheck/{__version__} (citation checker{contact})",
                         "Accept": "application/json"},
                timeout=httpx.Timeout(self.settings.read_timeout, connect=self.settings.connect_timeout),
                follow_redirects=True)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self.store.close()


def _delay(response, attempt: int) -> float:
    """Retry-After when the server gives one in seconds (capped), else 1, 2, 4 … seconds."""
    header = response.headers.get("Retry-After", "") if response is not None else ""
    if header.strip().isdigit():
        return min(float(header), MAX_WAIT)
    return min(2.0 ** attempt, MAX_WAIT)


def _parse(body: str, url: str):
    try:
        return json.loads(body)
    except json.JSONDecodeError as exc:
        raise OnlineError(f"{_host(url)} sent malformed JSON (line {exc.lineno}): {url}") from None


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _reason(exc) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
