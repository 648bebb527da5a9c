"""pipeline/sources/jsonld.py on job pages with schema.org JobPosting JSON-LD and microdata."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS, jsonld

SITE = Path(__file__).parents[1] / "fixtures" / "static" / "jsonld-site" / "acme"
BOARD = "https://www.acme.example/acme/careers"
JOBS = "https://www.acme.example/acme/jobs"
FETCHED_AT = "2026-01-15T06:00:00+00:00"


def record(body: Any, url: str, kind: str = "page", fetched_at: str = FETCHED_AT) -> dict[str, Any]:
    return {"source": "jsonld", "board": BOARD, "kind": kind, "url": url, "fetched_at": fetched_at,
            "body": body}


def job_page(name: str, **kwargs: Any) -> dict[str, Any]:
    return record((SITE / "jobs" / f"{name}.html").read_text(encoding="utf-8"), f"{JOBS}/{name}", **kwargs)


def normalised(*records: dict[str, Any]) -> list[dict[str, Any] | Quarantined]:
    return list(normalise_records(records, PARSERS))


def page_with(*postings: dict[str, Any], url: str = f"{JOBS}/example") -> dict[str, Any]:
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(p)}</script>' for p in postings)
    return record(f"<!DOCTYPE html><html><head>{scripts}</head><body></body></html>", url)


@pytest.fixture(scope="module")
def postings() -> dict[str, dict[str, Any]]:
    pages = ["machine-learning-engineer", "data-platform-engineer", "support-specialist",
             "ai-product-designer", "anvil-tester"]
    rows = normalised(*(job_page(name) for name in pages))
    assert not [row for row in rows if isinstance(row, Quarantined)]
    return {row["source_id"]: row for row in rows}  # type: ignore[index]


def test_one_posting_per_job_page_and_the_expired_one_is_dropped(
    postings: dict[str, dict[str, Any]],
) -> None:
    assert list(postings) == ["ML-0042", "DPE-2026-07", "SUP-118", "4471"]  # not QA-0007 (closed 2024)


def test_careers_pages_and_sitemaps_hold_no_postings() -> None:
    careers = record((SITE / "careers.html").read_text(encoding="utf-8"), BOARD, kind="index")
    sitemap = record((SITE / "sitemap-jobs.xml").read_text(encoding="utf-8"), BOARD, kind="index")

    assert normalised(careers, sitemap) == []


def test_a_plain_json_ld_posting(postings: dict[str, dict[str, Any]]) -> None:
    engineer = postings["ML-0042"]

    assert (engineer["title"], engineer["company"]) == ("Machine Learning Engineer", "Acme Anvils, Inc.")
    assert engineer["description"] == (
        "Train the models that tell our customers which anvil to drop.\n\n"
        "- Fine-tune LLMs on support data\n- Ship models with PyTorch")
    assert (engineer["location"], engineer["city"], engineer["region"], engineer["country"]) == (
        "San Francisco, CA, US", "San Francisco", "CA", "US")
    assert (engineer["salary_min"], engineer["salary_max"], engineer["salary_currency"],
            engineer["salary_period"]) == (185000, 230000, "USD", "year")
    assert engineer["employment_type"] == "full_time"
    assert engineer["posted_at"] == datetime(2026, 1, 6, 17, 0, tzinfo=UTC)
    assert engineer["url"] == f"{JOBS}/machine-learning-engineer"
    assert engineer["workplace"] is None


def test_a_posting_in_a_graph_with_references_and_several_places(
    postings: dict[str, dict[str, Any]],
) -> None:
    engineer = postings["DPE-2026-07"]

    assert engineer["company"] == "Acme Anvils Europe GmbH"  # {"@id": …} resolved in the @graph
    assert engineer["locations"] == ["Berlin, DE", "Amsterdam, Netherlands"]
    assert (engineer["city"], engineer["country"]) == ("Berlin", "DE")
    assert engineer["employment_type"] == "full_time"  # ["FULL_TIME", "CONTRACTOR"]: the first
    assert (engineer["salary_min"], engineer["salary_max"], engineer["salary_currency"],
            engineer["salary_period"]) == (6500, 6500, "EUR", "month")
    assert engineer["description"] == "Run the Spark and Kafka platform behind our anvil telemetry."
    assert engineer["posted_at"] == datetime(2026, 1, 8, tzinfo=UTC)
    assert engineer["url"] == f"{JOBS}/data-platform-engineer"  # no "url" in the markup: the page's


def test_a_microdata_posting(postings: dict[str, dict[str, Any]]) -> None:
    support = postings["SUP-118"]

    assert (support["title"], support["company"]) == ("Customer Support Specialist", "Acme Anvils Canada Ltd.")
    assert support["description"] == (
        "Help workshop owners choose and care for their anvils.\n\n"
        "- Answer tickets and calls\n- Write help-centre articles")
    assert (support["location"], support["region"], support["country"]) == ("Toronto, ON, CA", "ON", "CA")
    assert (support["salary_min"], support["salary_max"], support["salary_currency"],
            support["salary_period"]) == (24, 28, "CAD", "hour")
    assert support["employment_type"] == "part_time"
    assert support["posted_at"] == datetime(2026, 1, 12, tzinfo=UTC)


def test_a_remote_posting_in_an_array_with_a_type_list(postings: dict[str, dict[str, Any]]) -> None:
    designer = postings["4471"]

    assert designer["title"] == "AI Product Designer"
    assert designer["company"] == "Acme Anvils Europe GmbH"  # hiringOrganization as a plain string
    assert designer["workplace"] == "remote"  # jobLocationType TELECOMMUTE
    assert designer["locations"] == ["Remote (Germany)", "Remote (Austria)"]
    assert designer["country"] == "DE"
    assert designer["employment_type"] == "full_time"  # "FULL_TIME, PART_TIME": the first
    assert (designer["salary_min"], designer["salary_max"], designer["salary_currency"],
            designer["salary_period"]) == (70000, 85000, "EUR", "year")
    assert designer["description"] == (
        "Design the assistant that helps our customers pick an anvil.\nIt talks; you make it make sense.")


def test_a_posting_is_open_through_its_valid_through_day() -> None:
    on_the_day = job_page("anvil-tester", fetched_at="2024-12-31T22:00:00+00:00")
    the_day_after = job_page("anvil-tester", fetched_at="2025-01-01T00:00:01+00:00")

    assert [row["source_id"] for row in normalised(on_the_day)] == ["QA-0007"]  # type: ignore[index]
    assert normalised(the_day_after) == []
    assert jsonld.closes_at({"validThrough": "2026-02-28T23:59:00-08:00"}) == datetime(
        2026, 3, 1, 7, 59, tzinfo=UTC)


def test_without_an_identifier_the_page_url_is_the_id() -> None:
    [row] = normalised(page_with({"@type": "JobPosting", "title": "Welder", "description": "Weld.",
                                  "url": "/acme/jobs/welder?src=feed"}, url=f"{JOBS}/welder"))

    assert row["source_id"] == f"{JOBS}/welder"  # type: ignore[index]
    assert row["url"] == "https://www.acme.example/acme/jobs/welder?src=feed"  # type: ignore[index]


def test_json_ld_wins_over_microdata_on_a_page_that_has_both() -> None:
    body = ('<html><head><script type="application/ld+json">{"@type": "JobPosting", "title": "Welder", '
            '"identifier": "W-1"}</script></head><body><div itemscope itemtype="http://schema.org/JobPosting">'
            '<h1 itemprop="title">Welder</h1></div></body></html>')

    assert [row["source_id"] for row in normalised(record(body, f"{JOBS}/welder"))] == ["W-1"]  # type: ignore[index]


def test_json_ld_that_does_not_parse_is_skipped() -> None:
    body = ('<html><head><script type="application/ld+json">{"@type": "JobPosting", "title": }</script>'
            "</head><body></body></html>")

    assert normalised(record(body, f"{JOBS}/broken")) == []


@pytest.mark.parametrize(("base_salary", "expected"), [
    ({"@type": "MonetaryAmount", "value": {"@type": "QuantitativeValue", "value": "1300 - 1400"}},
     (1300, 1400, None, None)),
    ({"@type": "MonetaryAmount", "currency": "USD",
      "value": {"@type": "QuantitativeValue", "value": "$100,000", "unitText": "YEAR"}},
     (100000, 100000, "USD", "year")),
    ({"@type": "MonetaryAmount", "value": "€45.000"}, (45000, 45000, "EUR", None)),
    ({"@type": "MonetaryAmount", "currency": "GBP", "minValue": 40000, "maxValue": 50000, "unitText": "YEAR"},
     (40000, 50000, "GBP", "year")),
    ({"@type": "MonetaryAmount", "currency": "EUR",
      "value": {"@type": "QuantitativeValue", "minValue": 55000, "unitText": "YEAR"}},
     (55000, None, "EUR", "year")),
    ({"@type": "MonetaryAmount", "currency": "USD", "value": {"@type": "QuantitativeValue", "value": 0}}, None),
    (52000, (52000, 52000, None, None)),
])
def test_base_salary_forms(base_salary: Any, expected: tuple[Any, ...] | None) -> None:
    salary = jsonld.extract({"posting": {"baseSalary": base_salary}, "page_url": f"{JOBS}/x"}).salary

    assert (None if salary is None else (salary.min, salary.max, salary.currency, salary.period)) == expected


def test_a_posting_without_a_title_is_quarantined() -> None:
    [kept] = normalised(page_with({"@type": "JobPosting", "identifier": "X-1", "description": "No title."}))

    assert isinstance(kept, Quarantined)
    assert kept.reason == "ValueError: posting has no title"


def test_a_page_record_without_text_is_quarantined() -> None:
    [kept] = normalised(record({"not": "html"}, f"{JOBS}/x"))

    assert isinstance(kept, Quarantined)
    assert kept.reason == "response is not a jsonld board: expected the page's HTML text"
