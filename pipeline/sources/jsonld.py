"""Career pages with schema.org JobPosting markup (https://schema.org/JobPosting; Google's guide:
https://developers.google.com/search/docs/appearance/structured-data/job-posting), read from archived job pages.

Job pages (kind "page") hold the postings, found by pipeline/structured_data.py; careers pages and
sitemaps (kind "index") hold none. A posting whose `validThrough` had passed when the page was
fetched is closed and dropped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urljoin

from pipeline.dates import parse_datetime
from pipeline.geo import COUNTRIES
from pipeline.normalise import SourcePosting
from pipeline.salary import Salary, currency_of, normalise_period, parse_number
from pipeline.structured_data import job_postings

SOURCE = "jsonld"
_NUMBER = re.compile(r"\d[\d.,\u00a0\u202f ']*\d|\d")
_CURRENCY_SIGN = re.compile(r"US\$|CA\$|A\$|[$€£₹¥]|\b[A-Z]{3}\b")
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def jobs_of_record(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The open JobPostings of an archived job page, each with the page's URL; none for index records."""
    if record.get("kind") != "page":
        return []
    body = record.get("body")
    if not isinstance(body, str):
        raise ValueError("expected the page's HTML text")
    fetched_at = parse_datetime(record.get("fetched_at"))
    return [{"posting": posting, "page_url": record.get("url")}
            for posting in job_postings(body) if not _expired(posting, fetched_at)]


def _expired(posting: Mapping[str, Any], fetched_at: datetime | None) -> bool:
    valid_through = closes_at(posting)
    return valid_through is not None and fetched_at is not None and valid_through < fetched_at


def closes_at(posting: Mapping[str, Any]) -> datetime | None:
    """When the posting closes (`validThrough`, UTC); a bare date lasts to the end of that day."""
    value = _text(posting.get("validThrough"))
    closes = parse_datetime(value)
    if closes is not None and value and _DATE_ONLY.match(value.strip()):
        closes += timedelta(days=1)
    return closes


def _first(value: Any) -> Any:
    return next((item for item in value if item not in (None, "")), None) if isinstance(value, list) else value


def _text(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("@value", value.get("name"))
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip() or None


def _identifier(posting: Mapping[str, Any]) -> str | None:
    value = _first(posting.get("identifier"))
    return _text(value.get("value") if isinstance(value, dict) else value)


def _description(posting: Mapping[str, Any]) -> str | None:
    description = _text(posting.get("description"))
    # some sites escape the HTML once more inside JSON ("&lt;p&gt;…")
    if description and "<" not in description and "&lt;" in description:
        description = html.unescape(description)
    return description


def _country_code(value: Any) -> str | None:
    name = _text(value)
    if not name:
        return None
    if len(name) == 2 and name.isalpha():
        return name.upper()
    return COUNTRIES.get(name.lower())


def _place(place: Any) -> tuple[str | None, str | None]:
    """(location text, country code) of a Place, a PostalAddress or a plain string."""
    if isinstance(place, str):
        return place.strip() or None, None
    if not isinstance(place, dict):
        return None, None
    address = _first(place.get("address")) if "address" in place else place
    if isinstance(address, str):
        return address.strip() or _text(place.get("name")), None
    if not isinstance(address, dict):
        return _text(place.get("name")), None
    country = _text(address.get("addressCountry"))
    code = _country_code(address.get("addressCountry"))
    parts: list[str] = []
    for part in (_text(address.get("addressLocality")), _text(address.get("addressRegion")), country):
        # "Lisbon, Lisbon, PT" → "Lisbon, PT"; "Greece, Greece, GR" → "Greece"
        said = {p.lower() for p in parts} | {COUNTRIES.get(p.lower()) for p in parts}
        if part and part.lower() not in said and not (part == country and code in said):
            parts.append(part)
    return ", ".join(parts) or _text(place.get("name")), code


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _locations(posting: Mapping[str, Any], remote: bool) -> tuple[list[str], str | None]:
    places = [_place(place) for place in _as_list(posting.get("jobLocation"))]
    locations = [text for text, _ in places if text]
    country = next((code for _, code in places if code), None)
    if remote and not locations:
        areas = [_text(area) for area in _as_list(posting.get("applicantLocationRequirements"))]
        locations = [f"Remote ({area})" for area in areas if area] or ["Remote"]
        codes = {_country_code(area) for area in areas if area}
        country = codes.pop() if len(codes) == 1 else None
    return list(dict.fromkeys(locations)), country


def _numbers(value: Any) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [float(value)] if value > 0 else []
    if not isinstance(value, str):
        return []
    parsed = (parse_number(token) for token in _NUMBER.findall(value))
    return [number for number in parsed if number]


def _salary(posting: Mapping[str, Any]) -> Salary | None:
    """baseSalary: a MonetaryAmount whose value is a QuantitativeValue, a number or a text."""
    amount = _first(posting.get("baseSalary"))
    if isinstance(amount, dict):
        currency_text, value = _text(amount.get("currency")), _first(amount.get("value"))
        # minValue, maxValue and unitText sit on the QuantitativeValue, or on the amount itself
        holders = [value, amount] if isinstance(value, dict) else [amount]
    else:
        currency_text, value, holders = None, amount, []
    low = next((n for holder in holders for n in _numbers(holder.get("minValue"))), None)
    high = next((n for holder in holders for n in _numbers(holder.get("maxValue"))), None)
    unit = next((unit for holder in holders if (unit := _text(holder.get("unitText")))), None)
    if isinstance(value, dict):
        value = value.get("value")
    if low is None and high is None:
        numbers = _numbers(value)  # a number, or a text such as "1300 - 1400" or "$100,000"
        low, high = (numbers[0], numbers[-1]) if numbers else (None, None)
    if low is None and high is None:
        return None
    if not currency_text and isinstance(value, str) and (sign := _CURRENCY_SIGN.search(value)):
        currency_text = sign.group(0)
    return Salary(low, high, currency_of(currency_text, None), normalise_period(unit))


def _employment_type(posting: Mapping[str, Any]) -> str | None:
    """The first type listed: ["FULL_TIME", "PART_TIME"] and "FULL_TIME, PART_TIME" are full time."""
    value = _text(posting.get("employmentType"))
    return value.split(",")[0].strip() or None if value else None


def _company(posting: Mapping[str, Any]) -> str | None:
    return _text(posting.get("hiringOrganization"))


def _url(posting: Mapping[str, Any], page_url: str | None) -> str | None:
    url = _text(posting.get("url"))
    if url:
        url = urljoin(page_url or "", url)
    return url if url and url.startswith(("http://", "https://")) else page_url


def extract(job: Mapping[str, Any]) -> SourcePosting:
    posting = job["posting"]
    page_url = job.get("page_url")
    remote = any(_text(kind) and _text(kind).upper() == "TELECOMMUTE"
                 for kind in _as_list(posting.get("jobLocationType")))
    locations, country = _locations(posting, remote)
    return SourcePosting(
        source_id=_identifier(posting) or page_url or "",
        title=_text(posting.get("title")) or _text(posting.get("name")) or "",
        description_html=_description(posting),
        locations=locations,
        country=country,
        workplace="remote" if remote else None,
        employment_type=_employment_type(posting),
        salary=_salary(posting),
        posted_at=_text(posting.get("datePosted")),
        url=_url(posting, page_url),
        company=_company(posting),
    )
