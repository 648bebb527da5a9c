"""The backfill flow: relabel from the archive alone, reruns that change nothing, a killed backfill
that resumes, and crawl mode over the demo boards' past."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from jobradar.demo.boards import visible_postings
from jobradar.demo.corpus import companies
from pipeline.history import HISTORY_PATH
from pipeline.store import partition_path, read_manifest
from tests.conftest import NIGHTLY_DATES

pytestmark = pytest.mark.e2e
FIRST, LAST = NIGHTLY_DATES[0], NIGHTLY_DATES[-1]


def rows_without_run_id(data_dir: Path, day: date) -> list[dict]:
    return pq.read_table(partition_path(data_dir, day)).drop_columns(["run_id"]).to_pylist()


def files_of(data_dir: Path) -> dict[str, bytes]:
    return {str(p.relative_to(data_dir)): p.read_bytes()
            for folder in ("postings", "history") for p in sorted((data_dir / folder).rglob("*")) if p.is_file()}


def test_relabel_rebuilds_each_date_from_the_raw_archive_alone_and_again_changes_nothing(
        archive_only: Path, nightly_runs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.backfill import backfill

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a relabel backfill crawled")

    monkeypatch.setattr("flows.crawl.run_crawl", no_network)
    summary = backfill(start=FIRST - timedelta(days=3), end=LAST, mode="relabel", data_dir=str(archive_only))

    assert summary["written"] == [day.isoformat() for day in NIGHTLY_DATES]  # archived dates only
    assert summary["skipped"] == [] and summary["failed"] == {}
    for day in NIGHTLY_DATES:
        assert rows_without_run_id(archive_only, day) == rows_without_run_id(nightly_runs, day)
        relabelled, nightly = read_manifest(archive_only, day), read_manifest(nightly_runs, day)
        assert relabelled is not None and nightly is not None
        assert relabelled.mode == "relabel" and relabelled.run_id != nightly.run_id
        assert (relabelled.rows, relabelled.sources, relabelled.boards, relabelled.archive) == \
               (nightly.rows, nightly.sources, nightly.boards, nightly.archive)
    history = pq.read_table(archive_only / HISTORY_PATH)
    assert history.equals(pq.read_table(nightly_runs / HISTORY_PATH))

    before = files_of(archive_only)
    again = backfill(start=FIRST - timedelta(days=3), end=LAST, mode="relabel", data_dir=str(archive_only))
    assert again["written"] == [] and again["skipped"] == summary["written"]
    assert files_of(archive_only) == before  # partitions, manifests and history, byte for byte


    damaged = partition_path(archive_only, NIGHTLY_DATES[1]) / "part-0.parquet"  # cut short on disk, say
    damaged.write_bytes(damaged.read_bytes()[:5000])
    healed = backfill(start=FIRST, end=LAST, mode="relabel", data_dir=str(archive_only))
    assert healed["written"] == [NIGHTLY_DATES[1].isoformat()]  # its manifest alone does not make it done
    assert rows_without_run_id(archive_only, NIGHTLY_DATES[1]) == rows_without_run_id(nightly_runs, NIGHTLY_DATES[1])


def test_postings_that_left_the_demo_boards_are_closed(nightly_runs: Path) -> None:
    history = pq.read_table(nightly_runs / HISTORY_PATH).to_pylist()
    # The demo's own truth: a posting closes on the first of two runs in a row that no longer show it.
    visible = {day: {(c.board, v.posting["id"]) for c in companies() for v in visible_postings(c.board, day)}
               for day in NIGHTLY_DATES}
    expected = Counter(
        NIGHTLY_DATES[i] for i in range(1, len(NIGHTLY_DATES) - 1)
        for posting in visible[NIGHTLY_DATES[i - 1]] - visible[NIGHTLY_DATES[i]] - visible[NIGHTLY_DATES[i + 1]])
    closed = Counter(row["closed_at"] for row in history if row["closed_at"] is not None)
    assert closed == expected and sum(closed.values()) > 0
    last = {row["posting_id"] for row in pq.read_table(partition_path(nightly_runs, LAST)).to_pylist()}
    for row in history:
        assert (row["last_seen"] == LAST) == (row["posting_id"] in last)
        if row["closed_at"] is not None:
            assert row["first_seen"] <= row["last_seen"] < row["closed_at"]
            assert row["posting_id"] not in last


def test_a_killed_backfill_resumes_and_redoes_only_the_unfinished_dates(
        archive_only: Path, nightly_runs: Path, tmp_path: Path) -> None:
    from prefect.settings import PREFECT_API_URL

    from flows.backfill import backfill

    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value()}  # the session's test API
    command = [sys.executable, "-m", "jobradar.cli", "backfill", "--start", FIRST.isoformat(),
               "--end", LAST.isoformat(), "--data-dir", str(archive_only), "--concurrency", "1"]
    with (tmp_path / "killed.log").open("w") as log:
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            deadline = time.monotonic() + 120
            while len(list((archive_only / "postings").glob("*/_manifest.json"))) < 2:
                assert process.poll() is None, (tmp_path / "killed.log").read_text()[-3000:]
                assert time.monotonic() < deadline, "the backfill wrote nothing in 2 minutes"
                time.sleep(0.02)
            os.killpg(process.pid, signal.SIGKILL)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    finished = {day: m.run_id for day in NIGHTLY_DATES if (m := read_manifest(archive_only, day))}
    assert 2 <= len(finished) < len(NIGHTLY_DATES), "the kill came too late to leave dates undone"

    summary = backfill(start=FIRST, end=LAST, data_dir=str(archive_only))

    assert summary["skipped"] == [day.isoformat() for day in sorted(finished)]
    assert summary["written"] == [day.isoformat() for day in NIGHTLY_DATES if day not in finished]
    for day in NIGHTLY_DATES:
        manifest = read_manifest(archive_only, day)
        assert manifest is not None
        if day in finished:
            assert manifest.run_id == finished[day]  # not redone
        rows = rows_without_run_id(archive_only, day)
        assert len({row["posting_id"] for row in rows}) == len(rows) == manifest.rows
        assert rows == rows_without_run_id(nightly_runs, day)
        assert [p.name for p in partition_path(archive_only, day).iterdir()] in (
            ["part-0.parquet", "_manifest.json"], ["_manifest.json", "part-0.parquet"])
    assert not any((archive_only / ".staging").iterdir())


def test_crawl_mode_fetches_the_demo_boards_as_they_stood(tmp_path: Path, models_dir: Path,
                                                           prefect_harness: None,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.backfill import backfill

    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
    days = [date(2023, 6, 1)]
    summary = backfill(start=days[0], end=days[-1], mode="crawl", data_dir=str(tmp_path))

    assert summary["written"] == [day.isoformat() for day in days]
    for day in days:
        manifest = read_manifest(tmp_path, day)
        assert manifest is not None and manifest.mode == "crawl" and not manifest.failed_boards
        assert manifest.rows == sum(len(visible_postings(c.board, day)) for c in companies())
        assert len(list((tmp_path / "raw").glob(f"source=*/dt={day}/*.crawl.json"))) == 3
    again = backfill(start=days[0], end=days[-1], mode="crawl", data_dir=str(tmp_path))
    assert again["written"] == [] and again["skipped"] == [days[0].isoformat()]


def test_a_date_that_fails_is_reported_and_the_others_finish(archive_only: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from flows import partition
    from flows.backfill import BackfillIncomplete, backfill

    broken = NIGHTLY_DATES[1]
    original = partition.write_partition

    def write_or_fail(rows: list, data_dir: Path, run_date: date, *args: object) -> Path:
        if run_date == broken:
            raise OSError("disk full")
        return original(rows, data_dir, run_date, *args)

    monkeypatch.setattr(partition, "write_partition", write_or_fail)
    monkeypatch.setattr(partition.write_dataset, "retries", 0)
    days = NIGHTLY_DATES[:3]
    with pytest.raises(BackfillIncomplete, match=f"1 of 3 dates failed \\({broken}\\)"):
        backfill(start=days[0], end=days[-1], data_dir=str(archive_only))
    assert read_manifest(archive_only, broken) is None
    assert all(read_manifest(archive_only, day) for day in days if day != broken)

    monkeypatch.setattr(partition, "write_partition", original)
    summary = backfill(start=days[0], end=days[-1], data_dir=str(archive_only))
    assert summary["written"] == [broken.isoformat()] and len(summary["skipped"]) == 2


def test_crawl_mode_fetches_a_past_hacker_news_month_filed_under_its_first_day(
        fixture_server: tuple[str, list[str]], tmp_path: Path, models_dir: Path, prefect_harness: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.backfill import backfill

    server, seen = fixture_server
    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
    monkeypatch.setenv("JOBRADAR_DOWNLOAD_DELAY", "0")
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[hackernews]\nbase_url = "{server}/hn/{{board}}"\n[[hackernews.boards]]\nmonth = "latest"\n')
    summary = backfill(start=date(2023, 12, 30), end=date(2024, 1, 2), mode="crawl", sources=str(sources),
                       data_dir=str(tmp_path / "data"))

    assert summary["written"] == ["2024-01-01"]  # one crawl per month, on its first day
    manifest = read_manifest(tmp_path / "data", date(2024, 1, 1))
    assert manifest is not None and manifest.mode == "crawl" and not manifest.failed_boards
    assert list(manifest.boards) == ["hackernews/2024-01"] and manifest.rows >= 6
    assert any(path.startswith("/hn/2024-01/api/v1/items/") for path in seen)


def test_a_crawl_in_which_every_board_failed_leaves_the_date_to_do(
        fixture_server: tuple[str, list[str]], tmp_path: Path, models_dir: Path, prefect_harness: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    from flows.backfill import BackfillIncomplete, backfill

    server, _ = fixture_server
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
    monkeypatch.setenv("JOBRADAR_DOWNLOAD_DELAY", "0")
    monkeypatch.setenv("JOBRADAR_RETRY_TIMES", "0")
    sources = tmp_path / "sources.toml"
    day, data_dir = date(2024, 1, 1), tmp_path / "data"
    config = '[hackernews]\nbase_url = "{}"\n[[hackernews.boards]]\nmonth = "latest"\n'

    sources.write_text(config.format(closed))
    with pytest.raises(BackfillIncomplete, match=f"1 of 1 dates failed \\({day}\\)"):
        backfill(start=day, end=day, mode="crawl", sources=str(sources), data_dir=str(data_dir))
    assert read_manifest(data_dir, day) is None  # no empty partition marked done

    sources.write_text(config.format(f"{server}/hn/{{board}}"))
    summary = backfill(start=day, end=day, mode="crawl", sources=str(sources), data_dir=str(data_dir))
    assert summary["written"] == [day.isoformat()] and summary["skipped"] == []


def test_a_range_with_nothing_archived_says_which_dates_the_archive_holds(
        archive_only: Path, caplog: pytest.LogCaptureFixture) -> None:
    from flows.backfill import backfill

    summary = backfill(start=date(2030, 1, 1), end=date(2030, 1, 31), data_dir=str(archive_only))
    assert summary["written"] == [] and summary["failed"] == {}
    assert (f"nothing archived from 2030-01-01 to 2030-01-31 to re-label; the raw archive of {archive_only} "
            f"holds {NIGHTLY_DATES[0]} to {NIGHTLY_DATES[-1]}") in caplog.text
