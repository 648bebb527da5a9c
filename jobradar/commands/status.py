"""`jobradar status`: what the data dir holds, date by date, and what a backfill would still do."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from jobradar.arguments import add_data_dir, add_run_date_range, check_date_range
from jobradar.errors import DataError
from jobradar.settings import Settings

NAME = "status"
HELP = "list the dataset's dates: rows, model, failed boards, and what a backfill would redo"
DESCRIPTION = (
    "Read the partitions' manifests and the raw archive under DATA_DIR (no Prefect, no network) "
    "and print one line per run date: rows, the mode and model that wrote it, failed, recovered "
    "and quarantined boards, when it finished. Then the dates a relabel backfill would work on: "
    "archived without a partition, or written by another model than the current one.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_run_date_range(parser)
    add_data_dir(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object per date instead of the table")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from classifiers.persistence import current_version
    from pipeline.archive import archived_dates
    from pipeline.dataset import partition_dates

    check_date_range(args)
    data_dir: Path = args.data_dir or settings.data_dir
    if not (data_dir / "postings").is_dir() and not (data_dir / "raw").is_dir():
        raise DataError(f"{data_dir}: no dataset and no raw archive here; run `jobradar run` first or "
                        "pass --data-dir")
    model = current_version(settings.models_path(data_dir))
    written = partition_dates(data_dir, args.start, args.end)
    archived = set(archived_dates(data_dir, args.start or date.min, args.end or date.max))
    rows = [_status(data_dir, day, day in archived) for day in written]
    unwritten = sorted(archived - set(written))
    if args.json:
        for row in rows:
            print(json.dumps(row, sort_keys=True))
        for day in unwritten:
            print(json.dumps({"run_date": day.isoformat(), "partition": False, "archived": True}))
        return 0
    print(f"{data_dir}: {len(written)} partition{'' if len(written) == 1 else 's'}, "
          f"current model {model or '(none yet)'}")
    if rows:
        print(_table(rows))
    other_model = [row["run_date"] for row in rows if model and row.get("model_version") not in (None, model)]
    unreadable = [row["run_date"] for row in rows if row.get("problem")]  # manifest or Parquet file
    if unwritten:
        print(f"archived without a partition ({len(unwritten)}): {_dates(unwritten)} — "
              f"`jobradar backfill --start {unwritten[0]} --end {unwritten[-1]}` writes them from the archive")
    if other_model:
        print(f"written by another model than {model} ({len(other_model)}): {_dates(other_model)} — "
              f"`jobradar backfill --start {other_model[0]} --end {other_model[-1]}` relabels them")
    if unreadable:
        print(f"partitions damaged or without a manifest ({len(unreadable)}): {_dates(unreadable)} — "
              f"`jobradar backfill --start {unreadable[0]} --end {unreadable[-1]}` rewrites "
              "those the raw archive holds")
    return 0


def _status(data_dir: Path, day: date, archived: bool) -> dict[str, Any]:
    from pipeline.dataset import partition_problem
    from pipeline.store import manifest_or_problem

    row: dict[str, Any] = {"run_date": day.isoformat(), "partition": True, "archived": archived}
    manifest, unreadable = manifest_or_problem(data_dir, day)  # the reason goes in the row, not the log
    if manifest is None:
        return {**row, "problem": f"manifest unreadable ({unreadable})" if unreadable else "no manifest"}
    if problem := partition_problem(data_dir, day):
        return {**row, "problem": problem}
    return {**row, "rows": manifest.rows, "mode": manifest.mode, "model_version": manifest.model_version,
            "failed_boards": len(manifest.failed_boards), "recovered_boards": len(manifest.recovered_boards),
            "quarantined": sum(manifest.quarantined.values()), "run_id": manifest.run_id,
            "finished_at": manifest.finished_at}


_COLUMNS = (("run_date", "date"), ("rows", "rows"), ("mode", "mode"), ("model_version", "model"),
            ("failed_boards", "failed"), ("recovered_boards", "recovered"), ("quarantined", "quarantined"),
            ("finished_at", "finished (UTC)"))
_NUMERIC = {"rows", "failed_boards", "recovered_boards", "quarantined"}


def _table(rows: list[dict[str, Any]]) -> str:
    """The rows under a header, columns aligned; a date whose manifest is missing gets its problem."""
    titles = [title for _, title in _COLUMNS]
    cells = {row["run_date"]: [str(row.get(key, "")) for key, _ in _COLUMNS] for row in rows if "problem" not in row}
    widths = [max(len(line[i]) for line in [titles, *cells.values()]) for i in range(len(_COLUMNS))]

    def line(values: list[str]) -> str:
        return "  ".join(value.rjust(width) if key in _NUMERIC else value.ljust(width)
                         for value, width, (key, _) in zip(values, widths, _COLUMNS, strict=True)).rstrip()

    return "\n".join([line(titles), *(line(cells[row["run_date"]]) if row["run_date"] in cells
                                       else f"{row['run_date']:<{widths[0]}}  {row['problem']}" for row in rows)])


def _dates(days: list[Any]) -> str:
    days = [str(day) for day in days]
    return ", ".join(days) if len(days) <= 6 else f"{', '.join(days[:3])}, …, {', '.join(days[-2:])}"
