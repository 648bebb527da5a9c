"""flows/dask_backfill.py: the backfill's dates spread over a local Dask cluster of two processes."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.store import partition_path, read_manifest
from tests.conftest import NIGHTLY_DATES

pytest.importorskip("prefect_dask", reason="needs the 'distributed' extra (make test installs it)")
pytestmark = pytest.mark.e2e


def test_a_local_dask_cluster_relabels_a_few_dates(archive_only: Path, nightly_runs: Path) -> None:
    from flows.dask_backfill import backfill_on_dask, dask_task_runner

    days = NIGHTLY_DATES[:3]  # the backfill/dask deployment's flow, on a local cluster of two processes
    on_dask = backfill_on_dask.with_options(task_runner=dask_task_runner(workers=2))
    summary = on_dask(start=days[0], end=days[-1], mode="relabel", data_dir=str(archive_only), concurrency=3)

    assert summary["written"] == [day.isoformat() for day in days]
    for day in days:
        manifest = read_manifest(archive_only, day)
        assert manifest is not None and manifest.mode == "relabel"
        relabelled = pq.read_table(partition_path(archive_only, day)).drop_columns(["run_id"])
        assert relabelled.equals(pq.read_table(partition_path(nightly_runs, day)).drop_columns(["run_id"]))
