"""Workday CXS responses: each posting is read from its detail (kind "detail"), whose
`jobPostingInfo` holds the text; search pages list titles and paths only and are skipped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.normalise import SourcePosting

SOURCE = "workday"


def jobs_of_record(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if record.get("kind") != "detail":
        return []  # a search page: the same postings arrive whole in their detail records
    body = record.get("body")
    info = body.get("jobPostingInfo") if isinstance(body, dict) else None
    if not isinstance(info, dict) or not (info.get("id") or info.get("jobPostingId")):
        raise ValueError("expected an object with a 'jobPostingInfo' that has an 'id'")
    return [body]


def _text(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _country(info: Mapping[str, Any]) -> str | None:
    """The alpha-2 code Workday gives with the requisition's location (the country's name is
    left to the location parser)."""
    location = info.get("jobRequisitionLocation")
    country = location.get("country") if isinstance(location, dict) else None
    code = _text(country.get("alpha2Code")) if isinstance(country, dict) else None
    return code.upper() if code and len(code) == 2 else None


def _posted_at(info: Mapping[str, Any]) -> str | None:
    """`startDate` (the day the posting opened), else "Posted 3 Days Ago" counted back from the
    fetch; "Posted 30+ Days Ago" says only that it is older, so it stays unknown."""
    if start := _text(info.get("startDate")):
        return start
    posted = _text(info.get("postedOn"))
    return posted if posted and "+" not in posted else None


def extract(posting: Mapping[str, Any]) -> SourcePosting:
    info = posting["jobPostingInfo"]
    places = [info.get("location"), *(info.get("additionalLocations") or [])]
    organisation = posting.get("hiringOrganization")
    return SourcePosting(
        source_id=str(info.get("id") or info["jobPostingId"]),
        title=_text(info.get("title")) or "",
        description_html=_text(info.get("jobDescription")),
        locations=[place for value in places if (place := _text(value))],
        country=_country(info),
        workplace=_text(info.get("remoteType")),
        employment_type=_text(info.get("timeType")),
        posted_at=_posted_at(info),
        url=_text(info.get("externalUrl")),
        company=_text(organisation.get("name")) if isinstance(organisation, dict) else None,
    )
