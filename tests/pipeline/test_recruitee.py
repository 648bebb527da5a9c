"""pipeline/sources/recruitee.py on the Recruitee Careers Site API's response shape (`/api/offers/`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.employment import normalise_employment_type
from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS, recruitee

SITES = Path(__file__).parents[1] / "fixtures" / "static" / "recruitee"
ENGINEER, SUCCESS, ILLUSTRATOR = "2210001", "2210002", "2210003"


def site(name: str) -> Any:
    return json.loads((SITES / name / "api" / "offers.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def postings() -> dict[str, dict[str, Any]]:
    record = {"source": "recruitee", "board": "acme", "kind": "board", "body": site("acme"),
              "fetched_at": "2026-01-15T06:00:00+00:00"}
    rows = list(normalise_records([record], PARSERS))
    assert not [row for row in rows if isinstance(row, Quarantined)]
    return {row["source_id"]: row for row in rows}


def test_only_published_offers_are_postings(postings: dict[str, dict[str, Any]]) -> None:
    statuses = {offer["title"]: offer["status"] for offer in site("acme")["offers"]}

    assert statuses["Office Manager"] == "draft" and statuses["Operations Intern"] == "closed"
    assert sorted(postings) == [ENGINEER, SUCCESS, ILLUSTRATOR]


def test_an_offer_without_a_status_counts_as_published() -> None:
    offer = {key: value for key, value in site("acme")["offers"][0].items() if key != "status"}

    assert recruitee.jobs({"offers": [offer]}) == [offer]


def test_titles_urls_departments_and_company(postings: dict[str, dict[str, Any]]) -> None:
    posting = postings[ENGINEER]

    assert posting["title"] == "Machine Learning Engineer"
    assert posting["url"] == "https://acme.recruitee.com/o/machine-learning-engineer"
    assert posting["department"] == "Engineering"
    assert {p["company"] for p in postings.values()} == {"Acme Mobility"}


def test_description_and_requirements_become_one_text(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[ENGINEER]["description"] == (
        "Acme Mobility plans e-bike fleets for cities.\n\n"
        "You will build the models that place bikes where riders need them.\n\n"
        "- Python and scikit-learn\n"
        "- Three years in production ML"
    )
    assert postings[ILLUSTRATOR]["description"] == "Draw the maps and icons in our rider app."


def test_structured_salary_with_string_or_number_amounts(postings: dict[str, dict[str, Any]]) -> None:
    observed = {
        source_id: (p["salary_min"], p["salary_max"], p["salary_currency"], p["salary_period"])
        for source_id, p in postings.items()
    }

    assert observed == {
        ENGINEER: (65_000, 80_000, "EUR", "year"),  # "65000" / "80000"
        SUCCESS: (None, None, None, None),  # salary: null
        ILLUSTRATOR: (40, 55, "EUR", "hour"),  # 40 / 55
    }


def test_a_salary_without_amounts_is_no_salary() -> None:
    offer = {**site("acme")["offers"][0], "salary": {"min": None, "max": "", "currency": "EUR",
                                                     "period": "year"}}

    assert recruitee.extract(offer).salary is None


def test_workplace_flags(postings: dict[str, dict[str, Any]]) -> None:
    observed = {source_id: p["workplace"] for source_id, p in postings.items()}

    assert observed == {ENGINEER: "hybrid", SUCCESS: "onsite", ILLUSTRATOR: "remote"}


def test_locations_and_country_codes(postings: dict[str, dict[str, Any]]) -> None:
    observed = {source_id: (p["locations"], p["city"], p["country"]) for source_id, p in postings.items()}

    assert observed == {
        ENGINEER: (["Amsterdam, North Holland, Netherlands"], "Amsterdam", "NL"),
        SUCCESS: (["Rotterdam, Netherlands"], "Rotterdam", "NL"),
        ILLUSTRATOR: (["Utrecht, Netherlands"], "Utrecht", "NL"),  # location "": city and country
    }


def test_employment_type_codes(postings: dict[str, dict[str, Any]]) -> None:
    observed = {source_id: p["employment_type"] for source_id, p in postings.items()}

    assert observed == {ENGINEER: "full_time", SUCCESS: "part_time", ILLUSTRATOR: "contract"}
    fixed_term = {**site("acme")["offers"][0], "employment_type_code": "fulltime_fixed_term"}
    assert normalise_employment_type(recruitee.extract(fixed_term).employment_type) == "temporary"


def test_published_at_in_utc(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[ENGINEER]["posted_at"] == datetime(2025, 12, 5, 21, 44, 46, tzinfo=UTC)
    assert postings[SUCCESS]["posted_at"] == datetime(2026, 1, 2, 8, 0, tzinfo=UTC)


def test_empty_site_has_no_offers() -> None:
    assert recruitee.jobs(site("empty")) == []


@pytest.mark.parametrize("body", [site("malformed"), {"offers": None}, {}, [], None])
def test_a_response_without_an_offers_list_is_rejected(body: Any) -> None:
    with pytest.raises(ValueError, match="'offers' list"):
        recruitee.jobs(body)
