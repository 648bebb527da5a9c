"""Workable widget API responses (`?details=true`): the account's name once, jobs with HTML descriptions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.geo import COUNTRIES
from pipeline.normalise import SourcePosting

SOURCE = "workable"
ACCOUNT_NAME = "account_name"  # the response's company name, copied onto each of its jobs


def jobs(body: Any) -> list[Mapping[str, Any]]:
    if not isinstance(body, dict) or not isinstance(body.get("jobs"), list):
        raise ValueError("expected an object with a 'jobs' list")
    name = body.get("name")
    return [{**job, ACCOUNT_NAME: name} if isinstance(job, dict) else job for job in body["jobs"]]


def _place(*parts: Any) -> str:
    return ", ".join(str(part).strip() for part in parts if part and str(part).strip())


def _locations(job: Mapping[str, Any]) -> list[str]:
    shown = [loc for loc in job.get("locations") or [] if isinstance(loc, dict) and not loc.get("hidden")]
    places = [_place(loc.get("city"), loc.get("region"), loc.get("country")) for loc in shown]
    places = [place for place in places if place]
    if not places:
        places = [_place(job.get("city"), job.get("state"), job.get("country"))]
    return list(dict.fromkeys(place for place in places if place))


def _country(job: Mapping[str, Any]) -> str | None:
    for location in job.get("locations") or []:
        if isinstance(location, dict) and not location.get("hidden") and location.get("countryCode"):
            return str(location["countryCode"]).upper()
    name = job.get("country")
    return COUNTRIES.get(str(name).strip().lower()) if name else None


def extract(job: Mapping[str, Any]) -> SourcePosting:
    return SourcePosting(
        source_id=str(job["shortcode"]),
        title=job.get("title") or "",
        description_html=job.get("description"),
        department=job.get("department") or None,
        locations=_locations(job),
        country=_country(job),
        # telecommuting false says only "not fully remote": it may be hybrid or on site
        workplace="remote" if job.get("telecommuting") is True else None,
        employment_type=job.get("employment_type") or None,
        posted_at=job.get("published_on") or job.get("created_at"),
        url=job.get("url") or job.get("shortlink"),
        company=job.get(ACCOUNT_NAME),
    )
