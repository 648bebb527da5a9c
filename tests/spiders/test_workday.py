"""spiders/workday.py: POSTed job searches by limit/offset, a detail per posting, the first page's
total, boards named by their careers URL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import TextResponse

from jobradar.cli import main
from jobradar.config import load_sources
from spiders.runner import CrawlResult
from spiders.workday import WorkdaySpider
from tests.spiders.crawling import crawl_boards

BOARD = "https://globex.wd1.myworkdayjobs.com/en-US/Careers"
API = "/wday/cxs/globex/Careers"
ENGINEER = f"{API}/job/USA-TX-Austin/Senior-Machine-Learning-Engineer--Routing_R1042"
SPECIALIST = f"{API}/job/DEU-Hamburg/Accounts-Payable-Specialist_R1043"
ANALYST = f"{API}/job/GBR-Manchester/Warehouse-Data-Analyst_R1044"
QUIET = {"JOBRADAR_DOWNLOAD_DELAY": "0", "JOBRADAR_AUTOTHROTTLE": "false", "JOBRADAR_RETRY_TIMES": "0"}


def crawl(server: str, seen: list[str], tmp_path: Path, board: str = BOARD, **options: Any,
          ) -> tuple[CrawlResult, list[dict[str, Any]], list[str]]:
    """Crawl `board` against the fixture server: outcome, archived records, requests made."""
    return crawl_boards("workday", [board], server, seen, tmp_path, options)


def test_pages_through_the_search_by_post_and_fetches_every_detail(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, requests = crawl(server, seen, tmp_path, page_size=2)

    assert result.boards[BOARD] == {"status": "ok", "responses": 5, "postings": 3, "error": None}
    assert sorted(requests) == sorted([
        f"POST {API}/jobs?limit=2&offset=0", f"POST {API}/jobs?limit=2&offset=2",
        ENGINEER, SPECIALIST, ANALYST,
    ])
    # page 2 is asked for only after page 1 said 3 postings in all; page 2 itself says total 0
    assert requests.index(f"POST {API}/jobs?limit=2&offset=2") > requests.index(f"POST {API}/jobs?limit=2&offset=0")
    assert sorted((r["kind"], r["url"].removeprefix(server)) for r in records) == sorted([
        ("board", f"{API}/jobs"), ("board", f"{API}/jobs"),
        ("detail", SPECIALIST), ("detail", ENGINEER), ("detail", ANALYST),
    ])


def test_the_default_page_size_is_the_apis_largest(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, _, requests = crawl(server, seen, tmp_path)

    assert result.boards[BOARD]["postings"] == 3
    assert [r for r in requests if r.startswith("POST")] == [f"POST {API}/jobs?limit=20&offset=0"]


def test_a_tenant_option_serves_a_careers_host_that_does_not_name_it(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    board = "https://careers.globex.example/Careers"
    result, _, requests = crawl(server, seen, tmp_path, board=board, tenant="globex")

    assert result.boards[board]["postings"] == 3
    assert f"POST {API}/jobs?limit=20&offset=0" in requests


@pytest.mark.parametrize(("board", "options", "message"), [
    ("https://careers.globex.example/Careers", {},
     "the Workday tenant of 'https://careers.globex.example/Careers' cannot be told from its host"),
    ("https://globex.wd1.myworkdayjobs.com/", {}, "names no careers site"),
    ("globex", {}, "board 'globex' is not an http(s) URL"),
    (BOARD, {"page_size": "50"}, "page_size must be a whole number from 1 to 20, not '50'"),
])
def test_a_board_it_cannot_ask_fails_with_the_reason_before_any_request(
    board: str, options: dict[str, str], message: str,
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, requests = crawl(server, seen, tmp_path, board=board, **options)

    assert message in result.failed_boards[board]
    assert records == [] and requests == []


def search_response(spider: WorkdaySpider, body: dict[str, Any], offset: int, total: int | None,
                    ) -> TextResponse:
    request = spider.page_request(BOARD, offset, 2, total)
    return TextResponse(request.url, body=json.dumps(body).encode(), request=request)


def next_requests(body: dict[str, Any], offset: int = 0, total: int | None = None) -> list[str]:
    spider = WorkdaySpider(boards=[BOARD], base_url="http://127.0.0.1:1")
    response = search_response(spider, body, offset, total)
    return [f"{r.method} {r.url.removeprefix('http://127.0.0.1:1')}"
            + (f" offset={json.loads(r.body)['offset']}" if r.method == "POST" else "")
            for r in spider.next_requests(response, body, BOARD)]


def summary(path: str) -> dict[str, Any]:
    return {"title": "Analyst", "externalPath": path, "postedOn": "Posted Today"}


def test_later_pages_go_by_the_first_pages_total() -> None:
    first = {"total": 5, "jobPostings": [summary("/job/a_1"), summary("/job/b_2")]}
    later = {"total": 0, "jobPostings": [summary("/job/c_3"), summary("/job/d_4")]}
    last = {"total": 0, "jobPostings": [summary("/job/e_5")]}

    assert next_requests(first) == [f"GET {API}/job/a_1", f"GET {API}/job/b_2", f"POST {API}/jobs offset=2"]
    assert next_requests(later, offset=2, total=5) == [
        f"GET {API}/job/c_3", f"GET {API}/job/d_4", f"POST {API}/jobs offset=4"]
    assert next_requests(last, offset=4, total=5) == [f"GET {API}/job/e_5"]


def test_an_empty_page_or_an_unusable_path_asks_for_nothing_more() -> None:
    assert next_requests({"total": 9, "jobPostings": []}) == []
    assert next_requests({"total": 1, "jobPostings": [
        summary("job/no-slash"), summary("/job/../../other/jobs"), {"title": "no path"}, "text"]}) == []


def test_a_detail_response_is_one_posting_or_not_a_detail() -> None:
    spider = WorkdaySpider(boards=[BOARD])

    assert spider.count_postings({"jobPostingInfo": {"id": "5f1a", "title": "Analyst"}}, "detail") == 1
    assert spider.count_postings({"jobPostingInfo": {"title": "Analyst"}}, "detail") is None
    assert spider.count_postings({"errorCode": "HTTP_404"}, "detail") is None
    assert spider.count_postings({"total": 0, "jobPostings": []}, "board") == 0
    assert spider.count_postings({"total": 3}, "board") is None


def test_the_search_is_a_json_post_to_the_sites_own_host() -> None:
    spider = WorkdaySpider(boards=[BOARD])
    [request] = spider.start_requests_for(BOARD)

    assert (request.method, request.url) == ("POST", f"https://globex.wd1.myworkdayjobs.com{API}/jobs")
    assert json.loads(request.body) == {"appliedFacets": {}, "limit": 20, "offset": 0, "searchText": ""}
    assert request.headers["Content-Type"] == b"application/json"


def test_sources_toml_takes_careers_urls_with_tenant_and_page_size(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text(f'[[workday.boards]]\nurl = "{BOARD}"\npage_size = 5\ncompany = "Globex"\n'
                    '[[workday.boards]]\nurl = "https://jobs.initech.example/en-US/External"\n'
                    'tenant = "initech"\n')
    [source] = load_sources(path).sources
    spider = WorkdaySpider(boards=[b.board for b in source.boards], board_settings=source.board_settings())

    assert [json.loads(r.body)["limit"] for r in spider.start_requests_for(BOARD)] == [5]
    assert [r.url for r in spider.start_requests_for("https://jobs.initech.example/en-US/External")] == [
        "https://jobs.initech.example/wday/cxs/initech/External/jobs"]


def test_sources_toml_reports_a_board_it_cannot_ask_with_file_and_fix(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[workday.boards]]\nurl = "https://jobs.initech.example/External"\n')

    assert main(["run", "--sources", str(path), "--data-dir", str(tmp_path / "data")]) == 2
    error = capsys.readouterr().err
    assert str(path) in error and "[[workday.boards]]" in error
    assert 'add tenant = "<tenant>" to the board' in error


def test_cli_crawl_prints_the_postings_of_every_detail(
    fixture_server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in QUIET.items():
        monkeypatch.setenv(name, value)
    target = tmp_path / "globex.jsonl"

    code = main(["crawl", "workday", BOARD, "--base-url", fixture_server[0], "--option", "page_size=2",
                 "-o", str(target)])

    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 0
    assert sorted(row["title"] for row in rows) == [
        "Accounts Payable Specialist (Teilzeit)", "Senior Machine Learning Engineer, Routing",
        "Warehouse Data Analyst"]
    assert {(row["source"], row["board"], row["company"]) for row in rows} == {
        ("workday", BOARD, "Globex Logistics")}
    assert f"jobradar: workday/{BOARD}: 3 postings" in capsys.readouterr().err
