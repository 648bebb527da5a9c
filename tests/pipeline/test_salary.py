"""pipeline/salary.py: pay ranges as min, max, ISO-4217 currency and period."""

from __future__ import annotations

import pytest

from pipeline.salary import normalise_period, parse_number, parse_salary_text


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        ("$120–150k", None, (120_000, 150_000, "USD", "year")),
        ("€60.000 – €70.000", None, (60_000, 70_000, "EUR", "year")),
        ("£45k + equity", None, (45_000, 45_000, "GBP", "year")),
        ("USD 80,000-100,000 per year", None, (80_000, 100_000, "USD", "year")),
        ("$50/hr", None, (50, 50, "USD", "hour")),
        ("CA$95,000 to CA$115,000 annually", None, (95_000, 115_000, "CAD", "year")),
        ("₹18,00,000 – ₹24,00,000 per annum", None, (1_800_000, 2_400_000, "INR", "year")),
        ("$100,000 - $120,000", "CA", (100_000, 120_000, "CAD", "year")),
        ("$100,000 - $120,000", "US", (100_000, 120_000, "USD", "year")),
        ("$100,000 - $120,000", None, (100_000, 120_000, "USD", "year")),
        ("A$150K - A$180K", "US", (150_000, 180_000, "AUD", "year")),
        ("$95,000 - $115,000 CAD", None, (95_000, 115_000, "CAD", "year")),
        ("Salary: 15 000- 18 000 PLN gross/monthly", None, (15_000, 18_000, "PLN", "month")),
        ("Rémunération : 35 000,00€ à 50 000,00€ par an", None, (35_000, 50_000, "EUR", "year")),
        ("Compensation: $45-55/hr.", None, (45, 55, "USD", "hour")),
        ("$20 USD to $25 USD per hour", None, (20, 25, "USD", "hour")),
        ("Pay: 25-30 euros per hour", None, (25, 30, "EUR", "hour")),
        ("10-15 LPA", None, (1_000_000, 1_500_000, "INR", "year")),
        ("between $65,000 and $69,500/year", None, (65_000, 69_500, "USD", "year")),
        ("Annual Salary:\n\n$185,000—$240,000 USD", None, (185_000, 240_000, "USD", "year")),
        ("Weekly stipend of 3,850 USD", None, (3_850, 3_850, "USD", "week")),
        ("paid out $600/monthly", None, (600, 600, "USD", "month")),
    ],
)
def test_pay_written_in_text(
    text: str, country: str | None, expected: tuple[float, float, str, str]
) -> None:
    salary = parse_salary_text(text, country)

    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == expected


@pytest.mark.parametrize(
    "text",
    [
        "120000",
        "80,000 - 100,000",
        "Team of 12-15 engineers, founded 2019",
        "",
        None,
    ],
)
def test_bare_numbers_have_no_currency_and_are_not_pay(text: str | None) -> None:
    assert parse_salary_text(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "It is backed (~$200M in funding) by investors",
        "Parspec serves the $13 trillion construction industry",
        "volume (>$6B traded so far this year)",
        "We reached $1M+ ARR in ten months",
        "Close deals of $150k–$600k ARR",
        "Nexus has raised $25M in Series A funding",
        "approximately $200M invested annually",
        "from €20M to €1Bn in revenue",
        "Proficiency in PHP 7 and 8.",
        "packages ranging from $99-$649.",
        "$1,500 Home Office Set Up Allowance",
        "$15/day Lunch Credit",
        "$200 Annual Book Allowance",
    ],
)
def test_funding_market_sizes_prices_and_perks_are_not_pay(text: str) -> None:
    assert parse_salary_text(text) is None


def test_a_business_figure_before_the_pay_range_is_passed_over() -> None:
    text = "You will close $150k–$600k ARR deals.\n\nAnnual Salary:\n\n$130,000—$150,000 USD"

    salary = parse_salary_text(text)

    assert salary is not None
    assert (salary.min, salary.max, salary.currency, salary.period) == (
        130_000, 150_000, "USD", "year"
    )


def test_the_first_pay_range_in_a_description_wins_and_keeps_its_text() -> None:
    text = "Founded in 2015.\nThe base pay range is $130K–$175K per year.\nLater: $200k-$250k OTE."

    salary = parse_salary_text(text)

    assert salary is not None
    assert (salary.min, salary.max, salary.text) == (130_000, 175_000, "$130K–$175K")


@pytest.mark.parametrize(
    ("token", "value"),
    [
        ("60.000", 60_000),
        ("18,00,000", 1_800_000),
        ("1 200", 1_200),
        ("28.50", 28.5),
        ("120,000.00", 120_000),
        ("7", 7),
    ],
)
def test_numbers_with_any_thousands_separator(token: str, value: float) -> None:
    assert parse_number(token) == value


@pytest.mark.parametrize(
    ("value", "period"),
    [
        ("1 YEAR", "year"),
        ("1 HOUR", "hour"),
        ("1 MONTH", "month"),
        ("per-year-salary", "year"),
        ("per-hour-wage", "hour"),
        ("per-month-salary", "month"),
        ("NONE", None),
        (None, None),
    ],
)
def test_api_period_values(value: str | None, period: str | None) -> None:
    assert normalise_period(value) == period
