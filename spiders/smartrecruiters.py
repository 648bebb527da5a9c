"""SmartRecruiters Posting API: https://developers.smartrecruiters.com/docs/posting-api
(`/v1/companies/{company}/postings`, paged by limit/offset, then one detail per posting)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

import scrapy
from scrapy.http import Response

from spiders.base import BoardSpider
from spiders.catalog import MAX_PAGE_SIZE


class SmartRecruitersSpider(BoardSpider):
    """All public postings of a SmartRecruiters company, each with its job ad.

    Board id: the company identifier. The listing pages (kind "board") give summaries only, so
    every posting's detail (kind "detail", with `jobAd`) is fetched too; postings are counted as
    their details arrive. Spider argument / sources.toml option: `page_size` (1–100, default 100).
    """

    name = "smartrecruiters"
    source = "smartrecruiters"
    board_path = "/v1/companies/{board}/postings"

    def start_requests_for(self, board: str) -> Iterable[scrapy.Request]:
        page_size = self.option(board, "page_size", MAX_PAGE_SIZE)
        return [self.board_request(board, self.page_url(board, 0, int(page_size)))]

    def page_url(self, board: str, offset: int, limit: int) -> str:
        return f"{self.board_url(board)}?limit={limit}&offset={offset}"

    def detail_url(self, board: str, posting_id: str) -> str:
        return f"{self.board_url(board)}/{quote(posting_id, safe='')}"

    def count_postings(self, body: Any, kind: str) -> int | None:
        if kind == "detail":
            return 1 if isinstance(body, dict) and body.get("id") and isinstance(body.get("jobAd"), dict) else None
        if isinstance(body, dict) and isinstance(body.get("content"), list):
            return 0  # a listing page: its postings count once their details arrive
        return None

    def next_requests(self, response: Response, body: Any, board: str) -> Iterable[scrapy.Request]:
        if response.meta["jobradar_kind"] != "board":
            return
        postings = body["content"]
        for posting in postings:
            if isinstance(posting, dict) and posting.get("id"):
                yield self.board_request(board, self.detail_url(board, str(posting["id"])),
                                         kind="detail")
        next_offset = _next_offset(body)
        if next_offset is not None:
            yield self.board_request(board, self.page_url(board, next_offset, body["limit"]))


def _next_offset(page: dict[str, Any]) -> int | None:
    """The offset of the page after `page`, or None on the last page (offset + limit ≥ totalFound)."""
    offset, limit, total = page.get("offset"), page.get("limit"), page.get("totalFound")
    if not page["content"] or not all(isinstance(n, int) for n in (offset, limit, total)):
        return None
    return offset + limit if limit > 0 and offset + limit < total else None
