"""pipeline/identity.py: posting_id from the source's own id; content_hash from what readers see."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

from pipeline.identity import content_hash, posting_id
from pipeline.normalise import SourcePosting, build_posting
from pipeline.salary import Salary

POSTING = SourcePosting(
    source_id="4100001001",
    title="Senior Machine Learning Engineer",
    description_html="<p>Train ranking models.</p><ul><li>PyTorch</li></ul>",
    department="Engineering",
    locations=["San Francisco, CA"],
    workplace="Hybrid",
    employment_type="Full-time",
    salary=Salary(185_000, 240_000, "USD", "year"),
    posted_at="2026-01-12T09:30:00-05:00",
    url="https://job-boards.greenhouse.io/acme/jobs/4100001001",
)


def row(posting: SourcePosting = POSTING, fetched_at: str = "2026-01-15T06:00:00+00:00") -> dict:
    return build_posting(
        posting, source="greenhouse", board="acme", company="Acme Anvils", fetched_at=fetched_at
    )


def test_posting_id_is_a_hash_of_source_board_and_source_id() -> None:
    expected = hashlib.sha256(b"greenhouse/acme/4100001001").hexdigest()[:16]

    assert posting_id("greenhouse", "acme", "4100001001") == expected
    assert row()["posting_id"] == expected


def test_posting_id_is_stable_across_runs() -> None:
    first = row(fetched_at="2026-01-15T06:00:00+00:00")
    second = row(fetched_at="2026-02-01T06:00:00+00:00")

    assert first["posting_id"] == second["posting_id"]


def test_posting_id_ignores_display_fields() -> None:
    edited = replace(
        POSTING, title="Staff ML Engineer", locations=["Remote"], url="https://elsewhere.example"
    )

    assert row(edited)["posting_id"] == row()["posting_id"]


def test_posting_id_ignores_board_case_but_not_source_or_id() -> None:
    same = posting_id("greenhouse", "ACME", "4100001001")
    assert same == posting_id("greenhouse", "acme", "4100001001")
    assert posting_id("lever", "acme", "4100001001") != same
    assert posting_id("greenhouse", "acme", "4100001002") != same
    assert posting_id("greenhouse", "globex", "4100001001") != same


def test_content_hash_ignores_fetch_time_posting_time_and_url() -> None:
    moved = replace(POSTING, url="https://job-boards.eu.greenhouse.io/acme/jobs/4100001001",
                    posted_at="2026-01-13T00:00:00Z")

    assert row(moved, fetched_at="2026-03-01T00:00:00Z")["content_hash"] == row()["content_hash"]


def test_content_hash_ignores_markup_that_changes_no_visible_text() -> None:
    restyled = replace(
        POSTING,
        description_html='<p style="margin:0">Train ranking models.</p><ul><li>PyTorch</li></ul>',
    )

    assert row(restyled)["content_hash"] == row()["content_hash"]


@pytest.mark.parametrize(
    "edit",
    [
        {"title": "Principal Machine Learning Engineer"},
        {"description_html": "<p>Train ranking and retrieval models.</p><ul><li>PyTorch</li></ul>"},
        {"department": "Research"},
        {"locations": ["New York, NY"]},
        {"workplace": "Remote"},
        {"employment_type": "Contract"},
        {"salary": Salary(190_000, 240_000, "USD", "year")},
        {"salary": Salary(185_000, 240_000, "CAD", "year")},
    ],
)
def test_content_hash_changes_when_visible_content_changes(edit: dict) -> None:
    assert row(replace(POSTING, **edit))["content_hash"] != row()["content_hash"]


def test_content_hash_of_a_mapping_reads_only_content_fields() -> None:
    posting = {"title": "Analyst", "description": "Numbers.", "run_id": "a"}

    assert content_hash(posting) == content_hash({**posting, "run_id": "b", "scraped_at": 1})
    assert content_hash(posting) != content_hash({**posting, "title": "Senior Analyst"})
