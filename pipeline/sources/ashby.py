"""Ashby posting API responses: unlisted jobs dropped, workplaceType preferred over isRemote."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.geo import COUNTRIES
from pipeline.normalise import SourcePosting
from pipeline.salary import Salary, normalise_period, parse_salary_text

SOURCE = "ashby"


def jobs(body: Any) -> list[Mapping[str, Any]]:
    if not isinstance(body, dict) or not isinstance(body.get("jobs"), list):
        raise ValueError("expected an object with a 'jobs' list")
    return [job for job in body["jobs"] if not (isinstance(job, dict) and job.get("isListed") is False)]


def _salary(job: Mapping[str, Any]) -> Salary | None:
    compensation = job.get("compensation") or {}
    components = list(compensation.get("summaryComponents") or [])
    for tier in compensation.get("compensationTiers") or []:
        components.extend(tier.get("components") or [])
    for component in components:
        if component.get("compensationType") == "Salary" and (
            component.get("minValue") or component.get("maxValue")
        ):
            low = component.get("minValue") or component.get("maxValue")
            high = component.get("maxValue") or component.get("minValue")
            return Salary(
                float(low), float(high), component.get("currencyCode"),
                normalise_period(component.get("interval")),
                compensation.get("scrapeableCompensationSalarySummary"),
            )
    summary = compensation.get("scrapeableCompensationSalarySummary") or job.get(
        "compensationTierSummary"
    )
    return parse_salary_text(summary) if isinstance(summary, str) else None


def _country(job: Mapping[str, Any]) -> str | None:
    address = ((job.get("address") or {}).get("postalAddress") or {}).get("addressCountry")
    if not address:
        return None
    return COUNTRIES.get(str(address).strip().lower()) or (
        str(address).upper() if len(str(address)) == 2 else None
    )


def extract(job: Mapping[str, Any]) -> SourcePosting:
    locations = [job.get("location")] + [
        s.get("location") for s in job.get("secondaryLocations") or [] if isinstance(s, dict)
    ]
    workplace = job.get("workplaceType") or ("remote" if job.get("isRemote") is True else None)
    return SourcePosting(
        source_id=str(job["id"]),
        title=job.get("title") or "",
        description_html=job.get("descriptionHtml"),
        description_text=job.get("descriptionPlain"),
        department=job.get("department") or job.get("team"),
        locations=[loc for loc in locations if loc],
        country=_country(job),
        workplace=workplace,
        employment_type=job.get("employmentType"),
        salary=_salary(job),
        posted_at=job.get("publishedAt"),
        url=job.get("jobUrl"),
    )
