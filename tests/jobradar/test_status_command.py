"""`jobradar status`: the dataset's dates, and what a backfill would still do; damaged manifests."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest

from jobradar.cli import main
from pipeline.history import write_history
from pipeline.manifest import MANIFEST_FILE
from pipeline.store import partition_path, read_manifest
from tests.conftest import NIGHTLY_DATES

pytestmark = pytest.mark.e2e


@pytest.fixture
def data_dir(nightly_runs: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(nightly_runs, copy)
    return copy


def test_every_date_is_listed_with_what_wrote_it(data_dir: Path, models_dir: Path,
                                                 capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
    assert main(["status", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{data_dir}: {len(NIGHTLY_DATES)} partitions, current model jr-")
    assert out[1].split()[:4] == ["date", "rows", "mode", "model"]
    for line, day in zip(out[2:], NIGHTLY_DATES, strict=True):
        manifest = read_manifest(data_dir, day)
        assert line.split()[:4] == [str(day), str(manifest.rows), "nightly", manifest.model_version]
    assert len(out) == 2 + len(NIGHTLY_DATES)  # nothing left to do


def test_dates_a_backfill_would_redo_are_named_with_the_command(
        data_dir: Path, models_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
    gone, damaged, old = NIGHTLY_DATES[0], NIGHTLY_DATES[1], NIGHTLY_DATES[2]
    shutil.rmtree(partition_path(data_dir, gone))
    (partition_path(data_dir, damaged) / MANIFEST_FILE).write_text('{"run_date": "2024-')
    manifest_path = partition_path(data_dir, old) / MANIFEST_FILE
    manifest_path.write_text(json.dumps({**json.loads(manifest_path.read_text()), "model_version": "jr-old"}))

    with caplog.at_level(logging.WARNING):
        assert main(["status", "--data-dir", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert f"{damaged}  manifest unreadable (JSONDecodeError: " in out
    assert "cannot be read" not in caplog.text  # said once, in the table, not again in the log
    assert (f"archived without a partition (1): {gone} — `jobradar backfill --start {gone} --end {gone}` "
            "writes them from the archive") in out
    assert "written by another model than jr-" in out and f"(1): {old} — `jobradar backfill --start {old}" in out
    assert f"partitions damaged or without a manifest (1): {damaged}" in out

    assert main(["status", "--data-dir", str(data_dir), "--json", "--start", str(gone), "--end", str(damaged)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["problem"].startswith("manifest unreadable (JSONDecodeError: ")
    assert rows == [{"archived": True, "partition": True, "problem": rows[0]["problem"], "run_date": str(damaged)},
                    {"archived": True, "partition": False, "run_date": str(gone)}]

    # a damaged manifest is named in the log, and neither the history nor a reader stops on it
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        assert read_manifest(data_dir, damaged) is None
        write_history(data_dir, 2)
    assert f"{partition_path(data_dir, damaged) / MANIFEST_FILE} cannot be read (JSONDecodeError" in caplog.text
    assert f"`jobradar backfill --start {damaged} --end {damaged}` rewrites it" in caplog.text


def test_a_damaged_partition_file_is_named_and_left_out_of_history_and_report(
        data_dir: Path, models_dir: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    from pipeline.trends import compute_trends

    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
    damaged = NIGHTLY_DATES[3]
    path = partition_path(data_dir, damaged) / "part-0.parquet"
    path.write_bytes(path.read_bytes()[:5000])

    assert main(["status", "--data-dir", str(data_dir)]) == 0
    assert f"{damaged}  part-0.parquet unreadable (ArrowInvalid)" in capsys.readouterr().out
    with caplog.at_level(logging.WARNING):
        history = write_history(data_dir, 2)
        trends = compute_trends(data_dir, None, None, 2)
    assert damaged not in trends.days and len(trends.days) == len(NIGHTLY_DATES) - 1
    assert len(trends.postings) == len(trends.days)
    assert history.exists()
    assert f"{path} cannot be read" in caplog.text
    assert f"`jobradar backfill --start {damaged} --end {damaged}` rewrites it" in caplog.text
    assert main(["report", "--data-dir", str(data_dir), "-o", str(data_dir / "report.html")]) == 0


def test_no_dataset_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["status", "--data-dir", str(tmp_path / "nothing")]) == 4
    assert "no dataset and no raw archive here" in capsys.readouterr().err
