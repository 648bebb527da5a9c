"""Storage: the raw archive (read), quarantine files, and date partitions (with their manifests)
written atomically."""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
from isal import igzip
from isal.isal_zlib import error as IsalError

from pipeline.manifest import MANIFEST_FILE, Manifest
from pipeline.schema import SCHEMA

WRITE_BATCH_ROWS = 2000  # rows converted to Arrow at a time
_ORDER = "_order"  # a spilled row's place in the input, so the last of a repeated id wins


def raw_files(data_dir: Path, source: str, run_date: date, run_id: str | None = None) -> list[Path]:
    """Archive files of one source and date (only `run_id`'s when given), oldest first."""
    folder = data_dir / "raw" / f"source={source}" / f"dt={run_date.isoformat()}"
    pattern = f"{run_id}.jsonl.gz" if run_id else "*.jsonl.gz"
    return sorted(folder.glob(pattern), key=lambda p: (p.stat().st_mtime, p.name))


def read_jsonl_gz(path: Path, keep: Callable[[bytes], bool] | None = None) -> Iterator[dict[str, Any]]:
    """Records of a gzip JSON Lines file; a truncated tail (a killed writer) ends the file early,
    after the last whole line. With `keep`, only the lines it keeps are parsed and yielded.

    A file damaged anywhere else — not gzip, a checksum that fails, a line that is not JSON with
    more after it — raises DataError naming it: deflate has no checksum of its own before the
    end of the file, so lines read before the damage showed may already be garbled, and whatever
    reads the file (a partition build) must fail rather than keep them.

    Decompressed by ISA-L (about 60% of zlib's CPU), parsed by json (not orjson: see
    docs/decisions.md). Where a file is cut short, ISA-L stops at the last whole block it decoded,
    some lines before the cut, so the rest is read again with zlib, which decodes every line that
    was flushed before it."""
    read = 0  # lines yielded or skipped so far, by either reader
    for opener in (igzip.open, gzip.open):
        try:
            with opener(path, "rb") as handle:
                for number, line in enumerate(handle):
                    if number < read:
                        continue
                    read += 1
                    if line.strip() and (keep is None or keep(line)):
                        try:
                            record = json.loads(line)
                        except ValueError:
                            if next(handle, b"").strip():
                                raise _damaged(path, read, f"line {read} is not JSON") from None
                            return  # a line cut short by a crash is the last one
                        yield record
            return
        except EOFError:  # cut short: zlib reads on from where ISA-L stopped
            continue
        except (IsalError, zlib.error, gzip.BadGzipFile) as error:  # damaged, or no gzip at all
            raise _damaged(path, read, f"{type(error).__name__}: {error}") from None


def _damaged(path: Path, lines: int, reason: str) -> Exception:
    from jobradar.errors import DataError

    return DataError(f"{path} is damaged ({reason}, after {lines} lines), so none of it can be trusted; "
                     "the date's partition is left as it was: restore the file from a backup to rebuild it")


def write_quarantine(items: Iterable[Mapping[str, Any]], data_dir: Path, run_date: date,
                     run_id: str) -> Path | None:
    """Write the items that a run quarantined while building the date's partition (with their
    reasons), as `quarantine/dt=<date>/items-<run_id>.jsonl`; None when there are none.

    Called after the run replaced the partition: the items files of the date's earlier runs
    described the partition it replaced, and go (the raw archive they were read from stays, so a
    re-run finds them again), so the folder holds the quarantine of the partition as it stands and
    a date run twice does not count its bad items twice. Quarantined responses (`responses-*`,
    what a server sent on a crawl) are history and stay."""
    items = list(items)
    folder = data_dir / "quarantine" / f"dt={run_date.isoformat()}"
    path = folder / f"items-{run_id}.jsonl"
    if items:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            for item in items:
                handle.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")
        os.replace(temporary, path)
    if folder.is_dir():
        for earlier in [*folder.glob("items-*.jsonl"), *folder.glob("items-*.tmp")]:
            if earlier != path:
                earlier.unlink(missing_ok=True)
    return path if items else None


def partition_path(data_dir: Path, run_date: date) -> Path:
    return data_dir / "postings" / f"dt={run_date.isoformat()}"


def recover_partitions(data_dir: Path, run_date: date | None = None) -> None:
    """Finish or undo a partition swap that a crash interrupted, and drop stale staging files;
    of one date only when `run_date` is given (other dates may be being written right now)."""
    staging = data_dir / ".staging"
    if not staging.exists():
        return
    for entry in sorted(staging.iterdir()):
        if run_date is not None and not entry.name[4:].startswith(f"dt={run_date.isoformat()}_"):
            continue
        if entry.name.startswith("old-dt="):
            day = entry.name[len("old-dt=") :].split("_", 1)[0]
            final = data_dir / "postings" / f"dt={day}"
            if not final.exists():
                entry.rename(final)
                continue
        shutil.rmtree(entry, ignore_errors=True)


def write_partition(rows: Iterable[Mapping[str, Any] | pa.Table], data_dir: Path, run_date: date, run_id: str,
                    manifest: Manifest | Callable[[Counter[tuple[str, str]]], Manifest] | None = None,
                    ) -> Path:
    """Replace the date's partition with `rows` (and its manifest): write to a staging folder,
    fsync, then rename. A crash before the rename leaves the previous partition as it was.

    Rows are streamed, never all held at once: sorted by posting_id and, where a posting_id
    repeats, the last row given is kept. An item of `rows` is a row (a mapping) or an Arrow table
    of rows already in the schema's columns (rows copied from another partition, say).
    `manifest` may be a function of the rows written per (source, board), for a writer that
    learns those counts only here.
    """
    recover_partitions(data_dir, run_date)
    staging = data_dir / ".staging" / f"new-dt={run_date.isoformat()}_{run_id}"
    staging.mkdir(parents=True, exist_ok=False)
    part = staging / "part-0.parquet"
    per_board = _write_sorted(rows, part, staging / ".buckets")
    _fsync(part)
    if callable(manifest):
        manifest = manifest(per_board)
    if manifest is not None:
        write_json(staging / MANIFEST_FILE, manifest.as_dict())
    final = partition_path(data_dir, run_date)
    final.parent.mkdir(parents=True, exist_ok=True)
    old = data_dir / ".staging" / f"old-dt={run_date.isoformat()}_{run_id}"
    if final.exists():
        final.rename(old)
    staging.rename(final)
    _fsync(final.parent)
    shutil.rmtree(old, ignore_errors=True)
    return final


def _write_sorted(rows: Iterable[Mapping[str, Any] | pa.Table], path: Path, buckets: Path,
                  ) -> Counter[tuple[str, str]]:
    """Write `rows` to one Parquet file sorted by posting_id, the last of a repeated id kept;
    returns the rows written per (source, board).

    An external bucket sort: rows go, in batches, to a spill file per first character of their
    posting_id; each spill file is then read alone, sorted and appended as row groups, so memory
    holds one batch, then one bucket (1/16 of a day's rows for hex ids), at a time.
    """
    buckets.mkdir()
    spills: dict[str, tuple[Path, pa.RecordBatchStreamWriter]] = {}
    # uncompressed: a spill file is written once and read back once, soon, mostly from the page
    # cache; lz4 took twice the time to write and read it back takes no time
    options = pa.ipc.IpcWriteOptions(compression=None)
    order = 0
    for table in arrow_tables(rows, WRITE_BATCH_ROWS):
        table = table.append_column(_ORDER, pa.array(range(order, order + table.num_rows), pa.int64()))
        order += table.num_rows
        first = pc.utf8_slice_codeunits(table["posting_id"], 0, 1)
        for key in pc.unique(first).to_pylist():
            if key not in spills:
                spill = buckets / f"{len(spills)}.arrows"
                spills[key] = (spill, pa.ipc.new_stream(spill, table.schema, options=options))
            spills[key][1].write_table(table.filter(pc.equal(first, key)))
    for _, spill_writer in spills.values():
        spill_writer.close()
    per_board: Counter[tuple[str, str]] = Counter()
    with pq.ParquetWriter(path, SCHEMA, compression="zstd") as writer:
        for key in sorted(spills):
            bucket = _last_of_each_id(pa.ipc.open_stream(spills[key][0]).read_all()).select(SCHEMA.names)
            writer.write_table(bucket.cast(SCHEMA))
            per_board.update(zip(bucket["source"].to_pylist(), bucket["board"].to_pylist(), strict=True))
        if not spills:
            writer.write_table(SCHEMA.empty_table())
    shutil.rmtree(buckets)
    return per_board


def _last_of_each_id(table: pa.Table) -> pa.Table:
    """Sorted by posting_id; of rows sharing a posting_id, only the last given. The order is
    found on the two key columns alone, and the rows are copied once, by one `take`."""
    order = pc.sort_indices(table.select(["posting_id", _ORDER]),
                            sort_keys=[("posting_id", "ascending"), (_ORDER, "descending")])
    if len(order) >= 2:
        ids = table["posting_id"].take(order)
        first_of_id = pc.not_equal(ids.slice(1), ids.slice(0, len(ids) - 1))
        order = order.filter(pa.concat_arrays([pa.array([True]), *first_of_id.chunks]))
    return table.take(order)


def arrow_tables(rows: Iterable[Mapping[str, Any] | pa.Table], size: int,
                 schema: pa.Schema = SCHEMA) -> Iterator[pa.Table]:
    """`rows` as Arrow tables of `schema` (default: the dataset's), in the order given: rows in
    batches of `size`, tables as they come (a column the schema lacks dropped, one it has missing
    filled with nulls)."""
    batch: list[Mapping[str, Any]] = []
    for row in rows:
        if isinstance(row, pa.Table):
            if batch:
                yield pa.Table.from_pylist(batch, schema=schema)
                batch = []
            yield pa.table([row[field.name].cast(field.type) if field.name in row.column_names
                            else pa.nulls(row.num_rows, field.type) for field in schema], schema=schema)
            continue
        batch.append(row)
        if len(batch) == size:
            yield pa.Table.from_pylist(batch, schema=schema)
            batch = []
    if batch:
        yield pa.Table.from_pylist(batch, schema=schema)


def read_manifest(data_dir: Path, run_date: date) -> Manifest | None:
    """The manifest of a date's partition; None when the partition has none (or is absent), or
    when it cannot be read (altered, or cut short on a failing disk), which is logged: the date
    then counts as not done, so a relabel backfill rewrites it, and its rows as unreusable."""
    manifest, problem = manifest_or_problem(data_dir, run_date)
    if problem is not None:
        logging.getLogger(__name__).warning(
            "%s cannot be read (%s); its partition counts as not done: `jobradar backfill --start %s "
            "--end %s` rewrites it from the raw archive",
            partition_path(data_dir, run_date) / MANIFEST_FILE, problem, run_date, run_date)
    return manifest


def manifest_or_problem(data_dir: Path, run_date: date) -> tuple[Manifest | None, str | None]:
    """(the date's manifest, None); (None, None) when there is none; (None, why) when it cannot be
    read: read_manifest without the log, for callers that report the reason themselves."""
    path = partition_path(data_dir, run_date) / MANIFEST_FILE
    try:
        return Manifest.from_dict(json.loads(path.read_text(encoding="utf-8"))), None
    except FileNotFoundError:
        return None, None
    except (ValueError, TypeError, KeyError, AttributeError) as error:  # not JSON, or not a manifest's fields
        return None, f"{type(error).__name__}: {error}"


def write_json(path: Path, data: Any) -> None:
    """Write a JSON file atomically: a temporary file, fsynced, then renamed over the target."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                         encoding="utf-8")
    replace_file(temporary, path)


def replace_file(temporary: Path, path: Path) -> None:
    """Make a fully written temporary file durable, then rename it over `path` in one step."""
    _fsync(temporary)
    os.replace(temporary, path)


def _fsync(path: Path) -> None:
    flags = os.O_RDONLY | (os.O_DIRECTORY if path.is_dir() else 0)
    descriptor = os.open(path, flags)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
