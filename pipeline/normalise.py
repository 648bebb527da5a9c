"""Raw archive records to postings of one schema; bad items are quarantined with the reason."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pipeline.dates import parse_datetime
from pipeline.employment import normalise_employment_type
from pipeline.identity import content_hash, posting_id
from pipeline.location import Place, normalise_workplace, parse_location, workplace_from_text
from pipeline.salary import Salary, parse_salary_text
from pipeline.text import clean_line_text, html_to_text, tidy_lines

DEFAULT_MAX_DESCRIPTION_CHARS = 100_000


@dataclass
class SourcePosting:
    """What a source parser reads from one job of an API response, before normalisation."""

    source_id: str
    title: str
    description_html: str | None = None
    description_text: str | None = None
    department: str | None = None
    locations: list[str] = field(default_factory=list)
    country: str | None = None
    workplace: str | None = None
    employment_type: str | None = None
    salary: Salary | None = None
    posted_at: object = None
    url: str | None = None
    company: str | None = None


@dataclass(frozen=True)
class Quarantined:
    """An item that failed validation, kept with its reason so nothing is lost."""

    source: str
    board: str
    reason: str
    item: Any


Parser = Callable[[Mapping[str, Any]], Iterable[Mapping[str, Any]]]  # archived record -> jobs
Extractor = Callable[[Mapping[str, Any]], SourcePosting]


def build_posting(
    parsed: SourcePosting,
    *,
    source: str,
    board: str,
    company: str | None,
    fetched_at: datetime | str | None,
    max_description_chars: int = DEFAULT_MAX_DESCRIPTION_CHARS,
) -> dict[str, Any]:
    """One dataset row (without labels) from a parsed job."""
    source_id = str(parsed.source_id or "").strip()
    title = tidy_lines(html_to_text(parsed.title or "")).replace("\n", " ")
    if not source_id:
        raise ValueError("posting has no id")
    if not title:
        raise ValueError("posting has no title")
    scraped_at = parse_datetime(fetched_at)
    description = (
        html_to_text(parsed.description_html)
        if parsed.description_html
        else tidy_lines(parsed.description_text or "")
    )
    truncated = len(description) > max_description_chars
    if truncated:
        description = description[:max_description_chars]
    locations = [clean_line_text(loc).strip() for loc in parsed.locations if loc and loc.strip()]
    primary = locations[0] if locations else None
    place = _primary_place(locations, parsed.country)
    salary = parsed.salary or parse_salary_text(description, place.country)
    workplace = normalise_workplace(parsed.workplace) or workplace_from_text(primary, title)
    row: dict[str, Any] = {
        "posting_id": posting_id(source, board, source_id),
        "source": source,
        "board": board,
        "source_id": source_id,
        "company": (parsed.company or company or board).strip(),
        "title": title,
        "description": description,
        "description_truncated": truncated,
        "department": clean_line_text(parsed.department).strip() or None if parsed.department else None,
        "location": primary,
        "locations": locations,
        "city": place.city,
        "region": place.region,
        "country": place.country,
        "workplace": workplace,
        "employment_type": normalise_employment_type(parsed.employment_type),
        "salary_min": salary.min if salary else None,
        "salary_max": salary.max if salary else None,
        "salary_currency": salary.currency if salary else None,
        "salary_period": salary.period if salary else None,
        "salary_text": salary.text if salary else None,
        "posted_at": parse_datetime(parsed.posted_at, scraped_at),
        "url": parsed.url,
        "scraped_at": scraped_at,
    }
    row["content_hash"] = content_hash(row)
    return row


def _primary_place(locations: list[str], country: str | None) -> Place:
    """The primary location, its country completed from a fuller listing of the same city
    ("Jakarta" and the office "Jakarta, Jakarta, Indonesia")."""
    place = parse_location(locations[0] if locations else None, country)
    if place.country is None and place.city:
        for other in locations[1:]:
            fuller = parse_location(other)
            if fuller.country and fuller.city and fuller.city.lower() == place.city.lower():
                return Place(place.text, place.city, place.region or fuller.region, fuller.country)
    return place


def normalise_records(
    records: Iterable[Mapping[str, Any]],
    parsers: Mapping[str, tuple[Parser, Extractor]],
    companies: Mapping[tuple[str, str], str | None] | None = None,
    max_description_chars: int = DEFAULT_MAX_DESCRIPTION_CHARS,
) -> Iterator[dict[str, Any] | Quarantined]:
    """Postings from raw archive records; a job that cannot be read yields a Quarantined."""
    companies = companies or {}
    for record in records:
        source, board = record.get("source", "?"), record.get("board", "?")
        if source not in parsers:
            yield Quarantined(source, board, f"no parser for source {source!r}", record)
            continue
        jobs_of, extract = parsers[source]
        try:
            jobs = list(jobs_of(record))
        except (TypeError, ValueError, KeyError, AttributeError) as error:
            yield Quarantined(source, board, f"response is not a {source} board: {error}", record)
            continue
        for job in jobs:
            try:
                parsed = extract(job)
                yield build_posting(
                    parsed,
                    source=source,
                    board=board,
                    company=companies.get((source, board)),
                    fetched_at=record.get("fetched_at"),
                    max_description_chars=max_description_chars,
                )
            except (TypeError, ValueError, KeyError, AttributeError) as error:
                yield Quarantined(source, board, f"{type(error).__name__}: {error}", job)
