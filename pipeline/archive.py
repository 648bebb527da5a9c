"""Crawl records in the raw archive: each finished crawl of a source and date, with every board's
outcome and company name, so a partition can be rebuilt from the archive alone.

A record sits beside the archive file it describes (`<archive_id>.crawl.json` next to
`<archive_id>.jsonl.gz`) and is written only when the crawl has finished: a crawl killed half-way
has no record, and rebuilding ignores it.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pipeline.store import raw_files, read_jsonl_gz, write_json

RECORD_SUFFIX = ".crawl.json"


@dataclass(frozen=True)
class CrawlRecord:
    """One finished crawl. `run_id` is the run whose partition it feeds; `archive_id` names its
    archive file (the run id, or the run id plus a shard suffix when a run crawls in shards)."""

    source: str
    run_date: date
    run_id: str
    archive_id: str
    boards: dict[str, dict[str, Any]]  # board -> {"status": "ok"|"failed", "error", "postings", …}
    companies: dict[str, str | None] = field(default_factory=dict)
    finished_at: str = ""
    # the boards whose archived records a partition takes from this crawl (None: every board's);
    # set on the records `with_earlier_successes` derives, never written
    read_boards: frozenset[str] | None = None

    @property
    def failed_boards(self) -> dict[str, str]:
        return {board: outcome.get("error") or "failed" for board, outcome in self.boards.items()
                if outcome.get("status") != "ok"}

    @property
    def ok_boards(self) -> set[str]:
        return {board for board, outcome in self.boards.items() if outcome.get("status") == "ok"}

    def as_dict(self) -> dict[str, Any]:
        data = {**asdict(self), "run_date": self.run_date.isoformat()}
        del data["read_boards"]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CrawlRecord:
        return cls(**{**data, "run_date": date.fromisoformat(data["run_date"])})


def _folder(data_dir: Path, source: str, run_date: date) -> Path:
    return data_dir / "raw" / f"source={source}" / f"dt={run_date.isoformat()}"


def write_record(data_dir: Path, record: CrawlRecord) -> Path:
    """Record a finished crawl (atomically) beside its archive file."""
    folder = _folder(data_dir, record.source, record.run_date)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{record.archive_id}{RECORD_SUFFIX}"
    write_json(path, record.as_dict())
    return path


def records_of(data_dir: Path, run_date: date) -> list[CrawlRecord]:
    """Every crawl record of a date, all sources. A record that cannot be read (altered by hand,
    damaged on disk) is logged and skipped: its crawl then counts as unfinished, and the date's
    other crawls are used as if it had been killed."""
    records = []
    for path in sorted((data_dir / "raw").glob(f"source=*/dt={run_date.isoformat()}/*{RECORD_SUFFIX}")):
        try:
            records.append(CrawlRecord.from_dict(json.loads(path.read_text(encoding="utf-8"))))
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            logging.getLogger(__name__).warning(
                "%s cannot be read (%s: %s); that crawl counts as unfinished, the date's other crawls are used",
                path, type(error).__name__, error)
    return records


def archived_dates(data_dir: Path, start: date, end: date) -> list[date]:
    """The dates from `start` to `end` that have anything in the raw archive, oldest first."""
    days = set()
    for folder in (data_dir / "raw").glob("source=*/dt=*"):
        try:
            day = date.fromisoformat(folder.name.removeprefix("dt="))
        except ValueError:
            continue
        if start <= day <= end and any(folder.iterdir()):
            days.add(day)
    return sorted(days)


def records_of_run(data_dir: Path, run_date: date, run_id: str) -> list[CrawlRecord]:
    """The crawls that one run made (one per source, or one per shard)."""
    return [record for record in records_of(data_dir, run_date) if record.run_id == run_id]


def latest_crawls(data_dir: Path, run_date: date) -> list[CrawlRecord]:
    """For each source archived on `run_date`, the records of its latest finished run.

    Archives written before crawl records existed count as one finished crawl: the newest file.
    """
    by_source: dict[str, dict[str, list[CrawlRecord]]] = {}
    for record in records_of(data_dir, run_date):
        by_source.setdefault(record.source, {}).setdefault(record.run_id, []).append(record)
    chosen: list[CrawlRecord] = []
    for runs in by_source.values():
        latest = max(runs.values(), key=lambda rs: (max(r.finished_at for r in rs), rs[0].run_id))
        chosen.extend(sorted(latest, key=lambda r: r.archive_id))
    for folder in sorted((data_dir / "raw").glob(f"source=*/dt={run_date.isoformat()}")):
        source = folder.parent.name.removeprefix("source=")
        if source not in by_source and (files := raw_files(data_dir, source, run_date)):
            chosen.append(_record_of_unrecorded(files[-1], source, run_date))
    return sorted(chosen, key=lambda r: (r.source, r.archive_id))


def with_earlier_successes(data_dir: Path, run_date: date, crawls: list[CrawlRecord],
                           ) -> tuple[list[CrawlRecord], dict[str, str]]:
    """`crawls` (one run's, or each source's latest) with every board that failed in all of them
    read instead from the latest other crawl of the same date in which it succeeded, if there is
    one: re-running a date while a board is down loses none of the postings an earlier crawl of
    the date archived. Such a board's records are then read from that crawl only (a board that
    failed half-way may have archived part of itself), and it is no longer a failed board.
    Derived records carry `read_boards`; the earlier crawls' records carry no company names (the
    current configuration's stay those of `crawls`). Also returns the boards so read, as
    {"source/board": archive id}."""
    ok = {(crawl.source, board) for crawl in crawls for board in crawl.ok_boards}
    failed = {(crawl.source, board) for crawl in crawls for board in crawl.failed_boards} - ok
    if not failed:
        return crawls, {}
    used = {(crawl.source, crawl.archive_id) for crawl in crawls}
    earlier: dict[tuple[str, str], CrawlRecord] = {}
    for record in records_of(data_dir, run_date):
        if (record.source, record.archive_id) in used:
            continue
        for board in record.ok_boards:
            key = (record.source, board)
            best = earlier.get(key)
            if key in failed and (best is None or (record.finished_at, record.archive_id)
                                  > (best.finished_at, best.archive_id)):
                earlier[key] = record
    if not earlier:
        return crawls, {}
    result = []
    for crawl in crawls:
        if any((crawl.source, board) in earlier for board in crawl.boards):
            kept = {board: outcome for board, outcome in crawl.boards.items() if (crawl.source, board) not in earlier}
            crawl = replace(crawl, boards=kept, read_boards=frozenset(kept))
        result.append(crawl)
    chosen = sorted(earlier.items())
    by_archive: dict[tuple[str, str], tuple[CrawlRecord, set[str]]] = {}
    for (source, board), record in chosen:
        by_archive.setdefault((source, record.archive_id), (record, set()))[1].add(board)
    for record, boards in by_archive.values():
        result.append(replace(record, boards={board: record.boards[board] for board in sorted(boards)},
                              companies={}, read_boards=frozenset(boards)))
    return result, {f"{source}/{board}": record.archive_id for (source, board), record in chosen}


def _record_of_unrecorded(path: Path, source: str, run_date: date) -> CrawlRecord:
    """A record for an archive file without one: every board it holds counts as crawled."""
    archive_id = path.name.removesuffix(".jsonl.gz")
    boards: dict[str, dict[str, Any]] = {}
    for item in read_jsonl_gz(path):
        boards.setdefault(str(item.get("board")), {"status": "ok"})
    return CrawlRecord(source, run_date, archive_id, archive_id, boards)
