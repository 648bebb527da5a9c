"""flows/periods.py: which sources a crawl backfill can fetch for a past date, and how."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flows import periods
from jobradar.config import Board, SourceConfig, SourcesConfig
from spiders.catalog import SOURCES, Source

DEMO = SourceConfig("lever", (Board("lever", "parley"),), base_url="demo")
REAL = SourceConfig("greenhouse", (Board("greenhouse", "acme"),))


MONTHLY = Source("monthly", "tests:MonthlySpider", "thread", "a month", "https://forum.example", history="month")


@pytest.fixture
def monthly(monkeypatch: pytest.MonkeyPatch) -> SourceConfig:
    monkeypatch.setattr(periods, "SOURCES", {**SOURCES, "monthly": MONTHLY})
    return SourceConfig("monthly", (Board("monthly", "latest", company="Forum"),))


def test_the_demo_boards_have_every_day_and_real_boards_only_today() -> None:
    assert periods.history_of(DEMO) == periods.DAILY
    assert periods.past_view(DEMO, date(2023, 5, 17)) == DEMO
    assert periods.history_of(REAL) is None
    assert periods.past_view(REAL, date(2023, 5, 1)) is None


def test_a_monthly_source_crawls_the_month_as_its_board_filed_under_the_first_day(monthly: SourceConfig) -> None:
    assert periods.history_of(monthly) == periods.MONTHLY
    assert periods.past_view(monthly, date(2024, 3, 2)) is None
    view = periods.past_view(monthly, date(2024, 3, 1))
    assert view is not None and [b.board for b in view.boards] == ["2024-03"]


def test_hacker_news_boards_are_months_so_it_has_monthly_history() -> None:
    if "hackernews" not in periods.SOURCES:
        pytest.skip("no Hacker News spider in this checkout")
    source = SourceConfig("hackernews", (Board("hackernews", "latest"),))
    assert periods.history_of(source) == periods.MONTHLY


def test_past_crawls_list_the_dates_with_something_to_crawl(monthly: SourceConfig) -> None:
    config = SourcesConfig(Path("sources.toml"), (DEMO, REAL, monthly))
    crawls = periods.past_crawls(config, date(2024, 2, 28), date(2024, 3, 2))
    assert [c.run_date for c in crawls] == [date(2024, 2, 28), date(2024, 2, 29), date(2024, 3, 1),
                                            date(2024, 3, 2)]
    assert [s.source for s in crawls[2].sources] == ["lever", "monthly"]
    assert [s.source for s in crawls[3].sources] == ["lever"]
    assert periods.without_history(config) == ["greenhouse"]
    only_monthly = SourcesConfig(Path("sources.toml"), (monthly,))
    assert [c.run_date for c in periods.past_crawls(only_monthly, date(2024, 1, 15), date(2024, 4, 1))] == \
           [date(2024, 2, 1), date(2024, 3, 1), date(2024, 4, 1)]


def test_the_demo_boards_are_crawled_under_the_day_they_show() -> None:
    assert periods.base_url(DEMO, "http://127.0.0.1:9", date(2024, 1, 5)) == \
           "http://127.0.0.1:9/as-of/2024-01-05"
    assert periods.base_url(REAL, None, date(2024, 1, 5)) is None
    with pytest.raises(ValueError, match="no demo server"):
        periods.base_url(DEMO, None, date(2024, 1, 5))
