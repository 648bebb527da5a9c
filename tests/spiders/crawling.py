"""One real crawl of some boards against the fixture server, as the per-source spider tests make it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from spiders.runner import CrawlResult, run_crawl
from spiders.settings import crawl_settings

RUN_DATE = "2026-01-15"


def crawl_boards(source: str, boards: list[str], base_url: str, seen: list[str], tmp_path: Path,
                 options: dict[str, Any] | None = None,
                 ) -> tuple[CrawlResult, list[dict[str, Any]], list[str]]:
    """Crawl `boards` of `source` from `base_url`, without delays or retries: the outcome, the
    archived records, and the requests the server saw from this crawl (robots.txt left out)."""
    settings = crawl_settings(
        user_agent="jobradar-test/0.1", download_delay=0, concurrent_per_host=4,
        download_timeout=10, retry_times=0, autothrottle=False, max_response_bytes=10_000_000,
        archive_dir=str(tmp_path), run_date=RUN_DATE, run_id="test", stats_path="",
    )
    before = len(seen)
    result = run_crawl(source, boards, settings, base_url=base_url, timeout=60, options=options)
    archived = tmp_path / "raw" / f"source={source}" / f"dt={RUN_DATE}" / "test.jsonl.gz"
    records = []
    if archived.exists():
        with gzip.open(archived, "rt", encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle]
    return result, records, [path for path in seen[before:] if path != "/robots.txt"]
