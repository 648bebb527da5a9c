"""Workday career sites, through the JSON API their own pages use (CXS): `POST
/wday/cxs/{tenant}/{site}/jobs` lists a site's postings by limit/offset, and `GET
/wday/cxs/{tenant}/{site}{externalPath}` gives one posting whole."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlsplit

import scrapy
from scrapy.http import Response

from spiders.base import BoardSpider
from spiders.catalog import WORKDAY_MAX_PAGE_SIZE, workday_site


class WorkdaySpider(BoardSpider):
    """All public postings of a Workday careers site, each with its description.

    Board id: the careers site URL (https://<tenant>.wd5.myworkdayjobs.com/<site>); with a base
    URL, the API is asked on that host instead. The listing pages (kind "board", POSTed searches
    with no facets) give titles and paths only, so every posting's detail (kind "detail", with
    `jobPostingInfo`) is fetched too; postings are counted as their details arrive. Workday gives
    the total only on the first page (later pages say 0), so paging goes by the first page's.
    Spider arguments / sources.toml options: `tenant` (when the host does not name it) and
    `page_size` (1–20, default 20).
    """

    name = "workday"
    source = "workday"
    board_path = ""

    def api_url(self, board: str) -> str:
        """…/wday/cxs/<tenant>/<site> on the board's host, or on the base URL when one is given."""
        tenant, site = workday_site(board, self.option(board, "tenant"))
        parts = urlsplit(board)
        host = self.base_url or f"{parts.scheme}://{parts.netloc}"
        return f"{host}/wday/cxs/{quote(tenant, safe='')}/{quote(site, safe='')}"

    def board_url(self, board: str) -> str:
        return f"{self.api_url(board)}/jobs"

    def expected_shape(self, kind: str) -> str:
        if kind == "detail":
            return "a workday posting (an object with 'jobPostingInfo')"
        return "a workday board (a job search: an object with a 'jobPostings' list)"

    def start_requests_for(self, board: str) -> Iterable[scrapy.Request]:
        page_size = int(self.option(board, "page_size", WORKDAY_MAX_PAGE_SIZE))
        return [self.page_request(board, offset=0, limit=page_size, total=None)]

    def page_request(self, board: str, offset: int, limit: int, total: int | None) -> scrapy.Request:
        search = {"appliedFacets": {}, "limit": limit, "offset": offset, "searchText": ""}
        return self.board_request(
            board, self.board_url(board), method="POST", body=json.dumps(search),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            meta={"workday_offset": offset, "workday_limit": limit, "workday_total": total},
        )

    def count_postings(self, body: Any, kind: str) -> int | None:
        if kind == "detail":
            info = body.get("jobPostingInfo") if isinstance(body, dict) else None
            return 1 if isinstance(info, dict) and (info.get("id") or info.get("jobPostingId")) else None
        if isinstance(body, dict) and isinstance(body.get("jobPostings"), list):
            return 0  # a listing page: its postings count once their details arrive
        return None

    def next_requests(self, response: Response, body: Any, board: str) -> Iterable[scrapy.Request]:
        if response.meta["jobradar_kind"] != "board":
            return
        api = self.api_url(board)
        postings = body["jobPostings"]
        for posting in postings:
            path = posting.get("externalPath") if isinstance(posting, dict) else None
            if isinstance(path, str) and path.startswith("/") and ".." not in path.split("/"):
                yield self.board_request(board, api + path, kind="detail")
        offset, limit = response.meta["workday_offset"], response.meta["workday_limit"]
        total = _first_total(response.meta["workday_total"], body.get("total"))
        if postings and offset + limit < total:
            yield self.page_request(board, offset + limit, limit, total)


def _first_total(earlier: int | None, this_page: Any) -> int:
    """The board's total: the first page's (later pages say 0), else this page's, else 0."""
    if earlier is not None:
        return earlier
    return this_page if isinstance(this_page, int) and not isinstance(this_page, bool) else 0
