"""Scrapy spiders, one per source kind; they fetch public job-board APIs and yield raw responses.

Each source has an entry in spiders/catalog.py (what sources.toml and backfills need to know of
it, importable without Scrapy) naming its spider here. `SPIDERS` (source name → spider class) is
built on first use, importing Scrapy: a process that only reads configuration never does.
"""

from __future__ import annotations

from typing import Any

from spiders.catalog import SOURCES

__all__ = ["SOURCES", "SPIDERS", "BoardSpider"]


def __getattr__(name: str) -> Any:
    if name == "SPIDERS":
        spiders = {source: entry.spider_class() for source, entry in SOURCES.items()}
        globals()["SPIDERS"] = spiders
        return spiders
    if name == "BoardSpider":
        from spiders.base import BoardSpider

        return BoardSpider
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
