"""A fork server for crawl processes: Scrapy and the spiders imported once, each crawl a fork.

Twisted's reactor cannot be restarted, so every crawl needs a process of its own; importing
Scrapy, Twisted and the spiders costs each one ~0.8 CPU-seconds, more than crawling a hundred
boards. The server (`python -m spiders.forkserver`, started by the first crawl of a process and
kept for its later crawls) imports them and installs no reactor; each crawl is a fork of it that
takes the caller's environment, working directory and import path from the request, sends its
output to the request's log file, calls the request's function (`spiders.run:main` for a crawl,
which installs the reactor) and exits with what it returns. The server runs no threads, so
forking it is safe (forking the caller, which runs Prefect's threads, would not be).

Protocol, one JSON object per line. To the server's stdin: `{"id": N, "call": "MODULE:FUNCTION",
"args": [...], "log": PATH, "env": {...}, "cwd": DIR, "path": [...]}` starts a process,
`{"kill": N}` SIGKILLs one. From the server, on the
stdout it was started with: `{"ready": true}` once its imports are done, then `{"id": N,
"exit": CODE}` as each process ends (CODE negative: killed by that signal). When its stdin
closes (its caller exited or died) the server kills the processes still running, reaps them and
exits.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import itertools
import json
import os
import random
import select
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, NoReturn

from jobradar.child_process import ChildProcess

# setting values naming the classes a crawl may load (components, handlers, queues, ...)
_PRELOADED_PREFIXES = ("scrapy.", "spiders.")


class ForkServerError(RuntimeError):
    """The fork server could not be started, or exited while crawls were running."""


def _component_paths() -> Iterator[str]:
    """Every dotted path of Scrapy's and jobradar's settings: what a crawl may import."""
    from scrapy.settings import Settings

    from spiders.settings import DEFAULTS

    settings = Settings(DEFAULTS)
    for name, value in list(settings.items()):
        if name.endswith("_BASE"):
            value = settings.getwithbase(name[: -len("_BASE")])
        for item in (value.items() if hasattr(value, "items") else [(value, None)]):
            for part in item:
                if isinstance(part, str) and part.startswith(_PRELOADED_PREFIXES):
                    yield part


def preload() -> None:
    """Import what every crawl imports, without installing a reactor (each fork installs its
    own). A path that fails to import is left to the crawl that needs it, which reports it."""
    from scrapy.utils.misc import load_object

    import spiders.run  # noqa: F401  (Scrapy's crawler and every spider)

    for path in sorted(set(_component_paths())):
        try:
            load_object(path)
        except Exception:  # noqa: BLE001, S112  (an optional component: boto, h2, ...)
            continue
    if "twisted.internet.reactor" in sys.modules:  # a fork would find the wrong reactor installed
        raise ForkServerError("preloading Scrapy installed a Twisted reactor; crawls cannot fork from here")


def _reply(fd: int, message: dict[str, Any]) -> None:
    with contextlib.suppress(BrokenPipeError):  # the caller died: its crawls are being stopped
        os.write(fd, json.dumps(message).encode() + b"\n")


_replaced_streams: list[Any] = []  # kept alive: collecting them would flush the server's buffers into the log


def _fresh_streams(unbuffered: bool) -> None:
    """sys.stdout and sys.stderr over fds 1 and 2 as a new process has them: stdout block-buffered
    into a file unless PYTHONUNBUFFERED is set, stderr line-buffered."""
    _replaced_streams.extend((sys.stdout, sys.stderr))
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False,  # noqa: SIM115
                      buffering=1 if unbuffered else -1)
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False,  # noqa: SIM115
                      buffering=1)


def _child(request: dict[str, Any], inherited: list[int]) -> NoReturn:
    """In the fork: become the process the request describes, call its function and exit."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for fd in inherited:
            os.close(fd)
        log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(devnull)
        os.close(log)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        _fresh_streams(unbuffered=bool(request["env"].get("PYTHONUNBUFFERED")))
        sys.path[:] = request["path"]
        tempfile.tempdir = None  # found again from this environment's TMPDIR when first needed
        random.seed()  # not the server's sequence, shared by every fork
        module, function = request["call"].split(":")
        result = getattr(importlib.import_module(module), function)(*request["args"])
        code = result if isinstance(result, int) else 0
    except SystemExit as stop:
        code = 0 if stop.code is None else stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # noqa: BLE001  (reported in the crawl's log, like a crashed process)
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


def serve() -> int:
    """The server's loop: fork a crawl per request, report each exit, stop when stdin closes."""
    replies = os.dup(1)
    os.dup2(2, 1)  # a stray print goes to the log, never into the replies
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the crawls; the server ends with its caller
    preload()
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_read, False)
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # only to wake the select below
    running: dict[int, int] = {}  # pid -> request id
    listening = True
    pending = b""
    _reply(replies, {"ready": True})
    while listening or running:
        readable, _, _ = select.select([0, wake_read] if listening else [wake_read], [], [])
        if wake_read in readable:
            while True:
                try:
                    if not os.read(wake_read, 4096):
                        break
                except BlockingIOError:
                    break
        _reap(running, replies)
        if listening and 0 in readable:
            chunk = os.read(0, 65536)
            if not chunk:  # the caller is gone: nobody will read these crawls' outcomes
                listening = False
                for pid in running:
                    os.kill(pid, signal.SIGKILL)
                continue
            pending += chunk
            *lines, pending = pending.split(b"\n")
            for line in filter(None, lines):
                request = json.loads(line)
                if "kill" in request:
                    for pid, ident in running.items():
                        if ident == request["kill"]:
                            os.kill(pid, signal.SIGKILL)
                    continue
                pid = os.fork()
                if pid == 0:
                    _child(request, [replies, wake_read, wake_write])  # stdin: replaced
                running[pid] = request["id"]
    return 0


def _reap(running: dict[int, int], replies: int) -> None:
    while running:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        ident = running.pop(pid, None)
        if ident is not None:
            _reply(replies, {"id": ident, "exit": os.waitstatus_to_exitcode(status)})


class ForkServer:
    """The caller's side: one server process, shared by the threads that start crawls."""

    kill_confirm_seconds = 30.0  # after a timeout, how long to wait for the killed fork's exit

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._waiting: dict[int, Future[int]] = {}
        self._child = ChildProcess("spiders.forkserver", name="jobradar-forkserver")
        threading.Thread(target=self._read_replies, name="jobradar-forkserver", daemon=True).start()

    @property
    def alive(self) -> bool:
        return self._child.alive

    def run(self, call: str, args: list[Any], log: str, timeout: float | None = None) -> int:
        """Call `call` ("module:function", e.g. "spiders.run:main") with `args` in a fork, with
        this process's environment, working directory and import path, its output in `log`; its
        exit code (the function's return value). On timeout the fork is killed and
        subprocess.TimeoutExpired raised, as subprocess.run would."""
        done: Future[int] = Future()
        with self._lock:
            if not self.alive:
                raise ForkServerError(f"the crawl fork server exited{self._child.last_words()}")
            ident = next(self._ids)
            self._waiting[ident] = done
            self._send({"id": ident, "call": call, "args": args, "log": log, "env": dict(os.environ),
                        "cwd": os.getcwd(), "path": [str(entry) for entry in sys.path]})
        try:
            return done.result(timeout)
        except FutureTimeout:
            with self._lock:
                self._send({"kill": ident})
            try:
                done.result(self.kill_confirm_seconds)  # the kill is reported like any exit
            except (FutureTimeout, ForkServerError):  # not confirmed: the timeout is still the news
                with self._lock:
                    self._waiting.pop(ident, None)
            raise subprocess.TimeoutExpired(f"{call}{tuple(args)}", timeout or 0) from None

    def close(self, timeout: float = 30) -> None:
        """Close the server's stdin and wait for it to exit (it kills crawls still running)."""
        self._child.close(timeout)

    def _send(self, message: dict[str, Any]) -> None:
        stdin = self._child.process.stdin
        assert stdin is not None
        try:
            with self._child.stdin_lock:
                stdin.write(json.dumps(message).encode() + b"\n")
                stdin.flush()
        except (BrokenPipeError, ValueError) as error:
            raise ForkServerError(f"the crawl fork server exited{self._child.last_words()}") from error

    def _read_replies(self) -> None:
        process = self._child.process
        assert process.stdout is not None
        for line in process.stdout:
            try:
                message = json.loads(line)
            except ValueError:  # printed by an import before the server took its stdout over
                self._child.remember(line)
                continue
            if not isinstance(message, dict) or "id" not in message:  # {"ready": true}
                continue
            with self._lock:
                done = self._waiting.pop(message["id"], None)
            if done is not None:
                done.set_result(int(message["exit"]))
        process.wait()
        with self._lock:  # the server died: no waiting crawl will be reported
            waiting, self._waiting = self._waiting, {}
        error = ForkServerError(f"the crawl fork server exited with code {process.returncode}"
                                f"{self._child.last_words()}")
        for done in waiting.values():
            done.set_exception(error)


_server: ForkServer | None = None
_server_lock = threading.Lock()


def fork_server() -> ForkServer:
    """This process's fork server, started on first use (and again if it died)."""
    global _server
    with _server_lock:
        if _server is None or not _server.alive:
            _server = ForkServer()
        return _server


def stop_fork_server() -> None:
    """Stop this process's fork server now (it starts again on the next crawl)."""
    global _server
    with _server_lock:
        server, _server = _server, None
    if server is not None:
        server.close()


atexit.register(stop_fork_server)  # once, for whichever server is running at exit


if __name__ == "__main__":
    code = serve()
    sys.stderr.flush()
    os._exit(code)  # without the interpreter's teardown of everything preloaded: nothing is left to flush
