"""A Python module run as a child process that its parent talks to over the child's stdin and
stdout (the crawl fork server, the labelling process): started, the last lines of its stderr kept
to explain its death, and closed."""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from typing import IO, Any

LAST_LINES = 20


class ChildProcess:
    """`python -m MODULE ARGS...` with pipes for stdin, stdout and stderr. Whoever writes to its
    stdin holds `stdin_lock`, which `close` takes too. With `echo`, its stderr is also copied to
    this process's stderr, line by line."""

    def __init__(self, module: str, *args: str, name: str, echo: bool = False) -> None:
        self.process = subprocess.Popen([sys.executable, "-m", module, *args], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.stdin_lock = threading.Lock()
        self._echo = echo
        self._lines: list[str] = []
        threading.Thread(target=self._read_stderr, name=f"{name}-log", daemon=True).start()

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def remember(self, line: bytes) -> str:
        """Keep `line` among the last lines that `last_words` gives; returns it as text."""
        text = line.decode(errors="replace").rstrip()
        self._lines = [*self._lines[-(LAST_LINES - 1):], text]
        return text

    def last_words(self) -> str:
        """"; its last log lines:" and those lines, for an error message (empty if it said nothing)."""
        return ("; its last log lines:\n" + "\n".join(self._lines)) if self._lines else ""

    def close(self, timeout: float = 30) -> None:
        """Close its stdin (the sign to finish) and wait for it to exit; kill it after `timeout`."""
        with self.stdin_lock, contextlib.suppress(OSError):
            if self.process.stdin is not None and not self.process.stdin.closed:
                self.process.stdin.close()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            text = self.remember(line)
            if self._echo:
                print(text, file=sys.stderr)


def send_pickle(stream: IO[bytes] | None, message: Any) -> None:
    """One pickle frame to `stream` (a child's stdin, or the replies a child writes), flushed."""
    assert stream is not None
    pickle.dump(message, stream, protocol=pickle.HIGHEST_PROTOCOL)
    stream.flush()


def replies_to_parent() -> IO[bytes]:
    """In a child: its stdout, as the binary stream of its replies to the parent; whatever is
    printed from now on goes to stderr (which the parent reads as the child's log), line by line."""
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    sys.stdout = sys.stderr
    return replies
