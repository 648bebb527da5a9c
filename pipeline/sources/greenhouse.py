"""Greenhouse job-board API responses (`content` is entity-escaped HTML)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.normalise import SourcePosting

SOURCE = "greenhouse"
_WORKPLACE_KEYS = {"location type", "workplace type", "remote", "work type", "workplace", "remote status"}
_EMPLOYMENT_KEYS = {
    "employment type", "job type", "commitment", "employment status", "time type", "contract type",
}


def jobs(body: Any) -> list[Mapping[str, Any]]:
    if not isinstance(body, dict) or not isinstance(body.get("jobs"), list):
        raise ValueError("expected an object with a 'jobs' list")
    return body["jobs"]


def _metadata(job: Mapping[str, Any], keys: set[str]) -> str | None:
    for entry in job.get("metadata") or []:
        if isinstance(entry, dict) and str(entry.get("name", "")).strip().lower() in keys:
            value = entry.get("value")
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            if value:
                return str(value)
    return None


def extract(job: Mapping[str, Any]) -> SourcePosting:
    location = (job.get("location") or {}).get("name")
    offices = [
        office.get("location") or office.get("name")
        for office in job.get("offices") or []
        if isinstance(office, dict)
    ]
    locations = [loc for loc in [location, *offices] if loc]
    locations = list(dict.fromkeys(locations))
    departments = [d.get("name") for d in job.get("departments") or [] if isinstance(d, dict)]
    content = job.get("content")
    return SourcePosting(
        source_id=str(job["id"]),
        title=job.get("title") or "",
        description_escaped_html=content if isinstance(content, str) else None,
        department=", ".join(d for d in departments if d) or None,
        locations=locations,
        workplace=_metadata(job, _WORKPLACE_KEYS),
        employment_type=_metadata(job, _EMPLOYMENT_KEYS),
        posted_at=job.get("first_published") or job.get("updated_at"),
        url=job.get("absolute_url"),
        company=job.get("company_name"),
    )
