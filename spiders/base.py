"""The shared machinery of every board spider: requests per board, JSON decoding, board outcomes."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class BoardSpider(scrapy.Spider):
    """Base of all source spiders.

    A subclass declares where a board's postings are (`board_path` under `default_base_url`)
    and, when the API pages, how to reach the next page (`next_requests`). Spider arguments:
    `boards` (comma-separated board ids) and `base_url` (overrides the public API host, e.g. a
    local fixture server). It yields one raw item per response, exactly as the API gave it.
    """

    source: ClassVar[str]
    board_key: ClassVar[str]
    board_help: ClassVar[str]
    default_base_url: ClassVar[str]
    board_path: ClassVar[str]

    def __init__(
        self, boards: str | Iterable[str] = (), base_url: str | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.boards = [b for b in (boards.split(",") if isinstance(boards, str) else boards) if b]
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.board_results: dict[str, dict[str, Any]] = {
            board: {"status": "pending", "responses": 0, "postings": 0, "error": None}
            for board in self.boards
        }

    def board_url(self, board: str) -> str:
        return self.base_url + self.board_path.format(board=quote(board, safe=""))

    def board_request(self, board: str, url: str | None = None) -> scrapy.Request:
        return scrapy.Request(
            url or self.board_url(board),
            callback=self.parse_board,
            errback=self.request_failed,
            cb_kwargs={"board": board},
            dont_filter=True,
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for board in self.boards:
            yield self.board_request(board)

    def parse_board(self, response: Response, board: str) -> Iterable[Any]:
        result = self.board_results[board]
        result["responses"] += 1
        try:
            body = json.loads(response.body)
        except ValueError as error:
            self.mark_failed(board, f"response from {response.url} is not JSON: {error}")
            yield self.raw_item(response, board, body=None, error=f"not JSON: {error}")
            return
        postings = self.count_postings(body)
        if postings is None:
            self.mark_failed(board, f"response from {response.url} is not a {self.source} board")
            yield self.raw_item(response, board, body=body, error="unexpected response shape")
            return
        result["postings"] += postings
        yield self.raw_item(response, board, body=body)
        next_requests = list(self.next_requests(response, body, board))
        if result["status"] == "pending" and not next_requests:
            result["status"] = "ok"
        yield from next_requests

    def raw_item(
        self, response: Response, board: str, body: Any, error: str | None = None
    ) -> dict[str, Any]:
        item: dict[str, Any] = {
            "source": self.source,
            "board": board,
            "url": response.url,
            "status": response.status,
            "fetched_at": utc_now(),
            "body": body,
        }
        if error is not None:
            item["error"] = error
            item["body_text"] = response.body[:65536].decode("utf-8", errors="replace")
        return item

    def count_postings(self, body: Any) -> int | None:
        """How many postings a decoded response holds, or None when it is not this API's shape."""
        raise NotImplementedError

    def next_requests(self, response: Response, body: Any, board: str) -> Iterable[scrapy.Request]:
        """Requests for further pages of a board; none by default."""
        return ()

    def request_failed(self, failure: Failure) -> None:
        board = failure.request.cb_kwargs.get("board", "?")
        self.mark_failed(board, describe_failure(failure))

    def mark_failed(self, board: str, error: str) -> None:
        result = self.board_results.setdefault(
            board, {"status": "pending", "responses": 0, "postings": 0, "error": None}
        )
        result["status"] = "failed"
        result["error"] = error
        self.logger.warning("board %s/%s failed: %s", self.source, board, error)

    def closed(self, reason: str) -> None:
        for result in self.board_results.values():
            if result["status"] == "pending":
                result["status"] = "failed"
                result["error"] = result["error"] or f"crawl ended ({reason}) before the board finished"
        stats_path = self.settings.get("JOBRADAR_STATS_PATH")
        if stats_path:
            summary = {
                "source": self.source,
                "finish_reason": reason,
                "boards": self.board_results,
                "scrapy": {k: _jsonable(v) for k, v in self.crawler.stats.get_stats().items()},
            }
            Path(stats_path).write_text(json.dumps(summary, indent=2, sort_keys=True))


def describe_failure(failure: Failure) -> str:
    from scrapy.spidermiddlewares.httperror import HttpError

    if failure.check(HttpError):
        response = failure.value.response
        return f"HTTP {response.status} from {response.url}"
    request = getattr(failure, "request", None)
    where = f" fetching {request.url}" if request is not None else ""
    return f"{failure.type.__name__}{where}: {failure.getErrorMessage()}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
