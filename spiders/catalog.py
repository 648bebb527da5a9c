"""What jobradar knows of each source before crawling it, without importing Scrapy.

Reading sources.toml, planning a backfill and `jobradar --help` need each source's board key,
options and history, not its spider; importing Scrapy and Twisted for them cost every command
~0.3 s of start-up (crawls import Scrapy in their own processes). Each spider class takes these
facts from its entry here (BoardSpider.__init_subclass__), so they are written once; a test
checks that every spider has an entry and every entry a spider. Adding a source is adding its
spider module and its entry.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

LATEST = "latest"  # the Hacker News board of the newest thread
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
MAX_PAGE_SIZE = 100  # SmartRecruiters' largest `limit`
WORKDAY_MAX_PAGE_SIZE = 20  # Workday's largest `limit`: a larger one is answered 400
# the locale a Workday careers URL may start with ("/en-US/External")
_WORKDAY_LOCALE = re.compile(r"^[a-z]{2}(-[A-Za-z]{2,4})?$")

# What is wrong with a board and its options (sources.toml keys or spider arguments), as the
# message that names it and the fix; None when nothing is.
BoardCheck = Callable[[str, Mapping[str, Any]], str | None]


def _any_board(board: str, options: Mapping[str, Any]) -> str | None:
    return None


def whole_number(value: Any) -> int | None:
    """`value` as an int when it is a whole number (10, "10", 10.0), else None."""
    try:
        number = int(value)
        return number if float(value) == number else None
    except (TypeError, ValueError, OverflowError):
        return None


def is_http_url(value: Any) -> bool:
    """Whether `value` is an absolute http(s) URL with a host: what a board URL or an API host is."""
    if not isinstance(value, str):
        return False
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def _month_or_latest(board: str, options: Mapping[str, Any]) -> str | None:
    if board == LATEST or MONTH.match(board):
        return None
    return f"board {board!r} is not a month (YYYY-MM, e.g. 2024-01) or {LATEST!r}"


def _site_url(board: str, options: Mapping[str, Any]) -> str | None:
    if not is_http_url(board):
        return (f"board {board!r} is not an http(s) URL; give the careers page or sitemap, "
                "e.g. https://example.com/careers")
    for name, least in (("max_pages", 1), ("max_depth", 0)):
        value = options.get(name, least)
        if (number := whole_number(value)) is None or number < least:
            return f"{name} must be a whole number ≥ {least}, not {value!r}"
    return None


def _page_size_problem(options: Mapping[str, Any], largest: int) -> str | None:
    value = options.get("page_size", largest)
    if (number := whole_number(value)) is None or not 1 <= number <= largest:
        return f"page_size must be a whole number from 1 to {largest}, not {value!r}"
    return None


def _page_size(board: str, options: Mapping[str, Any]) -> str | None:
    return _page_size_problem(options, MAX_PAGE_SIZE)


def workday_site(board: str, tenant: str | None = None) -> tuple[str, str]:
    """(tenant, site) of a Workday careers URL: https://<tenant>.wd5.myworkdayjobs.com[/<locale>]/<site>,
    or its API URL …/wday/cxs/<tenant>/<site>/jobs. A `tenant` given (for a careers site on a
    host that does not name it) wins. Raises ValueError naming what cannot be told."""
    parts = urlsplit(board)
    segments = [segment for segment in parts.path.split("/") if segment]
    if segments[:2] == ["wday", "cxs"] and len(segments) >= 4:
        return tenant or segments[2], segments[3]
    while len(segments) > 1 and _WORKDAY_LOCALE.match(segments[0]):
        segments.pop(0)
    if not segments:
        raise ValueError(f"board {board!r} names no careers site: give its URL with the site's "
                         "path, e.g. https://acme.wd5.myworkdayjobs.com/External")
    host = (parts.hostname or "").lower()
    if not tenant and host.endswith((".myworkdayjobs.com", ".myworkdaysite.com")):
        tenant = host.split(".")[0]
    if not tenant:
        raise ValueError(f"the Workday tenant of {board!r} cannot be told from its host; "
                         'add tenant = "<tenant>" to the board (the name in /wday/cxs/<tenant>/)')
    return tenant, segments[0]


def _workday_board(board: str, options: Mapping[str, Any]) -> str | None:
    if not is_http_url(board):
        return (f"board {board!r} is not an http(s) URL; give the careers site, "
                "e.g. https://acme.wd5.myworkdayjobs.com/External")
    tenant = options.get("tenant")
    if tenant is not None and (not isinstance(tenant, str) or not re.fullmatch(r"[\w.-]+", tenant)):
        return f"tenant must be a Workday tenant name (letters, digits, '_', '.', '-'), not {tenant!r}"
    try:
        workday_site(board, tenant)
    except ValueError as error:
        return str(error)
    return _page_size_problem(options, WORKDAY_MAX_PAGE_SIZE)


@dataclass(frozen=True)
class Source:
    name: str
    spider: str  # "module:Class" of its Scrapy spider
    board_key: str  # the key naming a board in sources.toml
    board_help: str
    default_base_url: str  # the public API host ("{board}" where the host names the board)
    # extra keys a board may carry in sources.toml, with their types (e.g. {"language": str})
    board_options: Mapping[str, type] = field(default_factory=lambda: MappingProxyType({}))
    # how the past can be crawled: None (only today), or "month" (boards are months; backfills
    # crawl past months, see flows/periods.py)
    history: str | None = None
    # checked as sources.toml loads (every mistake of a file reported at once) and again by the
    # spider, for boards and options given as spider arguments
    check_board: BoardCheck = _any_board

    def spider_class(self) -> Any:
        """The Scrapy spider (importing Scrapy)."""
        module, name = self.spider.split(":")
        return getattr(importlib.import_module(module), name)


SOURCES: Mapping[str, Source] = MappingProxyType({source.name: source for source in sorted((
    Source("ashby", "spiders.ashby:AshbySpider", "name",
           "the job-board name, as in jobs.ashbyhq.com/<name>", "https://api.ashbyhq.com"),
    Source("greenhouse", "spiders.greenhouse:GreenhouseSpider", "token",
           "the board token, as in boards.greenhouse.io/<token>", "https://boards-api.greenhouse.io"),
    Source("hackernews", "spiders.hackernews:HackerNewsSpider", "month",
           'a month, "YYYY-MM" (threads go back to 2011-04), or "latest" for the newest thread',
           "https://hn.algolia.com", history="month", check_board=_month_or_latest),
    Source("jsonld", "spiders.jsonld:JsonLdSpider", "url",
           "a careers page or sitemap URL, as in https://example.com/careers",
           "",  # every board URL names its own site
           board_options=MappingProxyType({"max_pages": int, "max_depth": int}), check_board=_site_url),
    Source("lever", "spiders.lever:LeverSpider", "site",
           "the site name, as in jobs.lever.co/<site>", "https://api.lever.co"),
    Source("personio", "spiders.personio:PersonioSpider", "account",
           "the account name, as in <account>.jobs.personio.de", "https://{board}.jobs.personio.de",
           board_options=MappingProxyType({"language": str})),
    Source("recruitee", "spiders.recruitee:RecruiteeSpider", "subdomain",
           "the careers subdomain, as in <subdomain>.recruitee.com", "https://{board}.recruitee.com"),
    Source("smartrecruiters", "spiders.smartrecruiters:SmartRecruitersSpider", "identifier",
           "the company identifier, as in jobs.smartrecruiters.com/<identifier>",
           "https://api.smartrecruiters.com", board_options=MappingProxyType({"page_size": int}),
           check_board=_page_size),
    Source("workable", "spiders.workable:WorkableSpider", "account",
           "the account name, as in apply.workable.com/<account>", "https://apply.workable.com"),
    Source("workday", "spiders.workday:WorkdaySpider", "url",
           "the careers site URL, as in https://<tenant>.wd5.myworkdayjobs.com/<site>",
           "",  # every board URL names its own host
           board_options=MappingProxyType({"tenant": str, "page_size": int}), check_board=_workday_board),
), key=lambda source: source.name)})
