"""spiders/personio.py: the account's own host, the `language` option, XML that does not parse."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from jobradar.cli import main
from jobradar.config import load_sources
from spiders.personio import PersonioSpider
from spiders.runner import CrawlResult, run_crawl
from spiders.settings import crawl_settings


def crawl(server: str, tmp_path: Path, boards: list[str], **options: Any,
          ) -> tuple[CrawlResult, list[dict[str, Any]], list[dict[str, Any]]]:
    """Crawl `boards` against the fixture server: outcome, archived and quarantined records."""
    settings = crawl_settings(
        user_agent="jobradar-test/0.1", download_delay=0, concurrent_per_host=4,
        download_timeout=10, retry_times=0, autothrottle=False, max_response_bytes=10_000_000,
        archive_dir=str(tmp_path), run_date="2026-01-15", run_id="test", stats_path="",
    )
    result = run_crawl("personio", boards, settings, base_url=f"{server}/personio/{{board}}",
                       timeout=60, options=options)
    return (result, _read(tmp_path / "raw" / "source=personio" / "dt=2026-01-15" / "test.jsonl.gz"),
            _read(tmp_path / "quarantine" / "dt=2026-01-15" / "responses-personio-test.jsonl.gz"))


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_the_accounts_own_host_is_asked_for_its_english_feed() -> None:
    spider = PersonioSpider(boards="acme,globex")

    assert [r.url for board in spider.boards for r in spider.start_requests_for(board)] == [
        "https://acme.jobs.personio.de/xml?language=en", "https://globex.jobs.personio.de/xml?language=en",
    ]


def test_the_language_comes_from_the_board_or_the_spider_argument() -> None:
    spider = PersonioSpider(boards="acme,globex", base_url="http://127.0.0.1:8765/personio/{board}",
                            board_settings={"acme": {"language": "de"}}, language="fr")

    assert spider.board_url("acme") == "http://127.0.0.1:8765/personio/acme/xml?language=de"
    assert spider.board_url("globex") == "http://127.0.0.1:8765/personio/globex/xml?language=fr"


def test_sources_toml_takes_an_account_and_a_language(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[personio.boards]]\naccount = "acme"\ncompany = "Acme Werkzeuge"\nlanguage = "de"\n')
    [source] = load_sources(path).sources

    assert [(b.board, b.company) for b in source.boards] == [("acme", "Acme Werkzeuge")]
    assert source.board_settings() == {"acme": {"language": "de"}}


def test_the_feed_in_another_language(fixture_server: tuple[str, list[str]], tmp_path: Path) -> None:
    server, seen = fixture_server
    result, records, _ = crawl(server, tmp_path, ["acme"], language="de")

    assert result.boards["acme"] == {"status": "ok", "responses": 1, "postings": 1, "error": None}
    assert [record["url"] for record in records] == [f"{server}/personio/acme/xml?language=de"]
    assert "/personio/acme/xml?language=de" in seen


def test_xml_that_does_not_parse_fails_the_board_and_is_kept(
    fixture_server: tuple[str, list[str]], tmp_path: Path,
) -> None:
    server, _ = fixture_server
    result, records, quarantined = crawl(server, tmp_path, ["broken"])

    assert result.boards["broken"]["status"] == "failed"
    assert result.boards["broken"]["error"].startswith(
        f"response from {server}/personio/broken/xml?language=en is not xml: ")
    assert records == []
    [kept] = quarantined
    assert kept["error"].startswith("not xml: ")
    assert kept["body_text"].startswith('<?xml version="1.0" encoding="UTF-8"?>\n<workzag-jobs>')


def test_cli_crawl_prints_the_positions_with_personio_links(
    fixture_server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in {"JOBRADAR_DOWNLOAD_DELAY": "0", "JOBRADAR_AUTOTHROTTLE": "false",
                        "JOBRADAR_RETRY_TIMES": "0"}.items():
        monkeypatch.setenv(name, value)
    server, _ = fixture_server
    target = tmp_path / "acme.jsonl"

    code = main(["crawl", "personio", "acme", "--base-url", f"{server}/personio/{{board}}",
                 "-o", str(target)])

    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 0
    assert [row["source_id"] for row in rows] == ["1204501", "1204502", "1204503", "1204504", "1204505"]
    first = rows[0]
    assert (first["source"], first["board"], first["company"]) == ("personio", "acme", "Acme Werkzeuge GmbH")
    assert first["url"] == "https://acme.jobs.personio.de/job/1204501?language=en"
    assert (first["salary_min"], first["salary_currency"], first["posted_at"]) == (
        75000.0, "EUR", "2026-01-05 08:30:00+00:00")
    assert "jobradar: personio/acme: 5 postings" in capsys.readouterr().err
