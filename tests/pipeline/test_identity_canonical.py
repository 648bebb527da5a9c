"""canonical_id: the same job seen through two sources is one job."""

from __future__ import annotations

from flows.report import build_report
from pipeline.identity import canonical_id


def test_the_same_job_through_an_ats_and_its_jsonld_page_shares_an_id() -> None:
    from_board = canonical_id("Acme", "Senior Data Engineer (m/w/d)", "Berlin", "DE")
    from_page = canonical_id("ACME GmbH", "Senior Data Engineer", "berlin", None)
    assert from_board == from_page


def test_different_jobs_places_or_employers_differ() -> None:
    base = canonical_id("Acme", "Data Engineer", "Berlin", "DE")
    assert canonical_id("Acme", "Data Scientist", "Berlin", "DE") != base
    assert canonical_id("Acme", "Data Engineer", "Munich", "DE") != base
    assert canonical_id("Globex", "Data Engineer", "Berlin", "DE") != base
    assert canonical_id("Acme", "Data Engineer", None, "DE") == canonical_id("Acme", "Data Engineer", "", "DE")


def _row(posting_id: str, canonical: str, source: str, is_ai: bool) -> dict:
    return {"posting_id": posting_id, "canonical_id": canonical, "source": source, "company": "Acme",
            "ai_tier": "core" if is_ai else "none", "is_ai": is_ai, "role": "ml_engineer",
            "ai_skills": []}


def test_reports_count_a_job_seen_twice_once() -> None:
    rows = [_row("a", "job-1", "greenhouse", True), _row("b", "job-1", "jsonld", True),
            _row("c", "job-2", "greenhouse", False)]
    report = build_report(rows, run_date="2026-01-01", run_id="r", model_version="m", dataset_path=None,
                          failed_boards={}, quarantined={}, quarantine_path=None)
    assert (report.postings, report.jobs) == (3, 2)
    assert report.ai_share == 0.5
    assert report.by_source == {"greenhouse": 2, "jsonld": 1}
    assert "3 (2 distinct jobs)" in report.text()
