"""spiders/jsonld.py: a careers site crawled from its careers page or its sitemap, same site only."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse, Request, Response

from jobradar.cli import main
from spiders.jsonld import JsonLdSpider, looks_like_a_job_link, page_shape
from spiders.runner import CrawlResult
from tests.spiders.crawling import crawl_boards

CAREERS = "https://www.acme.example/acme/careers"
SITEMAP = "https://www.acme.example/acme/sitemap.xml"
SITE = "/jsonld-site/acme"
JOB_PAGES = {f"{SITE}/jobs/{name}" for name in (
    "machine-learning-engineer", "data-platform-engineer", "support-specialist", "ai-product-designer",
    "anvil-tester")}


def crawl(server: str, seen: list[str], tmp_path: Path, board: str, **options: Any,
          ) -> tuple[CrawlResult, list[dict[str, Any]], list[str]]:
    """Crawl one board from the fixture site: outcome, archived records, paths requested."""
    return crawl_boards("jsonld", [board], f"{server}/jsonld-site", seen, tmp_path, options)


def test_from_the_careers_page_only_same_site_job_links_are_followed(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, paths = crawl(server, seen, tmp_path, CAREERS)

    assert result.boards[CAREERS] == {"status": "ok", "responses": 7, "postings": 5, "error": None}
    # not the LinkedIn or Lever links, the PDF, "About", nor the job pages' "similar roles"
    assert sorted(paths) == sorted([f"{SITE}/careers", f"{SITE}/careers?page=2", *JOB_PAGES])
    kinds = {record["url"].removeprefix(server): record["kind"] for record in records}
    assert kinds == {f"{SITE}/careers": "index", f"{SITE}/careers?page=2": "page",
                     **{page: "page" for page in JOB_PAGES}}
    assert {record["board"] for record in records} == {CAREERS}


def test_from_the_sitemap_index_its_sitemaps_then_their_job_pages(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, paths = crawl(server, seen, tmp_path, SITEMAP)

    assert result.boards[SITEMAP] == {"status": "ok", "responses": 8, "postings": 5, "error": None}
    sitemaps = [f"{SITE}/sitemap.xml", f"{SITE}/sitemap-pages.xml", f"{SITE}/sitemap-jobs.xml"]
    assert sorted(paths) == sorted([*sitemaps, *JOB_PAGES])  # not the CDN's sitemap nor "About"
    assert {record["url"].removeprefix(server) for record in records if record["kind"] == "index"} == set(sitemaps)


def test_max_depth_stops_following_listing_pages(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, _, paths = crawl(server, seen, tmp_path, CAREERS, max_depth=1)

    assert result.boards[CAREERS]["status"] == "ok"
    assert result.boards[CAREERS]["postings"] == 3
    assert f"{SITE}/careers?page=2" in paths
    assert f"{SITE}/jobs/ai-product-designer" not in paths


def test_max_pages_caps_the_requests_of_a_board(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, _, paths = crawl(server, seen, tmp_path, CAREERS, max_pages=3)

    assert result.boards[CAREERS]["status"] == "ok"
    assert len(paths) == 3
    assert "stopped following links at max_pages=3" in result.log_tail


@pytest.mark.parametrize(("board", "options", "error"), [
    ("acme.example/careers", {}, "board 'acme.example/careers' is not an http(s) URL; give the careers page"),
    (CAREERS, {"max_pages": 0}, "max_pages must be a whole number ≥ 1, not 0"),
    (CAREERS, {"max_depth": "deep"}, "max_depth must be a whole number ≥ 0, not 'deep'"),
])
def test_a_board_that_cannot_be_crawled_says_why(board: str, options: dict[str, Any], error: str) -> None:
    spider = JsonLdSpider(boards=[board], **options)

    assert asyncio.run(_first_requests(spider)) == []  # checked as sources.toml is (spiders/catalog.py)
    assert spider.board_results[board]["status"] == "failed"
    assert spider.board_results[board]["error"].startswith(error)


async def _first_requests(spider: JsonLdSpider) -> list[Any]:
    return [request async for request in spider.start()]


def test_the_board_url_is_fetched_itself_or_its_path_from_the_base_url() -> None:
    assert JsonLdSpider(boards=[CAREERS]).board_url(CAREERS) == CAREERS
    mirrored = JsonLdSpider(boards=[CAREERS], base_url="http://127.0.0.1:8765/mirror/")
    assert mirrored.board_url(CAREERS) == "http://127.0.0.1:8765/mirror/acme/careers"
    assert mirrored.fetch_url("https://www.acme.example/acme/careers?page=2#top") == (
        "http://127.0.0.1:8765/mirror/acme/careers?page=2")


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.acme.example/careers/ml-engineer", True),
    ("https://www.acme.example/en/jobs?team=data", True),
    ("https://www.acme.example/karriere/stellenangebote/123", True),
    ("https://www.acme.example/about", False),
    ("https://www.acme.example/careers/benefits.pdf", False),
    ("mailto:jobs@acme.example", False),
])
def test_job_links(url: str, expected: bool) -> None:
    assert looks_like_a_job_link(url) is expected


@pytest.mark.parametrize(("text", "shape"), [
    ("<!DOCTYPE html><html><body>Careers</body></html>", "html"),
    ('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>', "sitemap"),
    ('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>', None),
    ('{"jobs": []}', None),
])
def test_page_shapes(text: str, shape: str | None) -> None:
    assert page_shape(text) == shape


def test_cli_crawl_prints_the_open_postings_of_a_careers_site(
    fixture_server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in {"JOBRADAR_DOWNLOAD_DELAY": "0", "JOBRADAR_AUTOTHROTTLE": "false",
                        "JOBRADAR_RETRY_TIMES": "0"}.items():
        monkeypatch.setenv(name, value)
    server, _ = fixture_server
    target = tmp_path / "acme.jsonl"

    code = main(["crawl", "jsonld", CAREERS, "--base-url", f"{server}/jsonld-site", "-o", str(target)])

    rows = {row["source_id"]: row for row in map(json.loads, target.read_text().splitlines())}
    assert code == 0
    # fetched today: past the validThrough of ML-0042 (2026-02-28) and of QA-0007 (2024-12-31)
    assert sorted(rows) == ["4471", "DPE-2026-07", "SUP-118"]
    support = rows["SUP-118"]
    assert (support["source"], support["board"], support["company"]) == (
        "jsonld", CAREERS, "Acme Anvils Canada Ltd.")
    assert support["url"] == f"{server}{SITE}/jobs/support-specialist"  # the page as fetched
    assert (support["salary_min"], support["salary_currency"], support["city"]) == (24.0, "CAD", "Toronto")
    assert f"jobradar: jsonld/{CAREERS}: 3 postings" in capsys.readouterr().err


def test_a_board_url_that_redirects_moves_the_site_to_where_it_led() -> None:
    board = "https://acme.example/careers"
    spider = JsonLdSpider(boards=[board])
    [request] = spider.start_requests_for(board)
    body = (b'<html><body><a href="/jobs/1">Welder</a><a href="https://acme.example/jobs/2">Smith</a>'
            b'<a href="https://elsewhere.example/jobs/3">Elsewhere</a></body></html>')
    response = HtmlResponse("https://careers.acme.example/open-roles", body=body, request=request)

    followed = [r.url for r in spider.next_requests(response, response.text, board)]

    assert followed == ["https://careers.acme.example/jobs/1", "https://acme.example/jobs/2"]


def test_only_the_boards_own_url_must_be_a_careers_page_or_sitemap() -> None:
    spider = JsonLdSpider(boards=[CAREERS])

    assert spider.count_postings('{"jobs": []}', "index") is None
    assert spider.count_postings('{"jobs": []}', "page") == 0  # a followed link: kept, holds nothing
    image = {"body": b"\x89PNG\r\n", "headers": {"Content-Type": "image/png"}}
    linked = Response(f"{CAREERS}/team.png", request=Request(f"{CAREERS}/team.png",
                                                              meta={"jobradar_kind": "page"}), **image)
    assert spider.decode(linked) == ""
    board = Response(CAREERS, request=Request(CAREERS, meta={"jobradar_kind": "index"}), **image)
    with pytest.raises(ValueError, match="a image/png response, not text"):
        spider.decode(board)
