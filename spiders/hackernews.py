"""Hacker News "Who is hiring?" threads through the Algolia HN Search API: https://hn.algolia.com/api
(`/api/v1/search_by_date` finds a month's thread, `/api/v1/items/{id}` gives its whole comment tree)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from spiders.base import BoardSpider
from spiders.catalog import LATEST

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")
_THREAD_TITLE = re.compile(r"^\s*Ask HN:\s*Who is hiring\?\s*\((\w+)\s+(\d{4})\)\s*$", re.I)
_SEARCH = "tags=story,author_whoishiring&query=%22Who%20is%20hiring%22"


class HackerNewsSpider(BoardSpider):
    """The top-level comments of one month's "Ask HN: Who is hiring?" thread.

    Board id: a month, "YYYY-MM" (threads go back to 2011-04), or "latest" for the newest thread.
    The search (kind "search") lists the stories user whoishiring posted that month; the one
    titled "Ask HN: Who is hiring? (Month YYYY)" is fetched with all its comments (kind "thread"),
    never its siblings ("Who wants to be hired?", "Freelancer? Seeking freelancer?"). A thread is
    archived under its own month, also when found as "latest", so that its postings keep the ids
    a backfill of that month gives them. Postings are counted as live top-level comments; the
    reader (pipeline/sources/hackernews.py) splits a comment that lists several jobs.
    """

    name = "hackernews"
    source = "hackernews"
    board_path = "/api/v1/search_by_date"

    def start_requests_for(self, board: str) -> Iterable[scrapy.Request]:
        return [self.board_request(board, self.search_url(board), kind="search")]

    def search_url(self, board: str, page: int = 0) -> str:
        """whoishiring's stories of the board's month (all of them, newest first, for "latest")."""
        query = _SEARCH
        if board != LATEST:
            start, end = month_bounds(board)
            query += f"&numericFilters=created_at_i%3E%3D{start},created_at_i%3C{end}"
        return f"{self.board_url(board)}?{query}" + (f"&page={page}" if page else "")

    def item_url(self, board: str, story_id: str) -> str:
        base = self.base_url.replace("{board}", quote(board, safe=""))
        return f"{base}/api/v1/items/{quote(story_id, safe='')}"

    def expected_shape(self, kind: str) -> str:
        if kind == "thread":
            return "a hackernews thread (an Algolia item with 'children')"
        return "a hackernews board (an Algolia search response with 'hits')"

    def count_postings(self, body: Any, kind: str) -> int | None:
        if kind == "search":
            return 0 if isinstance(body, dict) and isinstance(body.get("hits"), list) else None
        if isinstance(body, dict) and isinstance(body.get("children"), list):
            return sum(1 for child in body["children"] if is_live_comment(child))
        return None

    def next_requests(self, response: Response, body: Any, board: str) -> Iterable[scrapy.Request]:
        if response.meta["jobradar_kind"] != "search":
            return
        month = None if board == LATEST else board
        thread = hiring_thread(body["hits"], month)
        page = int(body.get("page") or 0)
        if thread is not None:
            yield self.board_request(board, self.item_url(board, str(thread["objectID"])), kind="thread",
                                     meta={"hackernews_month": thread_month(thread["title"])})
        elif isinstance(body.get("nbPages"), int) and page + 1 < body["nbPages"]:
            yield self.board_request(board, self.search_url(board, page + 1), kind="search")
        else:
            wanted = f"'Ask HN: Who is hiring? ({month_name(month)})'" if month else "'Ask HN: Who is hiring?'"
            self.mark_failed(board, f"no {wanted} thread among whoishiring's stories at {response.url}")

    def raw_item(self, response: Response, board: str, kind: str, body: Any,
                 error: str | None = None, body_json: bytes | None = None) -> dict[str, Any]:
        item = super().raw_item(response, board, kind, body, error, body_json)
        item["board"] = response.meta.get("hackernews_month") or board
        return item


def month_bounds(board: str) -> tuple[int, int]:
    """Epoch seconds of the month's first instant and of the next month's (UTC)."""
    year, month = int(board[:4]), int(board[5:7])
    start = datetime(year, month, 1, tzinfo=UTC)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    return int(start.timestamp()), int(end.timestamp())


def month_name(board: str) -> str:
    """"2024-01" → "January 2024", as the thread's title writes it."""
    return f"{MONTHS[int(board[5:7]) - 1].capitalize()} {board[:4]}"


def thread_month(title: str) -> str | None:
    """"Ask HN: Who is hiring? (January 2024)" → "2024-01"; None for any other title."""
    match = _THREAD_TITLE.match(title or "")
    if match is None or match.group(1).lower() not in MONTHS:
        return None
    return f"{match.group(2)}-{MONTHS.index(match.group(1).lower()) + 1:02d}"


def hiring_thread(hits: list[Any], month: str | None) -> Mapping[str, Any] | None:
    """The "Who is hiring?" story of `month` among search hits (the newest one when month is None)."""
    threads = [hit for hit in hits if isinstance(hit, dict) and hit.get("objectID")
               and (found := thread_month(hit.get("title", ""))) and (month is None or found == month)]
    return max(threads, key=lambda hit: hit.get("created_at_i") or 0, default=None)


def is_live_comment(child: Any) -> bool:
    """A comment that counts: not deleted or dead, with an author and text."""
    return (isinstance(child, dict) and child.get("type", "comment") == "comment"
            and not child.get("deleted") and not child.get("dead")
            and child.get("author") is not None and bool((child.get("text") or "").strip()))
