"""pipeline/history.py: first_seen, last_seen and closed_at over partitions and their manifests."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.history import HISTORY_PATH, build_history, new_and_open, write_history
from pipeline.manifest import Manifest
from pipeline.normalise import SourcePosting, build_posting
from pipeline.store import write_partition

DAY = date(2026, 3, 2)


def posting(source_id: str, board: str = "acme", title: str = "Engineer") -> dict:
    row = build_posting(SourcePosting(source_id=source_id, title=title, description_text=f"{title} text"),
                        source="lever", board=board, company=board.title(),
                        fetched_at="2026-03-02T06:00:00+00:00")
    return {**row, "ai_tier": "core" if "ML" in title else "none", "is_ai": "ML" in title,
            "role": "ml_engineer" if "ML" in title else "software_engineer", "ai_skills": [],
            "model_version": "m1"}


def run(data_dir: Path, offset: int, rows: list[dict], boards: tuple[str, ...] = ("acme",),
        failed: tuple[str, ...] = ()) -> None:
    """One run `offset` days after DAY that crawled `boards` (some of them failed)."""
    day = DAY + timedelta(days=offset)
    manifest = Manifest(run_date=day, run_id=f"run-{offset}", mode="nightly", model_version="m1",
                        schema_version=1, rows=len(rows), sources={"lever": len(rows)},
                        boards={f"lever/{b}": 0 for b in boards},
                        failed_boards={f"lever/{b}": "HTTP 503" for b in failed})
    write_partition(rows, data_dir, day, f"run-{offset}", manifest)


def by_id(data_dir: Path, close_after_runs: int = 2) -> dict[str, dict]:
    return {row["title"]: row for row in build_history(data_dir, close_after_runs).to_pylist()}


def test_first_and_last_seen_and_a_close_after_two_missed_runs(tmp_path: Path) -> None:
    run(tmp_path, 0, [posting("1", title="Stays"), posting("2", title="Leaves")])
    run(tmp_path, 1, [posting("1", title="Stays"), posting("3", title="ML Arrives")])
    history = by_id(tmp_path)
    assert history["Leaves"]["closed_at"] is None  # missed once: not yet closed

    run(tmp_path, 2, [posting("1", title="Stays"), posting("3", title="ML Arrives")])
    history = by_id(tmp_path)
    assert history["Leaves"]["first_seen"] == history["Leaves"]["last_seen"] == DAY
    assert history["Leaves"]["closed_at"] == DAY + timedelta(days=1)  # the first run that missed it
    assert history["Stays"]["closed_at"] is None and history["Stays"]["runs_seen"] == 3
    assert history["ML Arrives"]["first_seen"] == DAY + timedelta(days=1)
    assert history["ML Arrives"]["is_ai"] is True


def test_close_after_runs_is_configurable(tmp_path: Path) -> None:
    run(tmp_path, 0, [posting("1", title="Leaves")])
    run(tmp_path, 1, [])
    assert by_id(tmp_path, close_after_runs=1)["Leaves"]["closed_at"] == DAY + timedelta(days=1)
    assert by_id(tmp_path, close_after_runs=2)["Leaves"]["closed_at"] is None
    with pytest.raises(ValueError):
        build_history(tmp_path, 0)


def test_a_failed_board_never_closes_its_postings(tmp_path: Path) -> None:
    run(tmp_path, 0, [posting("1", title="Kept"), posting("2", board="globex", title="Gone")],
        boards=("acme", "globex"))
    for offset in (1, 2, 3):
        run(tmp_path, offset, [], boards=("acme", "globex"), failed=("acme",))
    history = by_id(tmp_path)
    assert history["Kept"]["closed_at"] is None
    assert history["Gone"]["closed_at"] == DAY + timedelta(days=1)


def test_a_run_that_did_not_crawl_the_board_neither_closes_nor_counts(tmp_path: Path) -> None:
    run(tmp_path, 0, [posting("1", title="Elsewhere")])
    run(tmp_path, 1, [], boards=("globex",))
    run(tmp_path, 2, [], boards=("globex",))
    run(tmp_path, 3, [])
    history = by_id(tmp_path)
    assert history["Elsewhere"]["closed_at"] is None  # acme was crawled only once after it
    run(tmp_path, 4, [])
    assert by_id(tmp_path)["Elsewhere"]["closed_at"] == DAY + timedelta(days=3)


def test_edits_count_content_changes_and_labels_come_from_the_last_run(tmp_path: Path) -> None:
    first = posting("1", title="Engineer")
    run(tmp_path, 0, [first])
    run(tmp_path, 1, [{**first, "description": "Edited text", "content_hash": "other"}])
    run(tmp_path, 2, [{**first, "description": "Edited text", "content_hash": "other", "role": "qa"}])
    row = build_history(tmp_path, 2).to_pylist()[0]
    assert row["edits"] == 1 and row["runs_seen"] == 3 and row["role"] == "qa"


def test_the_history_is_the_same_whatever_order_dates_were_written_in(tmp_path: Path) -> None:
    days = [[posting("1"), posting("2", title="B")], [posting("1")], [posting("1"), posting("3", title="C")], []]
    for order, folder in (((0, 1, 2, 3), "forward"), ((3, 1, 0, 2), "shuffled")):
        for offset in order:
            run(tmp_path / folder, offset, days[offset])
        run(tmp_path / folder, 1, days[1])  # and a rerun of one date
        write_history(tmp_path / folder, 2)
    forward = pq.read_table(tmp_path / "forward" / HISTORY_PATH)
    assert forward.equals(pq.read_table(tmp_path / "shuffled" / HISTORY_PATH))
    assert forward.num_rows == 3


def test_new_and_open_postings_on_a_day(tmp_path: Path) -> None:
    run(tmp_path, 0, [posting("1"), posting("2", title="B")])
    run(tmp_path, 1, [posting("1"), posting("3", title="C")])
    run(tmp_path, 2, [posting("1"), posting("3", title="C")])
    history = build_history(tmp_path, 2)
    assert new_and_open(history, DAY) == (2, 2)
    assert new_and_open(history, DAY + timedelta(days=1)) == (1, 2)  # B closed on day 1, C opened
    assert new_and_open(history, DAY + timedelta(days=2)) == (0, 2)


def test_partitions_without_manifests_count_the_boards_they_have_rows_of(tmp_path: Path) -> None:
    write_partition([posting("1", title="Old")], tmp_path, DAY, "run-0")
    write_partition([posting("2", title="New")], tmp_path, DAY + timedelta(days=1), "run-1")
    write_partition([posting("2", title="New")], tmp_path, DAY + timedelta(days=2), "run-2")
    assert by_id(tmp_path)["Old"]["closed_at"] == DAY + timedelta(days=1)


def test_no_partitions_give_an_empty_history(tmp_path: Path) -> None:
    assert build_history(tmp_path, 2).num_rows == 0
