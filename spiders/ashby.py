"""Ashby posting API: https://developers.ashbyhq.com/docs/public-job-posting-api."""

from __future__ import annotations

from typing import Any

from spiders.base import BoardSpider


class AshbySpider(BoardSpider):
    """All postings of an Ashby job board, with compensation. Board id: the job-board name."""

    name = "ashby"
    source = "ashby"
    board_path = "/posting-api/job-board/{board}?includeCompensation=true"

    def count_postings(self, body: Any, kind: str) -> int | None:
        if isinstance(body, dict) and isinstance(body.get("jobs"), list):
            return len(body["jobs"])
        return None
