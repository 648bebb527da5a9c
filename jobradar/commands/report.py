"""`jobradar report`: an HTML report with charts of the AI job market, from the dataset alone."""

from __future__ import annotations

import argparse
from pathlib import Path

from jobradar.arguments import add_data_dir, add_run_date_range, check_date_range
from jobradar.errors import ConfigError, DataError
from jobradar.settings import Settings

NAME = "report"
HELP = "write an HTML report with charts (AI share over time, roles, tiers, skills)"
DESCRIPTION = (
    "Read the partitions (and their manifests) under DATA_DIR/postings and write one "
    "self-contained HTML page: AI share over time overall and by role, the tier mix, top AI "
    "skills, new and open postings, the companies hiring for AI. Needs no Prefect and no network.")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_run_date_range(parser)
    add_data_dir(parser)
    parser.add_argument("-o", "--output", type=Path, default=Path("report.html"),
                        help="HTML file to write (default: report.html)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from pipeline.dataset import partition_dates
    from pipeline.report_page import render_report
    from pipeline.trends import compute_trends

    check_date_range(args)
    data_dir = args.data_dir or settings.data_dir
    if not (data_dir / "postings").is_dir():
        raise DataError(f"{data_dir / 'postings'}: no dataset here; run `jobradar run` first "
                        "or pass --data-dir")
    if not partition_dates(data_dir, args.start, args.end):
        dates = partition_dates(data_dir)
        held = f"it holds {dates[0]} to {dates[-1]}" if dates else "it holds no partition yet"
        raise ConfigError(f"{data_dir / 'postings'}: no run date between {args.start or 'the first'} and "
                          f"{args.end or 'the last'}; {held}")
    trends = compute_trends(data_dir, args.start, args.end, settings.close_after_runs)
    args.output.write_text(render_report(trends, str(data_dir / "postings")), encoding="utf-8")
    print(f"report of {len(trends.days)} run dates -> {args.output}")
    return 0
