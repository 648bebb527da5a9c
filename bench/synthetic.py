"""Synthetic job boards for the benchmarks, generated on the fly: N boards × M postings in the
Greenhouse, Lever and Ashby shapes, built from the demo corpus so every posting reads like a real
one (150–800 words, every role and tier), yet each has its own id and text.

`edition` > 0 shows the boards after `changed` (a fraction) of the postings were edited — the
same postings for a given edition — so an incremental run can be measured against a full one.

    from bench.synthetic import SyntheticBoards, synthetic_server
    boards = SyntheticBoards(boards=2000, per_board=25)
    with synthetic_server(boards) as url:
        boards.write_sources(path, url)          # a sources.toml over every board
        boards.urls(url)                         # every board's API URL, for other fetchers
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jobradar.demo import boards as demo
from jobradar.demo.corpus import Company, companies, postings
from jobradar.demo.server import serving

SOURCES = ("greenhouse", "lever", "ashby")
BOARD_URLS = {  # the path each spider requests for a board (query strings as the spiders send them)
    "greenhouse": "/v1/boards/{board}/jobs?content=true",
    "lever": "/v0/postings/{board}?mode=json",
    "ashby": "/posting-api/job-board/{board}?includeCompensation=true",
}
DAY = date(2024, 3, 1)
_EDIT = ("Update: the team has grown since this role was first posted, and the scope now includes "
         "mentoring two new hires and owning the quarterly planning review.")


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


@dataclass(frozen=True)
class SyntheticBoards:
    """`boards` boards (sources in turn: greenhouse, lever, ashby) of `per_board` postings each."""

    boards: int = 2000
    per_board: int = 25
    edition: int = 0
    changed: float = 0.05
    _cache: dict[tuple[str, str], bytes] = field(default_factory=dict, compare=False, repr=False)

    @property
    def postings(self) -> int:
        return self.boards * self.per_board

    def board_names(self) -> list[tuple[str, str]]:
        """(source, board) of every board."""
        return [(SOURCES[i % len(SOURCES)], f"bench{i:05d}") for i in range(self.boards)]

    def urls(self, base_url: str) -> list[str]:
        return [base_url + BOARD_URLS[source].format(board=board) for source, board in self.board_names()]

    def sources_toml(self, base_url: str) -> str:
        parts = []
        for source in SOURCES:
            key = "token" if source == "greenhouse" else ("site" if source == "lever" else "name")
            parts.append(f'[{source}]\nbase_url = "{base_url}"\n')
            for name, board in self.board_names():
                if name == source:
                    parts.append(f'[[{source}.boards]]\n{key} = "{board}"\ncompany = "Company {board[5:]}"\n')
        return "\n".join(parts)

    def write_sources(self, path: Path, base_url: str) -> Path:
        path.write_text(self.sources_toml(base_url), encoding="utf-8")
        return path

    def is_changed(self, posting_key: str) -> bool:
        """Whether the posting was edited in this edition (never in edition 0)."""
        return self.edition > 0 and _hash(f"{posting_key}:{self.edition}") % 10_000 < self.changed * 10_000

    def response(self, source: str, board: str) -> bytes | None:
        """The board's API response body (JSON bytes), or None for an unknown board."""
        if (source, board) not in self._cache:
            if source not in SOURCES or not board.startswith("bench") or not board[5:].isdigit() \
                    or int(board[5:]) >= self.boards or SOURCES[int(board[5:]) % len(SOURCES)] != source:
                return None
            self._cache[(source, board)] = json.dumps(self._render(source, board)).encode()
        return self._cache[(source, board)]

    def _render(self, source: str, board: str) -> Any:
        index = int(board[5:])
        template = self._corpus[index % len(self._corpus)]
        company = Company(board, f"Company {board[5:]}", source, template.industry, template.offices)
        jobs = []
        for slot in range(self.per_board):
            key = f"{board}-{slot:03d}"
            posting = dict(self._postings[_hash(key) % len(self._postings)])
            posting["id"] = key
            posting["title"] = f"{posting['title']} ({slot % 7 + 1} openings)" if slot % 3 == 0 else posting["title"]
            posting["description"] = f"{posting['description']}\n\nReference {key}." + (
                f"\n\n{_EDIT}" if self.is_changed(key) else "")
            visible = demo.Visible(posting, DAY - timedelta(days=_hash(key) % 40), 0, None)
            jobs.append(_JOB[source](company, visible))
        if source == "greenhouse":
            return {"jobs": jobs, "meta": {"total": len(jobs)}}
        if source == "ashby":
            return {"apiVersion": "1", "jobs": jobs}
        return jobs

    @cached_property
    def _corpus(self) -> tuple[Company, ...]:
        return companies()

    @cached_property
    def _postings(self) -> list[dict[str, Any]]:
        return [posting for company in companies() for posting in postings(company.board)]


_JOB = {"greenhouse": demo._greenhouse_job, "lever": demo._lever_posting, "ashby": demo._ashby_job}
_ROUTES = {"/v1/boards/": ("greenhouse", "/jobs"), "/v0/postings/": ("lever", ""),
           "/posting-api/job-board/": ("ashby", "")}


class _Server(ThreadingHTTPServer):
    request_queue_size = 512  # the listen() backlog: read when the server starts listening


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real APIs
    boards: SyntheticBoards

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = urlsplit(self.path).path.rstrip("/")
        if path == "/robots.txt":
            return self._send(200, b"User-agent: *\nAllow: /\n", "text/plain")
        for prefix, (source, suffix) in _ROUTES.items():
            if path.startswith(prefix) and path.endswith(suffix):
                board = path[len(prefix):len(path) - len(suffix)] if suffix else path[len(prefix):]
                body = self.boards.response(source, board)
                if body is not None:
                    return self._send(200, body, "application/json")
        return self._send(404, b'{"error": "not found"}', "application/json")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def synthetic_server(boards: SyntheticBoards, prerender: bool = True) -> Iterator[str]:
    """Serve `boards` on 127.0.0.1 in a background thread; yields the base URL. Every response is
    rendered before the server starts (`prerender`), so the server's own cost is only sending."""
    if prerender:
        for source, board in boards.board_names():
            boards.response(source, board)
    handler = type("Handler", (_Handler,), {"boards": boards})
    with serving(_Server(("127.0.0.1", 0), handler), "synthetic-boards") as url:
        yield url


@contextmanager
def served_in_process(boards: SyntheticBoards) -> Iterator[str]:
    """Serve `boards` from a separate Python process, so that the memory and CPU of serving are not
    counted against what a benchmark measures in this one; yields the base URL."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix="jobradar-bench-server-") as folder:
        port_file = Path(folder) / "url"
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.synthetic", "--boards", str(boards.boards),
             "--per-board", str(boards.per_board), "--edition", str(boards.edition),
             "--changed", str(boards.changed), "--url-file", str(port_file)],
            cwd=Path(__file__).parents[1])
        try:
            while not port_file.exists() or not port_file.read_text().endswith("\n"):
                if process.poll() is not None:
                    raise RuntimeError(f"the synthetic board server exited with code {process.returncode}")
                threading.Event().wait(0.05)
            yield port_file.read_text().strip()
        finally:
            process.terminate()
            process.wait(30)


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Serve synthetic job boards on 127.0.0.1 until killed.")
    parser.add_argument("--boards", type=int, default=2000)
    parser.add_argument("--per-board", type=int, default=25)
    parser.add_argument("--edition", type=int, default=0)
    parser.add_argument("--changed", type=float, default=0.05)
    parser.add_argument("--url-file", type=Path, help="write the base URL here once serving")
    args = parser.parse_args()
    boards = SyntheticBoards(args.boards, args.per_board, args.edition, args.changed)
    with synthetic_server(boards) as url:
        if args.url_file:
            args.url_file.write_text(url + "\n")
        else:
            print(url, flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
