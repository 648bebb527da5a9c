"""pipeline/lock.py: one writer per data dir, a clear refusal naming the holder, no stale lock
after a SIGKILL, and a half-done partition swap undone by the next holder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from jobradar.errors import DataDirInUse
from pipeline.lock import LOCK_FILE, data_dir_lock, holder_of

HOLD_IN_A_CHILD = """
import sys, time
from pathlib import Path
from pipeline.lock import data_dir_lock
with data_dir_lock(Path(sys.argv[1]), "nightly run r-child for 2024-01-03", 0):
    print("held", flush=True)
    time.sleep(600)
"""


def test_a_second_holder_is_refused_naming_the_first_and_the_fix(tmp_path: Path) -> None:
    with data_dir_lock(tmp_path, "nightly run r1 for 2024-01-03", 0), \
            pytest.raises(DataDirInUse) as refused, data_dir_lock(tmp_path, "relabel backfill", 0):
        pytest.fail("two holders at once")
    message = str(refused.value)
    assert f"pid {os.getpid()}" in message and "nightly run r1 for 2024-01-03" in message
    assert "relabel backfill did not start and changed nothing" in message
    assert "JOBRADAR_LOCK_TIMEOUT" in message and refused.value.exit_code == 5
    with data_dir_lock(tmp_path, "relabel backfill", 0):  # released on leaving
        assert "relabel backfill" in holder_of(tmp_path)


def test_a_waiting_run_says_so_once_and_starts_when_the_holder_finishes(tmp_path: Path) -> None:
    order: list[str] = []
    notices: list[str] = []
    first_holds = threading.Event()

    def first() -> None:
        with data_dir_lock(tmp_path, "nightly run r1 for 2024-01-03", 0):
            first_holds.set()
            time.sleep(0.6)
            order.append("first done")

    thread = threading.Thread(target=first)
    thread.start()
    first_holds.wait(5)
    with data_dir_lock(tmp_path, "nightly run r2 for 2024-01-03", 10, notices.append, poll=0.05):
        order.append("second starts")
    thread.join()
    assert order == ["first done", "second starts"]
    assert len(notices) == 1 and "nightly run r1" in notices[0] and "waits up to 10 s" in notices[0]


def test_a_waiting_run_gives_up_after_the_timeout(tmp_path: Path) -> None:
    with data_dir_lock(tmp_path, "nightly run r1 for 2024-01-03", 0):
        started = time.monotonic()
        with pytest.raises(DataDirInUse, match="nightly run r1"), \
                data_dir_lock(tmp_path, "nightly run r2 for 2024-01-03", 0.5, lambda _: None, poll=0.05):
            pass
        assert 0.5 <= time.monotonic() - started < 3


def test_a_sigkilled_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", HOLD_IN_A_CHILD, str(tmp_path)], stdout=subprocess.PIPE,
                             text=True, cwd=Path(__file__).parents[2])
    try:
        assert child.stdout is not None and child.stdout.readline() == "held\n"
        with pytest.raises(DataDirInUse, match=f"pid {child.pid} on .*r-child"), \
                data_dir_lock(tmp_path, "nightly run r2 for 2024-01-03", 0):
            pass
        child.send_signal(signal.SIGKILL)
        child.wait()
    finally:
        child.kill()
        child.wait()
    assert (tmp_path / LOCK_FILE).exists()  # the file stays; the kernel's lock went with the process
    with data_dir_lock(tmp_path, "nightly run r2 for 2024-01-03", 0):
        assert f"pid {os.getpid()}" in holder_of(tmp_path)


def test_the_next_holder_undoes_a_partition_swap_a_killed_run_left_half_done(tmp_path: Path) -> None:
    # killed between its two renames: the previous partition moved aside, the new one not yet in place
    (tmp_path / "postings").mkdir()
    previous = tmp_path / ".staging" / "old-dt=2024-01-03_r1"
    previous.mkdir(parents=True)
    (previous / "part-0.parquet").write_bytes(b"the previous rows")
    (tmp_path / ".staging" / "new-dt=2024-01-03_r1").mkdir()
    (tmp_path / ".staging" / "new-dt=2024-01-03_r1" / "part-0.parquet").write_bytes(b"the new rows")
    with data_dir_lock(tmp_path, "nightly run r2 for 2024-01-03", 0):
        restored = tmp_path / "postings" / "dt=2024-01-03" / "part-0.parquet"
        assert restored.read_bytes() == b"the previous rows"
        assert not any((tmp_path / ".staging").iterdir())
