"""Downloader middlewares for polite, bounded crawling: honour Retry-After, back off before
retries, refuse redirects that leave the site.

Scrapy's RetryMiddleware retries 429/503 at once, ignoring the header. RetryAfterMiddleware sits
closer to the downloader, so it sees those responses first: it parses Retry-After (seconds or
an HTTP date), holds every request to that host until then, and retries within the normal retry
budget. A wait longer than JOBRADAR_MAX_RETRY_AFTER gives up at once, saying why.
RetryBackoffMiddleware makes every retry wait longer than the one before (JOBRADAR_RETRY_BACKOFF).
OffsiteRedirectMiddleware stops a redirect to another site before anything is fetched there.
"""

from __future__ import annotations

import asyncio
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlparse

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.exceptions import IgnoreRequest, NotConfigured
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
                                   "(Retry-After)")
        return retry


class RetryBackoffMiddleware:
    """Downloader middleware: the n-th retry of a request waits base × 2^(n-1) seconds (capped).

    Scrapy's RetryMiddleware re-sends a failed request (timeout, reset, 5xx) at once; a server
    that is struggling gets a little more room with every attempt instead. Where Retry-After
    asked for a longer pause, RetryAfterMiddleware's pause is the one that counts.
    """

    def __init__(self, base: float, cap: float) -> None:
        self.base = base
        self.cap = cap

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryBackoffMiddleware:
        settings = crawler.settings
        base = settings.getfloat("JOBRADAR_RETRY_BACKOFF")
        if base <= 0 or not settings.getbool("RETRY_ENABLED"):
            raise NotConfigured("JOBRADAR_RETRY_BACKOFF is 0 or retries are off")
        return cls(base, settings.getfloat("JOBRADAR_RETRY_BACKOFF_MAX", base))

    def backoff(self, retries: int) -> float:
        """Seconds before the `retries`-th retry (0 for a first attempt)."""
        return 0.0 if retries <= 0 else min(self.cap, self.base * 2 ** (retries - 1))

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        wait = self.backoff(request.meta.get("retry_times", 0))
        if wait > 0:
            await asyncio.sleep(wait)


class OffsiteRedirect(IgnoreRequest):
    """A redirect led to another site; it is not followed."""


def same_site(origin: str, target: str) -> bool:
    """Whether host `target` is `origin`'s site: the same host, ignoring "www.", or a subdomain of it
    (acme.example → careers.acme.example, www.acme.example → acme.example)."""
    site = origin.lower().removeprefix("www.")
    target = target.lower()
    return target == site or target.endswith(f".{site}")


class OffsiteRedirectMiddleware:
    """Downloader middleware: refuse a request that a redirect (HTTP 3xx or meta refresh) sent to
    another site, before robots.txt or anything else is fetched there.

    The board's API answered from one host; another host's answer would be archived as the
    board's without anyone having chosen that host. Set JOBRADAR_FOLLOW_OFFSITE_REDIRECTS to
    follow such redirects anyway.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> OffsiteRedirectMiddleware:
        if crawler.settings.getbool("JOBRADAR_FOLLOW_OFFSITE_REDIRECTS"):
            raise NotConfigured("JOBRADAR_FOLLOW_OFFSITE_REDIRECTS is on")
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        chain = request.meta.get("redirect_urls")
        if not chain:
            return
        origin = urlparse(chain[0]).hostname or ""
        target = urlparse_cached(request).hostname or ""
        if not same_site(origin, target):
            self.crawler.stats.inc_value("jobradar/redirect/offsite")
            raise OffsiteRedirect(f"{chain[0]} redirected to {request.url}: host {target} is not {origin}'s "
                                  "site, so the redirect was not followed")
