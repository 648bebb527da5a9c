"""pipeline/archive.py: crawl records, and which crawls of a date a partition is rebuilt from."""

from __future__ import annotations

import gzip
import json
import logging
from datetime import date
from pathlib import Path

import pytest

from pipeline.archive import (
    CrawlRecord,
    archived_dates,
    latest_crawls,
    records_of_run,
    with_earlier_successes,
    write_record,
)

DAY = date(2026, 1, 15)


def record(source: str, run_id: str, finished_at: str, archive_id: str | None = None,
           **boards: str) -> CrawlRecord:
    return CrawlRecord(source, DAY, run_id, archive_id or run_id,
                       {board: {"status": status} for board, status in boards.items()},
                       {board: board.title() for board in boards}, finished_at)


def archive(data_dir: Path, source: str, archive_id: str, *boards: str, day: date = DAY) -> None:
    path = data_dir / "raw" / f"source={source}" / f"dt={day}" / f"{archive_id}.jsonl.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(path, "wt") as handle:
        for board in boards:
            handle.write(json.dumps({"source": source, "board": board, "body": {}}) + "\n")


def test_a_record_round_trips_beside_its_archive_file(tmp_path: Path) -> None:
    written = record("lever", "run-1", "2026-01-15T02:00:00", acme="ok", globex="failed")
    path = write_record(tmp_path, written)
    assert path == tmp_path / "raw" / "source=lever" / f"dt={DAY}" / "run-1.crawl.json"
    assert records_of_run(tmp_path, DAY, "run-1") == [written]
    assert written.failed_boards == {"globex": "failed"}


def test_the_latest_finished_run_of_each_source_is_chosen(tmp_path: Path) -> None:
    for source, run_id, finished in (("lever", "run-1", "2026-01-15T02:00:00"),
                                     ("lever", "run-2", "2026-01-15T09:00:00"),
                                     ("ashby", "run-1", "2026-01-15T02:00:00")):
        archive(tmp_path, source, run_id, "acme")
        write_record(tmp_path, record(source, run_id, finished, acme="ok"))
    archive(tmp_path, "lever", "run-3", "acme")  # killed half-way: no record, so not finished

    chosen = latest_crawls(tmp_path, DAY)
    assert [(c.source, c.run_id) for c in chosen] == [("ashby", "run-1"), ("lever", "run-2")]


def test_the_shards_of_a_run_are_chosen_together(tmp_path: Path) -> None:
    write_record(tmp_path, record("lever", "run-1", "2026-01-15T02:00:00", acme="ok"))
    write_record(tmp_path, record("lever", "run-2", "2026-01-15T03:00:00", "run-2-shard0", acme="ok"))
    write_record(tmp_path, record("lever", "run-2", "2026-01-15T03:05:00", "run-2-shard1", globex="ok"))
    assert [c.archive_id for c in latest_crawls(tmp_path, DAY)] == ["run-2-shard0", "run-2-shard1"]


def test_an_archive_without_records_counts_as_one_crawl_of_its_boards(tmp_path: Path) -> None:
    archive(tmp_path, "greenhouse", "old-run", "acme", "globex", "acme")
    [chosen] = latest_crawls(tmp_path, DAY)
    assert (chosen.source, chosen.archive_id) == ("greenhouse", "old-run")
    assert chosen.boards == {"acme": {"status": "ok"}, "globex": {"status": "ok"}}


def test_archived_dates_in_a_range(tmp_path: Path) -> None:
    archive(tmp_path, "lever", "a", "acme", day=date(2026, 1, 14))
    archive(tmp_path, "ashby", "b", "acme", day=date(2026, 1, 16))
    archive(tmp_path, "ashby", "c", "acme", day=date(2026, 2, 1))
    (tmp_path / "raw" / "source=lever" / "dt=2026-01-15").mkdir()  # empty: nothing archived
    assert archived_dates(tmp_path, date(2026, 1, 1), date(2026, 1, 31)) == [date(2026, 1, 14), date(2026, 1, 16)]


def test_a_board_that_fails_now_is_read_from_its_latest_earlier_success_of_the_date(tmp_path: Path) -> None:
    write_record(tmp_path, record("lever", "run-1", "2026-01-15T02:00:00", acme="ok", globex="ok", initech="ok"))
    write_record(tmp_path, record("lever", "run-2", "2026-01-15T05:00:00", acme="ok", globex="ok", initech="failed"))
    write_record(tmp_path, record("lever", "run-3", "2026-01-15T07:00:00", acme="ok", globex="failed"))
    write_record(tmp_path, record("ashby", "run-2", "2026-01-15T05:00:00", acme="ok"))  # another source
    now = record("lever", "run-4", "2026-01-15T09:00:00", acme="ok", globex="failed", initech="failed",
                 umbrella="failed")

    crawls, recovered = with_earlier_successes(tmp_path, DAY, [now])

    # globex: run-2 (run-3 failed it); initech: run-1 (run-2 failed it); umbrella never succeeded
    assert recovered == {"lever/globex": "run-2", "lever/initech": "run-1"}
    assert [(c.archive_id, sorted(c.boards), c.read_boards) for c in crawls] == [
        ("run-4", ["acme", "umbrella"], frozenset({"acme", "umbrella"})),
        ("run-2", ["globex"], frozenset({"globex"})),
        ("run-1", ["initech"], frozenset({"initech"})),
    ]
    assert [c.failed_boards for c in crawls] == [{"umbrella": "failed"}, {}, {}]
    assert [c.companies for c in crawls][1:] == [{}, {}]  # the current configuration names the boards


def test_a_run_whose_boards_all_succeeded_reads_nothing_else(tmp_path: Path) -> None:
    write_record(tmp_path, record("lever", "run-1", "2026-01-15T02:00:00", acme="ok"))
    now = [record("lever", "run-2", "2026-01-15T09:00:00", acme="ok")]
    assert with_earlier_successes(tmp_path, DAY, now) == (now, {})


def test_a_damaged_record_is_named_and_its_crawl_counts_as_unfinished(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_record(tmp_path, record("lever", "run-1", "2026-01-15T02:00:00", acme="ok"))
    damaged = write_record(tmp_path, record("lever", "run-2", "2026-01-15T09:00:00", acme="ok"))
    damaged.write_text('{"source": "lever", "run_')
    with caplog.at_level(logging.WARNING):
        assert [c.run_id for c in latest_crawls(tmp_path, DAY)] == ["run-1"]
    assert f"{damaged} cannot be read (JSONDecodeError" in caplog.text
