"""spiders/recruitee.py: the host names the board; `jobradar crawl recruitee` with a `{board}` base URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobradar.cli import main
from jobradar.config import load_sources
from spiders.recruitee import RecruiteeSpider


def test_the_companys_own_host_is_asked_for_its_offers() -> None:
    spider = RecruiteeSpider(boards="acme,globex")

    assert [r.url for board in spider.boards for r in spider.start_requests_for(board)] == [
        "https://acme.recruitee.com/api/offers/", "https://globex.recruitee.com/api/offers/",
    ]


def test_a_base_url_with_board_puts_the_board_in_the_path() -> None:
    spider = RecruiteeSpider(boards="acme", base_url="http://127.0.0.1:8765/recruitee/{board}/")

    assert spider.board_url("acme") == "http://127.0.0.1:8765/recruitee/acme/api/offers/"


def test_sources_toml_names_boards_by_company(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[recruitee.boards]]\nsubdomain = "acme"\ntags = ["mobility"]\n')
    [source] = load_sources(path).sources

    assert [(b.board, b.tags) for b in source.boards] == [("acme", ("mobility",))]


def test_cli_crawl_prints_the_published_offers(
    fixture_server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in {"JOBRADAR_DOWNLOAD_DELAY": "0", "JOBRADAR_AUTOTHROTTLE": "false",
                        "JOBRADAR_RETRY_TIMES": "0"}.items():
        monkeypatch.setenv(name, value)
    server, seen = fixture_server
    before = len(seen)
    target = tmp_path / "acme.jsonl"

    code = main(["crawl", "recruitee", "acme", "--base-url", f"{server}/recruitee/{{board}}",
                 "-o", str(target)])

    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 0
    assert "/recruitee/acme/api/offers/" in seen[before:]  # the trailing slash is served
    assert [row["source_id"] for row in rows] == ["2210001", "2210002", "2210003"]  # no draft, no closed
    first = rows[0]
    assert (first["source"], first["board"], first["company"]) == ("recruitee", "acme", "Acme Mobility")
    assert (first["workplace"], first["salary_min"], first["posted_at"]) == (
        "hybrid", 65000.0, "2025-12-05 21:44:46+00:00")
    assert "jobradar: recruitee/acme: 3 postings" in capsys.readouterr().err
