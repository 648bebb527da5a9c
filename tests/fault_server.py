"""A board server for fault tests, on 127.0.0.1: the board's name chooses what goes wrong.

It answers the listing routes of Greenhouse, Lever and Ashby (as tests/fixture_server.py does),
each in that source's shape. Board "ok" has two good jobs; every other name in FAULTS misbehaves
as its description says; an unknown board is a 404. Sizes are relative to `limit`, the largest
body the crawl under test accepts. Every request is logged as (path, Host header, monotonic time).
"""

from __future__ import annotations

import gzip
import html
import json
import re
import socket
import struct
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from jobradar.demo.server import serving

ROUTES = [
    ("greenhouse", re.compile(r"^/v1/boards/([^/?]+)/jobs")),
    ("lever", re.compile(r"^/v0/postings/([^/?]+)")),
    ("ashby", re.compile(r"^/posting-api/job-board/([^/?]+)")),
]
ROBOTS_TXT = (b"User-agent: *\nDisallow: /v1/boards/private/\nDisallow: /v0/postings/private\n"
              b"Disallow: /posting-api/job-board/private\n")
FAULTS = {
    "empty": "a board with no jobs",
    "rate-limited": "429 with Retry-After: 1 on the first request, then the board",
    "rate-limited-always": "429 with Retry-After: 1 on every request",
    "unavailable-burst": "503 on the first two requests, then the board",
    "unavailable": "503 on every request",
    "reset": "the connection is reset without a response",
    "slow": "answers after `slow_seconds`, past the crawl's download timeout",
    "truncated": "the board's JSON cut in half",
    "html": "an HTML page instead of JSON",
    "invalid-utf8": "a byte 0xFF inside a title",
    "encoded-surrogate": "a UTF-16 surrogate encoded as UTF-8 bytes (invalid UTF-8) inside a title",
    "escaped-surrogate": r"valid JSON whose title holds a lone surrogate escape (\ud800)",
    "wrong-types": "a good job, a job that is a string, and a job whose title is a number",
    "jobs-not-a-list": "the jobs as an object instead of a list",
    "duplicates": "two good jobs, then the first job's id again",
    "hostile": "script injection, control characters and a 1 MB description",
    "huge": "a board larger than `limit`, with its Content-Length",
    "huge-unannounced": "a board larger than `limit`, without a Content-Length",
    "gzip-bomb": "a few KB of gzip (Content-Encoding: gzip) that inflate to 4 × `limit`",
    "redirect-same-host": "302 to board ok on the same host",
    "redirect-elsewhere": "302 to board ok on host localhost",
    "private": "disallowed by robots.txt",
}
_TITLE_KEY = {"greenhouse": "title", "lever": "text", "ashby": "title"}
HOSTILE_TITLE = "<script>alert('title')</script>Data\x00 Engi\u200bneer\u202e\x1b\x07"
HOSTILE_DESCRIPTION = (
    "<p onclick=\"alert('p')\">Build pipelines.</p><script>document.location='https://evil.example'</script>"
    "<img src=x onerror=alert(1)><iframe src='https://evil.example'></iframe><p>Line\x07 two\x0b</p>"
    + "<p>" + "word " * 210_000 + "</p>"
)


def job(source: str, number: int, title: str = "Machine Learning Engineer",
        description: str = "<p>Train <b>models</b>.</p>") -> dict[str, Any]:
    """A good job of `source`, in its API's shape."""
    if source == "greenhouse":
        return {"id": number, "title": title, "content": html.escape(description),
                "location": {"name": "Berlin, Germany"}, "updated_at": "2026-01-10T09:00:00Z",
                "absolute_url": f"https://boards.example/acme/jobs/{number}"}
    if source == "lever":
        return {"id": f"lever-{number}", "text": title, "description": description,
                "categories": {"location": "Berlin, Germany"}, "createdAt": 1768035600000,
                "hostedUrl": f"https://jobs.example/acme/lever-{number}"}
    return {"id": f"ashby-{number}", "title": title, "descriptionHtml": description, "isListed": True,
            "location": "Berlin, Germany", "publishedAt": "2026-01-10T09:00:00Z",
            "jobUrl": f"https://jobs.example/acme/ashby-{number}"}


def board(source: str, jobs: Any) -> Any:
    """A board body: Lever's is the list of jobs, Greenhouse's and Ashby's an object with `jobs`."""
    return jobs if source == "lever" else {"jobs": jobs}


def body_of(source: str, name: str) -> Any:
    """The decoded body a board serves, for the boards whose fault is in their content."""
    good = [job(source, 1), job(source, 2, "Data Analyst")]
    if name == "empty":
        return board(source, [])
    if name == "wrong-types":
        return board(source, [good[0], "not a job", {**good[1], _TITLE_KEY[source]: 12345}])
    if name == "jobs-not-a-list":
        return {"postings": good} if source == "lever" else {"jobs": {"1": good[0]}}
    if name == "duplicates":
        return board(source, [*good, job(source, 1, "Same id, later in the board")])
    if name == "hostile":
        return board(source, [job(source, 1, HOSTILE_TITLE, HOSTILE_DESCRIPTION)])
    if name == "escaped-surrogate":
        return board(source, [job(source, 1, "Engineer \ud800")])
    return board(source, good)


@dataclass
class FaultLog:
    """What the server saw: (path, Host header, monotonic time) per request; hits per path."""

    requests: list[tuple[str, str, float]] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)

    def times(self, path_part: str) -> list[float]:
        return [moment for path, _, moment in self.requests if path_part in path]


class FaultHandler(BaseHTTPRequestHandler):
    """Serves each board with the fault its name selects (see FAULTS)."""

    server: FaultServer

    def do_GET(self) -> None:  # noqa: N802
        log = self.server.log
        log.requests.append((self.path, self.headers.get("Host", ""), time.monotonic()))
        log.hits[self.path] += 1
        if self.path == "/robots.txt":
            return self._send(200, ROBOTS_TXT, "text/plain")
        for source, pattern in ROUTES:
            if match := pattern.match(self.path):
                return self._serve(source, match.group(1), log.hits[self.path])
        return self._send(404, b'{"error": "not found"}')

    def _serve(self, source: str, name: str, hit: int) -> None:
        if name not in FAULTS and name != "ok":
            return self._send(404, b'{"error": "not found"}')
        if (name == "rate-limited" and hit == 1) or name == "rate-limited-always":
            return self._send(429, b"slow down", headers={"Retry-After": "1"})
        if (name == "unavailable-burst" and hit <= 2) or name == "unavailable":
            return self._send(503, b"unavailable")
        good = json.dumps(body_of(source, name)).encode()
        match name:
            case "reset":
                # SO_LINGER 0: closing sends a TCP reset instead of a clean end
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
            case "slow":
                time.sleep(self.server.slow_seconds)
                self._send(200, good)
            case "redirect-same-host" | "redirect-elsewhere":
                host = "127.0.0.1" if name == "redirect-same-host" else "localhost"
                target = self.path.replace(name, "ok", 1)
                self._send(302, b"", headers={"Location": f"http://{host}:{self.server.server_address[1]}{target}"})
            case "truncated":
                self._send(200, good[: len(good) // 2])
            case "html":
                self._send(200, b"<!doctype html><html><body><h1>Sign in</h1></body></html>", "text/html")
            case "invalid-utf8":
                self._send(200, good.replace(b"Data Analyst", b"Data \xff Analyst"))
            case "encoded-surrogate":
                self._send(200, good.replace(b"Data Analyst", b"Data \xed\xa0\x80 Analyst"))
            case "huge" | "huge-unannounced":
                huge = board(source, [job(source, 1, description="x" * self.server.limit)])
                self._send(200, json.dumps(huge).encode(), length=name == "huge")
            case "gzip-bomb":
                self._send(200, self.server.gzip_bomb(), headers={"Content-Encoding": "gzip"})
            case _:
                self._send(200, good)
        return None

    def _send(self, status: int, body: bytes, content_type: str = "application/json",
              headers: dict[str, str] | None = None, length: bool = True) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout, a size limit): that is the point of the fault

    def finish(self) -> None:
        with suppress(OSError):  # the socket was closed on purpose ("reset") or by the client
            super().finish()

    def log_message(self, format: str, *args: Any) -> None:
        return


class FaultServer(ThreadingHTTPServer):
    """The server, with its log, the size limit of the crawl under test and the slow delay."""

    daemon_threads = True
    request_queue_size = 128  # the crawls open many connections at once; none may wait for a SYN retry

    def __init__(self, limit: int, slow_seconds: float) -> None:
        super().__init__(("127.0.0.1", 0), FaultHandler)
        self.limit = limit
        self.slow_seconds = slow_seconds
        self.log = FaultLog()
        self._bomb: bytes | None = None

    def gzip_bomb(self) -> bytes:
        if self._bomb is None:
            self._bomb = gzip.compress(b'{"jobs": [], "padding": "' + b"0" * (4 * self.limit) + b'"}')
        return self._bomb


@contextmanager
def serve_faults(limit: int, slow_seconds: float = 2.0) -> Iterator[tuple[str, FaultLog]]:
    """Yields (base URL, log) of a fault server on 127.0.0.1."""
    server = FaultServer(limit, slow_seconds)
    with serving(server, "fault-server") as url:
        yield url, server.log
