"""`jobradar run`: the nightly flow once."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobradar.arguments import add_data_dir, iso_date
from jobradar.collector import collection_paused
from jobradar.settings import Settings

NAME = "run"
HELP = "run the nightly flow once"
DESCRIPTION = (
    "Crawl every configured board, normalise, label and write the date's partition "
    "DATA_DIR/postings/dt=DATE/ (replacing it if it exists), then print the run report. "
    "Default: the bundled demo boards, served on 127.0.0.1.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", type=iso_date, help="run date YYYY-MM-DD (default: today, UTC)")
    parser.add_argument("--sources", type=Path, help="sources.toml to crawl (default: demo boards)")
    add_data_dir(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    with collection_paused():  # imports and checks: hundreds of thousands of objects, no garbage
        from classifiers.persistence import check_current_model
        from flows.label_worker import label_worker
        from spiders.forkserver import fork_server

        if args.sources is not None:
            from jobradar.config import load_sources

            load_sources(args.sources)  # fail fast, before Prefect starts, on a bad config
        models = settings.models_path(args.data_dir or settings.data_dir)
        check_current_model(models)  # and on a bad model
        # on the other core, while Prefect imports here: the crawls' fork server imports Scrapy,
        # and the labelling process loads the model
        fork_server()
        label_worker(models)
        from flows.nightly import nightly

    report = nightly(run_date=args.date, sources=str(args.sources) if args.sources else None,
                     data_dir=str(args.data_dir) if args.data_dir else None)
    return 1 if report["postings"] == 0 and report["failed_boards"] else 0
