"""Real crawls against tests/fault_server.py: each fault fails its own board, with a reason, and
every other board of the same crawl completes; nothing undecodable reaches the raw archive."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS
from spiders.middlewares import RetryBackoffMiddleware, same_site
from spiders.runner import CrawlResult, run_crawl
from spiders.settings import crawl_settings
from tests.fault_server import FAULTS, FaultLog, serve_faults

LIMIT = 3_000_000  # DOWNLOAD_MAXSIZE of the crawls: above the 1 MB "hostile" board
TIMEOUT = 1.0
RETRIES = 2
BACKOFF = 0.3
RUN_DATE = "2026-01-15"
SOURCES = ["greenhouse", "lever", "ashby"]
BOARD_PATHS = {"greenhouse": "/v1/boards/{}/jobs?", "lever": "/v0/postings/{}?",
               "ashby": "/posting-api/job-board/{}?"}
COMPLETES = ["ok", "empty", "rate-limited", "unavailable-burst", "redirect-same-host", "escaped-surrogate",
             "wrong-types", "duplicates", "hostile"]
# board -> words its failure reason must contain
FAILS = {
    "rate-limited-always": ["HTTP 429", "still asked to wait (Retry-After)", f"after {RETRIES} retries"],
    "unavailable": ["HTTP 503", f"after {RETRIES} retries"],
    "reset": ["Connection to the other side was lost", f"after {RETRIES} retries"],
    "slow": [f"took longer than {TIMEOUT} seconds", f"after {RETRIES} retries"],
    "truncated": ["is not json"],
    "html": ["is not json"],
    "invalid-utf8": ["is not json", "'utf-8' codec can't decode byte 0xff"],
    "encoded-surrogate": ["is not json", "'utf-8' codec can't decode byte 0xed"],
    "jobs-not-a-list": ["is not a {source} board"],
    "huge": [f"larger than download max size ({LIMIT})"],
    "huge-unannounced": [f"larger than download max size ({LIMIT})"],
    "gzip-bomb": [f"exceeded DOWNLOAD_MAXSIZE ({LIMIT} B) during decompression"],
    "redirect-elsewhere": ["OffsiteRedirect", "host localhost is not 127.0.0.1's site"],
    "private": ["Forbidden by robots.txt"],
}
QUARANTINED_RESPONSES = ["truncated", "html", "invalid-utf8", "encoded-surrogate", "jobs-not-a-list"]


@dataclass(frozen=True)
class FaultCrawl:
    source: str
    result: CrawlResult
    log: FaultLog
    archive_dir: Path

    def path(self, board: str) -> str:
        return BOARD_PATHS[self.source].format(board)

    def archived(self, folder: str) -> list[dict[str, Any]]:
        return [json.loads(line) for file in sorted((self.archive_dir / folder).rglob("*.jsonl.gz"))
                for line in gzip.open(file, "rt", encoding="utf-8")]


def test_every_fault_of_the_server_is_covered() -> None:
    assert set(FAULTS) == set(COMPLETES + list(FAILS)) - {"ok"}


def test_each_retry_waits_twice_as_long_as_the_one_before_up_to_the_cap() -> None:
    middleware = RetryBackoffMiddleware(base=0.5, cap=3.0)
    assert [middleware.backoff(retries) for retries in range(6)] == [0.0, 0.5, 1.0, 2.0, 3.0, 3.0]


@pytest.mark.parametrize(("origin", "target", "followed"), [
    ("127.0.0.1", "127.0.0.1", True),
    ("acme.example", "careers.acme.example", True),
    ("www.acme.example", "acme.example", True),
    ("127.0.0.1", "localhost", False),
    ("127.0.0.1", "127.0.0.2", False),
    ("careers.acme.example", "acme.example", False),
    ("acme.example", "notacme.example", False),
    ("boards-api.greenhouse.io", "evil.example", False),
])
def test_a_redirect_is_followed_only_within_the_boards_site(origin: str, target: str, followed: bool) -> None:
    assert same_site(origin, target) is followed


@pytest.fixture(scope="module")
def fault_server() -> Iterator[tuple[str, FaultLog]]:
    with serve_faults(limit=LIMIT, slow_seconds=TIMEOUT + 1) as served:
        yield served


@pytest.fixture(scope="module", params=SOURCES)
def crawl(request: pytest.FixtureRequest, fault_server: tuple[str, FaultLog],
          tmp_path_factory: pytest.TempPathFactory) -> FaultCrawl:
    """One crawl per source of every fault board and the good ones, all on the same host."""
    base_url, log = fault_server
    archive_dir = tmp_path_factory.mktemp(f"faults-{request.param}")
    settings = crawl_settings(
        user_agent="jobradar-test", download_delay=0, concurrent_per_host=16,
        download_timeout=TIMEOUT, retry_times=RETRIES, autothrottle=False, max_response_bytes=LIMIT,
        archive_dir=str(archive_dir), run_date=RUN_DATE, run_id="faults", stats_path="",
        retry_backoff=BACKOFF)
    result = run_crawl(request.param, COMPLETES + list(FAILS), settings, base_url=base_url, timeout=60)
    return FaultCrawl(request.param, result, log, archive_dir)


@pytest.mark.parametrize("board", COMPLETES)
def test_other_boards_complete_whatever_their_neighbours_do(crawl: FaultCrawl, board: str) -> None:
    assert crawl.result.boards[board]["status"] == "ok", crawl.result.boards[board]


@pytest.mark.parametrize("board", sorted(FAILS))
def test_a_faulty_board_is_failed_with_the_reason(crawl: FaultCrawl, board: str) -> None:
    reason = crawl.result.failed_boards.get(board, "")
    for words in FAILS[board]:
        assert words.format(source=crawl.source) in reason


def test_retry_after_is_honoured(crawl: FaultCrawl) -> None:
    first, second = crawl.log.times(crawl.path("rate-limited"))
    assert second - first >= 0.95  # Retry-After: 1


def test_retries_back_off_exponentially_then_succeed(crawl: FaultCrawl) -> None:
    first, second, third = crawl.log.times(crawl.path("unavailable-burst"))
    assert second - first >= BACKOFF * 0.9
    assert third - second >= 2 * BACKOFF * 0.9


@pytest.mark.parametrize("board", ["unavailable", "reset", "slow", "rate-limited-always"])
def test_a_failing_board_is_tried_exactly_its_retry_budget(crawl: FaultCrawl, board: str) -> None:
    assert len(crawl.log.times(crawl.path(board))) == 1 + RETRIES


def test_undecodable_responses_are_quarantined_with_the_reason_and_kept_out_of_the_raw_archive(
        crawl: FaultCrawl) -> None:
    quarantined = {item["board"]: item for item in crawl.archived("quarantine")}
    raw_boards = {item["board"] for item in crawl.archived("raw")}

    assert set(quarantined) == set(QUARANTINED_RESPONSES)
    assert not raw_boards & set(QUARANTINED_RESPONSES)
    assert quarantined["html"]["error"].startswith("not json")
    assert "Sign in" in quarantined["html"]["body_text"]  # what the server said, for a person to read
    assert "\ufffd" in quarantined["invalid-utf8"]["body_text"]


def test_a_lone_surrogate_in_valid_json_is_archived_as_received(crawl: FaultCrawl) -> None:
    [item] = [item for item in crawl.archived("raw") if item["board"] == "escaped-surrogate"]
    assert "Engineer \ud800" in json.dumps(item["body"], ensure_ascii=False)


def test_a_redirect_to_another_host_is_not_followed_and_one_on_the_same_host_is(crawl: FaultCrawl) -> None:
    ok_path = crawl.path("ok")
    hosts = [host for path, host, _ in crawl.log.requests if path.startswith(ok_path)]
    assert hosts and all(host.startswith("127.0.0.1:") for host in hosts)  # never localhost
    assert crawl.result.boards["redirect-same-host"]["postings"] == 2


def test_a_path_disallowed_by_robots_txt_is_never_fetched(crawl: FaultCrawl) -> None:
    assert not crawl.log.times(crawl.path("private"))


def test_bad_jobs_of_a_crawled_board_are_quarantined_and_good_ones_kept(crawl: FaultCrawl) -> None:
    results = list(normalise_records(crawl.archived("raw"), PARSERS))
    rows: dict[str, list[dict[str, Any]]] = {}
    reasons: dict[str, list[str]] = {}
    for result in results:
        if isinstance(result, Quarantined):
            reasons.setdefault(result.board, []).append(result.reason)
        else:
            rows.setdefault(result["board"], []).append(result)

    assert "empty" not in rows and "empty" not in reasons
    assert [row["title"] for row in rows["wrong-types"]] == ["Machine Learning Engineer"]
    assert sorted(reasons["wrong-types"]) == ["ValueError: title is not text: 12345",
                                              "job is not an object: 'not a job'"]
    assert [row["title"] for row in rows["duplicates"]] == ["Machine Learning Engineer", "Data Analyst"]
    [duplicate] = reasons["duplicates"]
    assert duplicate.startswith(f"duplicate id '{rows['duplicates'][0]['source_id']}' in board "
                                f"{crawl.source}/duplicates")
    assert [row["title"] for row in rows["escaped-surrogate"]] == ["Engineer"]
    [hostile] = rows["hostile"]
    assert hostile["title"] == "Data Engineer"
    assert hostile["description"].startswith("Build pipelines.\n\nLine two\n\nword word")
    assert hostile["description_truncated"] is True
    assert set(reasons) == {"wrong-types", "duplicates"}
