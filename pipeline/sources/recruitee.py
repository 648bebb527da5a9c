"""Recruitee Careers Site API responses (`/api/offers/`): published offers only, structured salary,
remote/hybrid/on_site flags, and dates in the form "2025-12-05 21:44:46 UTC"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pipeline.normalise import SourcePosting
from pipeline.salary import Salary, normalise_period, parse_number

SOURCE = "recruitee"


def jobs(body: Any) -> list[Mapping[str, Any]]:
    """The published offers; drafts and closed offers are not postings, so they are dropped."""
    if not isinstance(body, dict) or not isinstance(body.get("offers"), list):
        raise ValueError("expected an object with an 'offers' list")
    return [offer for offer in body["offers"]
            if not (isinstance(offer, dict) and offer.get("status", "published") != "published")]


def _amount(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return parse_number(value) if isinstance(value, str) and value.strip() else None


def _salary(offer: Mapping[str, Any]) -> Salary | None:
    pay = offer.get("salary")
    if not isinstance(pay, dict):
        return None
    low, high = _amount(pay.get("min")), _amount(pay.get("max"))
    if not (low or high):
        return None
    return Salary(low or high, high or low, pay.get("currency") or None, normalise_period(pay.get("period")))


def _workplace(offer: Mapping[str, Any]) -> str | None:
    for flag, workplace in (("hybrid", "hybrid"), ("remote", "remote"), ("on_site", "onsite")):
        if offer.get(flag) is True:
            return workplace
    return None


def _location(offer: Mapping[str, Any]) -> str | None:
    named = (offer.get("location") or "").strip()
    return named or ", ".join(p for p in (offer.get("city"), offer.get("country")) if p) or None


def extract(offer: Mapping[str, Any]) -> SourcePosting:
    location = _location(offer)
    employment = offer.get("employment_type_code")
    return SourcePosting(
        source_id=str(offer["id"]),
        title=offer.get("title") or "",
        description_html="\n".join(part for part in (offer.get("description"), offer.get("requirements"))
                                   if part) or None,
        department=offer.get("department") or None,
        locations=[location] if location else [],
        country=offer.get("country_code") or None,
        workplace=_workplace(offer),
        # "fulltime_fixed_term" → "fulltime fixed term", which the shared vocabulary reads
        employment_type=employment.replace("_", " ") if isinstance(employment, str) else None,
        salary=_salary(offer),
        posted_at=offer.get("published_at") or offer.get("created_at"),
        url=offer.get("careers_url"),
        company=offer.get("company_name") or None,
    )
