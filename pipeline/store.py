"""Storage: the raw archive (read), quarantine files, and date partitions (with their manifests)
written atomically."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import zlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.manifest import MANIFEST_FILE, Manifest
from pipeline.schema import SCHEMA


def raw_files(data_dir: Path, source: str, run_date: date, run_id: str | None = None) -> list[Path]:
    """Archive files of one source and date (only `run_id`'s when given), oldest first."""
    folder = data_dir / "raw" / f"source={source}" / f"dt={run_date.isoformat()}"
    pattern = f"{run_id}.jsonl.gz" if run_id else "*.jsonl.gz"
    return sorted(folder.glob(pattern), key=lambda p: (p.stat().st_mtime, p.name))


def read_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    """Records of a gzip JSON Lines file; a truncated tail (a killed writer) ends the file early."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError:
                        return  # a line cut short by a crash is the last one
    except (EOFError, zlib.error, gzip.BadGzipFile):
        return


def write_quarantine(items: Iterable[Mapping[str, Any]], data_dir: Path, run_date: date,
                     run_id: str) -> Path | None:
    """Write quarantined items (with their reasons) for a run; None when there are none."""
    items = list(items)
    if not items:
        return None
    path = data_dir / "quarantine" / f"dt={run_date.isoformat()}" / f"items-{run_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")
    os.replace(temporary, path)
    return path


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


def write_partition(rows: list[dict[str, Any]], data_dir: Path, run_date: date, run_id: str,
                    manifest: Manifest | None = None) -> Path:
    """Replace the date's partition with `rows` (and its manifest): write to a staging folder,
    fsync, then rename. A crash before the rename leaves the previous partition as it was.
    """
    recover_partitions(data_dir, run_date)
    table = pa.Table.from_pylist(sorted(rows, key=lambda r: r["posting_id"]), schema=SCHEMA)
    staging = data_dir / ".staging" / f"new-dt={run_date.isoformat()}_{run_id}"
    staging.mkdir(parents=True, exist_ok=False)
    part = staging / "part-0.parquet"
    pq.write_table(table, part, compression="zstd")
    _fsync(part)
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


def read_partition(data_dir: Path, run_date: date) -> pa.Table | None:
    folder = partition_path(data_dir, run_date)
    if not folder.exists():
        return None
    return pq.read_table(folder, schema=SCHEMA)


def read_manifest(data_dir: Path, run_date: date) -> Manifest | None:
    """The manifest of a date's partition; None when the partition has none (or is absent)."""
    path = partition_path(data_dir, run_date) / MANIFEST_FILE
    try:
        return Manifest.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return None


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
