"""A real HTTP server on localhost that serves recorded registry responses (tests/data/online/).

The online tests point litcheck's Crossref, OpenAlex and Open Library addresses at it, so they
exercise real HTTP (connections, status codes, headers, time-outs) without the network.
`script` queues one-off answers per path (429, 500, malformed JSON, a slow reply) ahead of
the recorded ones; `requests` records what litcheck asked for.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

DATA = Path(__file__).parent / "data" / "online"


def recorded(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


class RegistryServer:
    def __init__(self):
        self.script: dict[str, list[tuple[int, str, dict, float]]] = {}
        self.requests: list[dict] = []
        self._openalex = json.loads(recorded("openalex-search-machine-learning-public-health.json"))
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                path = unquote(parts.path)
                server.requests.append({"path": path, "query": parse_qs(parts.query), "headers": dict(self.headers)})
                if server.script.get(path):
                    status, body, headers, delay = server.script[path].pop(0)
                else:
                    status, body, headers, delay = (*server.answer(path, parse_qs(parts.query)), {}, 0.0)
                time.sleep(delay)
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body.encode())))
                    self.end_headers()
                    self.wfile.write(body.encode())
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a time-out test)
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def answer(self, path: str, query: dict) -> tuple[int, str]:
        if path == "/crossref/works/10.1371/journal.pone.0033693":
            return 200, recorded("crossref-work-10.1371-journal.pone.0033693.json")
        if path == "/crossref/works":
            return 200, recorded("crossref-query-ecology-boettiger.json")
        if path.startswith("/openalex/works/https://doi.org/"):
            doi = path.removeprefix("/openalex/works/")
            work = next((w for w in self._openalex["results"] if (w.get("doi") or "").lower() == doi.lower()), None)
            return (200, json.dumps(work)) if work else (404, '{"error": "not found"}')
        if path == "/openalex/works":
            return 200, recorded("openalex-search-machine-learning-public-health.json")
        if path == "/openlibrary/api/books":
            key = query.get("bibkeys", [""])[0]
            if key == "ISBN:9780980200447":
                return 200, recorded("openlibrary-isbn-9780980200447.json")
            return 200, "{}"
        return 404, recorded("crossref-work-10.1371-notarealdoi.404.txt")

    def environ(self) -> dict[str, str]:
        return {"LITCHECK_CROSSREF_URL": f"{self.url}/crossref", "LITCHECK_OPENALEX_URL": f"{self.url}/openalex",
                "LITCHECK_OPENLIBRARY_URL": f"{self.url}/openlibrary"}

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
