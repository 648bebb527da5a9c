"""`jobradar backfill`: re-label a date range from the raw archive, or crawl past dates."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobradar.arguments import add_data_dir, iso_date
from jobradar.collector import collection_paused
from jobradar.errors import ConfigError, JobradarError
from jobradar.settings import Settings

NAME = "backfill"
HELP = "re-label a date range from the raw archive, or crawl past dates"
DESCRIPTION = (
    "Rebuild the partitions of every date from --start to --end. --mode relabel (default) "
    "re-classifies each archived date from the raw archive with the current model, touching no "
    "network; --mode crawl first crawls the sources that can show a past date (the demo boards, "
    "Hacker News months), then rebuilds the same way. Dates already written by the same mode "
    "with the current model are skipped, so running a backfill again after a failure or a kill "
    "redoes only the dates that did not finish. The postings history is rebuilt at the end.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start", type=iso_date, required=True, help="first date YYYY-MM-DD")
    parser.add_argument("--end", type=iso_date, required=True, help="last date YYYY-MM-DD (inclusive)")
    parser.add_argument("--mode", choices=("relabel", "crawl"), default="relabel",
                        help="relabel from the raw archive (default) or crawl past dates")
    parser.add_argument("--sources", type=Path,
                        help="sources.toml for --mode crawl (default: demo boards)")
    add_data_dir(parser)
    parser.add_argument("--concurrency", type=int,
                        help="dates worked on at once (default: $JOBRADAR_BACKFILL_CONCURRENCY or 2)")
    parser.add_argument("--dask", metavar="ADDRESS", nargs="?", const="local",
                        help="run the dates on a Dask cluster: a scheduler address, or 'local' "
                             "(the default when the flag is given alone) for a local cluster; "
                             "needs the 'distributed' extra")


def run(args: argparse.Namespace, settings: Settings) -> int:
    with collection_paused():  # imports: hundreds of thousands of objects, no garbage
        from classifiers.persistence import check_current_model
        from flows.backfill import BackfillIncomplete, backfill

    if args.end < args.start:
        raise ConfigError(f"--end {args.end} is before --start {args.start}")
    if args.concurrency is not None and args.concurrency < 1:
        raise ConfigError(f"--concurrency {args.concurrency}: must be 1 or more")
    if args.sources is not None:
        from jobradar.config import load_sources

        load_sources(args.sources)  # fail fast, before Prefect starts, on a bad config
    check_current_model(settings.models_path(args.data_dir or settings.data_dir))  # and on a bad model
    flow = backfill
    if args.dask:
        from flows.dask_backfill import dask_task_runner

        flow = backfill.with_options(task_runner=dask_task_runner(
            None if args.dask == "local" else args.dask))
    try:
        flow(start=args.start, end=args.end, mode=args.mode,
             sources=str(args.sources) if args.sources else None,
             data_dir=str(args.data_dir) if args.data_dir else None, concurrency=args.concurrency)
    except BackfillIncomplete as error:
        raise JobradarError(str(error)) from None
    return 0
