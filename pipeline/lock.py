"""One writer per data dir: nightly runs and backfills hold an exclusive lock on `DATA_DIR/.lock`
while they crawl and write, so two runs never interleave.

The lock is the kernel's (`flock`), not the file's existence: it goes with its holder's process
however that process ends, SIGKILL included, so a killed run never leaves a stale lock. The file
only says who holds it, or held it last (pid, host, run, since), for the message of a run that
has to wait.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from jobradar.errors import DataDirInUse
from pipeline.store import recover_partitions

LOCK_FILE = ".lock"


def _to_stderr(message: str) -> None:
    print(f"jobradar: {message}", file=sys.stderr)


@contextmanager
def data_dir_lock(data_dir: Path, run: str, timeout: float,
                  notify: Callable[[str], None] = _to_stderr, poll: float = 0.2) -> Iterator[None]:
    """Hold the data dir for `run` (a description such as "nightly run 20240103-… for 2024-01-03").

    When another run holds it, say so through `notify` once, wait up to `timeout` seconds, then
    raise DataDirInUse naming the holder. Once held, a partition swap that a killed holder left
    half-done is finished or undone first (no one else can be writing)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_FILE
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        _acquire(descriptor, path, run, timeout, notify, poll)
        _write_holder(descriptor, run)
        recover_partitions(data_dir)
        yield
    finally:
        os.close(descriptor)  # closing the descriptor releases the lock


def holder_of(data_dir: Path) -> str:
    """Who holds (or last held) the data dir's lock, in words."""
    try:
        holder = json.loads((data_dir / LOCK_FILE).read_text(encoding="utf-8"))
        return f"pid {holder['pid']} on {holder['host']} ({holder['run']}, since {holder['since']})"
    except (OSError, ValueError, KeyError, TypeError):
        return "another process (which has not written its name yet)"


def _acquire(descriptor: int, path: Path, run: str, timeout: float,
             notify: Callable[[str], None], poll: float) -> None:
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        holder = holder_of(path.parent)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise DataDirInUse(
                f"{path.parent} is in use by {holder}; {run} did not start and changed nothing. "
                f"Run it again once that run has finished, or set JOBRADAR_LOCK_TIMEOUT (now "
                f"{timeout:g} s) to wait longer")
        if not told:
            notify(f"{path.parent} is in use by {holder}; {run} waits up to {timeout:g} s "
                   "(JOBRADAR_LOCK_TIMEOUT) for it to finish")
            told = True
        time.sleep(min(poll, remaining))


def _write_holder(descriptor: int, run: str) -> None:
    holder = {"pid": os.getpid(), "host": socket.gethostname(), "run": run,
              "since": datetime.now(UTC).isoformat(timespec="seconds")}
    os.ftruncate(descriptor, 0)
    os.pwrite(descriptor, (json.dumps(holder) + "\n").encode(), 0)
