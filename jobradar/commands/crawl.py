"""`jobradar crawl SOURCE BOARD`: crawl one board now, print its normalised postings."""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jobradar.crawling import scrapy_settings
from jobradar.errors import ConfigError
from jobradar.jsonlines import dumps, open_output
from jobradar.settings import Settings

NAME = "crawl"
HELP = "crawl one board now and print its postings as JSON Lines"
DESCRIPTION = ("Crawl one board of one source and write its normalised postings as JSON Lines "
               "(stdout by default). Exit code 1 when the board could not be crawled, 2 when it is no "
               "board of its source (a Hacker News month that is not YYYY-MM, say).")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from spiders.catalog import SOURCES

    parser.add_argument("source", help=", ".join(SOURCES))
    parser.add_argument("board", help="board id within the source: " + "; ".join(
        f"{name}: {source.board_help}" for name, source in SOURCES.items()))
    parser.add_argument("--base-url", help="API host to use instead of the public one")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="a board option, as in sources.toml (repeatable): " + "; ".join(
                            f"{name}: {', '.join(source.board_options)}"
                            for name, source in SOURCES.items() if source.board_options))
    parser.add_argument("-o", "--output", type=Path, help="write JSON Lines here instead of stdout")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from pipeline.normalise import Quarantined, normalise_records
    from pipeline.sources import PARSERS
    from pipeline.store import raw_files, read_jsonl_gz
    from spiders.catalog import SOURCES, is_http_url
    from spiders.runner import run_crawl

    if args.source not in SOURCES:
        raise ConfigError(f"unknown source {args.source!r}; known: {', '.join(sorted(SOURCES))}")
    if args.base_url is not None and not is_http_url(args.base_url):
        raise ConfigError(f"--base-url {args.base_url!r} is not an http(s) URL; e.g. "
                          f"--base-url http://127.0.0.1:8765")
    options = _board_options(args.source, args.option)
    if problem := SOURCES[args.source].check_board(args.board, options):
        raise ConfigError(f"{args.source}: {problem}")
    today = datetime.now(UTC).date()
    count = skipped = 0
    with tempfile.TemporaryDirectory(prefix="jobradar-crawl-") as workdir:
        archive = Path(workdir)
        result = run_crawl(args.source, [args.board],
                           scrapy_settings(settings, archive_dir=archive, run_date=today,
                                           run_id="crawl"),
                           args.base_url, options={"board_settings": {args.board: options}} if options else None)
        records = (record for path in raw_files(archive, args.source, today, "crawl")
                   for record in read_jsonl_gz(path))
        with open_output(args.output) as out:
            for item in normalise_records(records, PARSERS,
                                          max_description_chars=settings.max_description_chars):
                if isinstance(item, Quarantined):
                    skipped += 1
                    print(f"jobradar: skipped a malformed posting: {item.reason}", file=sys.stderr)
                    continue
                out.write(dumps(item))
                count += 1
    failure = result.failed_boards.get(args.board)
    print(f"jobradar: {args.source}/{args.board}: {count} postings"
          + (f", {skipped} skipped" if skipped else "")
          + (f"; FAILED: {failure}" if failure else ""), file=sys.stderr)
    return 1 if failure else 0


def _board_options(source: str, given: list[str]) -> dict[str, Any]:
    """`--option KEY=VALUE` values of `source`'s board options, typed as sources.toml has them."""
    from spiders.catalog import SOURCES, whole_number

    allowed = SOURCES[source].board_options
    options: dict[str, Any] = {}
    for item in given:
        key, equals, value = item.partition("=")
        key = key.strip()
        if not equals or key not in allowed:
            takes = f"takes {', '.join(allowed)}" if allowed else "takes no options"
            raise ConfigError(f"--option {item!r}: {source} {takes}, given as KEY=VALUE")
        if allowed[key] is int:
            number = whole_number(value)
            if number is None:
                raise ConfigError(f"--option {item!r}: {key} must be a whole number")
            options[key] = number
        else:
            options[key] = value
    return options
