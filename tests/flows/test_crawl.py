"""flows/crawl.py: shards of a source's boards, and a fan-out whose shards do not all finish."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from prefect.states import Completed

from flows import crawl
from jobradar.config import Board, SourceConfig
from pipeline.archive import CrawlRecord, write_record

DAY = date(2024, 1, 3)
SOURCE = SourceConfig("lever", tuple(Board("lever", b, company=b.title()) for b in ("a", "b", "c")), base_url="demo")


def test_boards_are_cut_into_shards_in_order() -> None:
    assert crawl.shards(SOURCE, 2) == [("a", "b"), ("c",)]
    assert crawl.shards(SOURCE, 50) == [("a", "b", "c")]


def test_a_shard_that_does_not_finish_is_recorded_with_its_boards_failed(
        prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect import flow

    def run_deployment(name: str, parameters: dict[str, Any], **kwargs: Any) -> SimpleNamespace:
        assert name == "crawl-shard/pool"
        if parameters["shard"] == 1:
            raise RuntimeError("no worker picked it up")
        write_record(Path(parameters["data_dir"]), CrawlRecord(
            parameters["source"], date.fromisoformat(parameters["run_date"]), parameters["run_id"],
            f"{parameters['run_id']}-shard{parameters['shard']}", {b: {"status": "ok"} for b in parameters["boards"]}))
        return SimpleNamespace(name="shard", state=Completed())

    monkeypatch.setattr(crawl, "run_deployment", run_deployment)

    @flow
    def parent() -> list[CrawlRecord]:
        return crawl.fan_out("crawl-shard/pool", (SOURCE,), 2, DAY, "run-1", None, tmp_path)

    records = {record.archive_id: record for record in parent()}
    assert set(records) == {"run-1-shard0", "run-1-shard1"}
    assert records["run-1-shard0"].failed_boards == {}
    assert records["run-1-shard1"].failed_boards == {"c": "crawl shard failed: no worker picked it up"}
    assert records["run-1-shard1"].companies == {"c": "C"}
