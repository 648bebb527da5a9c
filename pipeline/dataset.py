"""Read the posting dataset back: rows of every (or some) date partitions, as dicts."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import SCHEMA
from pipeline.store import partition_path

# what reading a damaged or foreign Parquet file raises
UNREADABLE = (OSError, pa.ArrowException)


def partition_dates(data_dir: Path, start: date | None = None, end: date | None = None) -> list[date]:
    """The run dates that have a partition, oldest first; with `start` and/or `end`, only those
    from `start` to `end` (inclusive)."""
    dates = []
    for folder in (data_dir / "postings").glob("dt=*"):
        try:
            day = date.fromisoformat(folder.name[3:])
        except ValueError:
            continue
        if (start is None or day >= start) and (end is None or day <= end):
            dates.append(day)
    return sorted(dates)


def iter_rows(data_dir: Path, columns: Sequence[str] | None = None, start: date | None = None,
              end: date | None = None, batch_size: int = 5000) -> Iterator[dict[str, Any]]:
    """Rows of the partitions from `start` to `end` (inclusive), streamed in batches."""
    for batch in iter_batches(data_dir, columns, start, end, batch_size):
        yield from batch.to_pylist()


def iter_batches(data_dir: Path, columns: Sequence[str] | None = None, start: date | None = None,
                 end: date | None = None, batch_size: int = 5000) -> Iterator[pa.RecordBatch]:
    """The partitions from `start` to `end` (inclusive) as Arrow record batches, in file order."""
    for day in partition_dates(data_dir, start, end):
        for file in sorted(partition_path(data_dir, day).glob("*.parquet")):
            try:
                parquet = pq.ParquetFile(file)
                yield from parquet.iter_batches(batch_size=batch_size, columns=list(columns) if columns else None)
            except UNREADABLE as error:
                log_unreadable(file, day, error)


def read_partition(data_dir: Path, day: date, columns: Sequence[str] | None = None) -> pa.Table | None:
    """`columns` (default: all) of a date's partition; None when there is none, or (logged, naming
    the file and the fix) when a file of it cannot be read: a damaged partition is left out, never
    the reason a run stops."""
    folder = partition_path(data_dir, day)
    if not folder.exists():
        return None
    names = list(columns) if columns is not None else SCHEMA.names
    tables = [SCHEMA.empty_table().select(names)]
    for file in sorted(folder.glob("*.parquet")):
        try:
            tables.append(pq.read_table(file, columns=names, schema=SCHEMA))
        except UNREADABLE as error:
            log_unreadable(file, day, error)
            return None
    return pa.concat_tables(tables)


def partition_problem(data_dir: Path, day: date) -> str | None:
    """What makes a date's partition unreadable, found from its files' footers (a file cut short
    or overwritten), or None."""
    for file in sorted(partition_path(data_dir, day).glob("*.parquet")):
        try:
            pq.ParquetFile(file).close()
        except UNREADABLE as error:
            return f"{file.name} unreadable ({type(error).__name__})"
    return None


def log_unreadable(path: Path, day: date, error: BaseException) -> None:
    logging.getLogger(__name__).warning(
        "%s cannot be read (%s: %s); that date is left out: `jobradar backfill --start %s --end %s` "
        "rewrites it from the raw archive", path, type(error).__name__, error, day, day)

