"""A URL, fetched only when the user allows the network (`--online`), with a time-out and the
same size limit as a file; the answer is saved to a temporary file named for its type (HTML or
PDF, from the Content-Type, else from the address), which is then read like any file."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from litcheck import __version__
from litcheck.scan.inputs.common import MAX_BYTES, InputError

TIMEOUT = 20.0  # seconds for the whole page: connect, and each read
_TYPES = {"text/html": ".html", "application/xhtml+xml": ".html", "application/pdf": ".pdf",
          "text/plain": ".txt", "text/markdown": ".md"}


@contextlib.contextmanager
def download(url: str, online: bool, fetch=None):
    """Yield a temporary file holding `url`'s content. `fetch(url) -> (content_type, bytes)`
    is injectable for tests; the default uses httpx."""
    if not online:
        raise InputError(f"{url}: reading a web address needs the network; pass --online "
                         "(or save the page and scan the file)")
    content_type, data = (fetch or fetch_url)(url)
    suffix = _TYPES.get(content_type.split(";")[0].strip().lower()) or Path(urlsplit(url).path).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="litcheck-url-") as tmp:
        path = Path(tmp, "page" + (suffix if suffix in _TYPES.values() else ".html"))
        path.write_bytes(data)
        yield path


def fetch_url(url: str) -> tuple[str, bytes]:
    import httpx

    host = urlsplit(url).hostname or url
    headers = {"User-Agent": f"litcheck/{__version__} (fact-checking scanner)"}
    try:
        with httpx.stream("GET", url, headers=headers, timeout=TIMEOUT, follow_redirects=True) as response:
            if response.status_code != 200:
                raise InputError(f"{url}: {host} answered HTTP {response.status_code}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise InputError(f"{url}: larger than the {MAX_BYTES // 2**20} MB litcheck reads")
                chunks.append(chunk)
            return response.headers.get("content-type", ""), b"".join(chunks)
    except httpx.TimeoutException:
        raise InputError(f"{url}: {host} did not answer within {TIMEOUT:.0f} s") from None
    except httpx.HTTPError as exc:
        raise InputError(f"{url}: cannot fetch it from {host} ({type(exc).__name__}): are you offline?") from None
