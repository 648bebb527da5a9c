"""Personio XML feed (`<workzag-jobs>`), https://developer.personio.de/docs/retrieving-open-job-positions.

The feed carries no posting URL: it is built from the board (the account name) and the language
of the archived request, always on the public host, so a feed crawled from a local mirror still
links to Personio.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from lxml import etree

from pipeline.normalise import SourcePosting
from pipeline.salary import Salary, normalise_period, parse_number

SOURCE = "personio"
DEFAULT_LANGUAGE = "en"
POSTING_URL = "https://{account}.jobs.personio.de/job/{id}?language={language}"
# "full-or-part-time" offers full time, so it counts as full time
_SCHEDULE = {"full-or-part-time": "full-time"}


def jobs_of_record(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The positions of an archived feed, each with the account and language it was asked for."""
    body = record.get("body")
    if not isinstance(body, str):
        raise ValueError("expected the feed's XML text")
    root = _parse(body)
    if root.tag != "workzag-jobs":
        raise ValueError(f"expected a <workzag-jobs> feed, got <{root.tag}>")
    language = _language(record.get("url"))
    return [{**_position(element), "account": record.get("board"), "language": language}
            for element in root.findall("position")]


def _parse(text: str) -> etree._Element:
    # no entity expansion, no DTD or network fetches: the feed is untrusted input
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, encoding="utf-8")
    try:
        return etree.fromstring(text.encode("utf-8"), parser)
    except etree.XMLSyntaxError as error:
        raise ValueError(f"not well-formed XML: {error}") from None


def _language(url: Any) -> str:
    values = parse_qs(urlsplit(url).query).get("language") if isinstance(url, str) else None
    return values[0] if values and values[0] else DEFAULT_LANGUAGE


def _text(element: etree._Element | None) -> str | None:
    """An element's own text; entity references (left unexpanded) and comments are skipped."""
    if element is None:
        return None
    text = (element.text or "") + "".join(child.tail or "" for child in element)
    return text.strip() or None


def _position(element: etree._Element) -> dict[str, Any]:
    """One <position> as a dict: simple elements by tag, offices, sections and salary as structures."""
    position: dict[str, Any] = {
        child.tag: _text(child) for child in element
        if isinstance(child.tag, str) and child.find("*") is None
    }
    position["additionalOffices"] = [
        text for office in element.findall("additionalOffices/office") if (text := _text(office))]
    position["jobDescriptions"] = [
        {"name": _text(section.find("name")), "value": _text(section.find("value"))}
        for section in element.findall("jobDescriptions/jobDescription")]
    salary = element.find("salaryInformation")
    position["salaryInformation"] = (
        {child.tag: _text(child) for child in salary if isinstance(child.tag, str)}
        if salary is not None else None)
    return position


def _description_html(job: Mapping[str, Any]) -> str:
    return "\n".join(
        (f"<h3>{html.escape(section['name'])}</h3>" if section.get("name") else "")
        + (section.get("value") or "")
        for section in job.get("jobDescriptions") or [])


def _employment_type(job: Mapping[str, Any]) -> str | None:
    """The contract kind (intern, trainee, freelance, …) when it is not "permanent", else the schedule."""
    kind = job.get("employmentType")
    if kind and kind.lower() != "permanent":
        return kind.replace("_", " ")
    schedule = job.get("schedule")
    return _SCHEDULE.get(schedule.lower(), schedule) if schedule else kind


def _salary(job: Mapping[str, Any]) -> Salary | None:
    pay = job.get("salaryInformation") or {}
    low = parse_number(pay["min"]) if pay.get("min") else None
    high = parse_number(pay["max"]) if pay.get("max") else None
    if not low and not high:
        return None
    return Salary(low or None, high or None, pay.get("currencyCode"), normalise_period(pay.get("type")))


def _url(job: Mapping[str, Any]) -> str | None:
    if not job.get("account"):
        return None
    return POSTING_URL.format(account=quote(str(job["account"]), safe=""), id=quote(str(job["id"]), safe=""),
                              language=quote(str(job.get("language") or DEFAULT_LANGUAGE), safe=""))


def extract(job: Mapping[str, Any]) -> SourcePosting:
    if not job.get("id"):
        raise ValueError("position has no <id>")
    locations = [job.get("office"), *(job.get("additionalOffices") or [])]
    return SourcePosting(
        source_id=str(job["id"]),
        title=job.get("name") or "",
        description_html=_description_html(job) or None,
        department=job.get("department"),
        locations=list(dict.fromkeys(loc for loc in locations if loc)),
        employment_type=_employment_type(job),
        salary=_salary(job),
        posted_at=job.get("createdAt"),
        url=_url(job),
        company=job.get("subcompany"),
    )
