"""The deployments `jobradar serve` serves: `nightly` on a cron schedule, `backfill` on demand."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from flows.backfill import backfill
from flows.nightly import nightly

TAGS = ["jobradar"]


def served_deployments(name: str, cron: str, sources: Path | None, data_dir: Path) -> list[RunnerDeployment]:
    """`nightly/<name>` (cron, UTC) and `backfill/<name>`, both writing under `data_dir`.

    Paths are made absolute: served runs execute in child processes that may not share our cwd.
    """
    parameters: dict[str, Any] = {"data_dir": str(data_dir.resolve())}
    if sources is not None:
        parameters["sources"] = str(sources.resolve())
    return [
        nightly.to_deployment(
            name=name, schedules=[Cron(cron, timezone="UTC")], parameters=parameters, tags=TAGS,
            description=f"Crawl, label and write the day's partition; scheduled {cron} (UTC)."),
        backfill.to_deployment(
            name=name, parameters=parameters, tags=TAGS,
            description="Re-label a date range from the raw archive (mode=relabel) or crawl past "
                        "dates (mode=crawl); pass start and end (YYYY-MM-DD)."),
    ]
