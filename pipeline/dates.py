"""Dates from every source as timezone-aware UTC datetimes (ISO, epoch ms, Recruitee, "3 days ago")."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

_RELATIVE = re.compile(
    r"(?:posted\s+)?(?P<n>\d+|an?|one)\s*\+?\s*(?P<unit>minute|min|hour|hr|day|week|month|year)s?\s+ago",
    re.I,
)
_UNIT_DAYS = {"minute": 1 / 1440, "min": 1 / 1440, "hour": 1 / 24, "hr": 1 / 24, "day": 1,
              "week": 7, "month": 30, "year": 365}


def parse_datetime(value: object, fetched_at: datetime | None = None) -> datetime | None:
    """Parse any date form a source uses; None when it cannot be known.

    Numbers are epoch seconds or milliseconds; naive times are taken as UTC; relative phrases
    ("Posted 3 days ago", "today", "yesterday") count back from `fetched_at`.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, int | float):
        return _from_epoch(float(value))
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"\d{9,13}(\.\d+)?", text):
        return _from_epoch(float(text))
    parsed = _from_iso(text)
    if parsed is not None:
        return parsed
    if fetched_at is not None:
        return _from_relative(text, fetched_at)
    return None


def _from_epoch(number: float) -> datetime | None:
    seconds = number / 1000 if number > 1e11 else number
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _from_iso(text: str) -> datetime | None:
    candidate = text.replace("Z", "+00:00").replace("z", "+00:00")
    # "2025-12-05 21:44:46 UTC" (Recruitee) and "… GMT"
    candidate = re.sub(r"\s+(UTC|GMT)$", "+00:00", candidate)
    try:
        parsed = datetime.fromisoformat(candidate)
        return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, OverflowError):  # OverflowError: "0001-01-01T00:00+01:00" is before year 1 in UTC
        return None


def _from_relative(text: str, fetched_at: datetime) -> datetime | None:
    fetched_at = parse_datetime(fetched_at) or fetched_at
    lowered = text.lower()
    if "just now" in lowered or re.search(r"\btoday\b", lowered):
        return fetched_at
    if re.search(r"\byesterday\b", lowered):
        days: float = 1
    elif match := _RELATIVE.search(text):
        count = match.group("n").lower()
        days = (1 if count in {"a", "an", "one"} else int(count)) * _UNIT_DAYS[match.group("unit").lower()]
    else:
        return None
    try:
        return fetched_at - timedelta(days=days)
    except OverflowError:  # before year 1
        return None
