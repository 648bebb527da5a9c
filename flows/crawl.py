"""Crawling for a run: a task per source (or per shard of a source's boards) that records each
finished crawl in the raw archive; and `crawl-shard`, the flow a work-pool worker runs per shard."""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.deployments import run_deployment

from flows.periods import base_url
from jobradar.config import SourceConfig, load_sources
from jobradar.crawling import scrapy_settings
from jobradar.demo.corpus import SOURCES_FILE as DEMO_SOURCES
from jobradar.demo.server import demo_server
from jobradar.errors import NothingCrawled
from jobradar.settings import Settings
from pipeline.archive import CrawlRecord, records_of_run, write_record
from spiders.runner import run_crawl


@dataclass(frozen=True)
class CrawlJob:
    """One crawl of a run: some boards of one source, archived as `<archive_id>.jsonl.gz`."""

    source: SourceConfig
    run_date: date
    run_id: str
    archive_id: str
    base_url: str | None

    def record(self, boards: dict[str, dict[str, Any]]) -> CrawlRecord:
        return CrawlRecord(
            source=self.source.source, run_date=self.run_date, run_id=self.run_id,
            archive_id=self.archive_id, boards=boards,
            companies={b.board: b.company for b in self.source.boards},
            finished_at=datetime.now(UTC).isoformat(timespec="microseconds"))

    def failed(self, reason: str) -> CrawlRecord:
        return self.record({b.board: {"status": "failed", "error": reason} for b in self.source.boards})


def require_a_crawled_board(crawls: list[CrawlRecord], run_date: date) -> None:
    """Refuse to build a partition from a crawl in which every board failed (the network down, a
    source's host gone): it would replace what the date holds with nothing. Raises NothingCrawled
    naming the boards and why; their raw archive and crawl records stay."""
    failed = {f"{c.source}/{board}": reason for c in crawls for board, reason in c.failed_boards.items()}
    if failed and not any(crawl.ok_boards for crawl in crawls):
        shown = "; ".join(f"{board}: {reason}" for board, reason in list(failed.items())[:3])
        more = f"; and {len(failed) - 3} more" if len(failed) > 3 else ""
        raise NothingCrawled(f"every board failed ({len(failed)}), so the partition of {run_date} was "
                             f"left as it was — {shown}{more}")


def crawl_jobs(sources: tuple[SourceConfig, ...], run_date: date, run_id: str,
               demo_url: str | None) -> list[CrawlJob]:
    """One job per source, showing each source as it stood on `run_date` where it can."""
    return [CrawlJob(source, run_date, run_id, run_id, base_url(source, demo_url, run_date))
            for source in sources]


def shards(source: SourceConfig, boards_per_shard: int) -> list[tuple[str, ...]]:
    """A source's boards cut into shards of at most `boards_per_shard`."""
    boards = [b.board for b in source.boards]
    return [tuple(boards[i:i + boards_per_shard]) for i in range(0, len(boards), boards_per_shard)]


@task(retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE, task_run_name="crawl-{job.archive_id}")
def crawl_source(job: CrawlJob, data_dir: Path, settings: Settings) -> CrawlRecord:
    """Crawl one job's boards in a child process (retried if the process itself dies); record it."""
    source = job.source
    options = {"board_settings": source.board_settings()} if source.board_settings() else None
    crawl_with = scrapy_settings(settings, archive_dir=data_dir, run_date=job.run_date,
                                 run_id=job.archive_id, polite=not source.uses_demo)
    result = run_crawl(source.source, [b.board for b in source.boards], crawl_with, job.base_url,
                       options=options)
    logger = get_run_logger()
    for board, reason in result.failed_boards.items():
        logger.warning("%s/%s failed: %s", source.source, board, reason)
    record = job.record(result.boards)
    write_record(data_dir, record)
    return record


def crawl_all(jobs: list[CrawlJob], data_dir: Path, settings: Settings) -> list[CrawlRecord]:
    """Run the jobs concurrently; a crawl whose process died even after retries is recorded with
    every board failed, so the run report and the history know those boards were not seen."""
    futures = [(job, crawl_source.submit(job, data_dir, settings)) for job in jobs]
    records = []
    for job, future in futures:
        try:
            records.append(future.result())
        except Exception as error:  # the crawl process died even after retries
            record = job.failed(f"crawl process failed: {error}")
            write_record(data_dir, record)
            records.append(record)
    return records


@flow(name="crawl-shard", log_prints=True)
def crawl_shard(run_date: date, run_id: str, source: str, boards: list[str], shard: int = 0,
                sources: str | None = None, data_dir: str | None = None) -> dict[str, Any]:
    """Crawl some boards of one source for a nightly run that fans out over a work pool; the
    crawl is archived and recorded under the data dir that every worker shares."""
    settings = Settings.from_env()
    root = Path(data_dir) if data_dir else settings.data_dir
    config = load_sources(Path(sources) if sources else DEMO_SOURCES).only([source])
    chosen = replace(config.sources[0],
                     boards=tuple(b for b in config.sources[0].boards if b.board in set(boards)))
    with demo_server() if chosen.uses_demo else nullcontext(None) as demo_url:
        job = CrawlJob(chosen, run_date, run_id, f"{run_id}-shard{shard}",
                       base_url(chosen, demo_url, run_date))
        return crawl_source(job, root, settings).as_dict()


@task(cache_policy=NO_CACHE, task_run_name="dispatch-{source.source}-shard{shard}")
def dispatch_shard(deployment: str, source: SourceConfig, boards: tuple[str, ...], shard: int,
                   run_date: date, run_id: str, sources: str | None, data_dir: Path) -> None:
    """Run one shard as a flow run of the `crawl-shard` deployment and wait for it."""
    flow_run = run_deployment(deployment, timeout=None, poll_interval=1, parameters={
        "run_date": run_date.isoformat(), "run_id": run_id, "source": source.source,
        "boards": list(boards), "shard": shard, "sources": sources, "data_dir": str(data_dir)})
    if flow_run.state is None or not flow_run.state.is_completed():
        raise RuntimeError(f"crawl-shard run {flow_run.name} ended "
                           f"{flow_run.state.name if flow_run.state else 'without a state'}")


def fan_out(deployment: str, config_sources: tuple[SourceConfig, ...], boards_per_shard: int,
            run_date: date, run_id: str, sources: str | None, data_dir: Path) -> list[CrawlRecord]:
    """Crawl every source in shards, each a flow run of `deployment` picked up by any worker;
    a shard that did not finish is recorded with its boards failed."""
    futures = []
    for source in config_sources:
        for index, boards in enumerate(shards(source, boards_per_shard)):
            future = dispatch_shard.submit(deployment, source, boards, index, run_date, run_id,
                                           sources, data_dir)
            futures.append((source, boards, index, future))
    for source, boards, index, future in futures:
        try:
            future.result()
        except Exception as error:
            part = replace(source, boards=tuple(b for b in source.boards if b.board in boards))
            job = CrawlJob(part, run_date, run_id, f"{run_id}-shard{index}", None)
            write_record(data_dir, job.failed(f"crawl shard failed: {error}"))
    return records_of_run(data_dir, run_date, run_id)
