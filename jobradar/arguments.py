"""Argument types shared by commands, with messages that say what was expected."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from None


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, help="dataset root (default: $JOBRADAR_DATA_DIR or ./data)")


def add_run_date_range(parser: argparse.ArgumentParser) -> None:
    """Optional --start and --end run dates (see `check_date_range`)."""
    parser.add_argument("--start", type=iso_date, help="first run date (default: the first there is)")
    parser.add_argument("--end", type=iso_date, help="last run date (default: the last there is)")


def check_date_range(args: argparse.Namespace) -> None:
    """ConfigError when `--end` comes before `--start`."""
    from jobradar.errors import ConfigError

    if args.start and args.end and args.end < args.start:
        raise ConfigError(f"--end {args.end} is before --start {args.start}")
