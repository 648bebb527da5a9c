"""`jobradar serve`: serve the nightly (scheduled) and backfill deployments to a Prefect server."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobradar.arguments import add_data_dir
from jobradar.errors import ConfigError
from jobradar.settings import Settings

NAME = "serve"
HELP = "serve the nightly and backfill deployments to a Prefect server"
DESCRIPTION = (
    "Register two deployments with the Prefect server named by PREFECT_API_URL and run their flow "
    "runs here until stopped (Ctrl-C): nightly/NAME on a cron schedule (default "
    "$JOBRADAR_NIGHTLY_CRON or 0 2 * * *, UTC) and backfill/NAME, triggered from the Prefect UI "
    "or with e.g. `prefect deployment run 'backfill/jobradar' --param start=2024-01-01 "
    "--param end=2024-01-14`.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--name", default="jobradar", help="deployment name (default: jobradar)")
    parser.add_argument("--cron", help="nightly schedule, cron syntax in UTC "
                                       "(default: $JOBRADAR_NIGHTLY_CRON or '0 2 * * *')")
    parser.add_argument("--sources", type=Path, help="sources.toml to crawl (default: demo boards)")
    add_data_dir(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from prefect.settings import get_current_settings

    cron = settings.nightly_cron
    if args.cron is not None:
        try:
            cron = Settings.from_env({"JOBRADAR_NIGHTLY_CRON": args.cron}).nightly_cron
        except ConfigError:
            raise ConfigError(f"--cron {args.cron!r} is not a cron expression such as '0 2 * * *'") from None
    if args.sources is not None:
        from jobradar.config import load_sources

        load_sources(args.sources)
    if not get_current_settings().api.url:
        raise ConfigError("jobradar serve needs a Prefect server to register its deployments with: "
                          "start one with `prefect server start` and set "
                          "PREFECT_API_URL=http://127.0.0.1:4200/api (or use Prefect Cloud)")
    from prefect import serve

    from flows.deployments import served_deployments

    serve(*served_deployments(args.name, cron, args.sources, args.data_dir or settings.data_dir))
    return 0
