"""Real JobPosting data for the JSON-LD reader, rebuilt as the pages it came from.

No real career pages are captured. REAL_DIR/postings/recruityard_feed_from_jsonld.xml is an
Indeed-style feed that srdobolo/XML-Feed-From-jobPosting-Strutured-Data (Scripts/feed.py) made
from the JobPosting JSON-LD of recruityard.com's job pages, one field per JSON-LD property
(title, datePosted, identifier.value, hiringOrganization.name, jobLocation.address.*,
jobLocationType, description, employmentType, baseSalary.value.value; "undisclosed" where one
was missing). Each <job> is put back into that JSON-LD shape, and the jobs of the feed into one
page, so the reader meets the real values (HTML descriptions, country codes, salary texts)
through the same path as a crawled page. The currency and unit of baseSalary were not kept by
the feed, so they are missing here too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

FEED = Path("postings") / "recruityard_feed_from_jsonld.xml"
MISSING = {"", "undisclosed"}


def records(real_dir: Path) -> Iterator[tuple[str, dict | None, str | None]]:
    """(file name, archive-like record or None, reason it was skipped or None) per capture."""
    for path in sorted(real_dir.rglob("*.html")):
        yield str(path.relative_to(real_dir)), _page_record(path.read_text(encoding="utf-8"), path.as_uri()), None
    path = real_dir / FEED
    if not path.is_file():
        return
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as error:
        yield path.name, None, f"not well-formed XML: {error}"
        return
    postings = [_job_posting(job) for job in root.iter("job")]
    page = ('<!DOCTYPE html><html><head><script type="application/ld+json">'
            # "<\/" keeps a "</script>" inside a description from ending the script early
            + json.dumps(postings, ensure_ascii=False).replace("</", "<\\/")
            + "</script></head><body></body></html>")
    yield path.name, _page_record(page, "https://recruityard.com/find-jobs-all/"), None


def _page_record(page: str, url: str) -> dict[str, Any]:
    return {"source": "jsonld", "board": "https://recruityard.com/find-jobs-all/", "kind": "page",
            "url": url, "fetched_at": None, "body": page}


def _field(job: etree._Element, name: str) -> str | None:
    text = (job.findtext(name) or "").strip()
    return None if text in MISSING else text


def _job_posting(job: etree._Element) -> dict[str, Any]:
    """The JobPosting JSON-LD that the feed's generator read this <job> from."""
    address = {key: value for key, value in {
        "@type": "PostalAddress",
        "addressLocality": _field(job, "city"),
        "addressRegion": _field(job, "state"),
        "addressCountry": _field(job, "country"),
        "postalCode": _field(job, "postalcode"),
    }.items() if value}
    posting: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": _field(job, "title"),
        "datePosted": _field(job, "date"),
        "identifier": {"@type": "PropertyValue", "value": _field(job, "referencenumber")},
        "url": _field(job, "url"),
        "hiringOrganization": {"@type": "Organization", "name": _field(job, "company")},
        "jobLocation": {"@type": "Place", "address": address},
        "jobLocationType": _field(job, "remote"),
        "description": _field(job, "description"),
        "employmentType": _field(job, "jobtype"),
        "baseSalary": {"@type": "MonetaryAmount",
                       "value": {"@type": "QuantitativeValue", "value": _field(job, "salary")}},
    }
    return {key: value for key, value in posting.items() if value is not None}
