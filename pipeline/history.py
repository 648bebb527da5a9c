"""The postings history: one row per posting over all runs, with first_seen, last_seen, closed_at.

It is rebuilt from the partitions and their manifests alone, so reruns and backfills in any order
give the same table. A posting closes when the successful crawls of its board miss it
`close_after_runs` times in a row; a failed board, or a run that did not crawl the board, neither
closes its postings nor keeps them open.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.dataset import partition_dates, read_partition
from pipeline.schema import COLUMN_NAMES, HISTORY_SCHEMA
from pipeline.store import read_manifest, replace_file

HISTORY_PATH = Path("history") / "postings.parquet"
_LAST_RUN_COLUMNS = [name for name in HISTORY_SCHEMA.names if name in COLUMN_NAMES]


def build_history(data_dir: Path, close_after_runs: int) -> pa.Table:
    """The history table of every partition under `data_dir`, sorted by posting_id."""
    if close_after_runs < 1:
        raise ValueError("close_after_runs must be at least 1")
    tables: list[pa.Table] = []
    observed: dict[str, list[date]] = {}  # "source/board" -> run dates whose crawl of it succeeded
    for day in partition_dates(data_dir):
        table = read_partition(data_dir, day, [*_LAST_RUN_COLUMNS, "content_hash"])
        if table is None:  # damaged: the date counts as not run (logged)
            continue
        tables.append(table.append_column("dt", pa.array([day] * table.num_rows, pa.date32())))
        manifest = read_manifest(data_dir, day)
        for board in manifest.observed_boards if manifest else _boards_in(table):
            observed.setdefault(board, []).append(day)
    if not tables:
        return HISTORY_SCHEMA.empty_table()
    rows = pa.concat_tables(tables)
    rows = rows.append_column("row", pa.array(range(rows.num_rows), pa.int64()))
    per_posting = rows.group_by("posting_id", use_threads=False).aggregate(
        [("row", "max"), ("dt", "min"), ("dt", "count"), ("content_hash", "count_distinct")])
    latest = rows.take(per_posting["row_max"])  # rows are in date order: the max is the last seen
    last_seen = latest["dt"].to_pylist()
    closed = [
        _closed_at(observed.get(f"{source}/{board}", []), seen, close_after_runs)
        for source, board, seen in zip(latest["source"].to_pylist(), latest["board"].to_pylist(),
                                       last_seen, strict=True)
    ]
    columns = {name: latest[name] for name in _LAST_RUN_COLUMNS}
    columns |= {
        "first_seen": per_posting["dt_min"],
        "last_seen": latest["dt"],
        "closed_at": pa.array(closed, pa.date32()),
        "runs_seen": per_posting["dt_count"],
        "edits": pc.subtract(per_posting["content_hash_count_distinct"], 1),
    }
    history = pa.table([columns[name] for name in HISTORY_SCHEMA.names], schema=HISTORY_SCHEMA)
    return history.sort_by("posting_id")


def new_and_open(history: pa.Table, day: date) -> tuple[int, int]:
    """Postings first seen on `day`, and postings open on `day` (seen by then, not closed by then)."""
    first_seen, closed_at = history["first_seen"], history["closed_at"]
    new = pc.sum(pc.equal(first_seen, day)).as_py() or 0
    not_closed = pc.or_kleene(pc.is_null(closed_at), pc.greater(closed_at, day))
    open_postings = pc.sum(pc.and_kleene(pc.less_equal(first_seen, day), not_closed)).as_py() or 0
    return new, open_postings


def _closed_at(observed_runs: list[date], last_seen: date, close_after_runs: int) -> date | None:
    """The first observed run after `last_seen`, if at least `close_after_runs` runs followed."""
    after = bisect_right(observed_runs, last_seen)
    return observed_runs[after] if len(observed_runs) - after >= close_after_runs else None


def _boards_in(table: pa.Table) -> set[str]:
    """Boards of a partition without a manifest: those that have rows in it."""
    return {f"{s}/{b}" for s, b in zip(table["source"].to_pylist(), table["board"].to_pylist(), strict=True)}


def write_history(data_dir: Path, close_after_runs: int) -> Path:
    """Rebuild data/history/postings.parquet atomically (temporary file, then rename)."""
    path = data_dir / HISTORY_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(build_history(data_dir, close_after_runs), temporary, compression="zstd")
    replace_file(temporary, path)
    return path
