"""pipeline/sources/ashby.py on the Ashby posting API's response shape."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS, ashby

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ashby"
RESEARCH = "a1b2c3d4-0001-4e5f-9a0b-acme00000001"
SUPPORT = "a1b2c3d4-0002-4e5f-9a0b-acme00000002"
UNLISTED = "a1b2c3d4-0003-4e5f-9a0b-acme00000003"
SALES = "a1b2c3d4-0004-4e5f-9a0b-acme00000004"
INTERN = "a1b2c3d4-0005-4e5f-9a0b-acme00000005"


def board(name: str) -> Any:
    return json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def postings() -> dict[str, dict[str, Any]]:
    record = {"source": "ashby", "board": "acme", "body": board("acme"),
              "fetched_at": "2026-01-15T06:00:00+00:00"}
    rows = list(normalise_records([record], PARSERS))
    assert not [row for row in rows if isinstance(row, Quarantined)]
    return {row["source_id"]: row for row in rows}


def test_unlisted_jobs_are_dropped(postings: dict[str, dict[str, Any]]) -> None:
    assert len(board("acme")["jobs"]) == 5
    assert sorted(postings) == [RESEARCH, SUPPORT, SALES, INTERN]
    assert UNLISTED not in {job["id"] for job in ashby.jobs(board("acme"))}


def test_titles_urls_and_departments(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[RESEARCH]["title"] == "Staff AI Research Scientist"
    assert postings[RESEARCH]["url"] == f"https://jobs.ashbyhq.com/acme/{RESEARCH}"
    assert postings[RESEARCH]["department"] == "Research"
    assert postings[SALES]["department"] == "Sales"


def test_description_html_becomes_text_with_bullets(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[RESEARCH]["description"] == (
        "About the role\n\n"
        "Lead research on models that design lighter, stronger anvils.\n\n"
        "You will\n\n"
        "- Train large models on simulation data\n\n"
        "- Publish & present your results"
    )


def test_plain_description_is_used_when_there_is_no_html() -> None:
    job = {**board("acme")["jobs"][1], "descriptionHtml": None}

    assert ashby.extract(job).description_text == (
        "Answer the hardest anvil questions from our customers."
    )


def test_yearly_salary_component(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings[RESEARCH]

    assert (posting["salary_min"], posting["salary_max"]) == (210_000, 260_000)
    assert (posting["salary_currency"], posting["salary_period"]) == ("USD", "year")


def test_hourly_salary_component(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings[SUPPORT]

    assert (posting["salary_min"], posting["salary_max"]) == (28, 34)
    assert (posting["salary_currency"], posting["salary_period"]) == ("EUR", "hour")


def test_salary_summary_text_when_there_are_no_components(
    postings: dict[str, dict[str, Any]],
) -> None:
    posting = postings[SALES]

    assert (posting["salary_min"], posting["salary_max"]) == (70_000, 90_000)
    assert (posting["salary_currency"], posting["salary_period"]) == ("GBP", "year")
    assert postings[INTERN]["salary_min"] is None  # compensation: null


def test_workplace_type_wins_and_is_remote_fills_in(postings: dict[str, dict[str, Any]]) -> None:
    observed = {source_id: p["workplace"] for source_id, p in postings.items()}

    assert observed == {
        RESEARCH: "remote",  # workplaceType null, isRemote true
        SUPPORT: "onsite",  # workplaceType "OnSite"
        SALES: "hybrid",  # workplaceType "Hybrid"
        INTERN: None,  # neither stated
    }


def test_locations_and_country_from_the_postal_address(
    postings: dict[str, dict[str, Any]],
) -> None:
    observed = {source_id: (p["locations"], p["country"]) for source_id, p in postings.items()}

    assert observed == {
        RESEARCH: (["Remote - US", "New York, NY"], "US"),  # addressCountry "United States"
        SUPPORT: (["Dublin, Ireland"], "IE"),
        SALES: (["London"], "GB"),  # addressCountry "United Kingdom"
        INTERN: (["Berlin"], "DE"),  # empty postalAddress: from the city
    }


def test_employment_types(postings: dict[str, dict[str, Any]]) -> None:
    observed = {source_id: p["employment_type"] for source_id, p in postings.items()}

    assert observed == {
        RESEARCH: "full_time", SUPPORT: "contract", SALES: "full_time", INTERN: "internship"
    }


def test_published_at_in_utc(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[RESEARCH]["posted_at"] == datetime(2026, 1, 5, 17, 0, tzinfo=UTC)
    assert postings[INTERN]["posted_at"] == datetime(2026, 1, 11, 9, 30, tzinfo=UTC)


def test_empty_board_has_no_jobs() -> None:
    assert ashby.jobs(board("empty")) == []


@pytest.mark.parametrize("body", [{"apiVersion": "1", "jobs": None}, {}, [], None])
def test_a_response_without_a_jobs_list_is_rejected(body: Any) -> None:
    with pytest.raises(ValueError, match="'jobs' list"):
        ashby.jobs(body)
