"""`jobradar run` as a real process, killed with SIGKILL mid-crawl and mid-write, and run twice at
once on one data dir: the previous partition survives, the raw archive keeps every response it had,
a rerun completes the date with the same rows, and a second run waits or refuses, never interleaves.

Each test starts from a copy of the session's nightly runs, so the date already has a partition
from an earlier run. The demo boards are served by the test with one board's answer held back, so
a crawl is in progress for as long as the test wants.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from http.server import ThreadingHTTPServer
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from jobradar.demo.boards import visible_postings
from jobradar.demo.corpus import SOURCES_FILE as DEMO_SOURCES
from jobradar.demo.server import DemoBoardHandler, serving
from pipeline.archive import RECORD_SUFFIX
from pipeline.lock import data_dir_lock, holder_of
from pipeline.normalise import Quarantined, normalise_records
from pipeline.sources import PARSERS
from pipeline.store import partition_path, read_jsonl_gz, read_manifest
from tests.conftest import NIGHTLY_DATES

pytestmark = pytest.mark.e2e
DAY = NIGHTLY_DATES[2]
HELD = "tessellate"  # a greenhouse board; the other three answer at once
ANSWERED = {"lumenfield", "harborline", "quillstone"}
ROOT = Path(__file__).parents[2]

# Runs `jobradar ARGS…` and stops it just before the rename named by WINDOW (a test hook that lives
# only here): "before-swap" pauses before the previous partition is moved aside, "mid-swap" between
# that rename and the one that puts the new partition in place. It writes MARKER when it pauses.
PAUSE_AT_RENAME = """
import os, sys, time
marker, window, day, *args = sys.argv[1:]
final = f"{os.sep}postings{os.sep}dt={day}"

def pausing(rename):
    def pause_then_rename(source, target, *rest, **options):
        if (window == "before-swap" and os.fspath(source).endswith(final)) or (
                window == "mid-swap" and os.fspath(target).endswith(final)):
            with open(marker, "w") as handle:
                handle.write(window)
            time.sleep(600)
        return rename(source, target, *rest, **options)
    return pause_then_rename

os.rename, os.replace = pausing(os.rename), pausing(os.replace)
from jobradar.cli import main
sys.exit(main(args))
"""


@pytest.fixture
def data_dir(nightly_runs: Path, tmp_path: Path, models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "data"
    shutil.copytree(nightly_runs, target)
    monkeypatch.setenv("JOBRADAR_MODEL_DIR", str(models_dir))
    return target


@pytest.fixture
def env(prefect_harness: None, data_dir: Path) -> dict[str, str]:
    """The environment of a `jobradar run` child: the session's Prefect API, no delays."""
    from prefect.settings import PREFECT_API_URL

    return {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "JOBRADAR_DOWNLOAD_DELAY": "0",
            "JOBRADAR_AUTOTHROTTLE": "false", "JOBRADAR_DOWNLOAD_TIMEOUT": "120"}


@contextmanager
def demo_boards_holding(board: str) -> Iterator[tuple[str, threading.Event, list[str]]]:
    """(URL, release, paths requested) of the demo boards, with `board` unanswered until release."""
    release = threading.Event()
    requested: list[str] = []

    class Handler(DemoBoardHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            requested.append(self.path)
            if f"/{board}" in self.path:
                release.wait(120)
            super().do_GET()

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler), "held-demo-boards") as url:
        try:
            yield url, release, requested
        finally:
            release.set()  # before shutting down, which waits for the held request


def sources_at(tmp_path: Path, url: str) -> Path:
    """The demo configuration, crawled from `url` as the boards stood on DAY."""
    path = tmp_path / "sources.toml"
    path.write_text(DEMO_SOURCES.read_text().replace('base_url = "demo"', f'base_url = "{url}/as-of/{DAY}"'))
    return path


def jobradar(*args: object) -> list[str]:
    return [sys.executable, "-m", "jobradar.cli", *(str(arg) for arg in args)]


@contextmanager
def started(command: list[str], log: Path, env: dict[str, str]) -> Iterator[subprocess.Popen]:
    """A child in its own process group (with its crawl processes); SIGKILLed if still running."""
    with log.open("w") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True, cwd=ROOT)
        try:
            yield process
        finally:
            kill(process)


def kill(process: subprocess.Popen) -> None:
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def wait_until(condition: Callable[[], object], what: str, log: Path, process: subprocess.Popen,
               timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"the run ended before {what}:\n{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"no {what} in {timeout:g} s:\n{log.read_text()[-3000:]}"
        time.sleep(0.05)


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def rows(data_dir: Path) -> list[dict]:
    return pq.read_table(partition_path(data_dir, DAY)).drop_columns(["run_id", "scraped_at"]).to_pylist()


def rerun_completes_the_date(data_dir: Path, nightly_runs: Path) -> None:
    from flows.nightly import nightly

    report = nightly(run_date=DAY, data_dir=str(data_dir))
    again = rows(data_dir)
    assert again == rows(nightly_runs)  # the rows of a single run of the date
    assert len({row["posting_id"] for row in again}) == len(again) == report["postings"]
    assert read_manifest(data_dir, DAY).run_id == report["run_id"]
    assert not any((data_dir / ".staging").iterdir())


def test_a_run_killed_mid_crawl_keeps_the_previous_partition_and_every_archived_response(
        data_dir: Path, env: dict[str, str], nightly_runs: Path, tmp_path: Path) -> None:
    previous = files_in(partition_path(data_dir, DAY))
    greenhouse = data_dir / "raw" / "source=greenhouse" / f"dt={DAY}"
    earlier = set(greenhouse.iterdir())
    log = tmp_path / "killed.log"

    def archived() -> list[dict]:
        new = [path for path in greenhouse.glob("*.jsonl.gz") if path not in earlier]
        return list(read_jsonl_gz(new[0])) if new else []

    with demo_boards_holding(HELD) as (url, _, _), \
            started(jobradar("run", "--date", DAY, "--sources", sources_at(tmp_path, url),
                             "--data-dir", data_dir), log, env) as process:
        wait_until(lambda: len(archived()) == len(ANSWERED), "archived greenhouse responses", log, process)
        kill(process)  # the whole process group, crawl processes included, as a dying machine would

    assert files_in(partition_path(data_dir, DAY)) == previous  # byte for byte
    assert read_manifest(data_dir, DAY).run_id == read_manifest(nightly_runs, DAY).run_id
    [archive] = [path for path in greenhouse.glob("*.jsonl.gz") if path not in earlier]
    with pytest.raises(EOFError):  # the writer never closed the file: it was killed mid-stream ...
        gzip.decompress(archive.read_bytes())
    responses = list(read_jsonl_gz(archive))  # ... yet every response it wrote reads back whole
    assert {response["board"] for response in responses} == ANSWERED and len(responses) == len(ANSWERED)
    postings = list(normalise_records(responses, PARSERS, {}, 100_000))
    assert not [item for item in postings if isinstance(item, Quarantined)]
    assert len(postings) == sum(len(visible_postings(board, DAY)) for board in ANSWERED)
    assert not archive.with_name(archive.name.replace(".jsonl.gz", RECORD_SUFFIX)).exists()  # unfinished

    rerun_completes_the_date(data_dir, nightly_runs)


@pytest.mark.parametrize("window", ["before-swap", "mid-swap"])
def test_a_run_killed_while_writing_its_partition_keeps_the_previous_one(
        data_dir: Path, env: dict[str, str], nightly_runs: Path, tmp_path: Path, window: str) -> None:
    previous = files_in(partition_path(data_dir, DAY))
    marker, log = tmp_path / "paused", tmp_path / "killed.log"
    command = [sys.executable, "-c", PAUSE_AT_RENAME, marker, window, DAY,
               "run", "--date", DAY, "--data-dir", data_dir]
    with started([str(part) for part in command], log, env) as process:
        wait_until(marker.exists, "pause at the partition swap", log, process)
        kill(process)

    staged = {path.name.split("_")[0]: path for path in (data_dir / ".staging").iterdir()}
    assert set(staged) == ({"new-dt=" + DAY.isoformat()} if window == "before-swap"
                           else {"new-dt=" + DAY.isoformat(), "old-dt=" + DAY.isoformat()})
    if window == "mid-swap":  # the previous partition was moved aside, whole; the next writer puts it back
        assert not partition_path(data_dir, DAY).exists()
        assert files_in(staged["old-dt=" + DAY.isoformat()]) == previous
        with data_dir_lock(data_dir, "the next run", 0):
            pass
    assert files_in(partition_path(data_dir, DAY)) == previous
    assert pq.read_table(partition_path(data_dir, DAY)).num_rows == read_manifest(nightly_runs, DAY).rows

    rerun_completes_the_date(data_dir, nightly_runs)


def test_a_second_run_on_the_same_data_dir_waits_or_refuses_and_never_interleaves(
        data_dir: Path, env: dict[str, str], nightly_runs: Path, tmp_path: Path) -> None:
    with demo_boards_holding(HELD) as (url, release, requested):
        run = jobradar("run", "--date", DAY, "--sources", sources_at(tmp_path, url), "--data-dir", data_dir)
        first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"
        with started(run, first_log, env) as first:
            wait_until(lambda: any(HELD in path for path in requested), "crawl of the held board",
                       first_log, first)
            assert f"pid {first.pid} " in holder_of(data_dir)

            refused = subprocess.run(run, env={**env, "JOBRADAR_LOCK_TIMEOUT": "1"}, capture_output=True,
                                     text=True, timeout=120, cwd=ROOT)
            assert refused.returncode == 5, refused.stderr
            assert refused.stderr.splitlines()[-1].startswith(f"jobradar: error: {data_dir} is in use by "
                                                              f"pid {first.pid} ")
            first_run_id = re.search(r"nightly run (\S+) for", refused.stderr.splitlines()[-1]).group(1)
            assert "Traceback" not in refused.stderr

            with started(run, second_log, {**env, "JOBRADAR_LOCK_TIMEOUT": "120"}) as second:
                wait_until(lambda: "waits up to 120 s" in second_log.read_text(), "notice that it waits",
                           second_log, second)
                crawled_before_release = list(requested)
                release.set()
                assert first.wait(120) == 0, first_log.read_text()[-3000:]
                assert second.wait(120) == 0, second_log.read_text()[-3000:]

    board_requests = [path for path in crawled_before_release if "robots.txt" not in path]
    assert len(board_requests) == len(set(board_requests)) == 10  # the first run's crawl alone
    assert f"jobradar run {first_run_id} for {DAY}" in first_log.read_text()
    assert f"nightly run {first_run_id}" in second_log.read_text()  # it named whom it waited for
    assert read_manifest(data_dir, DAY).run_id != first_run_id  # the second run wrote last ...
    assert rows(data_dir) == rows(nightly_runs)  # ... the rows of a single run
