"""pipeline/dates.py: every source's date forms as timezone-aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from pipeline.dates import parse_datetime

FETCHED_AT = datetime(2026, 1, 15, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-12T09:30:00-05:00", datetime(2026, 1, 12, 14, 30, tzinfo=UTC)),
        ("2026-01-05T17:00:00.000+00:00", datetime(2026, 1, 5, 17, 0, tzinfo=UTC)),
        ("2026-01-11T10:30:00+01:00", datetime(2026, 1, 11, 9, 30, tzinfo=UTC)),
        ("2026-01-05T10:30:00Z", datetime(2026, 1, 5, 10, 30, tzinfo=UTC)),
        ("2026-01-05T10:30:00", datetime(2026, 1, 5, 10, 30, tzinfo=UTC)),
        ("2026-01-05", datetime(2026, 1, 5, tzinfo=UTC)),
        ("2025-12-05 21:44:46 UTC", datetime(2025, 12, 5, 21, 44, 46, tzinfo=UTC)),
        (1767609000000, datetime(2026, 1, 5, 10, 30, tzinfo=UTC)),
        (1767609000, datetime(2026, 1, 5, 10, 30, tzinfo=UTC)),
        ("1767609000000", datetime(2026, 1, 5, 10, 30, tzinfo=UTC)),
        (date(2026, 1, 5), datetime(2026, 1, 5, tzinfo=UTC)),
        (
            datetime(2026, 1, 5, 12, 0, tzinfo=timezone(timedelta(hours=2))),
            datetime(2026, 1, 5, 10, 0, tzinfo=UTC),
        ),
    ],
)
def test_absolute_dates_become_utc(value: object, expected: datetime) -> None:
    parsed = parse_datetime(value)

    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Posted 3 days ago", FETCHED_AT - timedelta(days=3)),
        ("an hour ago", FETCHED_AT - timedelta(hours=1)),
        ("2 weeks ago", FETCHED_AT - timedelta(days=14)),
        ("30+ days ago", FETCHED_AT - timedelta(days=30)),
        ("Posted today", FETCHED_AT),
        ("yesterday", FETCHED_AT - timedelta(days=1)),
    ],
)
def test_relative_dates_count_back_from_the_fetch_time(value: str, expected: datetime) -> None:
    assert parse_datetime(value, FETCHED_AT) == expected


@pytest.mark.parametrize("value", [None, "", "   ", True, "not a date", {"at": 1}, "3 days ago"])
def test_unknowable_dates_are_none(value: object) -> None:
    assert parse_datetime(value) is None
