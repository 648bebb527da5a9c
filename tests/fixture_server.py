"""A board server for tests: serves tests/fixtures/<source>/<board>.json at the real API paths."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

FIXTURES = Path(__file__).parent / "fixtures"
ROUTES = [
    ("greenhouse", re.compile(r"^/v1/boards/([^/]+)/jobs/?$")),
    ("lever", re.compile(r"^/v0/postings/([^/]+)/?$")),
    ("ashby", re.compile(r"^/posting-api/job-board/([^/]+)/?$")),
]


class FixtureHandler(BaseHTTPRequestHandler):
    """Routes API paths to fixture files; records every request path it saw."""

    requests_seen: list[str]

    def do_GET(self) -> None:  # noqa: N802
        self.server.requests_seen.append(self.path)  # type: ignore[attr-defined]
        path = urlsplit(self.path).path
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
            return
        for source, pattern in ROUTES:
            if match := pattern.match(path):
                file = FIXTURES / source / f"{unquote(match.group(1))}.json"
                if file.exists():
                    self._send(200, file.read_bytes(), "application/json")
                else:
                    self._send(404, b'{"error": "not found"}', "application/json")
                return
        self._send(404, b'{"error": "not found"}', "application/json")

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
    """Yields (base URL, list of request paths seen) for a server on 127.0.0.1."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), FixtureHandler)
    server.requests_seen = []  # type: ignore[attr-defined]
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", server.requests_seen  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
