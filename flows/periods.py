"""Which sources can be crawled as they stood on a past date, and what that crawl is (backfill's
crawl mode).

A source has history when its entry in spiders/catalog.py says so with `history`:
- "month": its boards are months (YYYY-MM), as Hacker News "Who is hiring?" threads are; a past
  month is crawled as that board and filed under the month's first day.
- "day": its configured boards can be fetched as they stood on any day.
The bundled demo boards have daily history: `/as-of/YYYY-MM-DD/` shows them on any day. Other
sources only show today: a backfill re-labels their archived days but cannot crawl them again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from jobradar.config import Board, SourceConfig, SourcesConfig
from jobradar.demo.server import base_url_for
from spiders.catalog import SOURCES

DAILY, MONTHLY = "day", "month"


def history_of(source: SourceConfig) -> str | None:
    """How a source can be crawled for the past: "day", "month", or None (only today)."""
    if source.uses_demo:
        return DAILY
    declared = SOURCES[source.source].history
    if declared in (DAILY, MONTHLY):
        return declared
    return None


def past_view(source: SourceConfig, day: date) -> SourceConfig | None:
    """What to crawl to see `source` as it stood on `day`; None when no crawl is filed under `day`."""
    period = history_of(source)
    if period == DAILY:
        return source
    if period == MONTHLY and day.day == 1:
        return replace(source, boards=(Board(source.source, f"{day:%Y-%m}"),))
    return None


def base_url(source: SourceConfig, demo_url: str | None, day: date) -> str | None:
    """The API host of a crawl for `day`: the demo server's view of that day, or the configured one."""
    if source.uses_demo:
        if demo_url is None:
            raise ValueError(f"[{source.source}] uses the demo boards but no demo server is running")
        return base_url_for(demo_url, day)
    return source.base_url


@dataclass(frozen=True)
class PastCrawl:
    """What a crawl backfill fetches for one date."""

    run_date: date
    sources: tuple[SourceConfig, ...]


def past_crawls(config: SourcesConfig, start: date, end: date) -> list[PastCrawl]:
    """The dates from `start` to `end` under which some configured source can be crawled."""
    crawls = []
    for offset in range((end - start).days + 1):
        day = start + timedelta(days=offset)
        sources = tuple(view for s in config.sources if (view := past_view(s, day)) is not None)
        if sources:
            crawls.append(PastCrawl(day, sources))
    return crawls


def without_history(config: SourcesConfig) -> list[str]:
    """Sources a crawl backfill cannot fetch for past dates."""
    return [s.source for s in config.sources if history_of(s) is None]
