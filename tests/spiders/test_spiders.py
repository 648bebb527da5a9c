"""Every spider in spiders.SPIDERS runs a real crawl against the local fixture board server."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pytest

from spiders import SPIDERS
from spiders.runner import CrawlResult, run_crawl
from spiders.settings import crawl_settings
from tests import fixture_server

FIXTURES = Path(__file__).parents[1] / "fixtures"
RUN_DATE = "2026-01-15"
RUN_ID = "test-run"
USER_AGENT = "jobradar/0.1 (+https://example.org/jobradar)"
BOARDS = ["acme", "empty", "missing", "malformed"]


def expected(source: str) -> dict[str, Any]:
    """tests/fixtures/<source>/expected.json: postings the spider counts on "acme", and optionally
    a base_url template ("{server}/personio/{board}") for sources whose host names the board, and
    "boards": the board id of each board name, for sources whose board ids are URLs."""
    return json.loads((FIXTURES / source / "expected.json").read_text())


class UserAgentRecordingHandler(fixture_server.FixtureHandler):
    """The fixture server's handler, also noting each request's path and User-Agent."""

    requests: ClassVar[list[tuple[str, str]]] = []

    def record(self, request: str) -> None:
        self.requests.append((request, self.headers.get("User-Agent", "")))
        super().record(request)


@dataclass(frozen=True)
class Crawl:
    source: str
    result: CrawlResult
    archive_dir: Path
    base_url: str
    requests: list[tuple[str, str]]  # (path, User-Agent) of every request this crawl made
    board_names: dict[str, str]  # board id -> board name, where expected.json maps them


@pytest.fixture(scope="module")
def board_server() -> Iterator[tuple[str, list[str]]]:
    """tests/fixture_server.py's server; its handler also records User-Agents."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fixture_server, "FixtureHandler", UserAgentRecordingHandler)
        with fixture_server.serve_fixtures() as served:
            yield served


@pytest.fixture(scope="module", params=sorted(SPIDERS))
def crawl(
    request: pytest.FixtureRequest,
    board_server: tuple[str, list[str]],
    tmp_path_factory: pytest.TempPathFactory,
) -> Crawl:
    """One real crawl per source over a good, an empty, a missing and a malformed board."""
    source = request.param
    base_url, requests_seen = board_server
    archive_dir = tmp_path_factory.mktemp(f"archive-{source}")
    settings = crawl_settings(
        user_agent=USER_AGENT,
        download_delay=0,
        concurrent_per_host=4,
        download_timeout=10,
        retry_times=0,
        autothrottle=False,
        max_response_bytes=10_000_000,
        archive_dir=str(archive_dir),
        run_date=RUN_DATE,
        run_id=RUN_ID,
        stats_path=str(archive_dir / "stats.json"),
    )
    already_seen = len(UserAgentRecordingHandler.requests)
    base = expected(source).get("base_url", "{server}").replace("{server}", base_url)
    board_ids = {name: expected(source).get("boards", {}).get(name, name) for name in BOARDS}
    board_names = {board_id: name for name, board_id in board_ids.items()}
    result = run_crawl(source, list(board_ids.values()), settings, base_url=base, timeout=60,
                       options=expected(source).get("options"))
    result = replace(result, boards={board_names.get(board, board): outcome
                                     for board, outcome in result.boards.items()})
    made = UserAgentRecordingHandler.requests[already_seen:]
    assert [path for path, _ in made] == requests_seen[already_seen:]
    return Crawl(source, result, archive_dir, base_url, made, board_names)


def read_archive(path: Path, board_names: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """The archived records, with each board id given as its board name (see `expected`)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    names = board_names or {}
    return [{**record, "board": names.get(record["board"], record["board"])} for record in records]


def names_board(text: str, name: str, crawl: Crawl) -> bool:
    """Whether a URL (or an error quoting one) has the board's name, or its id, as a path segment
    (a month board such as Hacker News's "2024-01" has no name in its URLs)."""
    board_id = next((board_id for board_id, board_name in crawl.board_names.items() if board_name == name), name)
    return f"/{name}" in text or f"/{board_id}" in text


def served_body(source: str, url: str) -> Any:
    """What the fixture server answered for `url`, decoded as the spider decodes it."""
    parts = urlsplit(url)
    file = None
    for route_source, pattern in fixture_server.ROUTES:
        if route_source == source and (match := pattern.match(parts.path)):
            file = FIXTURES / source / f"{match.group(1)}.json"
    file = file or fixture_server.static_file(parts.path, parts.query)
    assert file is not None, url
    return json.loads(file.read_bytes()) if file.suffix == ".json" else file.read_text()


def test_spider_crawls_boards_archives_responses_and_is_polite(crawl: Crawl) -> None:
    result = crawl.result

    assert result.finish_reason == "finished"
    assert result.boards["acme"]["status"] == "ok", result.log_tail
    assert result.boards["acme"]["postings"] == expected(crawl.source)["acme"]
    assert result.boards["empty"]["status"] == "ok"
    assert result.boards["empty"]["postings"] == 0

    raw = crawl.archive_dir / "raw" / f"source={crawl.source}" / f"dt={RUN_DATE}"
    assert [path.name for path in raw.iterdir()] == [f"{RUN_ID}.jsonl.gz"]
    records = read_archive(raw / f"{RUN_ID}.jsonl.gz", crawl.board_names)
    assert {record["board"] for record in records} == {"acme", "empty"}
    for record in records:
        board = record["board"]
        assert record["body"] == served_body(crawl.source, record["url"])
        assert (record["source"], record["status"]) == (crawl.source, 200)
        assert record["url"].startswith(f"{crawl.base_url}/")
        assert names_board(record["url"], board, crawl)

    paths = [path for path, _ in crawl.requests]
    assert paths[0] == "/robots.txt"
    assert len(paths) >= 1 + len(BOARDS)
    assert all("jobradar" in agent for _, agent in crawl.requests)


def test_missing_and_malformed_boards_fail_with_the_reason(crawl: Crawl) -> None:
    failed = crawl.result.failed_boards

    assert set(failed) == {"missing", "malformed"}
    assert crawl.result.boards["acme"]["status"] == crawl.result.boards["empty"]["status"] == "ok"
    assert failed["missing"].startswith("HTTP 404 from ")
    assert names_board(failed["missing"], "missing", crawl)
    assert f"is not a {crawl.source} board" in failed["malformed"]
    assert names_board(failed["malformed"], "malformed", crawl)

    quarantine = crawl.archive_dir / "quarantine" / f"dt={RUN_DATE}"
    [kept] = read_archive(quarantine / f"responses-{crawl.source}-{RUN_ID}.jsonl.gz", crawl.board_names)
    assert (kept["board"], kept["error"]) == ("malformed", "unexpected response shape")
    assert kept["body"] == served_body(crawl.source, kept["url"])
