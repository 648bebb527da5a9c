"""pipeline/sources/workable.py on the Workable widget API's response shape (`?details=true`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS, workable

WIDGET = Path(__file__).parents[1] / "fixtures" / "static" / "api" / "v1" / "widget" / "accounts"
ENGINEER, SUPPORT, INTERN, SALES = "A1B2C3D4E5", "F6G7H8J9K0", "L1M2N3P4Q5", "R6S7T8V9W0"


def account(name: str) -> Any:
    return json.loads((WIDGET / f"{name}@details=true.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def postings() -> dict[str, dict[str, Any]]:
    record = {"source": "workable", "board": "acme", "kind": "board", "body": account("acme"),
              "fetched_at": "2026-01-15T06:00:00+00:00"}
    rows = list(normalise_records([record], PARSERS))
    assert not [row for row in rows if isinstance(row, Quarantined)]
    return {row["source_id"]: row for row in rows}


def test_every_job_is_a_posting_keyed_by_its_shortcode(postings: dict[str, dict[str, Any]]) -> None:
    assert sorted(postings) == sorted([ENGINEER, SUPPORT, INTERN, SALES])
    assert postings[ENGINEER]["title"] == "Machine Learning Engineer"
    assert postings[ENGINEER]["url"] == f"https://apply.workable.com/j/{ENGINEER}"


def test_company_is_the_accounts_name(postings: dict[str, dict[str, Any]]) -> None:
    assert {p["company"] for p in postings.values()} == {"Acme Robotics"}


def test_description_html_becomes_text(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[ENGINEER]["description"] == (
        "About the role\n\n"
        "Train the grasp-planning models that steer our arms.\n\n"
        "- Build training pipelines in PyTorch\n"
        "- Ship models to the robots\n\n"
        "Salary: €55,000 – €70,000 per year."
    )
    assert postings[SUPPORT]["description"] == "Help warehouse teams keep their arms running & happy."


def test_salary_is_read_from_the_description(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings[ENGINEER]

    assert (posting["salary_min"], posting["salary_max"]) == (55_000, 70_000)
    assert (posting["salary_currency"], posting["salary_period"]) == ("EUR", "year")
    assert postings[SALES]["salary_min"] is None


def test_visible_locations_with_their_country_code(postings: dict[str, dict[str, Any]]) -> None:
    observed = {source_id: (p["locations"], p["city"], p["country"]) for source_id, p in postings.items()}

    assert observed == {
        ENGINEER: (["Athens, Attica, Greece"], "Athens", "GR"),  # the hidden London office is left out
        SUPPORT: (["Portugal"], None, "PT"),  # no locations list: the job's own country
        INTERN: (["Boston, Massachusetts, United States", "New York, New York, United States"],
                 "Boston", "US"),
        SALES: (["Berlin, Berlin, Germany"], "Berlin", "DE"),
    }


def test_telecommuting_means_remote_and_nothing_else_is_assumed(
    postings: dict[str, dict[str, Any]],
) -> None:
    observed = {source_id: p["workplace"] for source_id, p in postings.items()}

    assert observed == {ENGINEER: None, SUPPORT: "remote", INTERN: None, SALES: None}


def test_departments_and_employment_types(postings: dict[str, dict[str, Any]]) -> None:
    observed = {source_id: (p["department"], p["employment_type"]) for source_id, p in postings.items()}

    assert observed == {
        ENGINEER: ("Engineering", "full_time"),
        SUPPORT: ("Customer Success", "part_time"),
        INTERN: (None, "internship"),  # department ""
        SALES: ("Sales", "contract"),
    }


def test_published_on_else_created_at(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[ENGINEER]["posted_at"] == datetime(2026, 1, 8, tzinfo=UTC)
    assert postings[INTERN]["posted_at"] == datetime(2026, 1, 12, tzinfo=UTC)  # published_on ""


def test_empty_account_has_no_jobs() -> None:
    assert workable.jobs(account("empty")) == []


@pytest.mark.parametrize("body", [account("malformed"), {"name": "Acme"}, [], None])
def test_a_response_without_a_jobs_list_is_rejected(body: Any) -> None:
    with pytest.raises(ValueError, match="'jobs' list"):
        workable.jobs(body)


def test_a_job_without_a_shortcode_is_quarantined() -> None:
    body = {"name": "Acme Robotics", "jobs": [{"title": "Welder"}]}
    record = {"source": "workable", "board": "acme", "body": body, "fetched_at": None}

    [result] = normalise_records([record], PARSERS)

    assert isinstance(result, Quarantined)
    assert result.reason == "KeyError: 'shortcode'"
