"""Honour Retry-After: a 429 or 503 that says when to come back pauses the host, then retries.

Scrapy's RetryMiddleware retries 429/503 at once, ignoring the header. This middleware sits
closer to the downloader, so it sees those responses first: it parses Retry-After (seconds or
an HTTP date), holds every request to that host until then, and retries within the normal retry
budget. A wait longer than JOBRADAR_MAX_RETRY_AFTER gives up at once, saying why.
"""

from __future__ import annotations

import asyncio
import time
from email.utils import parsedate_to_datetime

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached

RETRY_AFTER_STATUSES = (429, 503)


class RetryAfterGiveUp(IgnoreRequest):
    """The server asked for a pause longer than we wait, or the retry budget is spent."""


def retry_after_seconds(value: bytes | str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After value: "120" or "Wed, 21 Oct 2026 07:28:00 GMT"."""
    if value is None:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


class RetryAfterMiddleware:
    """Downloader middleware: pause a host for as long as its Retry-After asks, then retry."""

    def __init__(self, crawler: Crawler, max_wait: float) -> None:
        self.crawler = crawler
        self.max_wait = max_wait
        self.resume_at: dict[str, float] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler, crawler.settings.getfloat("JOBRADAR_MAX_RETRY_AFTER", 300.0))

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        host = urlparse_cached(request).netloc
        wait = self.resume_at.get(host, 0.0) - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Request | Response:
        if response.status not in RETRY_AFTER_STATUSES or b"Retry-After" not in response.headers:
            return response
        wait = retry_after_seconds(response.headers.get(b"Retry-After"))
        if wait is None:
            return response  # unreadable header: leave it to the ordinary retry
        stats = self.crawler.stats
        if wait > self.max_wait:
            stats.inc_value("jobradar/retry_after/too_long")
            raise RetryAfterGiveUp(
                f"HTTP {response.status} from {response.url} asks to wait {wait:.0f} s "
                f"(Retry-After), more than JOBRADAR_MAX_RETRY_AFTER={self.max_wait:.0f} s")
        host = urlparse_cached(request).netloc
        self.resume_at[host] = max(self.resume_at.get(host, 0.0), time.monotonic() + wait)
        stats.inc_value("jobradar/retry_after/honoured")
        retry = get_retry_request(request, spider=self.crawler.spider,
                                  reason=f"retry_after_{response.status}")
        if retry is None:
            raise RetryAfterGiveUp(f"HTTP {response.status} from {response.url}: still asked to wait "
                                   "(Retry-After) after every retry")
        return retry
