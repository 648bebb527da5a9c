"""One date's partition from the raw archive: normalise, label, write it with its manifest, and
publish the run report. Nightly runs, crawl backfills and re-labelling all end here."""

from __future__ import annotations

import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.exceptions import MissingContextError

from flows.label_worker import LabelWorker
from flows.report import REPORT_COLUMNS, RunReport, report_of_batches
from flows.scan_helper import ScanHelper, ScanRequest, archive_bytes, scan_source
from jobradar.collector import collection_paused, long_lived_frozen
from pipeline.archive import CrawlRecord, with_earlier_successes
from pipeline.dataset import iter_batches
from pipeline.history import write_history
from pipeline.manifest import Manifest
from pipeline.normalise import Quarantined, Unchanged
from pipeline.reuse import EarlierLabels
from pipeline.schema import LABEL_COLUMNS, SCHEMA_VERSION
from pipeline.store import write_partition, write_quarantine

if TYPE_CHECKING:
    from classifiers.labeller import Labeller

REPORT_ARTIFACT = "jobradar-run-report"
TABLE_ARTIFACT = "jobradar-run-table"
LABEL_BATCH = 1000  # postings normalised, then labelled, at a time
SCAN_BATCH = 5000  # ... or the changed ones among this many read, whichever comes first
SCAN_HELPER_MIN_BYTES = 8_000_000  # of raw archive (~5,000 postings) before an incremental run shares its scan


def new_run_id(run_date: date) -> str:
    return f"{run_date:%Y%m%d}-{datetime.now(UTC):%H%M%S}-{uuid.uuid4().hex[:6]}"


class Stopwatch:
    """Seconds spent per stage of a run (crawl, model, normalise, label, copy, write, history), for
    the report."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def rounded(self) -> dict[str, float]:
        return {name: round(seconds, 2) for name, seconds in self.seconds.items()}


class LabelledPostings:
    """A date's postings from the raw archive, normalised and labelled in batches as they are
    read, so a day of any size streams through. Every iteration reads the archive afresh (a
    retried write starts over) and recounts what was quarantined, relabelled and reused."""

    def __init__(self, data_dir: Path, run_date: date, run_id: str, archive: dict[str, list[str]],
                 companies: dict[tuple[str, str], str | None], max_description_chars: int,
                 labeller: Labeller | LabelWorker, earlier: EarlierLabels, stopwatch: Stopwatch,
                 progress: Callable[[str], None] = print,
                 read_boards: dict[str, dict[str, frozenset[str]]] | None = None) -> None:
        self.data_dir, self.run_date, self.run_id = data_dir, run_date, run_id
        self.archive, self.companies = archive, companies
        self.read_boards = read_boards or {}  # source -> archive id -> the only boards read from it
        self.max_description_chars = max_description_chars
        self.labeller, self.earlier, self.stopwatch, self.progress = labeller, earlier, stopwatch, progress
        self.quarantined: list[Quarantined] = []
        self.unchanged: dict[str, Unchanged] = {}  # posting_id -> a job whose earlier row is copied
        self.relabelled = self.reused = 0

    def __iter__(self) -> Iterator[dict[str, Any] | pa.Table]:
        self.quarantined, self.unchanged, self.relabelled, self.reused = [], {}, 0, 0
        hashes = self.earlier.source_hashes
        helper = ScanHelper(ScanRequest(self.data_dir, self.run_date, self.archive, self.companies,
                                        self.max_description_chars, hashes, share=1,
                                        read_boards=self.read_boards)) if self._shares() else None
        try:
            scans: list[tuple[str, Iterator[Any]]] = []
            for source, archive_ids in self.archive.items():
                here = scan_source(self.data_dir, self.run_date, source, archive_ids, self.companies,
                                   self.max_description_chars, hashes, 0 if helper else None,
                                   self.read_boards.get(source))
                scans.append((source, here if helper is None else chain(here, helper.items(source))))
            yield from self._labelled_scans(scans)
        finally:
            if helper is not None:
                helper.close()
        copied = self.earlier.copy_rows(self.unchanged, self.run_id)
        while True:
            with self.stopwatch.stage("copy"):
                rows = next(copied, None)
            if rows is None:
                break
            self.reused += rows.num_rows
            yield rows

    def _labelled_scans(self, scans: list[tuple[str, Iterator[Any]]]) -> Iterator[dict[str, Any]]:
        in_flight = None  # a batch being labelled while the next is normalised, across sources
        for source, items in scans:
            read = Counter[str]()
            while True:
                batch, more = self._next_batch(items, read)
                if batch:
                    labelling = self._start_labelling(batch)
                    if in_flight is not None:
                        yield from self._labelled(*in_flight)
                    in_flight = labelling
                if not more:
                    break
            self.progress(f"{source}: {read.total()} postings read ({read['changed']} new or changed, "
                          f"{read['unchanged']} unchanged, {read['quarantined']} quarantined)")
        if in_flight is not None:
            yield from self._labelled(*in_flight)

    def _shares(self) -> bool:
        """Whether a scanning process takes half of the boards (flows/scan_helper.py): in an
        incremental run only (there are earlier rows to reuse; in a full run the labelling
        process has the other core), of SCAN_HELPER_MIN_BYTES of archive at least (a process
        costs ~0.4 CPU-seconds to start)."""
        if not self.earlier.source_hashes:
            return False
        size = sum(archive_bytes(self.data_dir, self.run_date, source, ids) for source, ids in self.archive.items())
        return size >= SCAN_HELPER_MIN_BYTES

    def _next_batch(self, items: Iterator[dict[str, Any] | Quarantined | Unchanged], read: Counter[str],
                    ) -> tuple[list[dict[str, Any]], bool]:
        """The next new or changed postings to label: LABEL_BATCH of them, or as many as the next
        SCAN_BATCH postings read hold (an incremental run's few changes go to the labelling
        process as they are found, not all at the end); and whether `items` has more."""
        batch: list[dict[str, Any]] = []
        scanned = 0
        with self.stopwatch.stage("normalise"):
            for item in items:
                scanned += 1
                if isinstance(item, Quarantined):
                    self.quarantined.append(item)
                    read["quarantined"] += 1
                elif isinstance(item, Unchanged):
                    self.unchanged[item.posting_id] = item
                    read["unchanged"] += 1
                else:
                    self.unchanged.pop(item["posting_id"], None)  # fetched again, changed: the later fetch wins
                    batch.append(item)
                    read["changed"] += 1
                if len(batch) == LABEL_BATCH or (scanned >= SCAN_BATCH and batch):
                    return batch, True
        return batch, False

    def _start_labelling(self, batch: list[dict[str, Any]],
                         ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Future[list[dict[str, Any]]]]:
        """The batch's postings with reusable labels, those to label, and their labels to come
        (from the labelling process, which works on them while this one goes on)."""
        with self.stopwatch.stage("label"):
            reused, to_label = self.earlier.split(batch)
            if isinstance(self.labeller, LabelWorker):
                return reused, to_label, self.labeller.label_async(to_label)
            labels: Future[list[dict[str, Any]]] = Future()
            labels.set_result(self.labeller.label(to_label))
            return reused, to_label, labels

    def _labelled(self, reused: list[dict[str, Any]], to_label: list[dict[str, Any]],
                  labels: Future[list[dict[str, Any]]]) -> list[dict[str, Any]]:
        with self.stopwatch.stage("label"):  # what labelling took beyond the normalising it overlapped
            labelled = [{**row, **label} for row, label in zip(to_label, labels.result(), strict=True)]
        self.relabelled += len(labelled)
        self.reused += len(reused)
        return [{**row, "run_id": self.run_id} for row in [*reused, *labelled]]


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def write_dataset(rows: Iterable[dict[str, Any] | pa.Table], data_dir: Path, run_date: date, run_id: str,
                  manifest: Callable[[Counter[tuple[str, str]]], Manifest]) -> Path:
    """Replace the date's partition and its manifest atomically."""
    return write_partition(rows, data_dir, run_date, run_id, manifest)


@task(cache_policy=NO_CACHE)
def update_history(data_dir: Path, close_after_runs: int) -> Path:
    """Rebuild the postings history from every partition."""
    return write_history(data_dir, close_after_runs)


def load_labeller(models_dir: Path) -> Labeller:
    """The current model's labeller (trained from the bundled data on first use)."""
    with collection_paused():
        import skops.io  # noqa: F401 (imported here, under the pause; load_model uses it)

        from flows.train import current_labeller
    return current_labeller(models_dir)


def publish_partition(data_dir: Path, run_date: date, run_id: str, mode: str,
                      crawls: list[CrawlRecord], labeller: LabelWorker, max_description_chars: int,
                      companies: dict[tuple[str, str], str | None] | None = None,
                      stopwatch: Stopwatch | None = None) -> RunReport:
    """Normalise and label what `crawls` archived and replace the date's partition (with its
    manifest); returns the run report. A posting that the current model labelled before, unchanged,
    keeps its labels (pipeline/reuse.py). `labeller` is the current model's labelling process
    (flows/label_worker.py), best started before the crawl. `companies` names the boards of
    archives that carry no crawl record (older archives)."""
    stopwatch = stopwatch or Stopwatch()
    crawls, recovered = with_earlier_successes(data_dir, run_date, crawls)  # a board down now: its earlier crawl
    names = dict(companies or {})
    names |= {(c.source, board): name for c in crawls for board, name in c.companies.items()}
    archive: dict[str, list[str]] = {}
    read_boards: dict[str, dict[str, frozenset[str]]] = {}
    for crawl in crawls:
        archive.setdefault(crawl.source, []).append(crawl.archive_id)
        if crawl.read_boards is not None:
            read_boards.setdefault(crawl.source, {})[crawl.archive_id] = crawl.read_boards
    with stopwatch.stage("model"):  # only what the crawl did not hide
        model = labeller.loaded()
    failed_boards = {f"{c.source}/{board}": reason for c in crawls for board, reason in c.failed_boards.items()}
    crawled = {(c.source, board) for c in crawls for board in c.boards}

    def manifest(per_board: Counter[tuple[str, str]]) -> Manifest:
        per_source = Counter[str]()
        for (source, _), count in per_board.items():
            per_source[source] += count
        return Manifest(
            run_date=run_date, run_id=run_id, mode=mode, model_version=model.version,
            schema_version=SCHEMA_VERSION, rows=per_board.total(), sources=dict(sorted(per_source.items())),
            boards={f"{s}/{b}": per_board[(s, b)] for s, b in sorted(crawled | set(per_board))},
            failed_boards=failed_boards, quarantined=_quarantine_counts(postings.quarantined),
            archive=archive, recovered_boards=recovered, relabelled=postings.relabelled, reused=postings.reused,
            finished_at=datetime.now(UTC).isoformat(timespec="seconds"))

    with long_lived_frozen():  # the model and the earlier partition's keys outlive the build
        earlier = EarlierLabels.load(data_dir, run_date, model.version, LABEL_COLUMNS)
        postings = LabelledPostings(data_dir, run_date, run_id, archive, names, max_description_chars,
                                    model, earlier, stopwatch, _progress(), read_boards)
        started = time.perf_counter()
        dataset_path = write_dataset(postings, data_dir, run_date, run_id, manifest)
    stopwatch.seconds["write"] = time.perf_counter() - started - sum(
        stopwatch.seconds.get(stage, 0.0) for stage in ("normalise", "label", "copy"))
    quarantine_path = write_quarantine(
        ({"source": q.source, "board": q.board, "reason": q.reason, "item": q.item}
         for q in postings.quarantined), data_dir, run_date, run_id)
    report = report_of_batches(
        iter_batches(data_dir, REPORT_COLUMNS, start=run_date, end=run_date, batch_size=65536),
        run_date=run_date.isoformat(), run_id=run_id, model_version=model.version,
        dataset_path=dataset_path, failed_boards=failed_boards,
        quarantined=_quarantine_counts(postings.quarantined), quarantine_path=quarantine_path, mode=mode)
    return replace(report, relabelled=postings.relabelled, reused=postings.reused, recovered_boards=recovered)


def _quarantine_counts(quarantined: list[Quarantined]) -> dict[str, int]:
    return dict(Counter(f"{q.source}/{q.board}" for q in quarantined))


def _progress() -> Callable[[str], None]:
    """The run's logger where there is one (a flow or task run), else print."""
    try:
        return get_run_logger().info
    except MissingContextError:
        return print


def publish_report(report: RunReport) -> None:
    """The run report as Prefect artifacts: markdown to read, a table to sort and compare."""
    create_markdown_artifact(report.markdown(), key=REPORT_ARTIFACT,
                             description=f"jobradar {report.mode} run {report.run_date}")
    create_table_artifact(report.table(), key=TABLE_ARTIFACT,
                          description=f"jobradar {report.mode} run {report.run_date}: every count")
