"""spiders/smartrecruiters.py: listing pages by limit/offset, a detail per posting, `page_size`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import Request, TextResponse

from jobradar.cli import main
from jobradar.config import load_sources
from spiders.runner import CrawlResult
from spiders.smartrecruiters import SmartRecruitersSpider
from tests.spiders.crawling import crawl_boards

SCIENTIST, LEAD, WRITER = "744000012340001", "744000012340002", "744000012340003"
LISTING = "/v1/companies/acme/postings"


def crawl(server: str, seen: list[str], tmp_path: Path, **options: Any,
          ) -> tuple[CrawlResult, list[dict[str, Any]], list[str]]:
    """Crawl board "acme" against the fixture server: outcome, archived records, paths requested."""
    return crawl_boards("smartrecruiters", ["acme"], server, seen, tmp_path, options)


def test_pages_through_the_listing_and_fetches_every_detail(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, paths = crawl(server, seen, tmp_path, page_size=2)

    assert result.boards["acme"] == {"status": "ok", "responses": 5, "postings": 3, "error": None}
    assert sorted(paths) == sorted([
        f"{LISTING}?limit=2&offset=0",
        f"{LISTING}?limit=2&offset=2",
        f"{LISTING}/{SCIENTIST}", f"{LISTING}/{LEAD}", f"{LISTING}/{WRITER}",
    ])
    # page 2 is asked for only after page 1 said totalFound 3 > offset 0 + limit 2
    assert paths.index(f"{LISTING}?limit=2&offset=2") > paths.index(f"{LISTING}?limit=2&offset=0")
    kinds = sorted((record["kind"], record["url"].removeprefix(server)) for record in records)
    assert kinds == [
        ("board", f"{LISTING}?limit=2&offset=0"),
        ("board", f"{LISTING}?limit=2&offset=2"),
        ("detail", f"{LISTING}/{SCIENTIST}"),
        ("detail", f"{LISTING}/{LEAD}"),
        ("detail", f"{LISTING}/{WRITER}"),
    ]


def test_details_are_fetched_from_the_base_url_not_the_public_ref(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    _, records, _ = crawl(server, seen, tmp_path, page_size=2)
    listed = [posting["ref"] for record in records if record["kind"] == "board"
              for posting in record["body"]["content"]]

    assert listed[0] == f"https://api.smartrecruiters.com/v1/companies/acme/postings/{SCIENTIST}"
    assert all(record["url"].startswith(server) for record in records)


def test_the_default_page_size_is_the_apis_largest(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, _, paths = crawl(server, seen, tmp_path)

    assert result.boards["acme"]["postings"] == 3
    assert [path for path in paths if "?" in path] == [f"{LISTING}?limit=100&offset=0"]


@pytest.mark.parametrize("page_size", ["0", "101", "ten", "2.5"])
def test_a_bad_page_size_fails_the_board_with_the_reason(
    page_size: str, fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, paths = crawl(server, seen, tmp_path, page_size=page_size)

    assert result.failed_boards == {
        "acme": f"page_size must be a whole number from 1 to 100, not '{page_size}'"
    }
    assert records == [] and paths == []


def listing_response(spider: SmartRecruitersSpider, body: dict[str, Any]) -> TextResponse:
    url = spider.page_url("acme", body.get("offset", 0), 2)
    request = Request(url, meta={"jobradar_board": "acme", "jobradar_kind": "board"})
    return TextResponse(url, body=json.dumps(body).encode(), request=request)


def next_urls(body: dict[str, Any]) -> list[str]:
    spider = SmartRecruitersSpider(boards="acme", base_url="http://127.0.0.1:1")
    requests = spider.next_requests(listing_response(spider, body), body, "acme")
    return [request.url.removeprefix("http://127.0.0.1:1") for request in requests]


def posting(posting_id: str) -> dict[str, Any]:
    return {"id": posting_id, "name": "Analyst", "ref": f"https://api.example/{posting_id}"}


def test_the_last_page_asks_for_no_further_page() -> None:
    body = {"offset": 2, "limit": 2, "totalFound": 4, "content": [posting("3"), posting("4")]}

    assert next_urls(body) == [f"{LISTING}/3", f"{LISTING}/4"]


def test_a_page_without_its_counts_or_postings_ends_the_listing() -> None:
    assert next_urls({"offset": 0, "limit": 2, "content": [posting("1")]}) == [f"{LISTING}/1"]
    assert next_urls({"offset": 0, "limit": 2, "totalFound": 9, "content": []}) == []


def test_a_detail_response_is_one_posting_or_not_a_detail() -> None:
    spider = SmartRecruitersSpider(boards="acme")

    assert spider.count_postings({"id": SCIENTIST, "jobAd": {"sections": {}}}, "detail") == 1
    assert spider.count_postings({"id": SCIENTIST, "name": "Data Scientist"}, "detail") is None
    assert spider.count_postings({"offset": 0, "content": []}, "board") == 0
    assert spider.count_postings({"offset": 0, "limit": 2, "totalFound": 3}, "board") is None


def test_sources_toml_takes_the_company_and_a_page_size_per_board(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[smartrecruiters.boards]]\nidentifier = "acme"\npage_size = 10\n'
                    '[[smartrecruiters.boards]]\nidentifier = "globex"\n')
    [source] = load_sources(path).sources
    spider = SmartRecruitersSpider(boards=[b.board for b in source.boards],
                                   board_settings=source.board_settings())

    assert [b.board for b in source.boards] == ["acme", "globex"]
    assert [r.url for r in spider.start_requests_for("acme")] == [
        f"https://api.smartrecruiters.com{LISTING}?limit=10&offset=0"
    ]
    assert [r.url for r in spider.start_requests_for("globex")] == [
        "https://api.smartrecruiters.com/v1/companies/globex/postings?limit=100&offset=0"
    ]


def test_cli_crawl_prints_the_postings_of_every_detail(
    fixture_server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in {"JOBRADAR_DOWNLOAD_DELAY": "0", "JOBRADAR_AUTOTHROTTLE": "false",
                        "JOBRADAR_RETRY_TIMES": "0"}.items():
        monkeypatch.setenv(name, value)
    target = tmp_path / "acme.jsonl"

    code = main(["crawl", "smartrecruiters", "acme", "--base-url", fixture_server[0],
                 "-o", str(target)])

    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 0
    assert sorted(row["source_id"] for row in rows) == [SCIENTIST, LEAD, WRITER]
    assert {(row["source"], row["board"], row["company"]) for row in rows} == {
        ("smartrecruiters", "acme", "Acme Analytics")
    }
    assert "jobradar: smartrecruiters/acme: 3 postings" in capsys.readouterr().err


def test_cli_crawl_takes_board_options_as_sources_toml_does(
    fixture_server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server, seen = fixture_server
    for name, value in {"JOBRADAR_DOWNLOAD_DELAY": "0", "JOBRADAR_AUTOTHROTTLE": "false",
                        "JOBRADAR_RETRY_TIMES": "0"}.items():
        monkeypatch.setenv(name, value)
    target = tmp_path / "acme.jsonl"
    before = len(seen)

    assert main(["crawl", "smartrecruiters", "acme", "--base-url", server, "--option", "page_size=2",
                 "-o", str(target)]) == 0
    assert f"{LISTING}?limit=2&offset=2" in seen[before:]
    assert len(target.read_text().splitlines()) == 3

    for option, message in (("page_size=500", "page_size must be a whole number from 1 to 100, not 500"),
                            ("page_size=two", "page_size must be a whole number"),
                            ("limit=2", "smartrecruiters takes page_size, given as KEY=VALUE")):
        assert main(["crawl", "smartrecruiters", "acme", "--base-url", server, "--option", option]) == 2
        assert message in capsys.readouterr().err
    assert main(["crawl", "smartrecruiters", "acme", "--base-url", "ftp://mirror"]) == 2
    assert "--base-url 'ftp://mirror' is not an http(s) URL" in capsys.readouterr().err
