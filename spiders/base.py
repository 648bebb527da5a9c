"""The shared machinery of every board spider: requests per board, decoding, board outcomes."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import quote

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from spiders.catalog import SOURCES


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class BoardSpider(scrapy.Spider):
    """Base of all source spiders.

    A subclass declares where a board's postings are (`board_path` under `default_base_url`),
    how its responses are encoded (`response_format`: json, xml or html), and, when the API
    pages or needs a detail request per posting, which further requests to make
    (`next_requests`). Spider arguments: `boards` (comma-separated board ids), `base_url`
    (overrides the public API host, e.g. a local fixture server), and any source options.
    It yields one raw item per response, exactly as the source gave it; a board is "ok" once
    every request made for it has been answered and decoded.
    """

    source: ClassVar[str]
    board_path: ClassVar[str]
    response_format: ClassVar[str] = "json"
    # from the source's entry in spiders/catalog.py (see Source there)
    board_key: ClassVar[str]
    board_help: ClassVar[str]
    default_base_url: ClassVar[str]
    board_options: ClassVar[Mapping[str, type]] = {}
    history: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "source" in vars(cls):
            if cls.source not in SOURCES:
                raise TypeError(f"{cls.__name__}: source {cls.source!r} has no entry in spiders/catalog.py")
            entry = SOURCES[cls.source]
            cls.board_key, cls.board_help = entry.board_key, entry.board_help
            cls.default_base_url, cls.board_options, cls.history = (
                entry.default_base_url, entry.board_options, entry.history)

    def __init__(
        self, boards: str | Iterable[str] = (), base_url: str | None = None,
        board_settings: dict[str, dict[str, Any]] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.board_settings = board_settings or {}
        self.boards = [b for b in (boards.split(",") if isinstance(boards, str) else boards) if b]
        self.base_url = (base_url or self.default_base_url).rstrip("/")
        self.board_results: dict[str, dict[str, Any]] = {}
        self.outstanding: dict[str, int] = {}
        for board in self.boards:
            self._result(board)

    def _result(self, board: str) -> dict[str, Any]:
        self.outstanding.setdefault(board, 0)
        return self.board_results.setdefault(
            board, {"status": "pending", "responses": 0, "postings": 0, "error": None})

    def option(self, board: str, name: str, default: Any = None) -> Any:
        """A board's option from sources.toml (see `board_options`), else the spider argument."""
        return self.board_settings.get(board, {}).get(name, getattr(self, name, default))

    def board_url(self, board: str) -> str:
        """The listing URL; `{board}` may appear in the base URL (sources whose host names the board)."""
        quoted = quote(board, safe="")
        return self.base_url.replace("{board}", quoted) + self.board_path.format(board=quoted)

    def board_request(self, board: str, url: str | None = None, kind: str = "board",
                      **kwargs: Any) -> scrapy.Request:
        """A request on behalf of `board`; its response is archived with `kind`."""
        self._result(board)
        self.outstanding[board] += 1
        meta = {**kwargs.pop("meta", {}), "jobradar_board": board, "jobradar_kind": kind}
        return scrapy.Request(
            url or self.board_url(board),
            callback=self.parse_response,
            errback=self.request_failed,
            meta=meta,
            dont_filter=True,
            **kwargs,
        )

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for board in self.boards:
            options = {name: value for name in self.board_options
                       if (value := self.option(board, name)) is not None}
            if problem := SOURCES[self.source].check_board(board, options):  # as sources.toml is checked
                self.mark_failed(board, problem)
                continue
            for request in self.start_requests_for(board):
                yield request

    def start_requests_for(self, board: str) -> Iterable[scrapy.Request]:
        """The first request(s) of a board: its listing by default."""
        return [self.board_request(board)]

    def decode(self, response: Response) -> Any:
        """The response body as data: parsed JSON, or text for XML and HTML sources.

        JSON bytes are decoded strictly: json.loads(bytes) would let UTF-8-encoded surrogates through.
        """
        if self.response_format == "json":
            return json.loads(response.body.decode(json.detect_encoding(response.body)))
        return response.text

    def parse_response(self, response: Response) -> Iterable[Any]:
        board = response.meta["jobradar_board"]
        kind = response.meta["jobradar_kind"]
        result = self._result(board)
        result["responses"] += 1
        try:
            try:
                body = self.decode(response)
            except (ValueError, UnicodeDecodeError) as error:
                self.mark_failed(board, f"response from {response.url} is not {self.response_format}: {error}")
                yield self.raw_item(response, board, kind, body=None,
                                    error=f"not {self.response_format}: {error}")
                return
            postings = self.count_postings(body, kind)
            if postings is None:
                self.mark_failed(board, f"response from {response.url} is not {self.expected_shape(kind)}")
                yield self.raw_item(response, board, kind, body=body, error="unexpected response shape")
                return
            result["postings"] += postings
            yield self.raw_item(response, board, kind, body=body, body_json=self.utf8_json(response))
            yield from self.next_requests(response, body, board)
        except Exception as error:  # a bug of ours: the board must not pass as crawled
            self.mark_failed(board, f"{type(error).__name__} while reading {response.url}: {error}")
            raise
        finally:
            self._answered(board)

    def _answered(self, board: str) -> None:
        self.outstanding[board] -= 1
        result = self.board_results[board]
        if self.outstanding[board] == 0 and result["status"] == "pending":
            result["status"] = "ok"

    def utf8_json(self, response: Response) -> bytes | None:
        """The body as received, when it is JSON in UTF-8 without a BOM (already decoded strictly
        by `decode`): the archive writes these bytes as they are instead of encoding `body` again."""
        if self.response_format != "json" or response.body[:3] == b"\xef\xbb\xbf":
            return None
        return response.body if json.detect_encoding(response.body) == "utf-8" else None

    def raw_item(self, response: Response, board: str, kind: str, body: Any,
                 error: str | None = None, body_json: bytes | None = None) -> dict[str, Any]:
        item: dict[str, Any] = {
            "source": self.source,
            "board": board,
            "kind": kind,
            "url": response.url,
            "status": response.status,
            "fetched_at": utc_now(),
            "body": body,
        }
        if body_json is not None:
            item["body_json"] = body_json
        if error is not None:
            item["error"] = error
            item["body_text"] = response.body[:65536].decode("utf-8", errors="replace")
        return item

    def expected_shape(self, kind: str) -> str:
        """What a response of `kind` should have been, named in the error when it is not."""
        return f"a {self.source} {kind}"

    def count_postings(self, body: Any, kind: str) -> int | None:
        """Postings in a decoded response (0 for pages that only list), None if not this API's shape."""
        raise NotImplementedError

    def next_requests(self, response: Response, body: Any, board: str) -> Iterable[scrapy.Request]:
        """Further requests of a board (next pages, detail pages); none by default.

        Build them with `self.board_request(board, url, kind=…)` so the board's outcome waits for them.
        """
        return ()

    def request_failed(self, failure: Failure) -> None:
        board = failure.request.meta.get("jobradar_board", "?")
        self._result(board)
        self.mark_failed(board, describe_failure(failure, self.settings.getint("DOWNLOAD_MAXSIZE")))
        self._answered(board)

    def mark_failed(self, board: str, error: str) -> None:
        result = self._result(board)
        result["status"] = "failed"
        result["error"] = result["error"] or error
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


def describe_failure(failure: Failure, max_bytes: int | None = None) -> str:
    """Why a request failed, in one line, with how many retries were spent on it; `max_bytes` is
    the crawl's DOWNLOAD_MAXSIZE, named when a download was cut off at it."""
    from scrapy.spidermiddlewares.httperror import HttpError

    request = getattr(failure, "request", None)
    retries = request.meta.get("retry_times", 0) if request is not None else 0
    spent = f" (after {retries} {'retry' if retries == 1 else 'retries'})" if retries else ""
    if failure.check(HttpError):
        response = failure.value.response
        return f"HTTP {response.status} from {response.url}{spent}"
    where = f" fetching {request.url}" if request is not None else ""
    # Twisted's ResponseNeverReceived/ResponseFailed (which Scrapy may wrap) hold the failures that say what happened
    reasons = getattr(failure.value.__cause__ or failure.value, "reasons", None)
    message = ("; ".join(reason.getErrorMessage() for reason in reasons) if reasons
               else failure.getErrorMessage())
    if not message and failure.type.__name__ in {"DownloadCancelledError", "CancelledError"}:
        # Scrapy cancels, without a word, a body that grows past DOWNLOAD_MAXSIZE as it arrives
        message = f"cancelled while receiving the body: larger than download max size ({max_bytes})"
    return f"{failure.type.__name__}{where}: {message}{spent}"


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    return str(value)
