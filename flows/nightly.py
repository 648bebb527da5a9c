"""The nightly flow: crawl every configured source, normalise, label, write the date's partition."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from prefect import flow, get_run_logger

from classifiers.persistence import check_current_model
from flows.crawl import crawl_all, crawl_jobs, fan_out, require_a_crawled_board
from flows.label_worker import label_worker
from flows.partition import (
    Stopwatch,
    new_run_id,
    publish_partition,
    publish_report,
    update_history,
)
from flows.report import RunReport
from jobradar.config import SourcesConfig, load_sources
from jobradar.demo.corpus import SOURCES_FILE as DEMO_SOURCES
from jobradar.demo.server import demo_server
from jobradar.settings import Settings
from pipeline.history import new_and_open
from pipeline.lock import data_dir_lock
from spiders.forkserver import stop_fork_server


@flow(name="nightly", log_prints=True)
def nightly(run_date: date | None = None, sources: str | None = None, data_dir: str | None = None,
            shard_deployment: str | None = None, boards_per_shard: int = 50) -> dict[str, Any]:
    """Crawl → normalise → classify → write for one date; returns the run report as a dict (with
    the seconds each stage took). Postings unchanged since the current model labelled them keep
    their labels.

    `sources` is a sources.toml path (default: the bundled demo boards, served locally). With
    `shard_deployment` (e.g. "crawl-shard/pool"), each source's boards are crawled in shards of
    `boards_per_shard`, each shard a flow run of that deployment on any worker of its pool.
    """
    settings = Settings.from_env()
    run_date = run_date or datetime.now(UTC).date()
    root = Path(data_dir) if data_dir else settings.data_dir
    config: SourcesConfig = load_sources(Path(sources) if sources else DEMO_SOURCES)
    run_id = new_run_id(run_date)
    logger = get_run_logger()
    with data_dir_lock(root, f"nightly run {run_id} for {run_date}", settings.lock_timeout, logger.warning):
        check_current_model(settings.models_path(root))  # refused before hours of crawling, not after
        logger.info("run %s for %s: %d sources, %d boards", run_id, run_date,
                    len(config.sources), sum(len(s.boards) for s in config.sources))
        stopwatch = Stopwatch()
        labeller = label_worker(settings.models_path(root))  # loads the model while the crawl runs
        with stopwatch.stage("crawl"):
            if shard_deployment:
                crawls = fan_out(shard_deployment, config.sources, boards_per_shard, run_date, run_id,
                                 sources, root)
            else:
                with demo_server() if config.uses_demo else nullcontext(None) as demo_url:
                    crawls = crawl_all(crawl_jobs(config.sources, run_date, run_id, demo_url), root, settings)
                stop_fork_server()  # its memory is the partition build's
        require_a_crawled_board(crawls, run_date)
        report = publish_partition(root, run_date, run_id, "nightly", crawls, labeller,
                                   settings.max_description_chars, stopwatch=stopwatch)
        with stopwatch.stage("history"):
            history = update_history(root, settings.close_after_runs)
            report = with_history(report, history, run_date)
        report = replace(report, stage_seconds=stopwatch.rounded())
    print(report.text())
    publish_report(report)
    return report.as_dict()


def with_history(report: RunReport, history: Path, run_date: date) -> RunReport:
    """The report with the date's new and open postings, read from the rebuilt history."""
    new, open_postings = new_and_open(pq.read_table(history, columns=["first_seen", "closed_at"]),
                                      run_date)
    return replace(report, new_postings=new, open_postings=open_postings)
