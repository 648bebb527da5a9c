"""Lever postings API responses: plain and HTML parts, `lists` of bullet sections, epoch-ms dates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.normalise import SourcePosting
from pipeline.salary import Salary, normalise_period

SOURCE = "lever"


def jobs(body: Any) -> list[Mapping[str, Any]]:
    if isinstance(body, dict) and "id" in body and "text" in body:
        return [body]  # a single posting (`/v0/postings/{site}/{id}`)
    if not isinstance(body, list):
        raise ValueError("expected a list of postings")
    return body


def _description_html(job: Mapping[str, Any]) -> str:
    parts = [job.get("description") or (job.get("opening") or "") + (job.get("descriptionBody") or "")]
    for section in job.get("lists") or []:
        if isinstance(section, dict):
            parts.append(f"<h3>{section.get('text') or ''}</h3><ul>{section.get('content') or ''}</ul>")
    parts.append(job.get("additional") or "")
    return "\n".join(p for p in parts if p)


def _salary(job: Mapping[str, Any]) -> Salary | None:
    pay = job.get("salaryRange")
    if not isinstance(pay, dict) or not (pay.get("min") or pay.get("max")):
        return None
    low, high = pay.get("min") or pay.get("max"), pay.get("max") or pay.get("min")
    return Salary(float(low), float(high), pay.get("currency"), normalise_period(pay.get("interval")))


def extract(job: Mapping[str, Any]) -> SourcePosting:
    categories = job.get("categories") or {}
    location = categories.get("location")
    locations = [loc for loc in [location, *(categories.get("allLocations") or [])] if loc]
    department = " / ".join(x for x in [categories.get("department"), categories.get("team")] if x)
    return SourcePosting(
        source_id=str(job["id"]),
        title=job.get("text") or "",
        description_html=_description_html(job),
        department=department or None,
        locations=list(dict.fromkeys(locations)),
        country=job.get("country"),
        workplace=job.get("workplaceType") if job.get("workplaceType") != "unspecified" else None,
        employment_type=categories.get("commitment"),
        salary=_salary(job),
        posted_at=job.get("createdAt"),
        url=job.get("hostedUrl"),
    )
