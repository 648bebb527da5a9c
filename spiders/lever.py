"""Lever postings API: https://github.com/lever/postings-api (`/v0/postings/{site}?mode=json`)."""

from __future__ import annotations

from typing import Any

from spiders.base import BoardSpider


class LeverSpider(BoardSpider):
    """All published postings of a Lever site. Board id: the site name."""

    name = "lever"
    source = "lever"
    board_path = "/v0/postings/{board}?mode=json"

    def count_postings(self, body: Any, kind: str) -> int | None:
        return len(body) if isinstance(body, list) else None
