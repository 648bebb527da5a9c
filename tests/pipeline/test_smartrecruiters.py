"""pipeline/sources/smartrecruiters.py on the SmartRecruiters Posting API's list and detail shapes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS, smartrecruiters

POSTINGS = Path(__file__).parents[1] / "fixtures" / "static" / "v1" / "companies" / "acme"
SCIENTIST, LEAD, WRITER = "744000012340001", "744000012340002", "744000012340003"
FETCHED_AT = "2026-01-15T06:00:00+00:00"


def detail(posting_id: str) -> dict[str, Any]:
    return json.loads((POSTINGS / "postings" / f"{posting_id}.json").read_text(encoding="utf-8"))


def listing() -> dict[str, Any]:
    return json.loads((POSTINGS / "postings@limit=100&offset=0.json").read_text(encoding="utf-8"))


def record(kind: str, body: Any) -> dict[str, Any]:
    return {"source": "smartrecruiters", "board": "acme", "kind": kind, "body": body,
            "fetched_at": FETCHED_AT}


@pytest.fixture(scope="module")
def postings() -> dict[str, dict[str, Any]]:
    records = [record("board", listing())] + [record("detail", detail(i)) for i in (SCIENTIST, LEAD, WRITER)]
    rows = list(normalise_records(records, PARSERS))
    assert not [row for row in rows if isinstance(row, Quarantined)]
    return {row["source_id"]: row for row in rows}


def test_each_posting_is_read_once_from_its_detail(postings: dict[str, dict[str, Any]]) -> None:
    assert sorted(postings) == [SCIENTIST, LEAD, WRITER]
    assert smartrecruiters.jobs_of_record(record("board", listing())) == []


def test_titles_urls_departments_and_company(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings[SCIENTIST]

    assert posting["title"] == "Senior Data Scientist"
    assert posting["url"] == f"https://jobs.smartrecruiters.com/acme/{SCIENTIST}-senior-data-scientist"
    assert posting["department"] == "Data Science"
    assert postings[LEAD]["department"] is None  # department: {}
    assert {p["company"] for p in postings.values()} == {"Acme Analytics"}


def test_job_ad_sections_become_one_text_in_order(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[SCIENTIST]["description"] == (
        "Company Description\n\n"
        "Acme Analytics builds demand forecasts for independent grocers.\n\n"
        "Job Description\n\n"
        "Build the demand models behind our forecasts.\n\n"
        "- Own model training in Python\n"
        "- Explain forecasts to grocers\n\n"
        "Qualifications\n\n"
        "Five years of applied statistics or machine learning.\n\n"
        "Additional Information\n\n"
        "Salary: €75,000 – €90,000 per year."
    )
    # an empty "Additional Information" leaves no dangling heading
    assert postings[LEAD]["description"].endswith("Qualifications\n\nTwo years leading a team.")


def test_salary_from_the_job_ad_text(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings[SCIENTIST]

    assert (posting["salary_min"], posting["salary_max"]) == (75_000, 90_000)
    assert (posting["salary_currency"], posting["salary_period"]) == ("EUR", "year")
    assert postings[WRITER]["salary_min"] is None


def test_locations_and_lower_case_country_codes(postings: dict[str, dict[str, Any]]) -> None:
    observed = {
        source_id: (p["locations"], p["city"], p["region"], p["country"])
        for source_id, p in postings.items()
    }

    assert observed == {
        SCIENTIST: (["Berlin, Berlin, Germany"], "Berlin", "Berlin", "DE"),
        LEAD: (["Austin, TX, United States"], "Austin", "TX", "US"),
        WRITER: (["London, England, United Kingdom"], "London", None, "GB"),
    }


def test_location_without_full_location_is_composed() -> None:
    posting = {**detail(LEAD), "location": {"city": "Austin", "region": "TX", "country": "us"}}

    assert smartrecruiters.extract(posting).locations == ["Austin, TX, US"]


def test_workplace_from_the_remote_and_hybrid_flags(postings: dict[str, dict[str, Any]]) -> None:
    observed = {source_id: p["workplace"] for source_id, p in postings.items()}

    assert observed == {SCIENTIST: "hybrid", LEAD: "onsite", WRITER: "remote"}


def test_remote_false_without_a_hybrid_flag_says_nothing() -> None:
    location = {key: value for key, value in detail(LEAD)["location"].items() if key != "hybrid"}

    assert smartrecruiters.extract({**detail(LEAD), "location": location}).workplace is None


def test_employment_types(postings: dict[str, dict[str, Any]]) -> None:
    observed = {source_id: p["employment_type"] for source_id, p in postings.items()}

    assert observed == {SCIENTIST: "full_time", LEAD: "full_time", WRITER: "contract"}


def test_released_date_in_utc(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[SCIENTIST]["posted_at"] == datetime(2026, 1, 6, 9, 15, tzinfo=UTC)
    assert postings[WRITER]["posted_at"] == datetime(2026, 1, 12, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize("body", [{"id": SCIENTIST, "name": "Data Scientist"}, {"jobAd": {}}, [], None])
def test_a_detail_that_is_not_a_posting_is_rejected(body: Any) -> None:
    with pytest.raises(ValueError, match="'id' and a 'jobAd'"):
        smartrecruiters.jobs_of_record(record("detail", body))


def test_a_bad_detail_is_quarantined_with_the_reason() -> None:
    [result] = normalise_records([record("detail", {"message": "Not Found"})], PARSERS)

    assert isinstance(result, Quarantined)
    assert result.reason.startswith("response is not a smartrecruiters board: expected a posting")
