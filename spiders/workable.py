"""Workable widget API (`/api/v1/widget/accounts/{account}?details=true`), the public feed behind
Workable's embeddable jobs widget; Workable documents only its token-based API (https://workable.readme.io)."""

from __future__ import annotations

from typing import Any

from spiders.base import BoardSpider


class WorkableSpider(BoardSpider):
    """All published jobs of a Workable account, with descriptions. Board id: the account name."""

    name = "workable"
    source = "workable"
    board_path = "/api/v1/widget/accounts/{board}?details=true"

    def count_postings(self, body: Any, kind: str) -> int | None:
        if isinstance(body, dict) and isinstance(body.get("jobs"), list):
            return len(body["jobs"])
        return None
