"""One date's partition from the raw archive: normalise, label, write it with its manifest, and
publish the run report. Nightly runs, crawl backfills and re-labelling all end here."""

from __future__ import annotations

import uuid
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows.report import RunReport, build_report
from flows.train import current_labeller
from pipeline.archive import CrawlRecord
from pipeline.history import write_history
from pipeline.manifest import Manifest
from pipeline.normalise import Quarantined, normalise_records
from pipeline.schema import SCHEMA_VERSION
from pipeline.sources import PARSERS
from pipeline.store import raw_files, read_jsonl_gz, write_partition, write_quarantine

REPORT_ARTIFACT = "jobradar-run-report"
TABLE_ARTIFACT = "jobradar-run-table"


def new_run_id(run_date: date) -> str:
    return f"{run_date:%Y%m%d}-{datetime.now(UTC):%H%M%S}-{uuid.uuid4().hex[:6]}"


@task(cache_policy=NO_CACHE, task_run_name="normalise-{source}")
def normalise_source(data_dir: Path, source: str, run_date: date, archive_ids: list[str],
                     companies: dict[tuple[str, str], str | None],
                     max_description_chars: int) -> tuple[list[dict[str, Any]], list[Quarantined]]:
    """Archived responses of one source's crawls → postings (last fetch wins) + quarantine."""
    records = (record for archive_id in archive_ids
               for path in raw_files(data_dir, source, run_date, archive_id)
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
def write_dataset(rows: list[dict[str, Any]], data_dir: Path, run_date: date, run_id: str,
                  manifest: Manifest) -> Path:
    """Replace the date's partition and its manifest atomically."""
    return write_partition(rows, data_dir, run_date, run_id, manifest)


@task(cache_policy=NO_CACHE)
def update_history(data_dir: Path, close_after_runs: int) -> Path:
    """Rebuild the postings history from every partition."""
    return write_history(data_dir, close_after_runs)


def publish_partition(data_dir: Path, run_date: date, run_id: str, mode: str,
                      crawls: list[CrawlRecord], models_dir: Path, max_description_chars: int,
                      companies: dict[tuple[str, str], str | None] | None = None) -> RunReport:
    """Normalise and label what `crawls` archived and replace the date's partition (with its
    manifest); returns the run report. `companies` names the boards of archives that carry no
    crawl record (older archives)."""
    names = dict(companies or {})
    names |= {(c.source, board): name for c in crawls for board, name in c.companies.items()}
    archive: dict[str, list[str]] = {}
    for crawl in crawls:
        archive.setdefault(crawl.source, []).append(crawl.archive_id)
    rows: list[dict[str, Any]] = []
    quarantined: list[Quarantined] = []
    for source, archive_ids in archive.items():
        source_rows, source_quarantined = normalise_source(
            data_dir, source, run_date, archive_ids, names, max_description_chars)
        rows.extend(source_rows)
        quarantined.extend(source_quarantined)
    labelled, model_version = label_postings(rows, models_dir, run_id)
    quarantine_path = write_quarantine(
        ({"source": q.source, "board": q.board, "reason": q.reason, "item": q.item}
         for q in quarantined), data_dir, run_date, run_id)
    quarantine_counts = dict(Counter(f"{q.source}/{q.board}" for q in quarantined))
    failed_boards = {f"{c.source}/{board}": reason for c in crawls for board, reason in c.failed_boards.items()}
    per_board = Counter(f"{row['source']}/{row['board']}" for row in labelled)
    crawled = {f"{c.source}/{board}" for c in crawls for board in c.boards}
    manifest = Manifest(
        run_date=run_date, run_id=run_id, mode=mode, model_version=model_version,
        schema_version=SCHEMA_VERSION, rows=len(labelled),
        sources=dict(sorted(Counter(row["source"] for row in labelled).items())),
        boards={key: per_board[key] for key in sorted(crawled | set(per_board))},
        failed_boards=failed_boards, quarantined=quarantine_counts, archive=archive,
        finished_at=datetime.now(UTC).isoformat(timespec="seconds"))
    dataset_path = write_dataset(labelled, data_dir, run_date, run_id, manifest)
    return build_report(
        labelled, run_date=run_date.isoformat(), run_id=run_id, model_version=model_version,
        dataset_path=dataset_path, failed_boards=failed_boards, quarantined=quarantine_counts,
        quarantine_path=quarantine_path, mode=mode)


def publish_report(report: RunReport) -> None:
    """The run report as Prefect artifacts: markdown to read, a table to sort and compare."""
    create_markdown_artifact(report.markdown(), key=REPORT_ARTIFACT,
                             description=f"jobradar {report.mode} run {report.run_date}")
    create_table_artifact(report.table(), key=TABLE_ARTIFACT,
                          description=f"jobradar {report.mode} run {report.run_date}: every count")
