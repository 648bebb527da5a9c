"""SmartRecruiters Posting API responses: each posting is read from its detail (kind "detail"), whose
`jobAd.sections` hold the text; listing pages carry summaries only and are skipped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.normalise import SourcePosting

SOURCE = "smartrecruiters"
SECTIONS = ("companyDescription", "jobDescription", "qualifications", "additionalInformation")


def jobs_of_record(record: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if record.get("kind") != "detail":
        return []  # a listing page: the same postings arrive whole in their detail records
    body = record.get("body")
    if not isinstance(body, dict) or not body.get("id") or not isinstance(body.get("jobAd"), dict):
        raise ValueError("expected a posting object with an 'id' and a 'jobAd'")
    return [body]


def _description_html(posting: Mapping[str, Any]) -> str | None:
    sections = posting["jobAd"].get("sections") or {}
    parts = []
    for key in SECTIONS:
        section = sections.get(key)
        if isinstance(section, dict) and (section.get("text") or "").strip():
            title = section.get("title")
            parts.append((f"<h3>{title}</h3>" if title else "") + section["text"])
    return "\n".join(parts) or None


def _label(value: Any) -> str | None:
    return (value.get("label") or None) if isinstance(value, dict) else None


def _location(location: Mapping[str, Any]) -> str | None:
    full = (location.get("fullLocation") or "").strip()
    parts = (location.get("city"), location.get("region"), str(location.get("country") or "").upper())
    return full or ", ".join(str(part) for part in parts if part) or None


def _workplace(location: Mapping[str, Any]) -> str | None:
    if location.get("remote") is True:
        return "remote"
    if location.get("hybrid") is True:
        return "hybrid"
    # both flags stated and false: an on-site posting (older postings carry no "hybrid" flag)
    if location.get("remote") is False and location.get("hybrid") is False:
        return "onsite"
    return None


def extract(posting: Mapping[str, Any]) -> SourcePosting:
    location = posting.get("location") if isinstance(posting.get("location"), dict) else {}
    place = _location(location)
    return SourcePosting(
        source_id=str(posting["id"]),
        title=posting.get("name") or "",
        description_html=_description_html(posting),
        department=_label(posting.get("department")),
        locations=[place] if place else [],
        country=str(location.get("country") or "").upper() or None,  # "us" → "US"
        workplace=_workplace(location),
        employment_type=_label(posting.get("typeOfEmployment")),
        posted_at=posting.get("releasedDate"),
        url=posting.get("postingUrl"),
        company=(posting.get("company") or {}).get("name") or None,
    )
