"""The backfill on a Dask cluster (prefect-dask), for re-labelling long date ranges on many cores
or machines. Needs the `distributed` extra: `pip install 'jobradar[distributed]'`."""

from __future__ import annotations

from datetime import date
from typing import Any

from prefect import flow

from flows.backfill import Mode, backfill
from jobradar.errors import ConfigError
from jobradar.settings import Settings


def dask_task_runner(address: str | None = None, workers: int | None = None) -> Any:
    """A DaskTaskRunner on the scheduler at `address`, or on a local cluster of `workers` processes."""
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise ConfigError("the Dask task runner needs prefect-dask: "
                          "pip install 'jobradar[distributed]'") from None
    if address:
        return DaskTaskRunner(address=address)
    cluster: dict[str, Any] = {"processes": True, "threads_per_worker": 1}
    if workers:
        cluster["n_workers"] = workers
    return DaskTaskRunner(cluster_kwargs=cluster)


@flow(name="backfill", log_prints=True, task_runner=dask_task_runner(Settings.from_env().dask_address))
def backfill_on_dask(start: date, end: date, mode: Mode = "relabel", sources: str | None = None,
                     data_dir: str | None = None, concurrency: int | None = None) -> dict[str, Any]:
    """The backfill with its dates on the Dask cluster at JOBRADAR_DASK_ADDRESS (else a local
    one): the flow of prefect.yaml's `backfill/dask` deployment."""
    return backfill.fn(start, end, mode, sources, data_dir, concurrency)
