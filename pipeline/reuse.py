"""Label reuse: a posting whose content and company are those of a row the same model already
labelled (in the latest partition that model wrote, on or before the run date) takes that row's
labels instead of being labelled again. Labels depend only on those and the model, so a nightly
run labels just the new and edited postings; a new model finds no partition of its own and
labels everything."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.dataset import partition_dates
from pipeline.store import partition_path, read_manifest

KEY_COLUMNS = ("posting_id", "content_hash", "company")


class EarlierLabels:
    """Labels of one earlier partition, looked up by posting_id and checked against the key."""

    def __init__(self, table: pa.Table, label_columns: Sequence[str], source: date | None = None) -> None:
        self.label_columns = tuple(label_columns)
        self.source = source  # the partition the labels come from, None when there is none
        self._labels = table.select(list(self.label_columns))
        self._keys = {posting: (position, content, company) for position, (posting, content, company)
                      in enumerate(zip(table["posting_id"].to_pylist(), table["content_hash"].to_pylist(),
                                       table["company"].to_pylist(), strict=True))}

    @classmethod
    def none(cls, label_columns: Sequence[str]) -> EarlierLabels:
        empty = pa.table({name: pa.array([], pa.string()) for name in (*KEY_COLUMNS, *label_columns)})
        return cls(empty, label_columns)

    @classmethod
    def load(cls, data_dir: Path, run_date: date, model_version: str,
             label_columns: Sequence[str]) -> EarlierLabels:
        """The rows of the latest partition on or before `run_date` that `model_version` labelled."""
        for day in reversed([d for d in partition_dates(data_dir) if d <= run_date]):
            manifest = read_manifest(data_dir, day)
            if manifest is None or manifest.model_version != model_version:
                continue
            try:
                table = pq.read_table(partition_path(data_dir, day),
                                      columns=[*KEY_COLUMNS, *label_columns])
            except (OSError, pa.ArrowInvalid):  # being replaced by a concurrent backfill date
                continue
            table = table.filter(pc.equal(table["model_version"], model_version))
            return cls(table, label_columns, day)
        return cls.none(label_columns)

    def __len__(self) -> int:
        return len(self._keys)

    def split(self, rows: Sequence[Mapping[str, Any]],
              ) -> tuple[list[dict[str, Any]], list[Mapping[str, Any]]]:
        """(rows that take earlier labels, with those labels added; rows still to label)."""
        reused_positions: list[int] = []
        reused_rows: list[Mapping[str, Any]] = []
        to_label: list[Mapping[str, Any]] = []
        for row in rows:
            position = self._position(row)
            if position is None:
                to_label.append(row)
            else:
                reused_positions.append(position)
                reused_rows.append(row)
        labels = self._labels.take(pa.array(reused_positions, pa.int64())).to_pylist()
        return [{**row, **found} for row, found in zip(reused_rows, labels, strict=True)], to_label

    def _position(self, row: Mapping[str, Any]) -> int | None:
        found = self._keys.get(row["posting_id"])
        if found is None or found[1:] != (row["content_hash"], row["company"]):
            return None
        return found[0]
