"""pipeline/sources/personio.py on the Personio XML feed (`<workzag-jobs>`)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS, personio

FEEDS = Path(__file__).parents[1] / "fixtures" / "static" / "personio"
ENGINEER, SUCCESS, INTERN, WRITER, WAREHOUSE = "1204501", "1204502", "1204503", "1204504", "1204505"


def feed(board: str, language: str = "en") -> str:
    return (FEEDS / board / f"xml@language={language}.xml").read_text(encoding="utf-8")


def record(body: str, url: str = "http://127.0.0.1:8765/personio/acme/xml?language=en") -> dict[str, Any]:
    return {"source": "personio", "board": "acme", "kind": "board", "url": url,
            "fetched_at": "2026-01-15T06:00:00+00:00", "body": body}


def normalised(body: str, **kwargs: Any) -> list[dict[str, Any] | Quarantined]:
    return list(normalise_records([record(body, **kwargs)], PARSERS))


@pytest.fixture(scope="module")
def postings() -> dict[str, dict[str, Any]]:
    rows = normalised(feed("acme"))
    assert not [row for row in rows if isinstance(row, Quarantined)]
    return {row["source_id"]: row for row in rows}  # type: ignore[index]


def test_every_position_is_a_posting(postings: dict[str, dict[str, Any]]) -> None:
    assert list(postings) == [ENGINEER, SUCCESS, INTERN, WRITER, WAREHOUSE]
    assert postings[ENGINEER]["title"] == "Senior Machine Learning Engineer (m/f/d)"
    assert postings[ENGINEER]["company"] == "Acme Werkzeuge GmbH"  # the position's subcompany
    assert postings[WRITER]["company"] == "Acme Werkzeuge Austria GmbH"


def test_the_url_is_built_on_personios_host_from_board_and_language(
    postings: dict[str, dict[str, Any]],
) -> None:
    assert postings[ENGINEER]["url"] == "https://acme.jobs.personio.de/job/1204501?language=en"
    [german] = normalised(feed("acme", "de"), url="https://acme.jobs.personio.de/xml?language=de")
    assert german["url"] == "https://acme.jobs.personio.de/job/1204505?language=de"  # type: ignore[index]
    [default] = normalised(feed("acme", "de"), url="https://acme.jobs.personio.de/xml")
    assert default["url"].endswith("?language=en")  # type: ignore[index]


def test_description_sections_become_headed_text(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[ENGINEER]["description"] == (
        "Your tasks\n\n"
        "Build the models that predict when an anvil needs re-tempering.\n\n"
        "- Train forecasting models with PyTorch\n"
        "- Run them in production with our platform team\n\n"
        "Your profile\n\n"
        "- 5+ years of Python\n"
        "- Experience with MLOps & monitoring\n\n"
        "Why us?\n\n"
        "Thirty days of holiday and a forge in the basement."
    )
    assert postings[SUCCESS]["description"] == (
        "Your mission\n\nLook after our workshop customers in Germany, Austria and Switzerland.\n"
        "Run onboarding calls."
    )


def test_a_position_without_text_in_the_language_asked_for_has_no_description(
    postings: dict[str, dict[str, Any]],
) -> None:
    assert postings[WAREHOUSE]["title"] == "Lagerlogistiker (m/w/d)"
    assert postings[WAREHOUSE]["description"] == ""


def test_office_then_additional_offices(postings: dict[str, dict[str, Any]]) -> None:
    engineer = postings[ENGINEER]
    assert (engineer["location"], engineer["locations"]) == ("Berlin", ["Berlin", "Munich"])
    assert (engineer["city"], engineer["country"]) == ("Berlin", "DE")
    assert (postings[WRITER]["city"], postings[WRITER]["country"]) == ("Vienna", "AT")
    assert (postings[SUCCESS]["location"], postings[SUCCESS]["workplace"]) == ("Remote", "remote")


def test_departments(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[ENGINEER]["department"] == "Data & AI"
    assert postings[WRITER]["department"] is None  # an empty <department/>


@pytest.mark.parametrize(("posting", "employment_type"), [
    (ENGINEER, "full_time"),   # permanent, full-time
    (SUCCESS, "part_time"),    # permanent, part-time
    (INTERN, "internship"),    # intern, part-time: the contract kind says more
    (WRITER, "contract"),      # freelance
    (WAREHOUSE, "full_time"),  # permanent, full-or-part-time
])
def test_employment_type_from_contract_kind_and_schedule(
    postings: dict[str, dict[str, Any]], posting: str, employment_type: str,
) -> None:
    assert postings[posting]["employment_type"] == employment_type


def test_salary_information(postings: dict[str, dict[str, Any]]) -> None:
    engineer, intern = postings[ENGINEER], postings[INTERN]
    assert (engineer["salary_min"], engineer["salary_max"], engineer["salary_currency"],
            engineer["salary_period"]) == (75000, 95000, "EUR", "year")
    # a minimum without a maximum stays open-ended
    assert (intern["salary_min"], intern["salary_max"], intern["salary_currency"],
            intern["salary_period"]) == (16.5, None, "EUR", "hour")
    assert postings[SUCCESS]["salary_min"] is None


def test_created_at_in_utc(postings: dict[str, dict[str, Any]]) -> None:
    assert postings[ENGINEER]["posted_at"] == datetime(2026, 1, 5, 8, 30, tzinfo=UTC)


def test_an_empty_feed_has_no_postings() -> None:
    assert normalised(feed("empty")) == []


def test_a_feed_of_another_shape_is_quarantined() -> None:
    [kept] = normalised(feed("malformed"))

    assert isinstance(kept, Quarantined)
    assert kept.reason == "response is not a personio board: expected a <workzag-jobs> feed, got <jobs>"


def test_broken_xml_is_quarantined() -> None:
    [kept] = normalised(feed("broken"))

    assert isinstance(kept, Quarantined)
    assert kept.reason.startswith("response is not a personio board: not well-formed XML")


def test_external_entities_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    body = (f'<?xml version="1.0"?><!DOCTYPE workzag-jobs [<!ENTITY leak SYSTEM "{secret.as_uri()}">]>'
            "<workzag-jobs><position><id>1</id><name>Welder &leak;</name></position></workzag-jobs>")

    [job] = personio.jobs_of_record(record(body))

    assert "TOP-SECRET" not in str(job)
    assert job["name"] == "Welder"
