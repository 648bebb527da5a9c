"""pipeline/sources/lever.py on the Lever postings API's response shape."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS, lever

FIXTURES = Path(__file__).parents[1] / "fixtures" / "lever"
FIRST = "7c1d2e3f-0001-4a5b-8c9d-acme00000001"
HOURLY = "7c1d2e3f-0002-4a5b-8c9d-acme00000002"
CONTRACT = "7c1d2e3f-0003-4a5b-8c9d-acme00000003"
INTERNSHIP = "7c1d2e3f-0004-4a5b-8c9d-acme00000004"


def board(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def postings() -> dict[str, dict[str, Any]]:
    record = {"source": "lever", "board": "acme", "body": board("acme"),
              "fetched_at": "2026-01-15T06:00:00+00:00"}
    rows = list(normalise_records([record], PARSERS, companies={("lever", "acme"): "Acme Anvils"}))
    assert not [row for row in rows if isinstance(row, Quarantined)]
    return {row["source_id"]: row for row in rows}


def test_every_posting_is_read(postings: dict[str, dict[str, Any]]) -> None:
    assert sorted(postings) == [FIRST, HOURLY, CONTRACT, INTERNSHIP]
    assert postings[FIRST]["title"] == "Backend Engineer, Payments"
    assert postings[FIRST]["url"] == f"https://jobs.lever.co/acme/{FIRST}"
    assert postings[FIRST]["company"] == "Acme Anvils"  # from sources.toml, Lever names none


def test_description_lists_and_additional_are_all_in_the_text(
    postings: dict[str, dict[str, Any]],
) -> None:
    assert postings[FIRST]["description"] == (
        "Acme Anvils moves money for every anvil we sell.\n\n"
        "The team\n\n"
        "Payments owns checkout, refunds & payouts.\n\n"
        "What you'll do\n\n"
        "- Design idempotent payment APIs\n"
        "- Run the ledger on PostgreSQL\n\n"
        "What you bring\n\n"
        "- Four years of Go or Kotlin\n\n"
        "We offer a pension match and a yearly anvil allowance."
    )


def test_salary_range_per_year(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings[FIRST]

    assert (posting["salary_min"], posting["salary_max"]) == (110_000, 140_000)
    assert (posting["salary_currency"], posting["salary_period"]) == ("CAD", "year")


def test_salary_range_per_hour(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings[HOURLY]

    assert (posting["salary_min"], posting["salary_max"]) == (18.5, 22)
    assert (posting["salary_currency"], posting["salary_period"]) == ("USD", "hour")


def test_a_zero_salary_range_is_no_salary(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[INTERNSHIP]["salary_min"] is None
    assert postings[INTERNSHIP]["salary_currency"] is None
    assert postings[CONTRACT]["salary_min"] is None  # no salaryRange at all


def test_created_at_epoch_ms_is_the_posting_date(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[FIRST]["posted_at"] == datetime(2026, 1, 5, 10, 30, tzinfo=UTC)
    assert postings[HOURLY]["posted_at"] == datetime(2025, 12, 18, 12, 0, tzinfo=UTC)


def test_locations_country_and_workplace(postings: dict[str, dict[str, Any]]) -> None:
    observed = {
        source_id: (p["locations"], p["region"], p["country"], p["workplace"])
        for source_id, p in postings.items()
    }

    assert observed == {
        FIRST: (["Toronto, ON", "Montreal, QC"], "ON", "CA", "hybrid"),
        HOURLY: (["Austin, TX"], "TX", "US", "onsite"),
        CONTRACT: (["Lisbon, Portugal", "Porto, Portugal"], None, "PT", "remote"),
        INTERNSHIP: (["Paris"], None, "FR", None),  # workplaceType "unspecified"
    }


def test_commitment_department_and_team(postings: dict[str, dict[str, Any]]) -> None:
    observed = {
        source_id: (p["employment_type"], p["department"]) for source_id, p in postings.items()
    }

    assert observed == {
        FIRST: ("full_time", "Engineering / Payments"),
        HOURLY: ("part_time", "Operations / Fulfilment"),
        CONTRACT: ("contract", "Design / Product"),
        INTERNSHIP: ("internship", "Data"),  # "Stage"
    }


def test_a_single_posting_response_is_one_job() -> None:
    posting = board("acme")[0]

    assert lever.jobs(posting) == [posting]


def test_empty_site_has_no_postings() -> None:
    assert lever.jobs(board("empty")) == []


@pytest.mark.parametrize("body", [{}, {"postings": []}, None, "[]"])
def test_a_response_that_is_not_a_list_is_rejected(body: Any) -> None:
    with pytest.raises(ValueError, match="list of postings"):
        lever.jobs(body)
