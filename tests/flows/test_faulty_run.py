"""A nightly run over boards that misbehave (tests/fault_server.py): the run completes, every good
posting lands in the partition, each failed board is named with its reason in the run report, and
each bad item is counted there and kept in the quarantine file with its reason."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pipeline.store import partition_path, read_manifest
from tests.fault_server import serve_faults

pytestmark = pytest.mark.e2e
DAY = date(2024, 2, 1)
GOOD = {"ok": 2, "wrong-types": 1, "duplicates": 2, "hostile": 1, "rate-limited": 2}
FAILED = {"unavailable": "HTTP 503", "truncated": "is not json", "html": "is not json",
          "gzip-bomb": "DOWNLOAD_MAXSIZE"}
BAD_ITEMS = {"wrong-types": 2, "duplicates": 1}


@pytest.fixture(scope="module")
def faulty_run(prefect_harness: None, models_dir: Path, tmp_path_factory: pytest.TempPathFactory
               ) -> tuple[Path, dict[str, Any]]:
    from flows.nightly import nightly

    data_dir = tmp_path_factory.mktemp("faulty-run")
    limit = 3_000_000
    with serve_faults(limit) as (url, _), pytest.MonkeyPatch.context() as patch:
        for name, value in {"JOBRADAR_MODEL_DIR": str(models_dir), "JOBRADAR_RETRY_TIMES": "1",
                            "JOBRADAR_RETRY_BACKOFF": "0.1", "JOBRADAR_DOWNLOAD_DELAY": "0",
                            "JOBRADAR_AUTOTHROTTLE": "false", "JOBRADAR_MAX_RESPONSE_BYTES": str(limit)
                            }.items():
            patch.setenv(name, value)
        sources = data_dir / "sources.toml"
        sources.write_text(f'[greenhouse]\nbase_url = "{url}"\n' + "".join(
            f'[[greenhouse.boards]]\ntoken = "{board}"\n' for board in [*GOOD, *FAILED]))
        report = nightly(run_date=DAY, sources=str(sources), data_dir=str(data_dir))
    return data_dir, report


def test_every_good_posting_is_kept(faulty_run: tuple[Path, dict[str, Any]]) -> None:
    data_dir, report = faulty_run
    rows = pq.read_table(partition_path(data_dir, DAY)).to_pylist()
    per_board = {board: sum(row["board"] == board for row in rows) for board in GOOD}
    assert per_board == GOOD and report["postings"] == len(rows) == sum(GOOD.values())
    [hostile] = [row for row in rows if row["board"] == "hostile"]
    assert "<script" not in hostile["title"] + hostile["description"] and hostile["description_truncated"]


def test_each_failed_board_is_named_with_its_reason(faulty_run: tuple[Path, dict[str, Any]]) -> None:
    data_dir, report = faulty_run
    assert set(report["failed_boards"]) == {f"greenhouse/{board}" for board in FAILED}
    for board, words in FAILED.items():
        assert words in report["failed_boards"][f"greenhouse/{board}"]
    assert read_manifest(data_dir, DAY).failed_boards == report["failed_boards"]


def test_bad_items_are_counted_and_quarantined_with_the_reason(faulty_run: tuple[Path, dict[str, Any]]) -> None:
    data_dir, report = faulty_run
    assert report["quarantined"] == {f"greenhouse/{board}": n for board, n in BAD_ITEMS.items()}
    items = [json.loads(line) for line in Path(report["quarantine_path"]).read_text().splitlines()]
    assert sorted(item["board"] for item in items) == sorted(b for b, n in BAD_ITEMS.items() for _ in range(n))
    assert all(item["reason"] and "item" in item for item in items)
