"""The demo boards as they stood on a given date, rendered in Greenhouse, Lever and Ashby shapes.

Boards change from day to day, deterministically: each posting is open for a stretch of every
91-day cycle (a new source id each time it reopens), and some are edited a while after opening.
"""

from __future__ import annotations

import hashlib
import html
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from jobradar.demo.corpus import Company, companies, postings
from pipeline.location import parse_location

EPOCH = date(2024, 1, 1)
CYCLE_DAYS = 91
_NAMESPACE = uuid.UUID("8b1b0a8e-4f5e-4a57-9d7e-6a9f3f1c2d10")
_COUNTRY_NAMES = {"US": "United States", "GB": "United Kingdom", "CA": "Canada", "DE": "Germany",
                  "NL": "Netherlands", "IE": "Ireland", "ES": "Spain", "FR": "France", "IN": "India"}
_EDIT_NOTE = ("Update: we have opened this role to a second interview track and now review "
              "applications weekly.")


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big")


@dataclass(frozen=True)
class Visible:
    """A posting as shown on a given day: when it opened, its cycle and whether it was edited."""

    posting: dict[str, Any]
    opened: date
    cycle: int
    edited_on: date | None


def visible_postings(board: str, day: date) -> list[Visible]:
    """The postings of `board` that are open on `day`, in corpus order."""
    shown = []
    for posting in postings(board):
        h = _hash(posting["id"])
        offset, length = h % CYCLE_DAYS, 45 + (h >> 8) % 40
        elapsed = (day - EPOCH).days - offset
        into_cycle = elapsed % CYCLE_DAYS
        if into_cycle >= length:
            continue
        edit_after = 7 + (h >> 20) % 20 if (h >> 16) % 4 == 0 else None
        opened = day - timedelta(days=into_cycle)
        edited = opened + timedelta(days=edit_after) if edit_after and into_cycle >= edit_after else None
        shown.append(Visible(posting, opened, elapsed // CYCLE_DAYS, edited))
    return shown


def _timestamp(day: date, key: str) -> datetime:
    seconds = _hash(key) % 36000 + 7 * 3600
    return datetime.combine(day, time(0), tzinfo=UTC) + timedelta(seconds=seconds)


def _description(visible: Visible) -> str:
    text = visible.posting["description"]
    return f"{text}\n\n{_EDIT_NOTE}" if visible.edited_on else text


def markdown_html(text: str) -> str:
    """Render markdown-lite (paragraphs, '## ' headings, '- ' bullets) as HTML."""
    out: list[str] = []
    bullets: list[str] = []
    for block in text.split("\n\n"):
        for line in block.split("\n"):
            stripped = line.strip()
            if stripped.startswith("- "):
                bullets.append(f"<li>{html.escape(stripped[2:])}</li>")
                continue
            if bullets:
                out.append("<ul>" + "".join(bullets) + "</ul>")
                bullets = []
            if stripped.startswith("## "):
                out.append(f"<h3><strong>{html.escape(stripped[3:])}</strong></h3>")
            elif stripped:
                out.append(f"<p>{html.escape(stripped)}</p>")
    if bullets:
        out.append("<ul>" + "".join(bullets) + "</ul>")
    return "\n".join(out)


def _money(amount: float, currency: str) -> str:
    symbols = {"USD": "$", "GBP": "£", "EUR": "€", "INR": "₹", "CAD": "CA$"}
    number = f"{amount:,.2f}" if amount < 1000 and amount != int(amount) else f"{amount:,.0f}"
    return f"{symbols.get(currency, '')}{number}"


def _source_id(company: Company, visible: Visible) -> str:
    key = f"{visible.posting['id']}:{visible.cycle}"
    if company.source == "greenhouse":
        return str(4_000_000_000 + _hash(key) % 900_000_000)
    return str(uuid.uuid5(_NAMESPACE, f"{company.source}:{key}"))


def _country(location: str) -> str | None:
    return parse_location(location).country


# ---- Greenhouse: /v1/boards/{token}/jobs?content=true ----------------------------------------

_GH_PERIOD = {"year": "Annual Salary", "hour": "Hourly Pay", "month": "Monthly Salary",
              "day": "Daily Rate", "week": "Weekly Pay"}


def _greenhouse_job(company: Company, visible: Visible) -> dict[str, Any]:
    posting = visible.posting
    job_id = _source_id(company, visible)
    content = markdown_html(_description(visible))
    pay = posting.get("salary")
    if pay and not posting.get("salary_in_text"):
        content += (
            '<div class="content-pay-transparency"><div class="pay-input">'
            "<div class=\"description\"><p>The pay range for this role is:</p></div>"
            f'<div class="title">{_GH_PERIOD[pay["period"]]}</div><div class="pay-range">'
            f'<span>{_money(pay["min"], pay["currency"])}</span><span class="divider">&mdash;</span>'
            f'<span>{_money(pay["max"], pay["currency"])} {pay["currency"]}</span></div></div></div>'
        )
    locations = posting["locations"]
    workplace = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "On-site"}[posting["workplace"]]
    employment = posting["employment_type"].replace("_", "-").capitalize()
    updated = visible.edited_on or visible.opened
    seed = _hash(company.board)
    return {
        "absolute_url": f"https://job-boards.greenhouse.io/{company.board}/jobs/{job_id}",
        "data_compliance": [{"type": "gdpr", "requires_consent": False,
                             "requires_processing_consent": False,
                             "requires_retention_consent": False, "retention_period": None,
                             "demographic_data_consent_applies": False}],
        "internal_job_id": int(job_id) - 1_000_000,
        "location": {"name": " | ".join(locations)},
        "metadata": [
            {"id": 4036944008, "name": "Location Type", "value": workplace,
             "value_type": "single_select"},
            {"id": 4036944009, "name": "Employment Type", "value": employment,
             "value_type": "single_select"},
        ],
        "id": int(job_id),
        "updated_at": _timestamp(updated, job_id + "u").isoformat(),
        "requisition_id": str(100000 + _hash(posting["id"]) % 900000),
        "title": posting["title"],
        "company_name": company.name,
        "first_published": _timestamp(visible.opened, job_id).isoformat(),
        "language": "en",
        "application_deadline": None,
        "content": html.escape(content, quote=True),
        "departments": [{"id": 4_002_000_000 + _hash(posting["department"]) % 100_000,
                         "name": posting["department"], "child_ids": [], "parent_id": None}],
        "offices": [{"id": 4_053_000_000 + (seed + i) % 100_000, "name": loc, "location": loc,
                     "child_ids": [], "parent_id": None} for i, loc in enumerate(locations)],
    }


def greenhouse_board(company: Company, day: date) -> dict[str, Any]:
    jobs = [_greenhouse_job(company, v) for v in visible_postings(company.board, day)]
    return {"jobs": jobs, "meta": {"total": len(jobs)}}


# ---- Lever: /v0/postings/{site}?mode=json ----------------------------------------------------

_LEVER_INTERVAL = {"year": "per-year-salary", "hour": "per-hour-wage", "month": "per-month-salary",
                   "day": "per-day-wage", "week": "per-week-wage"}


def _lever_sections(text: str) -> tuple[str, list[dict[str, str]], str]:
    """Opening paragraphs, then each '## heading' + bullets as a list, the rest as 'additional'."""
    opening: list[str] = []
    lists: list[dict[str, str]] = []
    additional: list[str] = []
    heading: str | None = None
    for block in text.split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            heading, lines = lines[0][3:], lines[1:]
            if not lines:
                continue
        if heading and all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{html.escape(line[2:])}</li>" for line in lines)
            lists.append({"text": heading, "content": items})
            continue
        target = additional if lists else opening
        prefix = f"## {heading}\n" if heading else ""
        target.append(prefix + "\n".join(lines))
        heading = None
    return "\n\n".join(opening), lists, "\n\n".join(additional)


def _lever_posting(company: Company, visible: Visible) -> dict[str, Any]:
    posting = visible.posting
    posting_id = _source_id(company, visible)
    opening, lists, additional = _lever_sections(_description(visible))
    opening_html, additional_html = markdown_html(opening), markdown_html(additional)
    locations = posting["locations"]
    body: dict[str, Any] = {
        "additionalPlain": additional.replace("## ", ""),
        "additional": additional_html,
        "categories": {
            "commitment": posting["employment_type"].replace("_", "-").capitalize(),
            "department": posting["department"],
            "location": locations[0],
            "team": posting.get("team") or posting["department"],
            "allLocations": locations,
        },
        "createdAt": int(_timestamp(visible.opened, posting_id).timestamp() * 1000),
        "descriptionPlain": opening.replace("## ", ""),
        "description": opening_html,
        "id": posting_id,
        "lists": lists,
        "text": posting["title"],
        "country": _country(locations[0]),
        "workplaceType": posting["workplace"],
        "opening": opening_html,
        "openingPlain": opening.replace("## ", ""),
        "descriptionBody": "",
        "descriptionBodyPlain": "",
        "hostedUrl": f"https://jobs.lever.co/{company.board}/{posting_id}",
        "applyUrl": f"https://jobs.lever.co/{company.board}/{posting_id}/apply",
    }
    pay = posting.get("salary")
    if pay and not posting.get("salary_in_text"):
        body["salaryRange"] = {"min": pay["min"], "max": pay["max"], "currency": pay["currency"],
                               "interval": _LEVER_INTERVAL[pay["period"]]}
    return body


def lever_board(company: Company, day: date) -> list[dict[str, Any]]:
    return [_lever_posting(company, v) for v in visible_postings(company.board, day)]


# ---- Ashby: /posting-api/job-board/{name}?includeCompensation=true ---------------------------

_ASHBY_EMPLOYMENT = {"full_time": "FullTime", "part_time": "PartTime", "contract": "Contract",
                     "temporary": "Temporary", "internship": "Intern"}
_ASHBY_WORKPLACE = {"remote": "Remote", "hybrid": "Hybrid", "onsite": "OnSite"}


def _address(location: str) -> dict[str, Any]:
    place = parse_location(location)
    address = {"addressLocality": place.city, "addressRegion": place.region,
               "addressCountry": _COUNTRY_NAMES.get(place.country or "", place.country)}
    return {"postalAddress": {k: v for k, v in address.items() if v}}


def _ashby_job(company: Company, visible: Visible) -> dict[str, Any]:
    posting = visible.posting
    job_id = _source_id(company, visible)
    text = _description(visible)
    pay = posting.get("salary")
    compensation: dict[str, Any] = {"compensationTierSummary": None,
                                    "scrapeableCompensationSalarySummary": None,
                                    "compensationTiers": [], "summaryComponents": []}
    if pay and not posting.get("salary_in_text"):
        summary = f"{_money(pay['min'], pay['currency'])} – {_money(pay['max'], pay['currency'])}"
        component = {"compensationType": "Salary", "interval": f"1 {pay['period'].upper()}",
                     "currencyCode": pay["currency"], "minValue": pay["min"],
                     "maxValue": pay["max"]}
        compensation = {
            "compensationTierSummary": summary,
            "scrapeableCompensationSalarySummary": summary,
            "compensationTiers": [{"id": str(uuid.uuid5(_NAMESPACE, job_id + "tier")),
                                   "tierSummary": summary, "title": None,
                                   "additionalInformation": None,
                                   "components": [{"id": str(uuid.uuid5(_NAMESPACE, job_id + "c")),
                                                   "summary": summary, **component}]}],
            "summaryComponents": [component],
        }
    locations = posting["locations"]
    return {
        "id": job_id,
        "title": posting["title"],
        "department": posting["department"],
        "team": posting.get("team") or posting["department"],
        "employmentType": _ASHBY_EMPLOYMENT[posting["employment_type"]],
        "location": locations[0],
        "shouldDisplayCompensationOnJobPostings": bool(pay),
        "secondaryLocations": [{"location": loc, "address": _address(loc)} for loc in locations[1:]],
        "publishedAt": _timestamp(visible.opened, job_id).isoformat(timespec="milliseconds"),
        "isListed": True,
        "isRemote": posting["workplace"] == "remote",
        "workplaceType": _ASHBY_WORKPLACE[posting["workplace"]],
        "address": _address(locations[0]),
        "jobUrl": f"https://jobs.ashbyhq.com/{company.board}/{job_id}",
        "applyUrl": f"https://jobs.ashbyhq.com/{company.board}/{job_id}/application",
        "descriptionHtml": markdown_html(text),
        "descriptionPlain": text.replace("## ", ""),
        "compensation": compensation,
    }


def ashby_board(company: Company, day: date) -> dict[str, Any]:
    jobs = [_ashby_job(company, v) for v in visible_postings(company.board, day)]
    return {"apiVersion": "1", "jobs": jobs}


RENDERERS = {"greenhouse": greenhouse_board, "lever": lever_board, "ashby": ashby_board}


@lru_cache(maxsize=256)
def board_response(source: str, board: str, day: date) -> Any | None:
    """The API response body of a demo board on `day`, or None for an unknown board."""
    for company in companies():
        if company.source == source and company.board == board:
            return RENDERERS[source](company, day)
    return None
