"""Against a real Prefect server (`prefect server start`, temporary database): the served
deployments run a backfill triggered through the API, and a process work pool with two workers
runs the nightly flow with its crawls fanned out as crawl-shard flow runs (prefect.yaml)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from jobradar.demo.boards import visible_postings
from jobradar.demo.corpus import companies
from pipeline.history import HISTORY_PATH
from pipeline.store import read_manifest

pytest.importorskip("prefect_dask", reason="prefect.yaml's backfill/dask needs the 'distributed' extra")
pytestmark = pytest.mark.server
ROOT = Path(__file__).parent.parent.parent
WAIT = 240  # seconds any one step may take on a slow CI machine


@dataclass
class Processes:
    """Child processes of a test, each in its own session; all killed (group and all) at the end."""

    logs: Path
    env: dict[str, str]
    started: list[tuple[str, subprocess.Popen]] = field(default_factory=list)

    def start(self, name: str, *command: str, cwd: Path = ROOT) -> subprocess.Popen:
        log = (self.logs / f"{name}.log").open("w")
        process = subprocess.Popen(command, cwd=cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.started.append((name, process))
        return process

    def run(self, name: str, *command: str, cwd: Path = ROOT) -> str:
        process = self.start(name, *command, cwd=cwd)
        try:
            process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            pytest.fail(f"{name} did not finish in {WAIT} s:\n{self.tail(name)}")
        assert process.returncode == 0, f"{name} exited {process.returncode}:\n{self.tail(name)}"
        return (self.logs / f"{name}.log").read_text()

    def tail(self, name: str) -> str:
        return (self.logs / f"{name}.log").read_text()[-4000:]

    def stop_all(self) -> None:
        for _, process in reversed(self.started):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        for _, process in self.started:
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for _, process in self.started:  # grandchildren (flow-run processes) of a stopped group
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what: str, check: Callable[[], Any], processes: Processes, timeout: float = WAIT) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, process in processes.started:
            assert process.poll() is None or process.returncode == 0, \
                f"{name} died while waiting for {what}:\n{processes.tail(name)}"
        if result := check():
            return result
        time.sleep(0.5)
    pytest.fail(f"timed out waiting for {what}; logs in {processes.logs}")


@contextmanager
def client_of(url: str) -> Iterator[Any]:
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: url}), get_client(sync_client=True) as client:
        yield client


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory, models_dir: Path) -> Iterator[Processes]:
    """`prefect server start` on 127.0.0.1 with its own PREFECT_HOME and SQLite database."""
    home = tmp_path_factory.mktemp("prefect-home")
    url = f"http://127.0.0.1:{free_port()}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": url,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "false",
           "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{home}/prefect.db",
           "PREFECT_WORKER_QUERY_SECONDS": "1", "PREFECT_RUNNER_POLL_FREQUENCY": "1",
           "JOBRADAR_MODEL_DIR": str(models_dir), "PWD": str(ROOT)}
    processes = Processes(home, env)
    try:
        port = url.rsplit(":", 1)[1].split("/")[0]
        processes.start("server", sys.executable, "-m", "prefect", "server", "start",
                        "--host", "127.0.0.1", "--port", port)
        wait_for("the Prefect server", lambda: _healthy(url), processes)
        yield processes
    finally:
        processes.stop_all()


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _deployment(url: str, name: str) -> Any:
    from prefect.exceptions import ObjectNotFound

    with client_of(url) as client:
        try:
            return client.read_deployment_by_name(name)
        except ObjectNotFound:
            return None


def _runs_of(url: str, deployment_id: Any) -> list[Any]:
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    with client_of(url) as client:
        return client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])))


def test_served_deployments_run_a_backfill_triggered_through_the_api(prefect_server: Processes,
                                                                     tmp_path: Path) -> None:
    processes, url = prefect_server, prefect_server.env["PREFECT_API_URL"]
    data_dir = tmp_path / "data"
    processes.start("serve", sys.executable, "-m", "jobradar.cli", "serve", "--name", "test",
                    "--cron", "30 3 * * *", "--data-dir", str(data_dir))
    nightly = wait_for("the served deployments",
                       lambda: _deployment(url, "backfill/test") and _deployment(url, "nightly/test"), processes)
    assert nightly.schedules[0].schedule.cron == "30 3 * * *"
    assert nightly.schedules[0].schedule.timezone == "UTC"

    days = [date(2024, 2, 1), date(2024, 2, 2)]
    processes.run("trigger", sys.executable, "-m", "prefect", "deployment", "run", "backfill/test",
                  "--param", f"start={days[0]}", "--param", f"end={days[-1]}", "--param", "mode=crawl",
                  "--watch", "--watch-interval", "1", "--watch-timeout", str(WAIT))

    [flow_run] = _runs_of(url, _deployment(url, "backfill/test").id)
    assert flow_run.state.is_completed(), processes.tail("serve")
    assert flow_run.parameters == {"start": "2024-02-01", "end": "2024-02-02", "mode": "crawl",
                                   "data_dir": str(data_dir.resolve())}
    for day in days:
        manifest = read_manifest(data_dir, day)
        assert manifest is not None and manifest.mode == "crawl" and not manifest.failed_boards
        assert manifest.rows == sum(len(visible_postings(c.board, day)) for c in companies())
    assert (data_dir / HISTORY_PATH).exists()
    with client_of(url) as client:
        artifacts = client.read_artifacts()
    keys = {artifact.key for artifact in artifacts}
    assert {"jobradar-backfill", "jobradar-run-report", "jobradar-run-table"} <= keys


def test_two_process_workers_run_the_nightly_with_crawls_fanned_out(prefect_server: Processes,
                                                                    tmp_path: Path) -> None:
    processes, url = prefect_server, prefect_server.env["PREFECT_API_URL"]
    data_dir, day = tmp_path / "data", date(2024, 2, 3)
    prefect = (sys.executable, "-m", "prefect")
    processes.run("pool", *prefect, "work-pool", "create", "jobradar", "--type", "process")
    processes.run("deploy", *prefect, "--no-prompt", "deploy", "--all")
    with client_of(url) as client:  # no 02:00 run may start in the middle of the test
        client.pause_deployment(_deployment(url, "nightly/pool").id)
    for worker in ("worker-1", "worker-2"):
        processes.start(worker, *prefect, "worker", "start", "--pool", "jobradar", "--name", worker)

    sources = tmp_path / "sources.toml"  # three demo boards, crawled in two shards
    sources.write_text('[lever]\nbase_url = "demo"\n' + "".join(
        f'[[lever.boards]]\nsite = "{site}"\n' for site in ("parley", "meridian", "brightpath")))

    processes.run("trigger-pool", *prefect, "deployment", "run", "nightly/pool",
                  "--param", f"run_date={day}", "--param", f"data_dir={data_dir}",
                  "--param", f"sources={sources}", "--param", "boards_per_shard=2",
                  "--watch", "--watch-interval", "1", "--watch-timeout", str(WAIT))

    [nightly] = [run for run in _runs_of(url, _deployment(url, "nightly/pool").id)
                 if run.parameters.get("run_date") == day.isoformat()]  # not the cron's scheduled runs
    assert nightly.state.is_completed(), processes.tail("worker-1") + processes.tail("worker-2")
    shards = [run for run in _runs_of(url, _deployment(url, "crawl-shard/pool").id)
              if run.parameters.get("run_date") == day.isoformat()]
    assert sorted(run.parameters["boards"] for run in shards) == [["brightpath"], ["parley", "meridian"]]
    assert all(run.state.is_completed() and run.work_pool_name == "jobradar" for run in shards)
    manifest = read_manifest(data_dir, day)
    assert manifest is not None and not manifest.failed_boards
    assert manifest.archive == {"lever": [f"{manifest.run_id}-shard0", f"{manifest.run_id}-shard1"]}
    assert manifest.rows == sum(len(visible_postings(site, day)) for site in ("parley", "meridian", "brightpath"))
    with client_of(url) as client:
        workers = client.read_workers_for_work_pool("jobradar")
    assert sorted(worker.name for worker in workers) == ["worker-1", "worker-2"]
