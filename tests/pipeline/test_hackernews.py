"""pipeline/sources/hackernews.py on Algolia's item tree of a "Who is hiring?" thread (`/api/v1/items/{id}`)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS, hackernews

ALGOLIA = Path(__file__).parents[1] / "fixtures" / "static" / "hn"


def served(month: str, name: str) -> Any:
    return json.loads((ALGOLIA / month / "api" / "v1" / name).read_text(encoding="utf-8"))


def record(body: Any, kind: str = "thread") -> dict[str, Any]:
    return {"source": "hackernews", "board": "2024-01", "kind": kind, "body": body,
            "url": "https://hn.algolia.com/api/v1/items/39000001", "fetched_at": "2024-01-03T06:00:00+00:00"}


@pytest.fixture(scope="module")
def postings() -> dict[str, dict[str, Any]]:
    rows = list(normalise_records([record(served("2024-01", "items/39000001.json"))], PARSERS))
    assert not [row for row in rows if isinstance(row, Quarantined)]
    return {row["source_id"]: row for row in rows}


def test_one_posting_per_job_with_the_comment_id_and_the_jobs_number(postings: dict[str, dict[str, Any]]) -> None:
    assert list(postings) == ["39000101#1", "39000101#2", "39000102", "39000103#1", "39000103#2",
                              "39000104#1", "39000104#2", "39000104#3", "39000107"]


def test_replies_deleted_comments_and_remarks_are_not_postings(postings: dict[str, dict[str, Any]]) -> None:
    story = served("2024-01", "items/39000001.json")
    reply = story["children"][0]["children"][0]

    assert reply["id"] == 39000201 and not any(key.startswith("39000201") for key in postings)
    assert story["children"][5]["text"] is None and "39000106" not in postings
    assert "39000105" not in postings  # a question to the thread


def test_titles_name_the_company_and_each_job(postings: dict[str, dict[str, Any]]) -> None:
    assert [row["title"] for row in postings.values()] == [
        "Quillborne | ML Engineer", "Quillborne | Data Engineer", "Tidewell Health | Senior Backend Engineer",
        "Lanternfish Robotics | Perception Engineer", "Lanternfish Robotics | Firmware Developer",
        "Orchard Ledger | Product Designer", "Orchard Ledger | Staff Platform Engineer (Kubernetes)",
        "Orchard Ledger | Data Analyst",
        "We're a small bakery-software shop in Lisbon looking for someone who enjoys Elixir and ovens.",
    ]


def test_each_job_of_a_comment_has_the_whole_comment_as_description(postings: dict[str, dict[str, Any]]) -> None:
    first, second = postings["39000101#1"], postings["39000101#2"]

    assert first["description"] == second["description"]
    assert first["description"].startswith(
        "Quillborne | ML Engineer, Data Engineer | Berlin, Germany | ONSITE | "
        "https://quillborne.example/jobs?team=ml|data\n\nQuillborne forecasts demand for regional power grids.")
    assert "Data Engineer: you will build the pipelines" in first["description"]
    assert first["posting_id"] != second["posting_id"]


def test_company_place_workplace_and_pay_from_the_header(postings: dict[str, dict[str, Any]]) -> None:
    row = postings["39000102"]

    assert (row["company"], row["location"], row["country"], row["workplace"], row["employment_type"]) == (
        "Tidewell Health", "Remote (US)", "US", "remote", "full_time")
    assert (row["salary_min"], row["salary_max"], row["salary_currency"], row["salary_period"]) == (
        160000.0, 190000.0, "USD", "year")
    quill = postings["39000101#2"]
    assert (quill["company"], quill["city"], quill["country"], quill["workplace"]) == (
        "Quillborne", "Berlin", "DE", "onsite")
    assert (quill["salary_min"], quill["salary_max"], quill["salary_currency"]) == (80000.0, 100000.0, "EUR")
    lantern = postings["39000103#1"]
    assert (lantern["company"], lantern["location"], lantern["region"], lantern["workplace"]) == (
        "Lanternfish Robotics", "Pittsburgh, PA", "PA", "hybrid")


def test_a_comment_without_a_named_company(postings: dict[str, dict[str, Any]]) -> None:
    row = postings["39000107"]

    assert (row["company"], row["location"], row["workplace"]) == (hackernews.UNKNOWN_COMPANY, None, None)


def test_posted_at_is_the_comments_time_and_the_url_its_page(postings: dict[str, dict[str, Any]]) -> None:
    row = postings["39000104#3"]

    assert row["posted_at"] == datetime(2024, 1, 2, 16, 20, 55, tzinfo=UTC)
    assert row["url"] == "https://news.ycombinator.com/item?id=39000104"
    assert row["scraped_at"] == datetime(2024, 1, 3, 6, 0, tzinfo=UTC)


def test_epoch_seconds_serve_when_created_at_is_missing() -> None:
    story = {"id": 1, "children": [{"id": 7, "author": "a", "created_at_i": 1704211200, "parent_id": 1,
                                    "text": "Acme | Data Engineer | Oslo"}]}
    [row] = normalise_records([record(story)], PARSERS)

    assert row["posted_at"] == datetime(2024, 1, 2, 16, 0, tzinfo=UTC)


def test_a_search_response_holds_no_postings() -> None:
    assert hackernews.jobs_of_record(record(served("2024-01", "search_by_date.json"), kind="search")) == []


def test_dead_comments_and_comments_of_another_parent_are_skipped() -> None:
    live = {"id": 2, "author": "a", "parent_id": 1, "text": "Acme | Data Engineer | Oslo"}
    story = {"id": 1, "children": [live, {**live, "id": 3, "dead": True}, {**live, "id": 4, "deleted": True},
                                   {**live, "id": 5, "parent_id": 2}, {**live, "id": 6, "text": "[flagged]"}]}

    assert [job["source_id"] for job in hackernews.jobs_of_record(record(story))] == ["2"]


@pytest.mark.parametrize("body", [{"message": "Index temporarily unavailable"}, [], "<html></html>"])
def test_a_response_that_is_no_item_tree_is_quarantined_with_the_reason(body: Any) -> None:
    [item] = normalise_records([record(body)], PARSERS)

    assert isinstance(item, Quarantined)
    assert item.reason.startswith("response is not a hackernews board: expected an Algolia item")
