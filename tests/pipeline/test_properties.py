"""Property-based tests of the normalisers: on any string they never raise, and normalising what
they produced gives the same value again."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pipeline.dates import parse_datetime
from pipeline.geo import COUNTRIES
from pipeline.location import WORKPLACES, normalise_workplace, parse_location, workplace_from_text
from pipeline.salary import PERIODS, Salary, normalise_period, parse_salary_text
from pipeline.text import clean_line_text, html_to_text, tidy_lines

MODEST = settings(max_examples=300, deadline=None)  # the whole file runs in seconds

# any text, lone surrogates and control characters included (a broken JSON escape gives both)
ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=80)


def fragments(*pieces: str) -> st.SearchStrategy[str]:
    """Strings made of pieces that matter to a parser, mixed with arbitrary text."""
    return st.lists(st.sampled_from(pieces) | ANY_TEXT, max_size=12).map("".join)


MARKUP = fragments("<p>", "</p>", "<li>", "</li>", "<ul>", "<br>", "<script>", "</script>", "<b>", "<h2>",
                   "<!-- ", " -->", "<td>", "&amp;", "&lt;", "&gt;", "&nbsp;", "&#x1F600;", "-", "\n", " ", "\r\n",
                   "\t", "a", "<", ">", "&", "<html>", "</html>", "<head>", "<title>", "<body>", "<style>",
                   "<!DOCTYPE html>", "<![CDATA[", "]]>", "<?xml ?>", "\x00", "\ud800")
PAY = fragments("$", "€", "£", "CA$", "USD", "EUR", "INR", "120", "150k", "1,200", "60.000", "28.50", "2.5M",
                " - ", "–", " to ", "per year", "/hr", " a month", "annually", "lakhs", "salary: ", "pay ",
                "in funding", " ", ".", ",")
DATES = fragments("2026-01-15", "T09:30:00", "Z", "+01:00", "-05:00", " UTC", "1767609000000", "1767609000",
                  "posted ", "3", "a", " days ago", " hours ago", "today", "yesterday", "0001-01-01",
                  "9999-12-31", "T23:59:59", " ")
PLACES = fragments("Berlin", "Toronto", "CA", "ON", "Cambridge", "MA", "US", "United States", "Germany",
                   "Remote", "Hybrid", "EMEA", "(", ")", ", ", " - ", "/", "|", ";", "in", "Paris", "TX", "DE")
COUNTRY_HINTS = st.sampled_from([None, "", "US", "CA", "IN", "de", "XYZ"])
FETCHED_AT = st.sampled_from([None, datetime(2026, 1, 15, 6, tzinfo=UTC), datetime(1, 1, 2, tzinfo=UTC),
                              datetime(9999, 12, 30, tzinfo=UTC)])
COUNTRY_NAMES = {code: name for name, code in reversed(COUNTRIES.items())}  # the first name of each
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


# text


@MODEST
@given(MARKUP | ANY_TEXT)
@example("<html><head><title>Jobs</title></head></html>")
def test_html_to_text_gives_clean_text(markup: str) -> None:
    text = html_to_text(markup)

    assert not _CONTROL.search(text)
    assert tidy_lines(text) == text  # already tidy: cleaning it again changes nothing


@MODEST
@given(MARKUP | ANY_TEXT)
@example("<p>Build &lt;b&gt;models&lt;/b&gt;</p>")
def test_html_to_text_is_idempotent_once_nothing_is_left_to_decode(markup: str) -> None:
    # entities are decoded exactly once, by design: "&lt;b&gt;" is the text "<b>", which a second
    # pass would read as a tag; text with no markup and no entity left is a fixed point
    text = html_to_text(markup)
    if "<" not in text and html.unescape(text) == text:
        assert html_to_text(text) == text


@MODEST
@given(ANY_TEXT)
def test_line_cleaners_are_idempotent(text: str) -> None:
    assert clean_line_text(clean_line_text(text)) == clean_line_text(text)
    assert tidy_lines(tidy_lines(text)) == tidy_lines(text)


# salary


def written(salary: Salary) -> str:
    """A normalised salary written out as a posting would state it."""
    def amount(value: float) -> str:
        return str(int(value)) if value == int(value) else f"{value:.2f}"

    span = amount(salary.min) if salary.min == salary.max else f"{amount(salary.min)} - {amount(salary.max)}"
    return f"Salary: {salary.currency} {span}" + (f" per {salary.period}" if salary.period else "")


@MODEST
@given(PAY | ANY_TEXT, COUNTRY_HINTS)
def test_salary_parsing_never_raises_and_finds_a_range_the_text_shows(text: str, country: str | None) -> None:
    salary = parse_salary_text(text, country)

    if salary is not None:
        assert salary.min is not None and salary.max is not None and 0 <= salary.min <= salary.max
        assert salary.period in (*PERIODS, None)
        assert salary.text and salary.text in text


@MODEST
@given(PAY | ANY_TEXT)
@example("CAD$ 120k-150k, then USD 5 and x1 2")
def test_the_scan_near_digits_finds_exactly_what_finditer_finds(text: str) -> None:
    from pipeline.salary import _RANGE, _SINGLE, _matches

    for pattern in (_RANGE, _SINGLE):
        assert [m.span() for m in _matches(pattern, text)] == [m.span() for m in pattern.finditer(text)]


@MODEST
@given(PAY, COUNTRY_HINTS)
@example("salary: $120 - 150k", None)
def test_salary_parsing_is_idempotent(text: str, country: str | None) -> None:
    salary = parse_salary_text(text, country)
    if salary is None or salary.currency is None:
        return
    again = parse_salary_text(written(salary), country)

    assert again is not None, written(salary)
    assert (again.min, again.max) == (pytest.approx(salary.min, rel=1e-6), pytest.approx(salary.max, rel=1e-6))
    assert (again.currency, again.period) == (salary.currency, salary.period)


@MODEST
@given(ANY_TEXT)
def test_pay_periods_normalise_idempotently(value: str) -> None:
    period = normalise_period(value)

    assert period in (*PERIODS, None)
    assert normalise_period(period) == period


# dates


@MODEST
@given(DATES | ANY_TEXT, FETCHED_AT)
@example("0001-01-01T00:00:00+01:00", None)
@example("yesterday", datetime(1, 1, 1, tzinfo=UTC))
def test_date_parsing_never_raises_and_gives_utc(text: str, fetched_at: datetime | None) -> None:
    parsed = parse_datetime(text, fetched_at)

    assert parsed is None or parsed.utcoffset() is not None and parsed.utcoffset().total_seconds() == 0


@MODEST
@given(DATES, FETCHED_AT)
def test_date_parsing_is_idempotent(text: str, fetched_at: datetime | None) -> None:
    parsed = parse_datetime(text, fetched_at)
    if parsed is None:
        return

    assert parse_datetime(parsed) == parsed
    assert parse_datetime(parsed.isoformat()) == parsed


@MODEST
@given(st.integers() | st.floats())
def test_epoch_numbers_never_raise(number: float) -> None:
    parse_datetime(number)


# location


@MODEST
@given(PLACES | ANY_TEXT, COUNTRY_HINTS)
def test_location_parsing_never_raises_and_gives_country_codes(text: str, hint: str | None) -> None:
    place = parse_location(text, hint)

    assert place.country is None or re.fullmatch(r"[A-Z]{2}", place.country)
    assert workplace_from_text(text) in (*WORKPLACES, None)


@MODEST
@given(PLACES)
@example("Cambridge, MA")
def test_location_parsing_is_idempotent(text: str) -> None:
    # written out as "city, region, country name": a code alone is ambiguous ("DE" is also Delaware)
    place = parse_location(text)
    country = COUNTRY_NAMES.get(place.country or "")
    written = ", ".join(part for part in (place.city, place.region, country) if part)

    again = parse_location(written)

    assert (again.city, again.region, again.country) == (place.city, place.region, place.country)


@MODEST
@given(PLACES | ANY_TEXT)
def test_workplace_normalises_idempotently(value: str) -> None:
    workplace = normalise_workplace(value)

    assert workplace in (*WORKPLACES, None)
    assert normalise_workplace(workplace) == workplace
