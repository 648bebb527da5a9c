"""Scrapy spiders, one per source kind; they fetch public job-board APIs and yield raw responses."""

from __future__ import annotations

from spiders.ashby import AshbySpider
from spiders.base import BoardSpider
from spiders.greenhouse import GreenhouseSpider
from spiders.lever import LeverSpider

SPIDERS: dict[str, type[BoardSpider]] = {
    spider.source: spider for spider in (GreenhouseSpider, LeverSpider, AshbySpider)
}

__all__ = ["SPIDERS", "BoardSpider"]
