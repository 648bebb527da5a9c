"""flows/report.py: the run report as text, markdown and one table of every count."""

from __future__ import annotations

from pathlib import Path

from flows.report import build_report


def row(company: str, tier: str, role: str, skills: list[str] = ()) -> dict:
    return {"source": "lever", "company": company, "ai_tier": tier, "is_ai": tier in {"core", "applied"},
            "role": role, "ai_skills": list(skills)}


ROWS = [row("Acme", "core", "ml_engineer", ["machine_learning", "nlp"]),
        row("Acme", "none", "sales"), row("Globex", "applied", "software_engineer", ["generative_ai"]),
        row("Globex", "mention", "software_engineer")]


def report(**extra: object):
    return build_report(ROWS, run_date="2024-01-05", run_id="run-1", model_version="m1",
                        dataset_path=Path("data/postings/dt=2024-01-05"),
                        failed_boards={"lever/initech": "HTTP 404"}, quarantined={"lever/acme": 2},
                        quarantine_path=Path("data/quarantine/x.jsonl"), **extra)


def test_counts_shares_and_ai_postings_per_role_and_company() -> None:
    made = report()
    assert made.postings == 4 and made.ai_postings == 2 and made.ai_share == 0.5
    assert made.ai_by_role == {"software_engineer": 1, "ml_engineer": 1}
    assert made.ai_by_company == {"Acme": 1, "Globex": 1}


def test_the_table_has_every_count_of_the_report() -> None:
    rows = report().table()
    by_section: dict[str, list[dict]] = {}
    for entry in rows:
        by_section.setdefault(entry["section"], []).append(entry)
    assert set(by_section) == {"run", "source", "ai_tier", "role", "company", "ai_skill", "failed_board",
                               "quarantined"}
    assert {(r["name"], r["postings"], r["share"]) for r in by_section["ai_tier"]} == {
        ("core", 1, 0.25), ("applied", 1, 0.25), ("mention", 1, 0.25), ("none", 1, 0.25)}
    software = next(r for r in by_section["role"] if r["name"] == "software_engineer")
    assert (software["postings"], software["ai_postings"], software["share"]) == (2, 1, 0.5)
    assert by_section["failed_board"] == [{"section": "failed_board", "name": "lever/initech", "postings": None,
                                           "ai_postings": None, "share": None, "detail": "HTTP 404"}]
    assert by_section["quarantined"][0]["postings"] == 2
    assert {entry["name"] for entry in by_section["ai_skill"]} == {"machine_learning", "nlp", "generative_ai"}


def test_markdown_and_text_lead_with_failures_and_name_the_backfill() -> None:
    made = report(mode="relabel")
    markdown = made.markdown()
    assert markdown.startswith("# jobradar relabel backfill 2024-01-05")
    assert markdown.index("FAILED") < markdown.index("| source | postings |")
    assert "| lever/initech | HTTP 404 |" in markdown and "| lever/acme | 2 |" in markdown
    text = made.text()
    assert text.startswith("jobradar relabel backfill run-1 for 2024-01-05")
    assert "FAILED boards (1)" in text and "new postings" not in text
