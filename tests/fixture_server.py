"""A board server for tests, on 127.0.0.1, serving fixture files written for the tests.

Two ways a request finds its file:
- the listing routes of Greenhouse, Lever and Ashby serve tests/fixtures/<source>/<board>.json;
- any other path is looked up in tests/fixtures/static/, mirroring the URL: the request
  `/api/offers?page=2` is served from `static/api/offers@page=2` (with any of the extensions
  .json, .xml, .html, .txt), falling back to `static/api/offers` without the query.
  A POST whose JSON body has `limit` and `offset` (Workday's job search) is looked up as if they
  were the query: `static/wday/cxs/t/s/jobs@limit=2&offset=0`.
Every request's path and User-Agent is recorded (a POST as "POST <path>?limit=…&offset=…").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from jobradar.demo.server import serving

FIXTURES = Path(__file__).parent / "fixtures"
STATIC = FIXTURES / "static"
ROUTES = [
    ("greenhouse", re.compile(r"^/v1/boards/([^/]+)/jobs/?$")),
    ("lever", re.compile(r"^/v0/postings/([^/]+)/?$")),
    ("ashby", re.compile(r"^/posting-api/job-board/([^/]+)/?$")),
]
CONTENT_TYPES = {".json": "application/json", ".xml": "application/xml",
                 ".html": "text/html; charset=utf-8", ".txt": "text/plain"}
_EXTENSIONS = ("", ".json", ".xml", ".html", ".txt")


def static_file(path: str, query: str) -> Path | None:
    """The fixture file for a request path and query, if there is one."""
    relative = unquote(path).strip("/") or "index"
    if ".." in relative.split("/"):
        return None
    candidates = [f"{relative}@{query}"] if query else []
    candidates.append(relative)
    for candidate in candidates:
        for extension in _EXTENSIONS:
            file = STATIC / f"{candidate}{extension}"
            if file.is_file():
                return file
    return None


class FixtureHandler(BaseHTTPRequestHandler):
    """Serves fixture files; records (path, User-Agent) of every request on the server."""

    def do_GET(self) -> None:  # noqa: N802
        self.record(self.path)
        parts = urlsplit(self.path)
        if parts.path == "/robots.txt" and static_file("robots.txt", "") is None:
            self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            return
        for source, pattern in ROUTES:
            if match := pattern.match(parts.path):
                file = FIXTURES / source / f"{unquote(match.group(1))}.json"
                if file.exists():
                    self._send(200, file.read_bytes(), "application/json")
                else:
                    self._send(404, b'{"error": "not found"}', "application/json")
                return
        file = static_file(parts.path, parts.query)
        if file is None:
            self._send(404, b'{"error": "not found"}', "application/json")
            return
        self._send(200, file.read_bytes(), CONTENT_TYPES.get(file.suffix, "application/octet-stream"))

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("Content-Length") or 0)
        try:
            search = json.loads(self.rfile.read(length) or b"null")
            query = f"limit={int(search['limit'])}&offset={int(search['offset'])}"
        except (ValueError, TypeError, KeyError):
            self._send(400, b'{"error": "expected a JSON body with limit and offset"}', "application/json")
            return
        path = urlsplit(self.path).path
        self.record(f"POST {path}?{query}")
        file = static_file(path, query)
        if file is None:
            self._send(404, b'{"error": "not found"}', "application/json")
            return
        self._send(200, file.read_bytes(), CONTENT_TYPES.get(file.suffix, "application/octet-stream"))

    def record(self, request: str) -> None:
        """Note a request (its path, or "POST <path>?…") and its User-Agent on the server."""
        self.server.requests_seen.append(request)  # type: ignore[attr-defined]
        self.server.user_agents.append(self.headers.get("User-Agent", ""))  # type: ignore[attr-defined]

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def serve_fixtures() -> Iterator[tuple[str, list[str]]]:
    """Yields (base URL, list of request paths seen); `.user_agents` parallels the paths."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), FixtureHandler)
    server.requests_seen = []  # type: ignore[attr-defined]
    server.user_agents = []  # type: ignore[attr-defined]
    with serving(server, "fixture-server") as url:
        yield url, server.requests_seen  # type: ignore[attr-defined]
