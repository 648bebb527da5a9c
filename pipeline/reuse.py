"""Reuse of earlier work, from the latest partition the current model wrote on or before the run
date (a new model finds none, so it labels everything):

- rows: a job whose `source_hash` (the job as served, and how it is normalised) is that of an
  earlier row is not normalised nor labelled again; that row is copied, with this run's id and
  fetch times. An unchanged day costs little more than its crawl.
- labels: a posting that was normalised again (its raw job changed) but whose content and company
  are those of an earlier row takes that row's labels: labels depend only on those and the model.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.dataset import partition_dates
from pipeline.normalise import Unchanged
from pipeline.store import partition_path, read_manifest

KEY_COLUMNS = ("posting_id", "content_hash", "company")


class EarlierLabels:
    """Labels of one earlier partition, looked up by posting_id and checked against the key."""

    def __init__(self, table: pa.Table, label_columns: Sequence[str], source: date | None = None,
                 files: Sequence[pq.ParquetFile] = (), model_version: str | None = None) -> None:
        self.label_columns = tuple(label_columns)
        self.source = source  # the partition the labels come from, None when there is none
        self.model_version = model_version
        self._files = list(files)  # held open: still readable if a backfill replaces the partition
        self.source_hashes = frozenset(table["source_hash"].to_pylist()) if "source_hash" in \
            table.column_names else frozenset()  # partitions before schema 3 have none
        self._labels = table.select(list(self.label_columns))
        self._keys = table.select(list(KEY_COLUMNS))  # taken in Arrow, only for rows to label
        self._positions: dict[str, int] | None = None  # posting_id -> row of _keys, once a row is looked up

    @classmethod
    def none(cls, label_columns: Sequence[str]) -> EarlierLabels:
        empty = pa.table({name: pa.array([], pa.string()) for name in (*KEY_COLUMNS, *label_columns)})
        return cls(empty, label_columns)

    @classmethod
    def load(cls, data_dir: Path, run_date: date, model_version: str,
             label_columns: Sequence[str]) -> EarlierLabels:
        """The rows of the latest partition on or before `run_date` that `model_version` labelled."""
        for day in reversed(partition_dates(data_dir, end=run_date)):
            manifest = read_manifest(data_dir, day)
            if manifest is None or manifest.model_version != model_version:
                continue
            try:
                files = [pq.ParquetFile(pa.OSFile(str(path)))
                         for path in sorted(partition_path(data_dir, day).glob("*.parquet"))]
                wanted = [*KEY_COLUMNS, *label_columns]
                tables = [file.read(columns=wanted + ["source_hash"] * ("source_hash" in file.schema_arrow.names))
                          for file in files]
                table = pa.concat_tables(tables, promote_options="default") if tables else None
            except (OSError, pa.ArrowInvalid):  # being replaced by a concurrent backfill date
                continue
            if table is None:
                continue
            table = table.filter(pc.equal(table["model_version"], model_version))
            return cls(table, label_columns, day, files, model_version)
        return cls.none(label_columns)

    def copy_rows(self, unchanged: Mapping[str, Unchanged], run_id: str,
                  batch_size: int = 5000) -> Iterator[pa.Table]:
        """The earlier rows of the `unchanged` jobs (by posting_id), streamed as Arrow tables of
        at most `batch_size` rows, with this run's id and fetch times: copied column by column,
        never turned into Python objects."""
        if not unchanged:
            return
        wanted = pa.array(list(unchanged), pa.string())
        copied = 0
        for file in self._files:
            # the ids looked up once per file (per batch, each lookup hashed all of `wanted` again)
            wanted_here = pc.is_in(file.read(columns=["posting_id"])["posting_id"], value_set=wanted)
            offset = 0
            for batch in file.iter_batches(batch_size=batch_size):
                table = pa.Table.from_batches([batch])
                kept = wanted_here.slice(offset, batch.num_rows)
                offset += batch.num_rows
                table = table.filter(pc.and_(kept, pc.equal(table["model_version"], self.model_version)))
                jobs = [unchanged[posting] for posting in table["posting_id"].to_pylist()]
                same = pc.equal(table["source_hash"], pa.array([job.source_hash for job in jobs], pa.string()))
                if not pc.all(same).as_py():
                    table = table.filter(same)
                    jobs = [job for job, kept in zip(jobs, same.to_pylist(), strict=True) if kept]
                if not jobs:
                    continue
                copied += len(jobs)
                this_run = {"run_id": [run_id] * len(jobs), "scraped_at": [job.scraped_at for job in jobs],
                            "posted_at": [job.posted_at for job in jobs]}
                for name, values in this_run.items():
                    index = table.schema.get_field_index(name)
                    table = table.set_column(index, name, pa.array(values, table.schema.field(index).type))
                yield table
        if copied != len(unchanged):  # cannot happen while the files stay open; never lose a posting
            raise RuntimeError(f"copied {copied} of {len(unchanged)} unchanged rows from the partition of "
                               f"{self.source}; run the date again")

    def __len__(self) -> int:
        return self._keys.num_rows

    def split(self, rows: Sequence[Mapping[str, Any]],
              ) -> tuple[list[dict[str, Any]], list[Mapping[str, Any]]]:
        """(rows that take earlier labels, with those labels added; rows still to label): a row
        takes the labels of the earlier row of its posting_id when content and company match."""
        if not rows:
            return [], []
        if self._positions is None:  # built once: a lookup in Arrow hashed every earlier id per call
            ids = self._keys["posting_id"].to_pylist()
            self._positions = dict(zip(reversed(ids), range(len(ids) - 1, -1, -1), strict=True))  # the first wins
        positions = [self._positions.get(row["posting_id"]) for row in rows]
        known = self._keys.take(pa.array([p for p in positions if p is not None], pa.int64()))
        earlier_keys = iter(zip(known["content_hash"].to_pylist(), known["company"].to_pylist(), strict=True))
        reused_positions: list[int] = []
        reused_rows: list[Mapping[str, Any]] = []
        to_label: list[Mapping[str, Any]] = []
        for row, position in zip(rows, positions, strict=True):
            if position is None:
                to_label.append(row)
            elif next(earlier_keys) == (row["content_hash"], row["company"]):
                reused_positions.append(position)
                reused_rows.append(row)
            else:
                to_label.append(row)
        labels = self._labels.take(pa.array(reused_positions, pa.int64())).to_pylist()
        return [{**row, **found} for row, found in zip(reused_rows, labels, strict=True)], to_label
