"""Career pages with schema.org JobPosting markup (https://schema.org/JobPosting; Google's guide:
https://developers.google.com/search/docs/appearance/structured-data/job-posting)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

import scrapy
from bs4 import BeautifulSoup
from lxml import etree
from scrapy.http import Response, TextResponse

from spiders.base import BoardSpider

DEFAULT_MAX_PAGES = 200
DEFAULT_MAX_DEPTH = 2
# words in the path or query of job pages and job listings, in the languages careers sites use
JOB_LINK = re.compile(r"job|career|position|vacanc|opening|posting|stellen|karriere|offre|empleo|"
                      r"vacature|emploi|lavoro|praca", re.I)
NOT_A_PAGE = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|zip|png|jpe?g|gif|svg|webp|ico|css|js|json|mp[34]|"
                        r"woff2?|rss|atom)$", re.I)
_SITEMAP = re.compile(r"<(?:\w+:)?(?:urlset|sitemapindex)\b")
_HTML = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
_JOB_POSTING_TYPE = re.compile(r"(^|[/:#])JobPosting$", re.I)
_MICRODATA_JOB_POSTING = re.compile(r"schema\.org/JobPosting/?$", re.I)


class JsonLdSpider(BoardSpider):
    """Job pages of a careers site, found from its careers page or sitemap, each read for JobPosting markup.

    Board id: the careers page or sitemap URL. The board's response and any further sitemaps are
    archived with kind "index"; the pages its same-site job links lead to (offsite links are never
    followed) with kind "page". A page without JobPosting markup (a listing's next page, a team's
    openings) has its own job links followed, up to `max_depth` links from the board. With a base
    URL, each URL's path is fetched from that host instead (e.g. a local mirror of the site).
    Spider arguments / sources.toml options: `max_pages` (per board, the board's own URL included;
    default 200) and `max_depth` (default 2).
    """

    name = "jsonld"
    source = "jsonld"
    board_path = ""
    response_format = "html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages_seen: dict[str, set[str]] = {}
        self.sites: dict[str, set[str]] = {}  # the board's host, and where its URL redirected to
        self.capped: set[str] = set()  # boards that reached max_pages

    def board_url(self, board: str) -> str:
        return self.fetch_url(board)

    def fetch_url(self, url: str) -> str:
        """Where to fetch a site URL: itself, or its path and query on the base URL when one is given."""
        if not self.base_url:
            return url
        parts = urlsplit(url)
        return self.base_url + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def expected_shape(self, kind: str) -> str:
        return f"a {self.source} board (an HTML careers page or a sitemap)"

    def start_requests_for(self, board: str) -> Iterable[scrapy.Request]:
        self.pages_seen[board] = {urldefrag(board)[0]}
        self.sites[board] = {_site(board)}
        return [self.site_request(board, board, kind="index", depth=0)]

    def site_request(self, board: str, url: str, kind: str, depth: int) -> scrapy.Request:
        return self.board_request(board, self.fetch_url(url), kind=kind,
                                  meta={"jsonld_url": url, "jsonld_depth": depth})

    def decode(self, response: Response) -> Any:
        """The text; a followed link that led to a file (an image, say) is kept as an empty page."""
        if isinstance(response, TextResponse):
            return response.text
        if response.meta["jobradar_kind"] == "page":
            return ""
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or "no content type"
        raise ValueError(f"a {content_type} response, not text")

    def count_postings(self, body: Any, kind: str) -> int | None:
        """JobPostings on a job page; 0 on the board's careers page or sitemaps, None when the board's
        URL gives neither. A followed link that led elsewhere than to HTML holds none."""
        shape = page_shape(body)
        if kind == "page":
            return count_job_postings(_soup(body)) if shape == "html" else 0
        return None if shape is None else 0

    def next_requests(self, response: Response, body: Any, board: str) -> Iterable[scrapy.Request]:
        depth = response.meta["jsonld_depth"]
        page_url = response.meta["jsonld_url"] if self.base_url else response.url  # after redirects
        if depth == 0:  # a board URL that redirects (example.com/careers → careers.example.com) moves the site
            self.sites[board].add(_site(page_url))
        if page_shape(body) == "sitemap":
            for url, is_sitemap in sitemap_entries(body):
                if is_sitemap:
                    yield from self._follow(board, url, "index", depth)
                elif looks_like_a_job_link(url):
                    yield from self._follow(board, url, "page", depth + 1)
            return
        max_depth = int(self.option(board, "max_depth", DEFAULT_MAX_DEPTH))
        soup = _soup(body)
        if depth >= max_depth or (response.meta["jobradar_kind"] == "page" and count_job_postings(soup)):
            return
        for url in page_links(soup, page_url):
            if looks_like_a_job_link(url):
                yield from self._follow(board, url, "page", depth + 1)

    def _follow(self, board: str, url: str, kind: str, depth: int) -> Iterator[scrapy.Request]:
        """A request for `url` when it is on the board's site, not yet seen and within `max_pages`."""
        seen = self.pages_seen[board]
        if url in seen or _site(url) not in self.sites[board]:
            return
        max_pages = int(self.option(board, "max_pages", DEFAULT_MAX_PAGES))
        if len(seen) >= max_pages:
            if board not in self.capped:
                self.capped.add(board)
                self.logger.warning("board %s/%s: stopped following links at max_pages=%d",
                                    self.source, board, max_pages)
            return
        seen.add(url)
        yield self.site_request(board, url, kind, depth)


def page_shape(text: Any) -> str | None:
    """"sitemap", "html", or None for anything else (JSON, a feed, plain text)."""
    if not isinstance(text, str):
        return None
    if _SITEMAP.search(text[:4096]) and not _HTML.search(text[:4096]):
        return "sitemap"
    return "html" if _HTML.search(text) else None


def looks_like_a_job_link(url: str) -> bool:
    parts = urlsplit(url)
    return (parts.scheme in {"http", "https"} and not NOT_A_PAGE.search(parts.path)
            and JOB_LINK.search(f"{parts.path}?{parts.query}") is not None)


def page_links(soup: BeautifulSoup, page_url: str) -> list[str]:
    """The page's <a href> targets as absolute URLs without fragments, in page order, once each."""
    base = soup.find("base", href=True)
    base_url = urljoin(page_url, str(base["href"])) if base else page_url
    links = (urldefrag(urljoin(base_url, str(a["href"]).strip()))[0] for a in soup.find_all("a", href=True))
    return list(dict.fromkeys(link for link in links if link))


def sitemap_entries(text: str) -> list[tuple[str, bool]]:
    """(URL, is a sitemap) for each <loc> of a sitemap or sitemap index; [] when it is not XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, encoding="utf-8",
                             recover=True)
    try:
        root = etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    is_index = etree.QName(root).localname == "sitemapindex"
    return [(urldefrag(loc.text.strip())[0], is_index) for loc in root.iter("{*}loc") if loc.text]


def count_job_postings(soup: BeautifulSoup) -> int:
    """JobPostings in a page's JSON-LD, else in its microdata (pages that carry both describe one job)."""
    in_json_ld = sum(_count_in(data) for data in _json_ld(soup))
    return in_json_ld or sum(1 for element in soup.find_all(itemtype=_MICRODATA_JOB_POSTING)
                             if not element.find_parent(itemtype=_MICRODATA_JOB_POSTING))


def _json_ld(soup: BeautifulSoup) -> Iterator[Any]:
    for script in soup.find_all("script", type=_is_json_ld):
        text = (script.string or "").strip()
        text = re.sub(r"^(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>$|^<!--|-->$", "", text).strip()
        try:
            yield json.loads(text, strict=False)
        except ValueError:
            continue


def _is_json_ld(value: str | None) -> bool:
    return bool(value) and value.split(";")[0].strip().lower() == "application/ld+json"


def _count_in(node: Any) -> int:
    if isinstance(node, list):
        return sum(_count_in(item) for item in node)
    if not isinstance(node, dict):
        return 0
    types = node.get("@type")
    if any(_JOB_POSTING_TYPE.search(t) for t in (types if isinstance(types, list) else [types])
           if isinstance(t, str)):
        return 1
    return sum(_count_in(value) for value in node.values())


def _soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "lxml")


def _site(url: str) -> str:
    """A URL's host, without "www.", lower-case: links to the same site share it."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")
