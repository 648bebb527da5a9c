"""The crawl fork server: each fork runs with its caller's environment, directory and import path
as they are at the call, reports its exit code and output, is killed on timeout; a server that
dies fails its waiting calls and is replaced; closing it ends its forks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from spiders.forkserver import ForkServer, ForkServerError, fork_server

HERE = f"{__name__}"


# --- functions the forks call -------------------------------------------------------------

def describe_self(out: str) -> int:
    Path(out).write_text(json.dumps({"marker": os.environ.get("JOBRADAR_TEST_MARKER"),
                                     "cwd": os.getcwd(), "pid": os.getpid(), "parent": os.getppid()}))
    return 0


def say_and_return(text: str, code: int) -> int:
    print(text)
    print(f"{text} on stderr", file=sys.stderr)
    return code


def fail(message: str) -> int:
    raise ValueError(message)


def sleep_after_writing_pid(out: str, seconds: float) -> int:
    Path(out).write_text(str(os.getpid()))
    time.sleep(seconds)
    return 0


# --- helpers ------------------------------------------------------------------------------

def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is dead for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def _wait_for(condition, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.02)


@pytest.fixture
def server():
    started = ForkServer()
    yield started
    started.close()


def test_a_fork_runs_with_the_callers_environment_and_directory_at_the_call(
        server: ForkServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out, log = tmp_path / "self.json", str(tmp_path / "log")
    monkeypatch.setenv("JOBRADAR_TEST_MARKER", "first")
    assert server.run(f"{HERE}:describe_self", [str(out)], log, timeout=60) == 0
    first = json.loads(out.read_text())
    assert first["marker"] == "first"

    # the server started before these changes; the next fork still sees them
    monkeypatch.setenv("JOBRADAR_TEST_MARKER", "second")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert server.run(f"{HERE}:describe_self", [str(out)], log, timeout=60) == 0
    second = json.loads(out.read_text())
    assert second["marker"] == "second"
    assert Path(second["cwd"]) == elsewhere
    assert second["pid"] != first["pid"]
    assert second["parent"] == first["parent"] != os.getpid()  # forks of the server, not of us


def test_exit_code_and_output_of_a_fork(server: ForkServer, tmp_path: Path) -> None:
    log = tmp_path / "log"
    assert server.run(f"{HERE}:say_and_return", ["hello", 3], str(log), timeout=60) == 3
    assert sorted(log.read_text().splitlines()) == ["hello", "hello on stderr"]  # both streams, flushed

    assert server.run(f"{HERE}:fail", ["the reason"], str(log), timeout=60) == 1
    assert "ValueError: the reason" in log.read_text()  # the traceback, as a crashed process prints

    assert server.run("no_such_module:main", [], str(log), timeout=60) == 1
    assert "ModuleNotFoundError" in log.read_text()


def test_a_fork_past_its_timeout_is_killed_and_the_server_serves_on(server: ForkServer, tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    assert server.run(f"{HERE}:say_and_return", ["ready", 0], str(tmp_path / "log0"), timeout=60) == 0  # imports done
    with pytest.raises(subprocess.TimeoutExpired):
        server.run(f"{HERE}:sleep_after_writing_pid", [str(pid_file), 120], str(tmp_path / "log"), timeout=3)
    assert not _alive(int(pid_file.read_text()))
    assert server.run(f"{HERE}:say_and_return", ["again", 0], str(tmp_path / "log2"), timeout=60) == 0


def test_a_timeout_is_raised_even_when_the_server_does_not_confirm_the_kill(
        server: ForkServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pid_file = tmp_path / "pid"
    monkeypatch.setattr(server, "kill_confirm_seconds", 0.5)
    assert server.run(f"{HERE}:say_and_return", ["ready", 0], str(tmp_path / "log0"), timeout=60) == 0
    server_pid = server._child.process.pid

    def stop_server_once_forked() -> None:  # a server too busy (here: stopped) to answer the kill
        _wait_for(lambda: pid_file.exists() and pid_file.read_text() != "")
        os.kill(server_pid, signal.SIGSTOP)

    stopper = threading.Thread(target=stop_server_once_forked)
    stopper.start()
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            server.run(f"{HERE}:sleep_after_writing_pid", [str(pid_file), 120], str(tmp_path / "log"), timeout=3)
    finally:
        stopper.join()
        os.kill(server_pid, signal.SIGCONT)
    _wait_for(lambda: not _alive(int(pid_file.read_text())))  # the kill, read once the server resumed
    assert server.run(f"{HERE}:say_and_return", ["again", 0], str(tmp_path / "log2"), timeout=60) == 0


def test_calls_from_many_threads_each_get_their_own_outcome(server: ForkServer, tmp_path: Path) -> None:
    def call(code: int) -> int:
        return server.run(f"{HERE}:say_and_return", [f"call {code}", code], str(tmp_path / f"log{code}"), 60)

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(call, range(8))) == list(range(8))
    assert all(f"call {code}" in (tmp_path / f"log{code}").read_text().splitlines() for code in range(8))


def test_closing_the_server_kills_its_running_forks(server: ForkServer, tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    outcome: list[int] = []

    def long_call() -> None:
        outcome.append(server.run(f"{HERE}:sleep_after_writing_pid", [str(pid_file), 120],
                                  str(tmp_path / "log")))

    caller = threading.Thread(target=long_call)
    caller.start()
    _wait_for(lambda: pid_file.exists() and pid_file.read_text() != "")
    fork = int(pid_file.read_text())
    server.close()  # as when its caller exits or dies: the server's stdin closes
    caller.join(30)
    assert not _alive(fork)
    assert not server.alive
    assert outcome == [-9]  # killed by SIGKILL, reported before the server exits


def test_a_server_that_died_fails_the_waiting_call_and_the_next_call_gets_a_new_one(tmp_path: Path) -> None:
    first = fork_server()
    pid_file = tmp_path / "pid"
    outcome: list[BaseException] = []

    def long_call() -> None:
        try:
            first.run(f"{HERE}:sleep_after_writing_pid", [str(pid_file), 120], str(tmp_path / "log"))
        except BaseException as error:  # noqa: BLE001
            outcome.append(error)

    caller = threading.Thread(target=long_call)
    caller.start()
    _wait_for(lambda: pid_file.exists() and pid_file.read_text() != "")
    first._child.process.kill()
    caller.join(30)
    assert len(outcome) == 1 and isinstance(outcome[0], ForkServerError)
    assert "exited with code -9" in str(outcome[0])
    with pytest.raises(ForkServerError):
        first.run(f"{HERE}:say_and_return", ["to the dead", 0], str(tmp_path / "log"))
    os.kill(int(pid_file.read_text()), 9)  # orphaned by the killed server (a SIGKILL leaves no time to stop it)

    second = fork_server()
    assert second is not first and second.alive
    assert second.run(f"{HERE}:say_and_return", ["to the new", 5], str(tmp_path / "log2"), timeout=60) == 5
