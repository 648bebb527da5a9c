"""spiders/hackernews.py: a month's "Who is hiring?" thread found by Algolia search, "latest", failures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jobradar.cli import main
from jobradar.config import load_sources
from spiders.hackernews import HackerNewsSpider, hiring_thread, month_bounds, month_name, thread_month
from spiders.runner import CrawlResult
from tests.spiders.crawling import crawl_boards

SEARCH = "/api/v1/search_by_date?tags=story,author_whoishiring&query=%22Who%20is%20hiring%22"
JANUARY_2024 = "numericFilters=created_at_i%3E%3D1704067200,created_at_i%3C1706745600"


def crawl(server: str, seen: list[str], tmp_path: Path, *boards: str,
          ) -> tuple[CrawlResult, list[dict[str, Any]], list[str]]:
    """Crawl `boards` against the fixture server: outcome, archived records, paths requested."""
    return crawl_boards("hackernews", list(boards), f"{server}/hn/{{board}}", seen, tmp_path)


def test_a_month_is_searched_by_its_dates_and_only_its_hiring_thread_is_fetched(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, paths = crawl(server, seen, tmp_path, "2024-01")

    assert result.boards["2024-01"] == {"status": "ok", "responses": 2, "postings": 6, "error": None}
    assert paths == [f"/hn/2024-01{SEARCH}&{JANUARY_2024}", "/hn/2024-01/api/v1/items/39000001"]
    assert [(record["kind"], record["board"]) for record in records] == [("search", "2024-01"), ("thread", "2024-01")]
    assert records[1]["body"]["title"] == "Ask HN: Who is hiring? (January 2024)"


def test_a_sibling_thread_listed_first_is_not_taken_for_the_hiring_thread(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, paths = crawl(server, seen, tmp_path, "2024-02")

    assert records[0]["body"]["hits"][0]["title"] == "Ask HN: Who wants to be hired? (February 2024)"
    assert paths[1:] == ["/hn/2024-02/api/v1/items/39200001"]
    assert result.boards["2024-02"] == {"status": "ok", "responses": 2, "postings": 0, "error": None}


def test_the_thread_is_looked_for_on_the_next_search_page(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, paths = crawl(server, seen, tmp_path, "2023-12")
    december = "numericFilters=created_at_i%3E%3D1701388800,created_at_i%3C1704067200"

    assert paths == [f"/hn/2023-12{SEARCH}&{december}", f"/hn/2023-12{SEARCH}&{december}&page=1",
                     "/hn/2023-12/api/v1/items/38480001"]
    assert [record["kind"] for record in records] == ["search", "search", "thread"]
    assert result.boards["2023-12"]["postings"] == 1


def test_latest_takes_the_newest_thread_and_archives_it_under_its_month(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, paths = crawl(server, seen, tmp_path, "latest")

    assert paths == [f"/hn/latest{SEARCH}", "/hn/latest/api/v1/items/40200001"]
    assert result.boards["latest"] == {"status": "ok", "responses": 2, "postings": 2, "error": None}
    assert [(record["kind"], record["board"]) for record in records] == [("search", "latest"), ("thread", "2024-05")]


def test_a_month_without_a_hiring_thread_fails_with_the_reason(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, _, paths = crawl(server, seen, tmp_path, "2024-06")

    assert len(paths) == 1
    assert result.failed_boards["2024-06"].startswith(
        "no 'Ask HN: Who is hiring? (June 2024)' thread among whoishiring's stories at ")


@pytest.mark.parametrize("board", ["acme", "2024-13", "2024-1", "January 2024"])
def test_a_board_that_is_not_a_month_fails_before_any_request(
    board: str, fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, seen = fixture_server
    result, records, paths = crawl(server, seen, tmp_path, board)

    assert result.failed_boards == {board: f"board {board!r} is not a month (YYYY-MM, e.g. 2024-01) or 'latest'"}
    assert records == [] and paths == []


def test_month_bounds_and_names() -> None:
    assert month_bounds("2023-12") == (1701388800, 1704067200)  # into the next year
    assert month_name("2024-01") == "January 2024"


@pytest.mark.parametrize(("title", "month"), [
    ("Ask HN: Who is hiring? (January 2024)", "2024-01"),
    ("Ask HN: Who is Hiring? (April 2011)", "2011-04"),
    ("Ask HN: Who wants to be hired? (January 2024)", None),
    ("Ask HN: Freelancer? Seeking freelancer? (January 2024)", None),
    ("Ask HN: Who is hiring? (Smarch 2024)", None),
    ("", None),
])
def test_thread_month_reads_only_hiring_thread_titles(title: str, month: str | None) -> None:
    assert thread_month(title) == month


def test_hiring_thread_picks_the_months_thread_or_the_newest() -> None:
    hits = [{"objectID": "3", "title": "Ask HN: Who wants to be hired? (May 2024)", "created_at_i": 30},
            {"objectID": "2", "title": "Ask HN: Who is hiring? (April 2024)", "created_at_i": 10},
            {"objectID": "1", "title": "Ask HN: Who is hiring? (May 2024)", "created_at_i": 20}]

    assert hiring_thread(hits, "2024-04")["objectID"] == "2"
    assert hiring_thread(hits, None)["objectID"] == "1"
    assert hiring_thread(hits, "2024-06") is None


def test_responses_of_the_wrong_shape_are_not_counted() -> None:
    spider = HackerNewsSpider(boards="2024-01")

    assert spider.count_postings({"hits": []}, "search") == 0
    assert spider.count_postings({"message": "busy"}, "search") is None
    assert spider.count_postings({"id": 1, "children": [{"author": "a", "text": "x"},
                                                        {"author": None, "text": None}]}, "thread") == 1
    assert spider.count_postings({"hits": []}, "thread") is None


def test_sources_toml_takes_months_and_latest(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[hackernews.boards]]\nmonth = "latest"\n[[hackernews.boards]]\nmonth = "2024-01"\n')
    [source] = load_sources(path).sources
    spider = HackerNewsSpider(boards=[b.board for b in source.boards])

    assert [r.url for r in spider.start_requests_for("latest")] == [f"https://hn.algolia.com{SEARCH}"]
    assert [r.url for r in spider.start_requests_for("2024-01")] == [
        f"https://hn.algolia.com{SEARCH}&{JANUARY_2024}"]


def test_cli_crawl_prints_one_posting_per_job(
    fixture_server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in {"JOBRADAR_DOWNLOAD_DELAY": "0", "JOBRADAR_AUTOTHROTTLE": "false",
                        "JOBRADAR_RETRY_TIMES": "0"}.items():
        monkeypatch.setenv(name, value)
    target = tmp_path / "2024-01.jsonl"

    code = main(["crawl", "hackernews", "2024-01", "--base-url", f"{fixture_server[0]}/hn/{{board}}",
                 "-o", str(target)])

    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 0
    assert [row["source_id"] for row in rows] == [
        "39000101#1", "39000101#2", "39000102", "39000103#1", "39000103#2",
        "39000104#1", "39000104#2", "39000104#3", "39000107"]
    assert {(row["source"], row["board"]) for row in rows} == {("hackernews", "2024-01")}
    assert rows[0]["title"] == "Quillborne | ML Engineer"
    assert "jobradar: hackernews/2024-01: 9 postings" in capsys.readouterr().err
