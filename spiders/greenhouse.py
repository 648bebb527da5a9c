"""Greenhouse job-board API: https://developers.greenhouse.io/job-board.html (`/v1/boards/{token}/jobs`)."""

from __future__ import annotations

from typing import Any

from spiders.base import BoardSpider


class GreenhouseSpider(BoardSpider):
    """All published jobs of a Greenhouse board, with content. Board id: the board token."""

    name = "greenhouse"
    source = "greenhouse"
    board_path = "/v1/boards/{board}/jobs?content=true"

    def count_postings(self, body: Any, kind: str) -> int | None:
        if isinstance(body, dict) and isinstance(body.get("jobs"), list):
            return len(body["jobs"])
        return None
