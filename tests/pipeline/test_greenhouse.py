"""pipeline/sources/greenhouse.py on the Greenhouse job-board API's response shape."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS, greenhouse

FIXTURES = Path(__file__).parents[1] / "fixtures" / "greenhouse"
FETCHED_AT = "2026-01-15T06:00:00+00:00"


def board(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def postings() -> dict[str, dict[str, Any]]:
    record = {"source": "greenhouse", "board": "acme", "body": board("acme"),
              "fetched_at": FETCHED_AT}
    rows = list(normalise_records([record], PARSERS))
    assert not [row for row in rows if isinstance(row, Quarantined)]
    return {row["source_id"]: row for row in rows}


def test_every_job_of_the_board_is_read(postings: dict[str, dict[str, Any]]) -> None:
    assert sorted(postings) == ["4100001001", "4100001002", "4100001003", "4100001004"]
    assert postings["4100001001"]["title"] == "Senior Machine Learning Engineer"
    assert postings["4100001001"]["company"] == "Acme Anvils"
    assert postings["4100001001"]["url"] == "https://job-boards.greenhouse.io/acme/jobs/4100001001"


def test_escaped_content_becomes_clean_text(postings: dict[str, dict[str, Any]]) -> None:
    text = postings["4100001001"]["description"]

    assert text.startswith("About Acme Anvils\n\nAcme Anvils builds drop-tested anvils for R&D")
    assert "alike. We ship from three foundries." in text  # &amp;nbsp; is one space
    assert "- Own the feature store & its data contracts" in text
    assert "- Write queries such as SELECT * FROM orders WHERE weight < 50" in text
    assert "Annual Salary:" in text
    for leftover in ("trackApply", "beacon", "color:", "#ff6600", "&amp;", "&nbsp;", "&lt;", "<"):
        assert leftover not in text.replace("weight < 50", "")


def test_pay_transparency_block_gives_the_salary(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings["4100001001"]

    assert (posting["salary_min"], posting["salary_max"]) == (185_000, 240_000)
    assert (posting["salary_currency"], posting["salary_period"]) == ("USD", "year")
    assert posting["salary_text"] == "$185,000—$240,000 USD"


def test_a_dollar_range_in_a_canadian_posting_is_cad(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings["4100001003"]

    assert posting["country"] == "CA"
    assert (posting["salary_min"], posting["salary_max"]) == (62_000, 70_000)
    assert (posting["salary_currency"], posting["salary_period"]) == ("CAD", "year")


def test_no_pay_in_the_text_means_no_salary(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings["4100001002"]

    assert [posting[key] for key in ("salary_min", "salary_max", "salary_currency")] == [None] * 3


def test_location_and_offices(postings: dict[str, dict[str, Any]]) -> None:
    engineer = postings["4100001001"]
    assert engineer["location"] == "San Francisco, CA"
    assert engineer["locations"] == [
        "San Francisco, CA",
        "San Francisco, California, United States",
        "New York, New York, United States",
    ]
    place = (engineer["city"], engineer["region"], engineer["country"])
    assert place == ("San Francisco", "CA", "US")
    assert postings["4100001002"]["country"] == "GB"
    # an office without a location is listed by its name
    assert postings["4100001004"]["locations"] == ["Berlin", "Berlin Foundry"]
    assert postings["4100001004"]["country"] == "DE"


def test_departments_are_joined(postings: dict[str, dict[str, Any]]) -> None:
    assert postings["4100001001"]["department"] == "Engineering"
    assert postings["4100001002"]["department"] == "Finance, Pricing"
    assert postings["4100001004"]["department"] is None


def test_metadata_gives_workplace_and_employment_type(postings: dict[str, dict[str, Any]]) -> None:
    observed = {
        source_id: (posting["workplace"], posting["employment_type"])
        for source_id, posting in postings.items()
    }

    assert observed == {
        "4100001001": ("hybrid", None),
        "4100001002": ("onsite", "full_time"),  # "Contract Type: Permanent"
        "4100001003": ("remote", "part_time"),
        "4100001004": (None, None),  # metadata: null
    }


def test_first_published_is_the_posting_date_in_utc(postings: dict[str, dict[str, Any]]) -> None:
    assert postings["4100001001"]["posted_at"] == datetime(2026, 1, 12, 14, 30, tzinfo=UTC)
    assert postings["4100001003"]["posted_at"] == datetime(2026, 1, 3, 23, 45, tzinfo=UTC)
    assert postings["4100001004"]["posted_at"] == datetime(2025, 12, 30, 7, 0, tzinfo=UTC)
    assert postings["4100001001"]["scraped_at"] == datetime(2026, 1, 15, 6, 0, tzinfo=UTC)


def test_updated_at_stands_in_when_first_published_is_missing() -> None:
    job = {**board("acme")["jobs"][0], "first_published": None}

    assert greenhouse.extract(job).posted_at == "2026-01-14T11:00:00-05:00"


def test_empty_board_has_no_jobs() -> None:
    assert greenhouse.jobs(board("empty")) == []


@pytest.mark.parametrize("body", [{"foo": 1}, [], None, {"jobs": {"id": 1}}])
def test_a_response_without_a_jobs_list_is_rejected(body: Any) -> None:
    with pytest.raises(ValueError, match="'jobs' list"):
        greenhouse.jobs(body)
