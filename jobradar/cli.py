"""The `jobradar` command: run, crawl, label, train, demo-server."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any

from jobradar import __version__
from jobradar.errors import ConfigError, DataError, JobradarError
from jobradar.settings import Settings


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; use YYYY-MM-DD") from None


def _settings_help() -> str:
    rows = "\n".join(f"  {name:32} {meaning} (default: {default})"
                     for name, default, meaning in Settings.documentation())
    return f"environment settings:\n{rows}"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jobradar",
        description="Measure the AI job market from public job postings.",
        epilog=_settings_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"jobradar {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = commands.add_parser(
        "run", help="run the nightly flow once",
        description="Crawl every configured board, normalise, label and write the date's "
                    "partition data/postings/dt=DATE/ (replacing it if it exists), then print "
                    "the run report. Default: the bundled demo boards, served on 127.0.0.1.")
    run.add_argument("--date", type=_date, help="run date YYYY-MM-DD (default: today, UTC)")
    run.add_argument("--sources", type=Path, help="sources.toml to crawl (default: demo boards)")
    run.add_argument("--data-dir", type=Path, help="dataset root (default: $JOBRADAR_DATA_DIR or ./data)")

    crawl = commands.add_parser(
        "crawl", help="crawl one board now and print its postings as JSON Lines",
        description="Crawl one board of one source and write its normalised postings as JSON "
                    "Lines (stdout by default). Exit code 1 when the board could not be crawled.")
    crawl.add_argument("source", help="greenhouse, lever or ashby")
    crawl.add_argument("board", help="board token / site / name within the source")
    crawl.add_argument("--base-url", help="API host to use instead of the public one")
    crawl.add_argument("-o", "--output", type=Path, help="write JSON Lines here instead of stdout")

    label = commands.add_parser(
        "label", help="label postings given as JSON Lines",
        description="Read postings as JSON Lines (each with at least 'title' and 'description'; "
                    "optional company, department, location) and write the same objects with "
                    "ai_tier, is_ai, role, seniority, ai_skills, their confidences and evidence.")
    label.add_argument("input", nargs="?", type=Path, help="input JSON Lines (default: stdin)")
    label.add_argument("-o", "--output", type=Path, help="output JSON Lines (default: stdout)")
    label.add_argument("--models-dir", type=Path, help="model directory (default: DATA_DIR/models)")

    train = commands.add_parser(
        "train", help="train the classifier on the bundled labelled data",
        description="Fit the ai_tier and role models on the demo labels, the bundled training "
                    "set and any --extra files; save them (skops + SHA-256 + model card) and "
                    "make them current.")
    train.add_argument("--extra", type=Path, action="append", default=[],
                       help="further labelled JSON Lines (repeatable)")
    train.add_argument("--models-dir", type=Path, help="model directory (default: DATA_DIR/models)")
    train.add_argument("--no-cv", action="store_true", help="skip cross-validation")

    server = commands.add_parser(
        "demo-server", help="serve the demo boards on 127.0.0.1",
        description="Serve the demo boards in the Greenhouse, Lever and Ashby API shapes until "
                    "interrupted; prefix paths with /as-of/YYYY-MM-DD to see a past day.")
    server.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    try:
        settings = Settings.from_env()
        return COMMANDS[args.command](args, settings)
    except JobradarError as error:
        print(f"jobradar: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (e.g. `| head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from flows.nightly import nightly

    if args.sources is not None:
        from jobradar.config import load_sources

        load_sources(args.sources)  # fail fast, before Prefect starts, on a bad config
    report = nightly(run_date=args.date, sources=str(args.sources) if args.sources else None,
                     data_dir=str(args.data_dir) if args.data_dir else None)
    return 1 if report["postings"] == 0 and report["failed_boards"] else 0


def cmd_crawl(args: argparse.Namespace, settings: Settings) -> int:
    from pipeline.normalise import Quarantined, normalise_records
    from pipeline.sources import PARSERS
    from pipeline.store import raw_files, read_jsonl_gz
    from spiders import SPIDERS
    from spiders.runner import run_crawl
    from spiders.settings import crawl_settings

    if args.source not in SPIDERS:
        raise ConfigError(f"unknown source {args.source!r}; known: {', '.join(sorted(SPIDERS))}")
    today = date.today()
    with tempfile.TemporaryDirectory(prefix="jobradar-crawl-") as workdir:
        scrapy_settings = crawl_settings(
            user_agent=settings.user_agent, download_delay=settings.download_delay,
            concurrent_per_host=settings.concurrent_per_host,
            download_timeout=settings.download_timeout, retry_times=settings.retry_times,
            autothrottle=settings.autothrottle, max_response_bytes=settings.max_response_bytes,
            archive_dir=workdir, run_date=today.isoformat(), run_id="crawl", stats_path="")
        result = run_crawl(args.source, [args.board], scrapy_settings, args.base_url)
        records = [r for p in raw_files(Path(workdir), args.source, today, "crawl")
                   for r in read_jsonl_gz(p)]
        count = quarantined = 0
        with _open_output(args.output) as out:
            for item in normalise_records(records, PARSERS, max_description_chars=settings.max_description_chars):
                if isinstance(item, Quarantined):
                    quarantined += 1
                    print(f"jobradar: skipped a malformed posting: {item.reason}", file=sys.stderr)
                    continue
                out.write(json.dumps(item, ensure_ascii=False, default=str) + "\n")
                count += 1
    failure = result.failed_boards.get(args.board)
    print(f"jobradar: {args.source}/{args.board}: {count} postings"
          + (f", {quarantined} skipped" if quarantined else "")
          + (f"; FAILED: {failure}" if failure else ""), file=sys.stderr)
    return 1 if failure else 0


def _read_postings(path: Path | None) -> Iterator[tuple[int, dict[str, Any]]]:
    handle: IO[str] = path.open(encoding="utf-8") if path else sys.stdin
    where = str(path) if path else "<stdin>"
    try:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise DataError(f"{where}:{number}: not valid JSON ({error.msg})") from None
            if not isinstance(record, dict):
                raise DataError(f"{where}:{number}: expected a JSON object per line")
            for key in ("title", "description"):
                if not isinstance(record.get(key), str):
                    raise DataError(f"{where}:{number}: posting has no '{key}' string")
            yield number, record
    finally:
        if path:
            handle.close()


class _open_output:
    """stdout, or a file written to a temporary name and renamed when complete."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def __enter__(self) -> IO[str]:
        if self.path is None:
            return sys.stdout
        self.temporary = self.path.with_name(self.path.name + ".tmp")
        self.handle = self.temporary.open("w", encoding="utf-8")
        return self.handle

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        if self.path is None:
            sys.stdout.flush()
            return
        self.handle.close()
        if kind is None:
            os.replace(self.temporary, self.path)
        else:
            self.temporary.unlink(missing_ok=True)


def cmd_label(args: argparse.Namespace, settings: Settings) -> int:
    from flows.train import current_labeller

    if args.input is not None and not args.input.exists():
        raise DataError(f"{args.input}: file not found")
    labeller = current_labeller(args.models_dir or settings.models_path())
    batch: list[dict[str, Any]] = []
    with _open_output(args.output) as out:
        def flush() -> None:
            for record, labels in zip(batch, labeller.label(batch), strict=True):
                out.write(json.dumps({**record, **labels}, ensure_ascii=False) + "\n")
            batch.clear()

        for _, record in _read_postings(args.input):
            batch.append(record)
            if len(batch) >= 1000:
                flush()
        flush()
    return 0


def cmd_train(args: argparse.Namespace, settings: Settings) -> int:
    from flows.train import train_and_save

    for path in args.extra:
        if not path.exists():
            raise DataError(f"{path}: file not found")
    models_dir = args.models_dir or settings.models_path()
    card = train_and_save(models_dir, args.extra, cross_validate=not args.no_cv)
    print(f"trained {card['model_version']} on {card['training_examples']} examples "
          f"-> {models_dir / card['model_version']}")
    for target, metrics in card["cross_validation"].items():
        print(f"  {target}: cross-validated {metrics}")
    return 0


def cmd_demo_server(args: argparse.Namespace, settings: Settings) -> int:
    import time

    from jobradar.demo.server import demo_server

    with demo_server(port=args.port) as url:
        print(f"demo boards on {url} (e.g. {url}/v1/boards/lumenfield/jobs); Ctrl-C to stop")
        while True:
            time.sleep(3600)


COMMANDS = {"run": cmd_run, "crawl": cmd_crawl, "label": cmd_label, "train": cmd_train,
            "demo-server": cmd_demo_server}

if __name__ == "__main__":
    sys.exit(main())
