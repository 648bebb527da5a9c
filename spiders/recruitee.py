"""Recruitee Careers Site API: https://docs.recruitee.com/reference/intro-to-careers-site-api
(`https://{company}.recruitee.com/api/offers/`)."""

from __future__ import annotations

from typing import Any

from spiders.base import BoardSpider


class RecruiteeSpider(BoardSpider):
    """All offers of a Recruitee careers site. Board id: the company's subdomain.

    The host names the board, so a base URL given for tests or mirrors should hold `{board}`
    (e.g. `http://127.0.0.1:8765/recruitee/{board}`).
    """

    name = "recruitee"
    source = "recruitee"
    board_path = "/api/offers/"

    def count_postings(self, body: Any, kind: str) -> int | None:
        if isinstance(body, dict) and isinstance(body.get("offers"), list):
            return len(body["offers"])
        return None
