"""pipeline/sources/workday.py on Workday's job search and posting (CXS) shapes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS, workday

SITE = Path(__file__).parents[1] / "fixtures" / "static" / "wday" / "cxs" / "globex" / "Careers"
ENGINEER = "job/USA-TX-Austin/Senior-Machine-Learning-Engineer--Routing_R1042"
SPECIALIST = "job/DEU-Hamburg/Accounts-Payable-Specialist_R1043"
ANALYST = "job/GBR-Manchester/Warehouse-Data-Analyst_R1044"
FETCHED_AT = "2026-01-15T06:00:00+00:00"


def read(name: str) -> dict[str, Any]:
    return json.loads((SITE / f"{name}.json").read_text(encoding="utf-8"))


def record(kind: str, body: Any, url: str = "") -> dict[str, Any]:
    return {"source": "workday", "board": "https://globex.wd1.myworkdayjobs.com/Careers", "kind": kind,
            "url": url, "body": body, "fetched_at": FETCHED_AT}


@pytest.fixture(scope="module")
def postings() -> dict[str, dict[str, Any]]:
    records = [record("board", read("jobs@limit=20&offset=0"))]
    records += [record("detail", read(path), url=path) for path in (ENGINEER, SPECIALIST, ANALYST)]
    rows = list(normalise_records(records, PARSERS))
    assert not [row for row in rows if isinstance(row, Quarantined)]
    return {row["title"]: row for row in rows}


def test_each_posting_is_read_once_from_its_detail(postings: dict[str, dict[str, Any]]) -> None:
    assert sorted(postings) == ["Accounts Payable Specialist (Teilzeit)",
                                "Senior Machine Learning Engineer, Routing", "Warehouse Data Analyst"]
    assert workday.jobs_of_record(record("board", read("jobs@limit=20&offset=0"))) == []


def test_ids_urls_and_company(postings: dict[str, dict[str, Any]]) -> None:
    engineer = postings["Senior Machine Learning Engineer, Routing"]

    assert engineer["source_id"] == "5f1a0c2b7e9d1001a1b2c3d4e5f60001"
    assert engineer["url"] == f"https://globex.wd1.myworkdayjobs.com/Careers/{ENGINEER}"
    assert {p["company"] for p in postings.values()} == {"Globex Logistics"}


def test_places_countries_workplaces_and_time_types(postings: dict[str, dict[str, Any]]) -> None:
    engineer, specialist, analyst = (postings[t] for t in (
        "Senior Machine Learning Engineer, Routing", "Accounts Payable Specialist (Teilzeit)",
        "Warehouse Data Analyst"))

    assert engineer["locations"] == ["Austin, TX", "Remote - USA"]  # additionalLocations kept
    assert [p["country"] for p in (engineer, specialist, analyst)] == ["US", "DE", "GB"]
    # remoteType, where the site gives one
    assert [p["workplace"] for p in (engineer, specialist, analyst)] == ["hybrid", None, "onsite"]
    assert [p["employment_type"] for p in (engineer, specialist, analyst)] == [
        "full_time", "part_time", "full_time"]


def test_posted_at_is_the_start_date_else_counted_back_else_unknown(
    postings: dict[str, dict[str, Any]],
) -> None:
    assert postings["Senior Machine Learning Engineer, Routing"]["posted_at"] == datetime(2026, 1, 5, tzinfo=UTC)
    # "Posted 3 Days Ago", fetched 2026-01-15
    assert postings["Accounts Payable Specialist (Teilzeit)"]["posted_at"] == datetime(2026, 1, 12, 6, tzinfo=UTC)
    # "Posted 30+ Days Ago" says only that it is older
    assert postings["Warehouse Data Analyst"]["posted_at"] is None


def test_description_is_clean_text_with_pay_read_from_it(postings: dict[str, dict[str, Any]]) -> None:
    specialist = postings["Accounts Payable Specialist (Teilzeit)"]

    assert "track(" not in specialist["description"]
    assert "Kaufmann für Büromanagement" in specialist["description"]
    assert "- Process supplier invoices" in specialist["description"]
    assert (specialist["salary_min"], specialist["salary_max"], specialist["salary_currency"]) == (
        48000, 54000, "EUR")


def test_a_detail_without_its_posting_is_quarantined_with_the_reason() -> None:
    [bad] = normalise_records([record("detail", {"errorCode": "HTTP_404", "httpStatus": 404})], PARSERS)

    assert isinstance(bad, Quarantined)
    assert "expected an object with a 'jobPostingInfo'" in bad.reason
