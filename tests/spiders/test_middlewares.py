"""Retry-After is honoured: the host is paused for as long as the server asks, then retried."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from spiders.middlewares import retry_after_seconds
from spiders.runner import run_crawl
from spiders.settings import crawl_settings


def test_retry_after_values() -> None:
    assert retry_after_seconds(b"120") == 120.0
    later = datetime.now(UTC) + timedelta(seconds=90)
    assert 85 <= retry_after_seconds(format_datetime(later, usegmt=True)) <= 91
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after_seconds("soon") is None and retry_after_seconds(None) is None


class ThrottlingHandler(BaseHTTPRequestHandler):
    """Answers each board's first request with 429 and its Retry-After, then the board."""

    def do_GET(self) -> None:  # noqa: N802
        server: Any = self.server
        server.log.append((self.path, time.monotonic()))
        if self.path == "/robots.txt":
            return self._send(200, b"User-agent: *\nAllow: /\n")
        board = self.path.split("/")[3].split("?")[0]
        wait = {"patient": "1", "impatient": "3600"}.get(board)
        first = sum(1 for path, _ in server.log if path.startswith(f"/v0/postings/{board}")) == 1
        if wait and (first or board == "impatient"):
            return self._send(429, b"slow down", {"Retry-After": wait})
        return self._send(200, b"[]")

    def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def throttling_server() -> Iterator[tuple[str, list[tuple[str, float]]]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), ThrottlingHandler)
    server.log = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", server.log  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def _settings(tmp_path: Path) -> dict[str, Any]:
    return crawl_settings(user_agent="jobradar-test", download_delay=0, concurrent_per_host=2,
                          download_timeout=10, retry_times=2, autothrottle=False,
                          max_response_bytes=1_000_000, archive_dir=str(tmp_path), run_date="2026-01-01",
                          run_id="t", stats_path="")


def test_a_board_that_asks_to_wait_is_paused_then_crawled(throttling_server, tmp_path: Path) -> None:
    base_url, log = throttling_server
    result = run_crawl("lever", ["patient"], _settings(tmp_path), base_url=base_url, timeout=60)
    assert result.boards["patient"]["status"] == "ok", result.log_tail
    times = [moment for path, moment in log if path.startswith("/v0/postings/patient")]
    assert len(times) == 2
    assert times[1] - times[0] >= 0.95  # Retry-After: 1


def test_a_wait_beyond_the_limit_fails_the_board_saying_why(throttling_server, tmp_path: Path) -> None:
    base_url, log = throttling_server
    result = run_crawl("lever", ["impatient", "patient"], _settings(tmp_path), base_url=base_url, timeout=60)
    assert "asks to wait 3600 s (Retry-After)" in result.failed_boards["impatient"]
    assert result.boards["patient"]["status"] == "ok"
    assert sum(1 for path, _ in log if path.startswith("/v0/postings/impatient")) == 1
