"""Backfills: re-label a date range from the raw archive (no network), or crawl past dates from the
sources that have history. Each date is its own idempotent unit: it is skipped when its partition
was already written by the same mode with the current model, so re-running a backfill that failed
or was killed redoes only the dates that did not finish."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture

from classifiers.persistence import current_version, verify_model
from flows.crawl import crawl_all, crawl_jobs, require_a_crawled_board
from flows.label_worker import label_worker
from flows.partition import load_labeller, new_run_id, publish_partition, publish_report, update_history
from flows.periods import past_crawls, without_history
from jobradar.config import SourceConfig, load_sources
from jobradar.demo.corpus import SOURCES_FILE as DEMO_SOURCES
from jobradar.demo.server import demo_server
from jobradar.settings import Settings
from pipeline.archive import archived_dates, latest_crawls
from pipeline.dataset import partition_problem
from pipeline.lock import data_dir_lock
from pipeline.store import read_manifest

Mode = Literal["relabel", "crawl"]  # a choice in the Prefect UI's run form
MODES = get_args(Mode)
SUMMARY_ARTIFACT = "jobradar-backfill"


class BackfillIncomplete(RuntimeError):
    """Some dates failed; the others are done, and running the same backfill again redoes these."""


@task(cache_policy=NO_CACHE, task_run_name="{mode}-{run_date}")
def backfill_date(run_date: date, mode: str, data_dir: Path, crawl: tuple[SourceConfig, ...],
                  demo_url: str | None, settings: Settings,
                  companies: dict[tuple[str, str], str | None]) -> dict[str, Any]:
    """One date: crawl its past view of `crawl` (crawl mode), then rebuild its partition from the
    latest finished crawl of every archived source, labelled with the current model."""
    run_id = new_run_id(run_date)
    if crawl:
        require_a_crawled_board(crawl_all(crawl_jobs(crawl, run_date, run_id, demo_url), data_dir, settings),
                                run_date)
    report = publish_partition(data_dir, run_date, run_id, mode, latest_crawls(data_dir, run_date),
                               label_worker(settings.models_path(data_dir)),  # one for every date
                               settings.max_description_chars, companies)
    publish_report(report)
    return report.as_dict()


@flow(name="backfill", log_prints=True)
def backfill(start: date, end: date, mode: Mode = "relabel", sources: str | None = None,
             data_dir: str | None = None, concurrency: int | None = None) -> dict[str, Any]:
    """Backfill the dates from `start` to `end` (inclusive).

    `relabel`: every archived date, rebuilt from the raw archive with the current model.
    `crawl`: every date on which a configured source can be crawled as it stood then (the demo
    boards: every day; Hacker News: a month's first day), crawled, then rebuilt the same way.
    At most `concurrency` dates (default JOBRADAR_BACKFILL_CONCURRENCY) are worked on at once.
    """
    if mode not in MODES:
        raise ValueError(f"mode {mode!r}: use one of {', '.join(MODES)}")
    if end < start:
        raise ValueError(f"end {end} is before start {start}")
    settings = Settings.from_env()
    root = Path(data_dir) if data_dir else settings.data_dir
    config = load_sources(Path(sources) if sources else DEMO_SOURCES)
    logger = get_run_logger()
    with data_dir_lock(root, f"{mode} backfill {start}..{end}", settings.lock_timeout, logger.warning):
        models = settings.models_path(root)
        if current_version(models) is None:
            load_labeller(models)  # the first model, trained from the bundled data
        # the dates load the model themselves: here its card will do (checked, not loaded)
        model_version = verify_model(models)["model_version"]
        if mode == "crawl":
            plan = {crawl.run_date: crawl.sources for crawl in past_crawls(config, start, end)}
            if skipped := without_history(config):
                logger.warning("no history to crawl for %s: their archived dates are re-labelled only "
                               "when a crawled source shares the date", ", ".join(skipped))
        else:
            plan = {day: () for day in archived_dates(root, start, end)}
            if not plan:
                held = archived_dates(root, date.min, date.max)
                logger.warning("nothing archived from %s to %s to re-label; the raw archive of %s %s", start, end,
                               root, f"holds {held[0]} to {held[-1]}" if held else "is empty")
        done = [day for day in plan if (m := read_manifest(root, day)) and m.completes(mode, model_version)
                and partition_problem(root, day) is None]  # a damaged partition is redone
        todo = [day for day in plan if day not in done]
        print(f"backfill {mode} {start}..{end} with model {model_version}: {len(plan)} dates, "
              f"{len(done)} already done, {len(todo)} to do")
        limit = concurrency or settings.backfill_concurrency
        uses_demo = any(s.uses_demo for day in todo for s in plan[day])
        with demo_server() if uses_demo else nullcontext(None) as demo_url:
            futures = _submit_bounded(todo, limit, lambda day: backfill_date.submit(
                day, mode, root, plan[day], demo_url, settings, config.companies()))
            reports, failed = {}, {}
            for day, future in futures:
                try:
                    reports[day] = future.result()
                except Exception as error:
                    failed[day] = f"{type(error).__name__}: {error}"
                    logger.error("%s %s failed: %s", mode, day, failed[day])
        history = update_history(root, settings.close_after_runs)
    summary = {
        "mode": mode, "start": start.isoformat(), "end": end.isoformat(), "model_version": model_version,
        "skipped": [d.isoformat() for d in done], "written": [d.isoformat() for d in sorted(reports)],
        "failed": {d.isoformat(): reason for d, reason in sorted(failed.items())},
        "history": str(history),
    }
    _publish_summary(summary, reports)
    print(f"backfill {mode}: {len(reports)} written, {len(done)} skipped (already done), "
          f"{len(failed)} failed; history: {history}")
    if failed:
        raise BackfillIncomplete(
            f"{len(failed)} of {len(todo)} dates failed ({', '.join(summary['failed'])}); "
            "run the same backfill again to redo only those")
    return summary


def _submit_bounded(days: list[date], limit: int, submit: Callable[[date], PrefectFuture],
                    ) -> list[tuple[date, PrefectFuture]]:
    """Submit in order, keeping at most `limit` dates in flight: before each submission, wait for
    the one submitted `limit` places earlier (dates cost about the same, so first-in-first-out)."""
    futures: list[tuple[date, PrefectFuture]] = []
    for day in days:
        if len(futures) >= limit:
            futures[-limit][1].wait()
        futures.append((day, submit(day)))
    return futures


def _publish_summary(summary: dict[str, Any], reports: dict[date, dict[str, Any]]) -> None:
    rows = [{"run_date": day, "status": "skipped (already done)", "postings": None, "ai_share": None,
             "run_id": None} for day in summary["skipped"]]
    rows += [{"run_date": day.isoformat(), "status": "written", "postings": report["postings"],
              "ai_share": report["ai_share"], "run_id": report["run_id"]}
             for day, report in sorted(reports.items())]
    rows += [{"run_date": day, "status": f"FAILED: {reason}", "postings": None, "ai_share": None,
              "run_id": None} for day, reason in summary["failed"].items()]
    rows.sort(key=lambda row: row["run_date"])
    create_table_artifact(rows, key=SUMMARY_ARTIFACT,
                          description=f"backfill {summary['mode']} {summary['start']}..{summary['end']}")
    create_markdown_artifact(
        f"# jobradar {summary['mode']} backfill {summary['start']} .. {summary['end']}\n\n"
        f"Model `{summary['model_version']}`: **{len(summary['written'])} dates written**, "
        f"{len(summary['skipped'])} skipped (already done), **{len(summary['failed'])} failed**."
        + "".join(f"\n- {day}: {reason}" for day, reason in summary["failed"].items())
        + f"\n\nHistory rebuilt: `{summary['history']}`.\n",
        key=f"{SUMMARY_ARTIFACT}-summary", description="what the backfill did")
