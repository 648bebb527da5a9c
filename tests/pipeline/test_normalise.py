"""pipeline/normalise.py: raw archive records to rows of one schema, bad items quarantined."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.normalise import Quarantined, SourcePosting, build_posting, normalise_records
from pipeline.schema import COLUMN_NAMES
from pipeline.sources import PARSERS

FIXTURES = Path(__file__).parents[1] / "fixtures"
FETCHED_AT = "2026-01-15T06:00:00+00:00"
LABEL_COLUMNS = {
    "ai_tier", "ai_tier_confidence", "is_ai", "role", "role_confidence", "seniority",
    "seniority_evidence", "ai_skills", "ai_skill_terms", "model_version", "run_id",
}


def record(source: str, board: str, body: Any = None) -> dict[str, Any]:
    if body is None:
        body = json.loads((FIXTURES / source / f"{board}.json").read_text(encoding="utf-8"))
    return {"source": source, "board": board, "url": f"http://boards/{board}", "status": 200,
            "fetched_at": FETCHED_AT, "body": body}


def every_fixture() -> list[dict[str, Any]]:
    return [
        record(source, board)
        for source in ("greenhouse", "lever", "ashby")
        for board in ("acme", "empty", "malformed")
    ]


def test_every_fixture_board_normalises_and_malformed_ones_are_quarantined() -> None:
    results = list(normalise_records(every_fixture(), PARSERS))
    rows = [r for r in results if not isinstance(r, Quarantined)]
    quarantined = [r for r in results if isinstance(r, Quarantined)]

    assert Counter(row["source"] for row in rows) == {"greenhouse": 4, "lever": 4, "ashby": 4}
    assert {(q.source, q.board) for q in quarantined} == {
        ("greenhouse", "malformed"), ("lever", "malformed"), ("ashby", "malformed")
    }
    assert all(q.reason.startswith(f"response is not a {q.source} board") for q in quarantined)
    assert all(q.item["board"] == "malformed" for q in quarantined)  # the whole record is kept


def test_rows_have_exactly_the_dataset_columns_before_labelling() -> None:
    rows = [r for r in normalise_records(every_fixture(), PARSERS) if isinstance(r, dict)]

    for row in rows:
        assert set(row) == set(COLUMN_NAMES) - LABEL_COLUMNS


def test_normalising_twice_gives_identical_rows() -> None:
    first = list(normalise_records(every_fixture(), PARSERS))
    second = list(normalise_records(every_fixture(), PARSERS))

    assert first == second
    ids = [row["posting_id"] for row in first if isinstance(row, dict)]
    assert len(ids) == len(set(ids)) == 12


def test_a_bad_job_is_quarantined_and_the_rest_of_the_board_still_loads() -> None:
    body = json.loads((FIXTURES / "lever" / "acme.json").read_text(encoding="utf-8"))
    del body[1]["id"]
    body[2]["text"] = "   "

    results = list(normalise_records([record("lever", "acme", body)], PARSERS))
    quarantined = [r for r in results if isinstance(r, Quarantined)]

    assert len([r for r in results if isinstance(r, dict)]) == 2
    assert sorted(q.reason for q in quarantined) == [
        "KeyError: 'id'", "ValueError: posting has no title"
    ]
    assert quarantined[0].item in body


def test_a_source_without_a_parser_is_quarantined_with_the_reason() -> None:
    workday = record("workday", "acme", body={"jobPostings": []})

    results = list(normalise_records([workday], PARSERS))

    assert len(results) == 1
    assert isinstance(results[0], Quarantined)
    assert results[0].reason == "no parser for source 'workday'"


def test_company_comes_from_the_source_then_the_config_then_the_board() -> None:
    greenhouse_body = json.loads((FIXTURES / "greenhouse" / "acme.json").read_text())
    companies = {("greenhouse", "acme"): "Configured Name", ("lever", "acme"): "Acme Anvils Ltd"}
    rows = [
        r
        for r in normalise_records(
            [record("greenhouse", "acme", greenhouse_body), record("lever", "acme"),
             record("ashby", "acme")],
            PARSERS,
            companies=companies,
        )
        if isinstance(r, dict)
    ]

    assert {(row["source"], row["company"]) for row in rows} == {
        ("greenhouse", "Acme Anvils"), ("lever", "Acme Anvils Ltd"), ("ashby", "acme")
    }


def test_long_descriptions_are_cut_and_flagged() -> None:
    parsed = SourcePosting(source_id="1", title="Writer", description_text="word " * 100)

    row = build_posting(parsed, source="lever", board="acme", company=None,
                        fetched_at=FETCHED_AT, max_description_chars=50)

    assert len(row["description"]) == 50
    assert row["description_truncated"] is True


def test_markup_in_titles_is_removed_and_relative_dates_use_the_fetch_time() -> None:
    parsed = SourcePosting(
        source_id=" 42 ", title="<b>Data&nbsp;Engineer</b>\n(Remote)", posted_at="Posted 2 days ago"
    )

    row = build_posting(parsed, source="lever", board="acme", company=None, fetched_at=FETCHED_AT)

    assert row["source_id"] == "42"
    assert row["title"] == "Data Engineer (Remote)"
    assert row["workplace"] == "remote"  # named in the title
    assert row["posted_at"] == datetime(2026, 1, 13, 6, 0, tzinfo=UTC)
    assert row["scraped_at"] == datetime(2026, 1, 15, 6, 0, tzinfo=UTC)


def test_salary_is_read_from_the_description_when_the_source_gives_none() -> None:
    parsed = SourcePosting(
        source_id="7", title="Analyst", locations=["Toronto, ON"],
        description_html="<p>Founded 2012.</p><p>Salary: $70,000 - $80,000 per year</p>",
    )

    row = build_posting(parsed, source="lever", board="acme", company=None, fetched_at=FETCHED_AT)

    assert (row["salary_min"], row["salary_max"]) == (70_000, 80_000)
    assert (row["salary_currency"], row["salary_period"]) == ("CAD", "year")
    assert row["salary_text"] == "$70,000 - $80,000"


def test_a_bare_city_takes_its_country_from_a_fuller_listing_of_the_same_city() -> None:
    posting = SourcePosting(source_id="1", title="Analyst",
                            locations=["Jakarta", "Jakarta, Jakarta, Indonesia", "Berlin, Germany"])
    row = build_posting(posting, source="greenhouse", board="b", company=None,
                        fetched_at="2026-01-01T00:00:00+00:00")
    assert (row["city"], row["country"]) == ("Jakarta", "ID")
    other = SourcePosting(source_id="2", title="Analyst", locations=["Jakarta", "Berlin, Germany"])
    assert build_posting(other, source="greenhouse", board="b", company=None,
                         fetched_at=None)["country"] is None  # another city says nothing
