"""pipeline/normalise.py: raw archive records to rows of one schema, bad items quarantined."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from pipeline.normalise import (
    DEFAULT_MAX_DESCRIPTION_CHARS,
    Quarantined,
    SourcePosting,
    build_posting,
    normalise_records,
    source_hash,
)
from pipeline.salary import Salary
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
    taleo = record("taleo", "acme", body={"requisitionList": []})

    results = list(normalise_records([taleo], PARSERS))

    assert len(results) == 1
    assert isinstance(results[0], Quarantined)
    assert results[0].reason == "no parser for source 'taleo'"


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


def lever_job(job_id: str, title: str = "Data Engineer", **fields: Any) -> dict[str, Any]:
    return {"id": job_id, "text": title, "description": "<p>Build pipelines.</p>",
            "categories": {"location": "Berlin, Germany"}, **fields}


def test_jobs_of_the_wrong_type_are_quarantined_naming_the_field_and_good_ones_kept() -> None:
    body = [lever_job("1"), "not a job", None, lever_job("2", title=12345),
            lever_job("3", categories={"location": 42}), lever_job("4", hostedUrl={"href": "x"})]

    results = list(normalise_records([record("lever", "acme", body)], PARSERS))

    assert [r["source_id"] for r in results if isinstance(r, dict)] == ["1"]
    assert [r.reason for r in results if isinstance(r, Quarantined)] == [
        "job is not an object: 'not a job'", "job is not an object: None",
        "ValueError: title is not text: 12345", "ValueError: location is not text: 42",
        "ValueError: url is not text: {'href': 'x'}",
    ]


def test_a_repeated_id_in_a_board_is_quarantined_and_the_first_kept() -> None:
    page_one = record("lever", "acme", [lever_job("1"), lever_job("2"), lever_job("1", "Later copy")])
    page_two = {**record("lever", "acme", [lever_job("2", "On another page")]), "url": "http://boards/acme?page=2"}
    other_board = record("lever", "other", [lever_job("1")])

    results = list(normalise_records([page_one, page_two, other_board], PARSERS))

    rows = [(r["board"], r["source_id"], r["title"]) for r in results if isinstance(r, dict)]
    assert rows == [("acme", "1", "Data Engineer"), ("acme", "2", "Data Engineer"), ("other", "1", "Data Engineer")]
    assert [q.reason for q in results if isinstance(q, Quarantined)] == [
        "duplicate id '1' in board lever/acme (first in http://boards/acme); the first is kept",
        "duplicate id '2' in board lever/acme (first in http://boards/acme); the first is kept",
    ]
    assert [q.item["text"] for q in results if isinstance(q, Quarantined)] == ["Later copy", "On another page"]


def test_a_second_fetch_of_the_same_url_is_read_again_not_quarantined() -> None:
    # a crawl that was retried archives the same response twice; the later fetch replaces the first
    first = record("lever", "acme", [lever_job("1")])
    again = {**record("lever", "acme", [lever_job("1", "Data Engineer II")]), "fetched_at": "2026-01-15T07:00:00+00:00"}

    results = list(normalise_records([first, again], PARSERS))

    assert [r["title"] for r in results] == ["Data Engineer", "Data Engineer II"]


def test_injected_markup_and_control_characters_are_stored_as_clean_text() -> None:
    parsed = SourcePosting(
        source_id="1",
        title="<script>alert(1)</script><b onmouseover=alert(2)>Data\x00 Engi\u200bneer</b>\u202e\ud800",
        description_html=("<p onclick=alert(3)>Build\x07 pipelines.</p><script>fetch('https://evil.example')</script>"
                          "<style>*{display:none}</style><iframe src=https://evil.example></iframe>"
                          "<img src=x onerror=alert(4)><a href='javascript:alert(5)'>Apply</a>"),
        department="Data\x1b[2J", locations=["Berlin\x00, Germany"], company="Acme\u0085 Anvils",
        url="javascript:alert(6)",
    )

    row = build_posting(parsed, source="lever", board="acme", company=None, fetched_at=FETCHED_AT)

    assert row["title"] == "Data Engineer"
    assert row["description"] == "Build pipelines.\n\nApply"
    assert (row["department"], row["location"], row["company"]) == ("Data[2J", "Berlin, Germany", "Acme Anvils")
    assert row["url"] is None  # only http(s) links are kept
    text = json.dumps(row, default=str)
    assert "alert" not in text and "evil" not in text and "<" not in text


def test_a_megabyte_description_is_cut_to_the_limit_and_flagged() -> None:
    parsed = SourcePosting(source_id="1", title="Writer",
                           description_html="<p>" + "<b>word</b> " * 100_000 + "</p>")  # 1.2 MB

    row = build_posting(parsed, source="lever", board="acme", company=None, fetched_at=FETCHED_AT)

    assert len(row["description"]) == DEFAULT_MAX_DESCRIPTION_CHARS
    assert row["description_truncated"] is True
    assert row["description"].startswith("word word")


def test_a_broken_unicode_escape_in_an_id_quarantines_the_job() -> None:
    [result] = normalise_records([record("lever", "acme", [lever_job("1\ud800")])], PARSERS)

    assert isinstance(result, Quarantined)
    assert result.reason == "ValueError: posting id '1\\ud800' is not valid Unicode text"


def test_source_hash_changes_with_every_field_a_row_is_normalised_from() -> None:
    job = SourcePosting(source_id="7", title="ML Engineer", description_html="<p>Train models</p>",
                        description_text=None, department="AI", locations=["Berlin"], country="DE",
                        workplace="hybrid", employment_type="Full-time",
                        salary=Salary(60000, 70000, "EUR", "year", "€60k–70k"), posted_at=1700000000000,
                        url="https://example.com/7", company="Acme")
    where = {"source": "lever", "board": "acme", "company": "Acme", "max_description_chars": 100}
    same = source_hash(dataclasses.replace(job), **where)
    assert source_hash(job, **where) == same
    edits = [{"title": "ML Engineer II"}, {"description_html": "<p>Train models.</p>"},
             {"description_html": None, "description_text": "<p>Train models</p>"},
             {"locations": ["Berlin", "Munich"]}, {"salary": Salary(60000, 70001, "EUR", "year", "€60k–70k")},
             {"salary": None}, {"posted_at": 1700000000001}, {"url": None}, {"workplace": None}]
    hashes = {source_hash(dataclasses.replace(job, **edit), **where) for edit in edits}
    assert len(hashes) == len(edits) and same not in hashes
    elsewhere = [{**where, "board": "acme2"}, {**where, "company": None}, {**where, "max_description_chars": 99}]
    assert same not in {source_hash(job, **other) for other in elsewhere}
    # the two long texts are length-prefixed: moving text from one to the other is a change
    split = dataclasses.replace(job, description_html="ab", description_text="c")
    moved = dataclasses.replace(job, description_html="a", description_text="bc")
    assert source_hash(split, **where) != source_hash(moved, **where)



def test_source_hash_changes_with_the_normalisation_code(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.normalise as normalise

    job = SourcePosting(source_id="7", title="Data Analyst", description_text="SQL and dashboards")
    where = {"source": "lever", "board": "acme", "company": None, "max_description_chars": 100}
    before = source_hash(job, **where)
    assert "salary.py" in normalise.NORMALISATION_CODE and "sources/greenhouse.py" in normalise.NORMALISATION_CODE
    # an upgrade that changes how jobs are normalised: no row normalised the old way is copied
    monkeypatch.setattr(normalise, "normalisation_code_sha256", lambda: "0" * 64)
    assert source_hash(job, **where) != before
