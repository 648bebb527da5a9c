"""Raw archive records to postings of one schema; bad items are quarantined with the reason."""

from __future__ import annotations

import dataclasses
import hashlib
import html
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jobradar.code_hash import files_sha256
from pipeline.dates import parse_datetime
from pipeline.employment import normalise_employment_type
from pipeline.identity import canonical_id, content_hash, posting_id
from pipeline.location import Place, normalise_workplace, parse_location, workplace_from_text
from pipeline.salary import Salary, parse_salary_text
from pipeline.text import clean_line_text, html_to_text, tidy_lines

DEFAULT_MAX_DESCRIPTION_CHARS = 100_000
# Part of every source_hash, with the hash of the normalisation code below: a run copies a row
# only if the same code would normalise the job the same way (pipeline/reuse.py). The code hash
# changes by itself; bump this for what it cannot see (a library that parses differently).
NORMALISATION_VERSION = 1
_PIPELINE = Path(__file__).resolve().parent
NORMALISATION_CODE = (
    "dates.py", "employment.py", "geo.py", "hackernews_header.py", "hackernews_split.py",
    "identity.py", "location.py", "normalise.py", "salary.py", "structured_data.py", "text.py",
    *sorted(f"sources/{path.name}" for path in (_PIPELINE / "sources").glob("*.py")),
)


@cache
def normalisation_code_sha256() -> str:
    """SHA-256 over the normalisation code's files (pipeline/), once per process."""
    return files_sha256(_PIPELINE, NORMALISATION_CODE)


_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINK = re.compile(r"https?://[^\s\x00-\x1f\x7f-\x9f\ud800-\udfff<>\"'`]+", re.I)


@dataclass
class SourcePosting:
    """What a source parser reads from one job of an API response, before normalisation."""

    source_id: str
    title: str
    description_html: str | None = None
    description_text: str | None = None
    # HTML served entity-escaped ("&lt;p&gt;…", Greenhouse's `content`): unescaped once, and only
    # when the job is normalised; an unchanged job is hashed as served.
    description_escaped_html: str | None = None
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
class Unchanged:
    """A job exactly as an earlier partition's row was normalised from (same `source_hash`): the
    row is copied from there rather than normalised again, with this fetch's times."""

    posting_id: str
    source_hash: str
    scraped_at: datetime | None
    posted_at: datetime | None


def source_hash(parsed: SourcePosting, *, source: str, board: str, company: str | None,
                max_description_chars: int) -> str:
    """Hash of everything a row is normalised from, except the fetch time: the job as its source
    served it, where, under which configured company name, and how normalisation was done.

    Every job of every run is hashed, so this is kept cheap: the part shared by a board's jobs
    hashed once per board, the fields as they are (no deep copy as `dataclasses.astuple` makes),
    the long texts fed to the hash rather than repr'd; SHA-256, which this machine's CPUs compute
    in hardware, twice as fast as BLAKE2b over a description.
    """
    digest = _board_digest(normalisation_code_sha256(), source, board, company, max_description_chars).copy()
    short = tuple(getattr(parsed, name) for name in _SHORT_FIELDS)
    digest.update(repr(short).encode("utf-8", "surrogatepass"))
    for name in _LONG_FIELDS:
        text = getattr(parsed, name)
        if isinstance(text, str):  # length-prefixed: no two different pairs of texts hash alike
            encoded = text.encode("utf-8", "surrogatepass")
            digest.update(b"%d:" % len(encoded))
            digest.update(encoded)
        else:
            digest.update(b"r" + repr(text).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


@lru_cache(maxsize=16384)
def _board_digest(code_sha256: str, source: str, board: str, company: str | None,
                  max_description_chars: int) -> Any:
    """The hash state after what a board's jobs share (a repr, so it ends unambiguously): copied
    for each job."""
    return hashlib.sha256(repr((NORMALISATION_VERSION, code_sha256, source, board, company,
                                max_description_chars)).encode("utf-8", "surrogatepass"))


_LONG_FIELDS = ("description_html", "description_text", "description_escaped_html")
_SHORT_FIELDS = tuple(f.name for f in dataclasses.fields(SourcePosting) if f.name not in _LONG_FIELDS)


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
    known_source_hash: str | None = None,
) -> dict[str, Any]:
    """One dataset row (without labels) from a parsed job; a field of the wrong type is a ValueError.
    `known_source_hash` is the job's `source_hash` when the caller has already computed it.

    Every text is clean text (markup, scripts and control characters removed), so nothing in a
    row is markup that could run wherever it is shown.
    """
    source_id = str(parsed.source_id or "").strip()
    title = tidy_lines(html_to_text(_text("title", parsed.title) or "")).replace("\n", " ")
    if not source_id:
        raise ValueError("posting has no id")
    if _SURROGATE.search(source_id):
        raise ValueError(f"posting id {source_id!r} is not valid Unicode text")
    if not title:
        raise ValueError("posting has no title")
    scraped_at = parse_datetime(fetched_at)
    description_html = _text("description", parsed.description_html)
    escaped = _text("description", parsed.description_escaped_html)
    if description_html is None and escaped is not None:
        description_html = html.unescape(escaped)
    description = (
        html_to_text(description_html)
        if description_html
        else tidy_lines(_text("description", parsed.description_text) or "")
    )
    truncated = len(description) > max_description_chars
    if truncated:
        description = description[:max_description_chars]
    given_locations = [_text("location", location) for location in parsed.locations]
    locations = [clean_line_text(loc).strip() for loc in given_locations if loc and loc.strip()]
    department = _text("department", parsed.department)
    own_company = clean_line_text(_text("company", parsed.company) or "").strip()
    primary = locations[0] if locations else None
    place = _primary_place(locations, parsed.country)
    salary = parsed.salary or parse_salary_text(description, place.country)
    workplace = normalise_workplace(parsed.workplace) or workplace_from_text(primary, title)
    row: dict[str, Any] = {
        "posting_id": posting_id(source, board, source_id),
        "source": source,
        "board": board,
        "source_id": source_id,
        "company": own_company or (company or board).strip(),
        "title": title,
        "description": description,
        "description_truncated": truncated,
        "department": clean_line_text(department).strip() or None if department else None,
        "location": primary,
        "locations": locations,
        "city": place.city,
        "region": place.region,
        "country": place.country,
        "workplace": workplace,
        "employment_type": normalise_employment_type(parsed.employment_type),
        "salary_min": salary.min if salary else None,
        "salary_max": salary.max if salary else None,
        "salary_currency": _text("salary currency", salary.currency) if salary else None,
        "salary_period": salary.period if salary else None,
        "salary_text": clean_line_text(_text("salary text", salary.text) or "").strip() or None if salary else None,
        "posted_at": parse_datetime(parsed.posted_at, scraped_at),
        "url": _link(_text("url", parsed.url)),
        "scraped_at": scraped_at,
    }
    row["content_hash"] = content_hash(row)
    row["source_hash"] = known_source_hash or source_hash(parsed, source=source, board=board, company=company,
                                                          max_description_chars=max_description_chars)
    row["canonical_id"] = canonical_id(row["company"], title, place.city, place.country)
    return row


def _text(name: str, value: object) -> str | None:
    """A text field as the source gave it; any other type makes the item bad, naming the field."""
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{name} is not text: {value!r:.60}")


def _link(url: str | None) -> str | None:
    """An http(s) URL, or None: a "javascript:" or otherwise odd link is not kept."""
    return url.strip() if url and _LINK.fullmatch(url.strip()) else None


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
    unchanged: Collection[str] = frozenset(),
) -> Iterator[dict[str, Any] | Quarantined | Unchanged]:
    """Postings from raw archive records; a job that cannot be read yields a Quarantined, and a
    job whose source_hash is in `unchanged` an Unchanged (its earlier row is still right).

    A board lists each id once: a later job with an id already read in the same board is
    quarantined and the first kept, except when it comes from a fetch of the same URL again (a
    crawl that was retried archives its responses twice): then it is yielded again, to replace it.
    """
    companies = companies or {}
    first_seen: dict[str, str] = {}  # posting_id -> URL of the response that held it
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
        url = str(record.get("url"))
        in_this_response: set[str] = set()
        scraped_at = parse_datetime(record.get("fetched_at"))  # once per response, for all its jobs
        for job in jobs:
            if not isinstance(job, Mapping):
                yield Quarantined(source, board, f"job is not an object: {job!r:.60}", job)
                continue
            company = companies.get((source, board))
            try:
                parsed = extract(job)
                source_id = str(parsed.source_id or "").strip()
                known = source_hash(parsed, source=source, board=board, company=company,
                                    max_description_chars=max_description_chars) if unchanged else None
                if known is not None and known in unchanged:
                    row: dict[str, Any] | Unchanged = Unchanged(
                        posting_id(source, board, source_id), known, scraped_at,
                        parse_datetime(parsed.posted_at, scraped_at))
                else:
                    row = build_posting(parsed, source=source, board=board, company=company,
                                        fetched_at=scraped_at,
                                        max_description_chars=max_description_chars, known_source_hash=known)
            except (TypeError, ValueError, KeyError, AttributeError) as error:
                yield Quarantined(source, board, f"{type(error).__name__}: {error}", job)
                continue
            key = row.posting_id if isinstance(row, Unchanged) else row["posting_id"]
            if key in in_this_response or first_seen.get(key, url) != url:
                yield Quarantined(source, board, f"duplicate id {source_id!r} in board "
                                                 f"{source}/{board} (first in {first_seen[key]}); the first is kept",
                                  job)
                continue
            first_seen[key] = url
            in_this_response.add(key)
            yield row
