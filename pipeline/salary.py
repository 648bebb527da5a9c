"""Pay ranges: min, max, ISO-4217 currency and period, from structured fields or free text.

Never assumes a currency that the text does not show: a bare number has no currency, and "$"
means the dollar of the posting's country (USD when the country is the US or unknown).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

PERIODS = ("hour", "day", "week", "month", "year")

_DOLLAR_BY_COUNTRY = {
    "CA": "CAD", "AU": "AUD", "NZ": "NZD", "SG": "SGD", "HK": "HKD", "MX": "MXN", "TW": "TWD",
}
_PREFIXED_SYMBOLS = {
    "CA$": "CAD", "C$": "CAD", "CAD$": "CAD", "US$": "USD", "USD$": "USD", "A$": "AUD",
    "AU$": "AUD", "NZ$": "NZD", "S$": "SGD", "SG$": "SGD", "HK$": "HKD", "R$": "BRL",
    "MX$": "MXN",
}
_SYMBOLS = {"€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY", "₩": "KRW", "₪": "ILS", "zł": "PLN",
            "₺": "TRY", "₱": "PHP", "₦": "NGN"}
_CODES = {
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF",
    "RON", "INR", "JPY", "CNY", "SGD", "HKD", "BRL", "MXN", "ZAR", "ILS", "AED", "TRY", "KRW",
    "NGN", "KES", "PHP", "IDR", "MYR", "THB", "VND", "COP", "ARS", "CLP", "PEN", "EGP", "UAH",
    "TWD", "SAR", "QAR", "PKR", "BGN", "ISK",
}
_WORD_CURRENCIES = {"dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
                    "rupees": "INR", "lakhs": "INR", "lakh": "INR", "lpa": "INR"}

_PERIOD_WORDS = [
    ("hour", r"per\s+hour|an\s+hour|a\s+hour|/\s*h(?:ou)?r\b|/\s*h\b|hourly|p/h|\bph\b|hr\b|par\s+heure|"
             r"pro\s+stunde|/\s*stunde|por\s+hora"),
    ("day", r"per\s+day|a\s+day|/\s*day\b|daily|day\s+rate|/\s*d\b|par\s+jour|pro\s+tag|por\s+d[ií]a"),
    ("week", r"per\s+week|a\s+week|/\s*w(?:ee)?k\b|weekly"),
    ("month", r"per\s+month|a\s+month|/\s*mo(?:nth)?\b|monthly|par\s+mois|pro\s+monat|al\s+mes|por\s+m[eê]s|"
              r"mensuel|brutto\s+monatlich"),
    ("year", r"per\s+(?:year|annum)|a\s+year|/\s*y(?:ea)?r\b|/\s*yr\b|annual(?:ly)?|yearly|p\.\s*a\.|\bpa\b|"
             r"per\s+anno|par\s+an\b|pro\s+jahr|j[äa]hrlich|al\s+a[ñn]o|anual|bruto\s+anual|\blpa\b|\bctc\b"),
]
_PERIOD_PATTERNS = [(period, re.compile(pattern, re.I)) for period, pattern in _PERIOD_WORDS]

_NUMBER = r"\d[\d.,\u00a0\u202f ']{0,20}\d|\d"  # bounded, or a long run of digits backtracks for minutes
_CURRENCY = (
    r"(?:CA\$|CAD\$|C\$|US\$|USD\$|AU\$|A\$|NZ\$|SG\$|S\$|HK\$|R\$|MX\$|\$|€|£|₹|¥|₩|₪|zł|₺|₱|₦"
    r"|\b(?:" + "|".join(sorted(_CODES)) + r")\b)"
)
_AMOUNT = (
    rf"(?P<{{p}}cur1>{_CURRENCY})?\s?(?P<{{p}}num>{_NUMBER})\s?"
    rf"(?P<{{p}}mult>k\b|K\b|m\b|M\b|mn\b|million\b|thousand\b|lakhs?\b|lacs?\b|cr\b)?\s?"
    rf"(?P<{{p}}cur2>{_CURRENCY})?"
)
_RANGE = re.compile(
    _AMOUNT.replace("{p}", "a_")
    + r"\s*(?:-|–|—|to|and|bis|à|a|hasta|até|~)\s*"
    + _AMOUNT.replace("{p}", "b_"),
    re.I,
)
_SINGLE = re.compile(_AMOUNT.replace("{p}", "a_"), re.I)
_DIGIT = re.compile(r"\d")
_LONGEST_LEAD = 5  # characters an amount can have before its first digit: a currency of four, a space
# "a $13 trillion industry", "$150k–$600k ARR", "$25M in funding": business figures, not pay
_NOT_PAY_AFTER = re.compile(
    r"\s*\+?\s*(?:b|bn|billions?|t|tn|trillions?|millionen|milliarden|milliards?|mrd|mio"
    r"|arr|acv|mrr|gmv|aum|in\s+(?:\w+\s+)?(?:revenue|funding|sales|arr))\b",
    re.I,
)
_PAY_WORDS = re.compile(
    r"salar|compensation|\bpay\b|wage|\bbase\b|\bote\b|\bearn|remuneration|stipend|\brate\b|gehalt|"
    r"verg[üu]tung|r[ée]mun[ée]ration|sueldo",
    re.I,
)
# The pay a period can hold: below the floor it is a perk ("$15/day lunch credit"); above the
# ceiling, in a currency worth about a dollar or more, a company's size ("$200M invested annually").
_PLAUSIBLE = {"hour": (5, 1_000), "day": (40, 5_000), "week": (150, 25_000),
              "month": (400, 100_000), "year": (5_000, 1_000_000)}
_DOLLAR_SIZED = {"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "CHF", "SGD"}
_MULTIPLIERS = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
                "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "cr": 1e7}


@dataclass(frozen=True)
class Salary:
    """A pay range; any part may be unknown (None)."""

    min: float | None
    max: float | None
    currency: str | None
    period: str | None
    text: str | None = None


def parse_number(token: str) -> float | None:
    """A number written with any thousands separator ("60.000", "18,00,000", "1 200", "28.50")."""
    compact = re.sub(r"(?<=\d)[ \u00a0\u202f'](?=\d{3})", ",", token.strip())
    if re.fullmatch(r"\d+", compact):
        return float(compact)
    decimal = re.fullmatch(r"(\d+)[.,](\d{1,2})", compact)
    if decimal:
        return float(f"{decimal.group(1)}.{decimal.group(2)}")
    grouped = re.fullmatch(r"(\d{1,3}(?:[.,]\d{2,3})+?)(?:[.,](\d{1,2}))?", compact)
    if grouped:
        whole = re.sub(r"[.,]", "", grouped.group(1))
        return float(f"{whole}.{grouped.group(2)}" if grouped.group(2) else whole)
    return None


def currency_of(symbol: str | None, country: str | None) -> str | None:
    if not symbol:
        return None
    symbol = symbol.strip()
    upper = symbol.upper()
    if upper in _PREFIXED_SYMBOLS:
        return _PREFIXED_SYMBOLS[upper]
    if symbol == "$":
        return _DOLLAR_BY_COUNTRY.get(country or "", "USD")
    if symbol in _SYMBOLS:
        return _SYMBOLS[symbol]
    if upper in _CODES:
        return upper
    return None


def period_of(text: str) -> str | None:
    """The pay period named in `text`, if any (the first one found wins)."""
    found = [(m.start(), period) for period, pattern in _PERIOD_PATTERNS if (m := pattern.search(text))]
    return min(found)[1] if found else None


def normalise_period(value: str | None) -> str | None:
    """Map an API's period/interval value ("1 YEAR", "per-year-salary", "hourly") to ours."""
    if not value:
        return None
    lowered = value.lower()
    for period in PERIODS:
        if period in lowered:
            return period
    return period_of(lowered)


def infer_period(amount: float, currency: str | None) -> str | None:
    """Guess the period only where the size of the amount leaves no doubt."""
    if currency in {"INR", "JPY", "KRW", "IDR", "VND", "COP", "CLP", "HUF", "NGN", "PKR"}:
        return None
    if 15000 <= amount < 1_000_000:
        return "year"
    if amount <= 250:
        return "hour"
    return None


def _is_pay(stated_period: str | None, amount: float, currency: str | None, before: str) -> bool:
    """An amount is pay when the text states a period, names pay just before it, or it is
    the size of a year's pay; otherwise it is a price, a budget or a company's funding."""
    return (
        stated_period is not None
        or _PAY_WORDS.search(before) is not None
        or infer_period(amount, currency) == "year"
    )


def _plausible(low: float, high: float, currency: str | None, period: str | None) -> bool:
    if period is None:
        return True
    floor, ceiling = _PLAUSIBLE[period]
    return low >= floor and (currency not in _DOLLAR_SIZED or high < ceiling)


def _amount(match: re.Match[str], prefix: str) -> float | None:
    number = parse_number(match.group(f"{prefix}num"))
    if number is None:
        return None
    multiplier = match.group(f"{prefix}mult")
    if multiplier:
        number *= _MULTIPLIERS[multiplier.lower()]
    return number


def parse_salary_text(text: str | None, country: str | None = None) -> Salary | None:
    """Find a pay range in free text ("$120–150k", "€60.000 – €70.000", "$50/hr").

    Returns None when the text shows no amount with a currency or a pay context; company
    sizes ("$200M in funding") and perks ("$15/day lunch credit") are not pay.
    """
    if not text:
        return None
    business_figures: list[tuple[int, int]] = []
    for match in _matches(_RANGE, text):
        if _NOT_PAY_AFTER.match(text, match.end()):
            business_figures.append(match.span())
            continue
        salary = _from_range(match, text, country)
        if salary is not None:
            return salary
    for match in _matches(_SINGLE, text):
        if any(start <= match.start() < end for start, end in business_figures):
            continue
        symbol = match.group("a_cur1") or match.group("a_cur2")
        if not symbol:
            continue
        amount = _amount(match, "a_")
        if amount is None or amount == 0:
            continue
        currency = currency_of(symbol, country)
        context = text[match.end() : match.end() + 40]
        if _NOT_PAY_AFTER.match(context):
            continue
        before = text[max(0, match.start() - 60) : match.start()]
        period = period_of(context) or period_of(before[-30:])
        if not _is_pay(period, amount, currency, before):
            continue
        period = period or infer_period(amount, currency)
        if not _plausible(amount, amount, currency, period):
            continue
        return Salary(amount, amount, currency, period, match.group(0).strip())
    return None


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern whose matches have a digit within their first
    _LONGEST_LEAD + 1 characters: tried only at positions near a digit, not at every character
    of a long description (the same matches, in a fraction of the time)."""
    position = 0
    while digit := _DIGIT.search(text, position):
        for start in range(max(position, digit.start() - _LONGEST_LEAD), digit.start() + 1):
            if match := pattern.match(text, start):
                yield match
                position = match.end()
                break
        else:
            position = digit.start() + 1


def _from_range(match: re.Match[str], text: str, country: str | None) -> Salary | None:
    low, high = _amount(match, "a_"), _amount(match, "b_")
    if low is None or high is None:
        return None
    symbols = [match.group(g) for g in ("a_cur1", "a_cur2", "b_cur1", "b_cur2") if match.group(g)]
    # an ISO code ("$95,000 - $115,000 CAD") says more than a symbol
    symbol = next((s for s in symbols if s.upper() in _CODES), symbols[0] if symbols else None)
    context = text[match.end() : match.end() + 40]
    words = re.search(r"\b(" + "|".join(_WORD_CURRENCIES) + r")\b", context, re.I)
    if not symbol and not words:
        return None
    currency = currency_of(symbol, country) if symbol else _WORD_CURRENCIES[words.group(1).lower()]
    # "$120-150k": a multiplier written once applies to both ends
    if match.group("b_mult") and not match.group("a_mult") and low < 1000 <= high:
        low *= _MULTIPLIERS[match.group("b_mult").lower()]
    if words and words.group(1).lower() in {"lakh", "lakhs", "lpa"} and high < 1000:
        low, high = low * 1e5, high * 1e5
    if low > high:
        low, high = high, low
    if high == 0:
        return None
    before = text[max(0, match.start() - 60) : match.start()]
    period = period_of(context) or period_of(before[-30:])
    if not _is_pay(period, low, currency, before):
        return None
    period = period or infer_period(low, currency)
    if not _plausible(low, high, currency, period):
        return None
    return Salary(low, high, currency, period, match.group(0).strip())
