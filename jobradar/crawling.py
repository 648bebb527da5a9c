"""Scrapy settings for a crawl, from jobradar's settings: the one place they are combined."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from jobradar.settings import Settings
from spiders.settings import crawl_settings


def scrapy_settings(settings: Settings, *, archive_dir: Path, run_date: date, run_id: str,
                    polite: bool = True) -> dict[str, Any]:
    """Settings of one crawl; `polite=False` only for jobradar's own local demo boards."""
    return crawl_settings(
        user_agent=settings.user_agent,
        download_delay=settings.download_delay if polite else 0.0,
        concurrent_per_host=settings.concurrent_per_host,
        download_timeout=settings.download_timeout,
        retry_times=settings.retry_times,
        retry_backoff=settings.retry_backoff,
        max_retry_after=settings.max_retry_after,
        autothrottle=settings.autothrottle and polite,
        max_response_bytes=settings.max_response_bytes,
        archive_dir=str(archive_dir),
        run_date=run_date.isoformat(),
        run_id=run_id,
        stats_path="",
    )
