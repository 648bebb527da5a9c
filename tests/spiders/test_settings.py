"""The crawl settings: politeness holds whatever the delay settings are."""

from __future__ import annotations

from spiders.settings import crawl_settings


def settings(**overrides: object) -> dict:
    values = {"user_agent": "jobradar-test", "download_delay": 0.0, "concurrent_per_host": 2,
              "download_timeout": 10, "retry_times": 1, "autothrottle": False,
              "max_response_bytes": 1_000_000, "archive_dir": "/tmp/x", "run_date": "2024-01-01",
              "run_id": "r", "stats_path": ""}
    return crawl_settings(**{**values, **overrides})


def test_without_delay_or_autothrottle_the_whole_crawl_is_capped_at_the_per_host_limit() -> None:
    # Scrapy would otherwise start every queued request of a host at once
    unpaced = settings(concurrent_per_host=3)
    assert unpaced["CONCURRENT_REQUESTS"] == 3 == unpaced["CONCURRENT_REQUESTS_PER_DOMAIN"]


def test_a_paced_crawl_keeps_scrapys_global_limit() -> None:
    for paced in (settings(download_delay=1.0), settings(autothrottle=True)):
        assert "CONCURRENT_REQUESTS" not in paced and paced["CONCURRENT_REQUESTS_PER_DOMAIN"] == 2
