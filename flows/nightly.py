"""The nightly flow: crawl every configured source, normalise, label, write the date's partition."""

from __future__ import annotations

import uuid
from contextlib import nullcontext
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows.report import RunReport, build_report
from flows.train import current_labeller
from jobradar.config import SourceConfig, SourcesConfig, load_sources
from jobradar.crawling import scrapy_settings
from jobradar.demo.corpus import SOURCES_FILE as DEMO_SOURCES
from jobradar.demo.server import base_url_for, demo_server
from jobradar.settings import Settings
from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS
from pipeline.store import raw_files, read_jsonl_gz, write_partition, write_quarantine
from spiders.runner import CrawlResult, run_crawl


def new_run_id(run_date: date) -> str:
    return f"{run_date:%Y%m%d}-{datetime.now(UTC):%H%M%S}-{uuid.uuid4().hex[:6]}"


@task(retries=2, retry_delay_seconds=5, cache_policy=NO_CACHE,
      task_run_name="crawl-{source.source}")
def crawl_source(source: SourceConfig, base_url: str | None, settings: dict[str, Any]) -> CrawlResult:
    """Crawl one source's boards in a child process (retried if the process itself dies)."""
    options = {"board_settings": source.board_settings()} if source.board_settings() else None
    result = run_crawl(source.source, [b.board for b in source.boards], settings, base_url,
                       options=options)
    logger = get_run_logger()
    for board, reason in result.failed_boards.items():
        logger.warning("%s/%s failed: %s", source.source, board, reason)
    return result


@task(cache_policy=NO_CACHE, task_run_name="normalise-{source}")
def normalise_source(data_dir: Path, source: str, run_date: date, run_id: str,
                     companies: dict[tuple[str, str], str | None],
                     max_description_chars: int) -> tuple[list[dict[str, Any]], list[Quarantined]]:
    """This run's archived responses of one source → postings (last fetch wins) + quarantine."""
    records = (record for path in raw_files(data_dir, source, run_date, run_id)
               for record in read_jsonl_gz(path))
    rows: dict[str, dict[str, Any]] = {}
    quarantined: list[Quarantined] = []
    for item in normalise_records(records, PARSERS, companies, max_description_chars):
        if isinstance(item, Quarantined):
            quarantined.append(item)
        else:
            rows[item["posting_id"]] = item
    return list(rows.values()), quarantined


@task(cache_policy=NO_CACHE)
def label_postings(rows: list[dict[str, Any]], models_dir: Path, run_id: str) -> tuple[list[dict[str, Any]], str]:
    """Add labels (with evidence and model version) to every posting."""
    labeller = current_labeller(models_dir)
    labelled = []
    batch = 2000
    for start in range(0, len(rows), batch):
        chunk = rows[start:start + batch]
        for row, labels in zip(chunk, labeller.label(chunk), strict=True):
            labelled.append({**row, **labels, "run_id": run_id})
    return labelled, labeller.version


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def write_dataset(rows: list[dict[str, Any]], data_dir: Path, run_date: date, run_id: str) -> Path:
    """Replace the date's partition atomically."""
    return write_partition(rows, data_dir, run_date, run_id)


def _base_url(source: SourceConfig, demo_url: str | None, run_date: date) -> str | None:
    if source.uses_demo:
        assert demo_url is not None
        return base_url_for(demo_url, run_date)
    return source.base_url


@flow(name="nightly", log_prints=True)
def nightly(run_date: date | None = None, sources: str | None = None,
            data_dir: str | None = None) -> dict[str, Any]:
    """Crawl → normalise → classify → write for one date; returns the run report as a dict.

    `sources` is a sources.toml path (default: the bundled demo boards, served locally).
    """
    settings = Settings.from_env()
    run_date = run_date or datetime.now(UTC).date()
    root = Path(data_dir) if data_dir else settings.data_dir
    config: SourcesConfig = load_sources(Path(sources) if sources else DEMO_SOURCES)
    run_id = new_run_id(run_date)
    logger = get_run_logger()
    logger.info("run %s for %s: %d sources, %d boards", run_id, run_date, len(config.sources),
                sum(len(s.boards) for s in config.sources))
    demo_only = config.uses_demo and sources is None  # jobradar's own boards: no delays needed
    crawl_with = scrapy_settings(settings, archive_dir=root, run_date=run_date, run_id=run_id,
                                 polite=not demo_only)
    with demo_server() if config.uses_demo else nullcontext(None) as demo_url:
        futures = {
            source.source: crawl_source.submit(source, _base_url(source, demo_url, run_date),
                                               crawl_with)
            for source in config.sources
        }
        failed_boards: dict[str, str] = {}
        for name, future in futures.items():
            try:
                result = future.result()
            except Exception as error:  # the crawl process died even after retries
                source = next(s for s in config.sources if s.source == name)
                for board in source.boards:
                    failed_boards[f"{name}/{board.board}"] = f"crawl process failed: {error}"
                continue
            failed_boards.update({f"{name}/{b}": r for b, r in result.failed_boards.items()})

    rows: list[dict[str, Any]] = []
    quarantined: list[Quarantined] = []
    for source in config.sources:
        source_rows, source_quarantined = normalise_source(
            root, source.source, run_date, run_id, config.companies(),
            settings.max_description_chars)
        rows.extend(source_rows)
        quarantined.extend(source_quarantined)
    labelled, model_version = label_postings(rows, settings.models_path(root), run_id)
    quarantine_path = write_quarantine(
        ({"source": q.source, "board": q.board, "reason": q.reason, "item": q.item}
         for q in quarantined), root, run_date, run_id)
    dataset_path = write_dataset(labelled, root, run_date, run_id)
    quarantine_counts: dict[str, int] = {}
    for q in quarantined:
        key = f"{q.source}/{q.board}"
        quarantine_counts[key] = quarantine_counts.get(key, 0) + 1
    report: RunReport = build_report(
        labelled, run_date=run_date.isoformat(), run_id=run_id, model_version=model_version,
        dataset_path=dataset_path, failed_boards=failed_boards, quarantined=quarantine_counts,
        quarantine_path=quarantine_path)
    print(report.text())
    create_markdown_artifact(report.markdown(), key="jobradar-run-report",
                             description=f"jobradar run {run_date}")
    create_table_artifact(report.table(), key="jobradar-run-companies",
                          description=f"postings per company, {run_date}")
    return report.as_dict()

