"""A local HTTP server for the demo boards, on 127.0.0.1, in the real API shapes.

Routes (optionally under `/as-of/YYYY-MM-DD` to see the boards as they stood that day):
`/v1/boards/{token}/jobs`, `/v0/postings/{site}`, `/posting-api/job-board/{name}`, `/robots.txt`.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from jobradar.demo.boards import board_response

_ROUTES = [
    ("greenhouse", re.compile(r"^/v1/boards/([^/]+)/jobs/?$")),
    ("lever", re.compile(r"^/v0/postings/([^/]+)/?$")),
    ("ashby", re.compile(r"^/posting-api/job-board/([^/]+)/?$")),
]
_AS_OF = re.compile(r"^/as-of/(\d{4}-\d{2}-\d{2})(/.*)$")


class DemoBoardHandler(BaseHTTPRequestHandler):
    server_version = "jobradar-demo/1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = urlsplit(self.path).path
        day = datetime.now(UTC).date()
        if match := _AS_OF.match(path):
            try:
                day = date.fromisoformat(match.group(1))
            except ValueError:
                self._send(400, {"error": f"bad date {match.group(1)!r}"})
                return
            path = match.group(2)
        if path == "/robots.txt":
            self._send(200, "User-agent: *\nAllow: /\n", "text/plain")
            return
        for source, pattern in _ROUTES:
            if route := pattern.match(path):
                body = board_response(source, unquote(route.group(1)), day)
                if body is None:
                    self._send(404, {"status": 404, "error": "board not found"})
                else:
                    self._send(200, body)
                return
        self._send(404, {"status": 404, "error": "not found"})

    def _send(self, status: int, body: Any, content_type: str = "application/json") -> None:
        data = (body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)).encode()
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # quiet: the crawl logs requests
        return


@contextmanager
def demo_server(host: str = "127.0.0.1", port: int = 0) -> Iterator[str]:
    """Serve the demo boards in a background thread; yields the base URL."""
    with serving(ThreadingHTTPServer((host, port), DemoBoardHandler), "demo-boards") as url:
        yield url


@contextmanager
def serving(server: ThreadingHTTPServer, name: str) -> Iterator[str]:
    """Run `server` in a background thread (its request threads as daemons); yields its base URL
    and shuts it down on leaving."""
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name=name, daemon=True).start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()


def base_url_for(server_url: str, day: date) -> str:
    """The base URL under which the demo boards show `day`."""
    return f"{server_url}/as-of/{day.isoformat()}"
