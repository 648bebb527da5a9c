"""spiders/workable.py: one widget request per account, with details; `jobradar crawl workable`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobradar.cli import main
from jobradar.config import load_sources
from spiders.workable import WorkableSpider


def test_the_widget_is_asked_for_details() -> None:
    [request] = WorkableSpider(boards="acme").start_requests_for("acme")

    assert request.url == "https://apply.workable.com/api/v1/widget/accounts/acme?details=true"
    assert request.meta["jobradar_kind"] == "board"


def test_sources_toml_names_boards_by_account(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    path.write_text('[[workable.boards]]\naccount = "acme"\ncompany = "Acme Robotics"\n')
    [source] = load_sources(path).sources

    assert [(b.board, b.company) for b in source.boards] == [("acme", "Acme Robotics")]


def test_cli_crawl_prints_normalised_postings(
    fixture_server: tuple[str, list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name, value in {"JOBRADAR_DOWNLOAD_DELAY": "0", "JOBRADAR_AUTOTHROTTLE": "false",
                        "JOBRADAR_RETRY_TIMES": "0"}.items():
        monkeypatch.setenv(name, value)
    server, seen = fixture_server
    before = len(seen)
    target = tmp_path / "acme.jsonl"

    code = main(["crawl", "workable", "acme", "--base-url", server, "-o", str(target)])

    rows = [json.loads(line) for line in target.read_text().splitlines()]
    assert code == 0
    assert "/api/v1/widget/accounts/acme?details=true" in seen[before:]
    assert [row["source_id"] for row in rows] == ["A1B2C3D4E5", "F6G7H8J9K0", "L1M2N3P4Q5",
                                                  "R6S7T8V9W0"]
    first = rows[0]
    assert (first["source"], first["board"], first["company"]) == ("workable", "acme", "Acme Robotics")
    assert (first["title"], first["country"], first["salary_currency"]) == (
        "Machine Learning Engineer", "GR", "EUR")
    assert "jobradar: workable/acme: 4 postings" in capsys.readouterr().err


def test_cli_crawl_of_an_unknown_account_fails_clearly(
    fixture_server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("JOBRADAR_RETRY_TIMES", "0")

    assert main(["crawl", "workable", "missing", "--base-url", fixture_server[0]]) == 1
    assert "FAILED: HTTP 404 from " in capsys.readouterr().err
