"""Read the posting dataset back: rows of every (or some) date partitions, as dicts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq


def partition_dates(data_dir: Path) -> list[date]:
    """The run dates that have a partition, oldest first."""
    dates = []
    for folder in (data_dir / "postings").glob("dt=*"):
        try:
            dates.append(date.fromisoformat(folder.name[3:]))
        except ValueError:
            continue
    return sorted(dates)


def iter_rows(data_dir: Path, columns: Sequence[str] | None = None, start: date | None = None,
              end: date | None = None, batch_size: int = 5000) -> Iterator[dict[str, Any]]:
    """Rows of the partitions from `start` to `end` (inclusive), streamed in batches."""
    for batch in iter_batches(data_dir, columns, start, end, batch_size):
        yield from batch.to_pylist()


def iter_batches(data_dir: Path, columns: Sequence[str] | None = None, start: date | None = None,
                 end: date | None = None, batch_size: int = 5000) -> Iterator[pa.RecordBatch]:
    """The partitions from `start` to `end` (inclusive) as Arrow record batches, in file order."""
    for day in partition_dates(data_dir):
        if (start and day < start) or (end and day > end):
            continue
        for file in sorted((data_dir / "postings" / f"dt={day.isoformat()}").glob("*.parquet")):
            parquet = pq.ParquetFile(file)
            yield from parquet.iter_batches(batch_size=batch_size, columns=list(columns) if columns else None)
