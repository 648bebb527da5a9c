"""Scrapy settings shared by every jobradar crawl; `crawl_settings` overlays the run's choices."""

from __future__ import annotations

from typing import Any

DEFAULTS: dict[str, Any] = {
    "BOT_NAME": "jobradar",
    "ROBOTSTXT_OBEY": True,
    "COOKIES_ENABLED": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "INFO",
    "RETRY_ENABLED": True,
    "RETRY_HTTP_CODES": [429, 500, 502, 503, 504, 522, 524, 408],
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "DOWNLOAD_WARNSIZE": 0,
    "ITEM_PIPELINES": {"spiders.archive.RawArchivePipeline": 300},
    # a response yields one raw item, archived synchronously: Scrapy's default (100) only starts
    # that many idle tasks per response
    "CONCURRENT_ITEMS": 1,
    "DOWNLOADER_MIDDLEWARES": {
        # before robots.txt (100), so nothing at all is fetched from the site a redirect led to
        "spiders.middlewares.OffsiteRedirectMiddleware": 60,
        "spiders.middlewares.RetryBackoffMiddleware": 555,
        # after RetryMiddleware (550) in priority, so it sees 429/503 responses first
        "spiders.middlewares.RetryAfterMiddleware": 560,
    },
    # the n-th retry of a request waits JOBRADAR_RETRY_BACKOFF × 2^(n-1) s, at most _MAX
    "JOBRADAR_RETRY_BACKOFF": 1.0,
    "JOBRADAR_RETRY_BACKOFF_MAX": 60.0,
    # a Retry-After asking for a longer pause (seconds) fails the board at once
    "JOBRADAR_MAX_RETRY_AFTER": 300.0,
    "JOBRADAR_FOLLOW_OFFSITE_REDIRECTS": False,
    # Scrapy checks each response's callback for a generator that returns a value by reading its
    # source and parsing it (inspect, ast), cached by the callback: a bound method made anew for
    # each request, so the cache never hits, and the check took a quarter of a crawl's CPU
    # (docs/decisions.md). It is a warning for spider authors; jobradar's spiders are tested.
    "WARN_ON_GENERATOR_RETURN_VALUE": False,
}


def crawl_settings(
    *,
    user_agent: str,
    download_delay: float,
    concurrent_per_host: int,
    download_timeout: float,
    retry_times: int,
    autothrottle: bool,
    max_response_bytes: int,
    archive_dir: str,
    run_date: str,
    run_id: str,
    stats_path: str,
    retry_backoff: float | None = None,
    max_retry_after: float | None = None,
) -> dict[str, Any]:
    """The full settings dict for one crawl process (`retry_backoff`, `max_retry_after`: None
    keeps the default)."""
    per_host = max(concurrent_per_host, 1)
    # Without a download delay, Scrapy 2.19's downloader starts every queued request of a host at
    # once (a slot counts a download only when its task starts), so CONCURRENT_REQUESTS_PER_DOMAIN
    # alone does not hold; capping the whole crawl at it does (a delay or autothrottle paces instead).
    unpaced = download_delay == 0 and not autothrottle
    return {
        **DEFAULTS,
        **({"CONCURRENT_REQUESTS": per_host} if unpaced else {}),
        **({} if retry_backoff is None else {"JOBRADAR_RETRY_BACKOFF": retry_backoff}),
        **({} if max_retry_after is None else {"JOBRADAR_MAX_RETRY_AFTER": max_retry_after}),
        "USER_AGENT": user_agent,
        "DOWNLOAD_DELAY": download_delay,
        "CONCURRENT_REQUESTS_PER_DOMAIN": per_host,
        "DOWNLOAD_TIMEOUT": download_timeout,
        "RETRY_TIMES": retry_times,
        "AUTOTHROTTLE_ENABLED": autothrottle,
        "AUTOTHROTTLE_START_DELAY": max(download_delay, 0.1),
        "DOWNLOAD_MAXSIZE": max_response_bytes,
        "JOBRADAR_ARCHIVE_DIR": archive_dir,
        "JOBRADAR_RUN_DATE": run_date,
        "JOBRADAR_RUN_ID": run_id,
        "JOBRADAR_STATS_PATH": stats_path,
    }
